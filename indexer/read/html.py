"""HTML bytes to blocks: site chrome dropped, tables kept as cells (rowspan/colspan handled)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from selectolax.lexbor import LexborHTMLParser, LexborNode

from .blocks import Block, Paragraph, ReadError, SpanCell, Table, collapse_whitespace, spread_cells
from .text import bom_encoding, decode_strict, decode_text, normalize_encoding

MAX_TAG_DEPTH = 5000  # estimated nesting beyond which the HTML parser gets slow: rejected
MAX_NODES = 200_000  # elements; real report pages have a few thousand
MAX_WALK_DEPTH = 400  # deeper subtrees are read as plain text
MAX_TABLE_NESTING = 20  # deeper nested tables are read as plain text

META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*(?P<charset>[\w.:-]+)""", re.I)
HTML_START = re.compile(rb"<(?:!doctype\s+html|html|head|body|meta|table|p|div|title)[\s>/]", re.I)
TAG = re.compile(rb"<(?P<close>/?)(?P<name>[a-zA-Z][a-zA-Z0-9]*)[^>]*?(?P<selfclose>/?)>")

DROP_TAGS = frozenset(
    {
        *("head", "script", "style", "noscript", "nav", "iframe", "frame", "frameset"),
        *("object", "embed", "svg", "canvas", "template", "map", "area", "audio", "video"),
        *("input", "select", "option", "optgroup", "textarea", "button", "datalist"),
    }
)
CHROME_TAGS = frozenset({"header", "footer", "aside"})  # dropped unless inside an article
BLOCK_TAGS = frozenset(
    {
        *("p", "div", "br", "li", "ul", "ol", "dl", "dt", "dd", "tr", "table", "caption"),
        *("h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "main", "blockquote"),
        *("pre", "hr", "address", "center", "form", "fieldset", "figure", "figcaption", "title"),
    }
)
# Tags whose end tag may be omitted, and void tags: not counted by the depth estimate.
UNCOUNTED_TAGS = frozenset(
    b"p li td th tr dt dd option optgroup thead tbody tfoot colgroup caption rt rp html head "
    b"body br hr img input meta link area base col embed param source track wbr".split()
)
FOREIGN_TAGS = frozenset({b"svg", b"math"})  # self-closing tags are honoured inside these
# id/class tokens of navigation, menus, breadcrumbs, share bars, copyright blocks.
CHROME_CLASS = re.compile(
    r"""^(?:nav|navbar|menu|breadcrumbs?|crumbs?|sidebar|share|copyright|topbar|toolbar|
    skip|site-header|site-footer|header|footer)(?:$|[-_])""",
    re.I | re.X,
)
CHROME_ROLES = frozenset({"navigation", "banner", "contentinfo", "search", "menu", "menubar"})


def looks_like_html(head: bytes) -> bool:
    """HTML sniffing: a typical tag near the start of the file."""
    return bool(HTML_START.search(head[:2048]))


def declared_charset(data: bytes) -> str | None:
    m = META_CHARSET.search(data[:4096])
    return normalize_encoding(m.group("charset").decode("ascii")) if m else None


def decode_html(data: bytes) -> str:
    """BOM, then a `<meta charset>` that actually decodes, then detection."""
    encoding = bom_encoding(data)
    if encoding:
        return data.decode(encoding, errors="replace")
    charset = declared_charset(data)
    if charset:
        text = decode_strict(data, charset)
        if text is not None:
            return text
    return decode_text(data)


def estimated_depth(data: bytes) -> int:
    """The nesting depth of the tags, read before parsing (lexbor's time grows with the
    square of the depth). `<div/>` opens a div in HTML: the self-closing slash counts only on
    void tags (uncounted) and inside SVG and MathML."""
    depth = deepest = foreign = 0
    for m in TAG.finditer(data):
        name = m.group("name").lower()
        if name in UNCOUNTED_TAGS:
            continue
        if name in FOREIGN_TAGS and not m.group("selfclose"):
            foreign = max(0, foreign - 1) if m.group("close") else foreign + 1
        if m.group("selfclose") and (foreign or name in FOREIGN_TAGS):
            continue
        depth = max(0, depth - 1) if m.group("close") else depth + 1
        deepest = max(deepest, depth)
    return deepest


def tree_size(root: LexborNode, max_nodes: int, max_depth: int) -> str | None:
    """Why the parsed tree is over budget (more than `max_nodes` nodes, or nested deeper than
    `max_depth`), or None; walks at most `max_nodes` nodes."""
    count = 0
    stack = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        count += 1
        if count > max_nodes:
            return f"HTML has more than {max_nodes} elements"
        if depth > max_depth:
            return f"HTML nested more than {max_depth} levels deep"
        stack.extend((child, depth + 1) for child in node.iter(include_text=False))
    return None


def is_chrome(node: LexborNode, in_article: bool) -> bool:
    tag = node.tag
    if tag in DROP_TAGS:
        return True
    if tag in CHROME_TAGS and not in_article:
        return True
    if tag in ("td", "th", "tr", "table", "tbody", "body", "html"):
        return False
    attrs = node.attributes
    if (attrs.get("role") or "").lower() in CHROME_ROLES or "hidden" in attrs:
        return True
    if "display:none" in (attrs.get("style") or "").replace(" ", "").lower():
        return True
    tokens = f"{attrs.get('id') or ''} {attrs.get('class') or ''}".split()
    return any(CHROME_CLASS.match(t) for t in tokens)


BLOCK_EDGE = None  # event: a block boundary


def events(root: LexborNode, in_article: bool = False) -> Iterator[str | LexborNode | None]:
    """Walk `root` iteratively: text strings, BLOCK_EDGE at block edges, nested <table> nodes."""
    stack: list[tuple[LexborNode | None, int, bool]] = [(root, 0, in_article)]
    while stack:
        node, depth, article = stack.pop()
        if node is None:
            yield BLOCK_EDGE
            continue
        tag = node.tag
        if tag == "-text":
            yield node.text_content or ""
        elif tag.startswith("-") or tag.startswith("!") or is_chrome(node, article):
            continue
        elif tag == "table" and node is not root:
            yield node
        elif depth > MAX_WALK_DEPTH:
            yield BLOCK_EDGE
            yield node.text(deep=True, separator=" ")
            yield BLOCK_EDGE
        else:
            if tag in BLOCK_TAGS:
                yield BLOCK_EDGE
                stack.append((None, depth, article))
            article = article or tag in ("article", "main")
            children = list(node.iter(include_text=True))
            stack.extend((child, depth + 1, article) for child in reversed(children))


def table_rows(table: LexborNode) -> Iterator[LexborNode]:
    for child in table.iter():
        if child.tag == "tr":
            yield child
        elif child.tag in ("thead", "tbody", "tfoot"):
            yield from (tr for tr in child.iter() if tr.tag == "tr")


def span(node: LexborNode, name: str) -> int:
    value = (node.attributes.get(name) or "1").strip()
    digits = re.match(r"\d+", value)
    return int(digits.group()) if digits else 1


def cell_text(cell: LexborNode) -> str:
    parts = []
    for event in events(cell):
        if event is None:
            parts.append("\n")
        elif isinstance(event, str):
            parts.append(event)
        else:
            parts.append(" " + event.text(deep=True, separator=" ") + " ")
    return "".join(parts)


def is_layout_table(table: LexborNode) -> bool:
    """A table used for page layout: it holds other tables, or is a single cell."""
    if len(table.css("table")) > 1:  # css() matches the node itself too
        return True
    cells = [c for tr in table_rows(table) for c in tr.iter() if c.tag in ("td", "th")]
    return len(cells) <= 1


def data_table(table: LexborNode) -> Table:
    rows = []
    for tr in table_rows(table):
        rows.append(
            [
                SpanCell(cell_text(c), span(c, "rowspan"), span(c, "colspan"))
                for c in tr.iter()
                if c.tag in ("td", "th")
            ]
        )
    return Table(spread_cells(rows))


def blocks_of(root: LexborNode, nesting: int = 0, in_article: bool = False) -> list[Block]:
    blocks: list[Block] = []
    buffer: list[str] = []

    def flush() -> None:
        text = collapse_whitespace("".join(buffer))
        buffer.clear()
        if text:
            blocks.append(Paragraph(text))

    for event in events(root, in_article):
        if event is None:
            flush()
        elif isinstance(event, str):
            buffer.append(event)
        else:
            flush()
            if nesting >= MAX_TABLE_NESTING:
                blocks.append(Paragraph(collapse_whitespace(event.text(deep=True, separator=" "))))
            elif is_layout_table(event):
                for tr in table_rows(event):
                    for c in tr.iter():
                        if c.tag in ("td", "th"):
                            blocks.extend(blocks_of(c, nesting + 1, in_article))
            else:
                blocks.append(data_table(event))
    flush()
    return blocks


def html_blocks(data: bytes) -> list[Block]:
    if sum(1 for _ in TAG.finditer(data)) > MAX_NODES:
        raise ReadError(f"HTML has more than {MAX_NODES} elements")
    if estimated_depth(data) > MAX_TAG_DEPTH:
        raise ReadError(f"HTML nested more than {MAX_TAG_DEPTH} levels deep")
    tree = LexborHTMLParser(decode_html(data))
    root = tree.body or tree.root
    if root is None:
        return []
    # Measured on the tree too: the parser builds elements the tag count cannot see
    # (reopened formatting tags, implied tables).
    if over := tree_size(tree.root or root, MAX_NODES, MAX_TAG_DEPTH):
        raise ReadError(over)
    return blocks_of(root)
