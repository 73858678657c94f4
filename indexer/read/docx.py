"""DOCX bytes to blocks, in document order, after zip-bomb and XML-entity checks."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator

import docx
from docx.oxml.ns import qn

from .blocks import Block, Paragraph, ReadError, SpanCell, Table, spread_cells

MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_XML = 32 * 1024 * 1024  # all XML parts together; a real report's document.xml is ~1-3 MB
MAX_MEMBERS = 10_000
MAX_TABLE_NESTING = 20
PROLOG_BYTES = 64 * 1024  # a DOCTYPE must come before the root element, within this prolog

XML_DECLARATION = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.I)
ROOT_ELEMENT = re.compile(rb"<[A-Za-z_]")
HIDDEN = re.compile(rb"<!--.*?(?:-->|$)|<\?.*?(?:\?>|$)", re.S)

W_P, W_TBL, W_TR, W_TC = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
W_T, W_TAB, W_BR, W_CR = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")
W_SDT_CONTENT, W_TCPR, W_TRPR = qn("w:sdtContent"), qn("w:tcPr"), qn("w:trPr")
W_GRIDSPAN, W_VMERGE, W_VAL = qn("w:gridSpan"), qn("w:vMerge"), qn("w:val")
W_GRIDBEFORE, W_PPR, W_RPR = qn("w:gridBefore"), qn("w:pPr"), qn("w:rPr")
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Containers whose children are read as if they were in the body.
TRANSPARENT = {W_SDT_CONTENT, qn("w:sdt"), qn("w:customXml"), qn("w:ins"), qn("w:smartTag")}


def zip_kind(data: bytes) -> str:
    """`docx` for a zip whose directory names `word/document.xml`, else `zip` or `corrupt`."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return "docx" if "word/document.xml" in zf.namelist() else "zip"
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return "corrupt"


def check_package(data: bytes) -> None:
    """Reject zip bombs (by the directory's uncompressed sizes) and XML with DTDs."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise ReadError("corrupt .docx (truncated or damaged zip)") from None
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_MEMBERS:
            raise ReadError(f"docx has {len(infos)} zip members (limit {MAX_MEMBERS})")
        if sum(i.file_size for i in infos) > MAX_UNCOMPRESSED:
            raise ReadError(f"docx uncompressed size exceeds {MAX_UNCOMPRESSED // 2**20} MB cap")
        xml = sum(i.file_size for i in infos if i.filename.endswith((".xml", ".rels")))
        if xml > MAX_XML:  # parsed into a tree of objects: ~20x its size in memory
            raise ReadError(
                f"docx XML inflates to {xml // 2**20} MB (limit {MAX_XML // 2**20} MB of XML)"
            )
        for info in infos:
            if info.filename.endswith((".xml", ".rels")):
                with zf.open(info) as member:
                    check_prolog(member.read(PROLOG_BYTES), info.filename)


def check_prolog(head: bytes, name: str) -> None:
    read = len(head)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head[:4]:
        # UTF-16 (or UTF-32) XML: the byte patterns below would not see its markup.
        encoding = "utf-32" if head[:4] in (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff") else "utf-16"
        if head[:2] == b"\x00<":
            encoding = "utf-16-be"
        elif head[:2] == b"<\x00":
            encoding = "utf-16-le"
        head = head.decode(encoding, errors="replace").encode("utf-8")
    # Comments and processing instructions may hold anything, a `<a` or a `<!DOCTYPE` alike.
    head = HIDDEN.sub(b"", head)
    root = ROOT_ELEMENT.search(head)
    end = root.start() if root else len(head)
    if XML_DECLARATION.search(head, 0, end):
        raise ReadError(f"docx part {name} declares a DOCTYPE/ENTITY (rejected)")
    if root is None and read >= PROLOG_BYTES:
        raise ReadError(f"docx part {name} has no root element in its first 64 KB")


def paragraph_text(p) -> str:
    """Text of a w:p: w:t runs, tabs and line breaks; deleted text and fallbacks skipped."""
    parts = []
    stack = [p]
    while stack:
        el = stack.pop()
        tag = el.tag
        if tag == W_T:
            parts.append(el.text or "")
        elif tag == W_TAB:
            parts.append("\t")
        elif tag in (W_BR, W_CR):
            parts.append("\n")
        elif tag not in (MC_FALLBACK, W_PPR, W_RPR):
            stack.extend(reversed(el))
    return "".join(parts)


def cell_text(tc) -> str:
    return "\n".join(paragraph_text(p) for p in tc.iter(W_P))


def table_cells(tbl) -> Iterator[tuple[object, list]]:
    """(tr, [tc, …]) for each row of `tbl`, looking through content controls."""
    for tr in children(tbl, W_TR):
        yield tr, list(children(tr, W_TC))


def children(el, tag: str) -> Iterator:
    for child in el:
        if child.tag == tag:
            yield child
        elif child.tag in TRANSPARENT:
            yield from children(child, tag)


def int_val(el, default: int = 1) -> int:
    try:
        return int(el.get(W_VAL))
    except (TypeError, ValueError):
        return default


def table_block(tbl) -> Table:
    """A data table: gridSpan cells once then blanks, vMerge continuation cells blank."""
    rows: list[list[SpanCell]] = []
    for tr, tcs in table_cells(tbl):
        row: list[SpanCell] = []
        trpr = tr.find(W_TRPR)
        before = trpr.find(W_GRIDBEFORE) if trpr is not None else None
        if before is not None:
            row.extend(SpanCell("") for _ in range(min(int_val(before, 0), 200)))
        for tc in tcs:
            tcpr = tc.find(W_TCPR)
            colspan, continued = 1, False
            if tcpr is not None:
                grid_span = tcpr.find(W_GRIDSPAN)
                colspan = int_val(grid_span) if grid_span is not None else 1
                vmerge = tcpr.find(W_VMERGE)
                continued = vmerge is not None and vmerge.get(W_VAL, "continue") == "continue"
            row.append(SpanCell("" if continued else cell_text(tc), colspan=colspan))
        rows.append(row)
    return Table(spread_cells(rows))


def is_layout_table(tbl) -> bool:
    nested = any(True for _ in tbl.iter(W_TBL) if _ is not tbl)
    return nested or sum(len(tcs) for _, tcs in table_cells(tbl)) <= 1


def body_blocks(container, nesting: int = 0) -> list[Block]:
    """Paragraphs and tables in document order. Not python-docx's `iter_inner_content`: it
    yields only direct `w:p`/`w:tbl` children, so text inside content controls, tracked
    insertions (`TRANSPARENT`) and layout tables would be lost."""
    blocks: list[Block] = []
    for el in container:
        if el.tag == W_P:
            blocks.append(Paragraph(paragraph_text(el)))
        elif el.tag == W_TBL:
            if nesting < MAX_TABLE_NESTING and is_layout_table(el):
                for _, tcs in table_cells(el):
                    for tc in tcs:
                        blocks.extend(body_blocks(tc, nesting + 1))
            else:
                blocks.append(table_block(el))
        elif el.tag in TRANSPARENT:
            blocks.extend(body_blocks(el, nesting))
    return blocks


def docx_blocks(data: bytes) -> list[Block]:
    check_package(data)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as e:  # python-docx raises KeyError, ValueError, lxml errors…
        raise ReadError(f"damaged .docx ({type(e).__name__})") from None
    return body_blocks(document.element.body)
