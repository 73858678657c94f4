"""Issue 12, rows 6 and 7: every reader has a size and time budget. HTML depth and element
count (before parsing: lexbor's time grows with the square of the depth; and on the parsed
tree), the inflated size of a .docx's XML, and DOCTYPE checks that see through comments and
UTF-16. Time and memory are measured (`resource`)."""

from __future__ import annotations

import io
import resource
import time
import zipfile

import docx
import pytest

from govsearch.indexer.read import UnreadableFile, read_bytes
from govsearch.indexer.read.docx import MAX_XML
from govsearch.indexer.read.html import MAX_NODES, MAX_TAG_DEPTH, estimated_depth

BODY = "<p>政府信息公开工作年度报告</p>"


def refused(data: bytes) -> tuple[str, float, float]:
    """(reason, seconds, MB of peak RSS growth) of reading `data`, which must be refused."""
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    with pytest.raises(UnreadableFile) as info:
        read_bytes(data, "x")
    seconds = time.perf_counter() - started
    grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    return info.value.reason, seconds, grown


def test_self_closed_divs_count_as_nesting():
    """'<div/>' * 100000 took 18.8 s: HTML ignores the slash on a div, the check did not."""
    data = ("<html><body>" + "<div/>" * 100_000 + BODY + "</body></html>").encode()
    reason, seconds, grown = refused(data)
    assert reason == f"HTML nested more than {MAX_TAG_DEPTH} levels deep"
    assert seconds < 1.0 and grown < 50


def test_self_closing_tags_inside_svg_do_not_nest():
    svg = "<svg>" + '<path d="M0 0"/>' * 20_000 + "</svg>"
    assert estimated_depth(f"<html><body>{svg}<div>{BODY}</div></body></html>".encode()) == 1


def test_too_many_elements_are_refused_before_parsing():
    data = ("<html><body>" + "<span>x</span>" * (MAX_NODES + 1) + "</body></html>").encode()
    reason, seconds, _ = refused(data)
    assert reason == f"HTML has more than {MAX_NODES} elements" and seconds < 2.0


def _docx_with(document_xml: bytes) -> bytes:
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in source.infolist():
            data = document_xml if info.filename == "word/document.xml" else source.read(info)
            zf.writestr(info.filename, data)
    return out.getvalue()


def test_docx_xml_over_its_budget_is_refused_from_the_zip_directory():
    """0.6 MB of .docx holding 190 MB of XML took 84 s and 3.6 GB: now its inflated XML size
    is read from the zip directory, before anything is inflated or parsed."""
    paragraph = b"<w:p><w:r><w:t>\xe6\x94\xbf</w:t></w:r></w:p>"
    body = paragraph * (MAX_XML // len(paragraph) + 1)
    ns = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    data = _docx_with(b"<w:document " + ns + b"><w:body>" + body + b"</w:body></w:document>")
    assert len(data) < 1024 * 1024
    reason, seconds, grown = refused(data)
    assert reason == f"docx XML inflates to 32 MB (limit {MAX_XML // 2**20} MB of XML)"
    assert seconds < 1.0 and grown < 50


DOCTYPE = b'<!DOCTYPE d [<!ENTITY e "e">]>'
ROOT = b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'


@pytest.mark.parametrize(
    "xml",
    [
        b"<!-- <a> -->" + DOCTYPE + ROOT,  # a comment holding what looks like the root
        b'<?xml version="1.0"?><?pi <b ?>' + DOCTYPE + ROOT,
        ('<?xml version="1.0" encoding="UTF-16"?>' + (DOCTYPE + ROOT).decode()).encode("utf-16"),
        (DOCTYPE + ROOT).decode().encode("utf-16-le"),
    ],
    ids=["comment", "processing-instruction", "utf-16-bom", "utf-16-le"],
)
def test_doctype_is_seen_through_comments_and_utf16(xml):
    reason, _, _ = refused(_docx_with(xml))
    assert reason == "docx part word/document.xml declares a DOCTYPE/ENTITY (rejected)"
