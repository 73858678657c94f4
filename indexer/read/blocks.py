"""The intermediate form every reader produces: paragraphs and tables, rendered to plain text.

A reader (HTML, DOCX) turns its file type into a list of blocks; `render` turns blocks into the
text the parser reads: one paragraph per line, one table row per line with cells joined by a
tab. Merged cells appear once, in their first position, and as empty cells elsewhere. The
parser never knows which file type a report came from.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

MAX_COLSPAN = 200  # wider spans are clamped: real report tables have < 20 columns

WHITESPACE_RUN = re.compile(r"\s+")
CJK_CHAR = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")


class ReadError(Exception):
    """Raised by file-type readers with a one-line reason; `read_bytes` adds the file name."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass
class Paragraph:
    text: str


@dataclass
class Table:
    rows: list[list[str]] = field(default_factory=list)


Block = Paragraph | Table


@dataclass
class SpanCell:
    """A source cell before merged cells are spread over the grid."""

    text: str
    rowspan: int = 1
    colspan: int = 1


def collapse_whitespace(text: str) -> str:
    """Collapse whitespace runs to one space; drop them at the ends and next to CJK text.

    A run between two CJK characters is dropped, and so is a run holding a line break next to
    a CJK character (a wrapped line: `商业\n企业` → `商业企业`, `商务局\n2021年` → `商务局2021年`).
    """

    def join(m: re.Match[str]) -> str:
        s, e = m.start(), m.end()
        if s == 0 or e == len(text):
            return ""
        before, after = bool(CJK_CHAR.match(text[s - 1])), bool(CJK_CHAR.match(text[e]))
        if before and after:
            return ""
        if (before or after) and ("\n" in m.group() or "\r" in m.group()):
            return ""
        return " "

    return WHITESPACE_RUN.sub(join, text)


def clean_cell(text: str) -> str:
    """A table cell as one line, no tabs, no inner whitespace between CJK characters."""
    return collapse_whitespace(text)


def spread_cells(rows: Sequence[Sequence[SpanCell]]) -> list[list[str]]:
    """Place cells with rowspan/colspan on a grid; a merged cell's text goes in its first slot."""
    grid: list[dict[int, str]] = [{} for _ in rows]
    for r, row in enumerate(rows):
        col = 0
        for cell in row:
            while col in grid[r]:
                col += 1
            colspan = max(1, min(cell.colspan, MAX_COLSPAN))
            rowspan = max(1, min(cell.rowspan, len(rows) - r))
            for dr in range(rowspan):
                for dc in range(colspan):
                    grid[r + dr].setdefault(col + dc, "")
            grid[r][col] = clean_cell(cell.text)
            col += colspan
    width = max((max(g) + 1 for g in grid if g), default=0)
    return [[g.get(c, "") for c in range(width)] for g in grid]


def render(blocks: Iterable[Block]) -> str:
    """Blocks to text: a line per paragraph line, a tab-joined line per non-empty table row."""
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Table):
            lines.extend("\t".join(row) for row in block.rows if any(row))
        else:
            for line in block.text.replace("\r", "\n").split("\n"):
                line = line.strip()
                if line:
                    lines.append(line)
    return "\n".join(lines) + "\n" if lines else ""
