"""Messy table text → a flat stream of cells and row breaks.

Real reports flatten tables in several ways (spec §4): tab-separated rows, pipes with
padded or trailing cells, one cell per line (bare, or tab-prefixed as Word exports it, with
blank lines between rows). Rather than rebuilding a grid, the table engine reads a stream:
label cells, value cells and `BREAK`s (a known end of row). Blank cells are kept where the
layout shows them, because a blank cell is an unknown value, not a missing column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..fold import normalize

BREAK = None  # a row ends here


@dataclass
class Cell:
    text: str  # normalised text, whitespace-trimmed ("" for a blank cell)
    positional: bool  # the layout shows where blank cells are (tabs, pipes)


Token = Cell | None

NUMBER = re.compile(
    r"""^(?P<sign>[+-]|增加|减少|增|减)?\s*
        (?P<digits>\d{1,3}(?:,\d{3})+|\d+)(?P<decimals>\.\d+)?
        \s*(?:件|条|个|项|次|人次|家|宗|万元|元|%)?$""",
    re.VERBOSE,
)
NULL_MARKERS = frozenset({"—", "——", "-", "--", "/", "无", "－", "…"})
_NEGATIVE = ("-", "减少", "减")


def parse_number(text: str) -> int | float | None:
    """A value cell's number: `152 件` → 152, `减少1` → -1, `3.52` → 3.52; else None."""
    m = NUMBER.match(text.strip())
    if not m:
        return None
    value: int | float
    digits = m["digits"].replace(",", "")
    value = float(digits + m["decimals"]) if m["decimals"] else int(digits)
    return -value if m["sign"] in _NEGATIVE else value


def is_value(cell: Cell) -> bool:
    """A cell that fills a column: a number, a null marker, or blank."""
    text = cell.text
    return not text or text in NULL_MARKERS or parse_number(text) is not None


def cells(text: str) -> list[Token]:
    """The cell stream of a region of report text (original or normalised)."""
    tokens: list[Token] = []
    in_prefixed_row = False  # inside a row of Word-style "\tcell" lines
    for raw in normalize(text).split("\n"):
        line = raw.rstrip("\r")
        if not line.strip() and line.count("\t") != 1:
            if in_prefixed_row:
                tokens.append(BREAK)
                in_prefixed_row = False
            continue
        if "|" in line:
            parts = line.split("|")
            if not parts[0].strip():
                parts = parts[1:]
            if parts and not parts[-1].strip():
                parts = parts[:-1]
            tokens.extend(Cell(p.strip(), True) for p in parts)
            if len(parts) > 1:
                tokens.append(BREAK)
            in_prefixed_row = False
        elif "\t" in line.lstrip() or line.count("\t") > 1:
            tokens.extend(Cell(p.strip(), True) for p in line.split("\t"))
            tokens.append(BREAK)
            in_prefixed_row = False
        elif line.startswith("\t"):
            tokens.append(Cell(line.strip(), True))
            in_prefixed_row = True
        elif in_prefixed_row and isinstance(tokens[-1], Cell):
            # a Word cell broken over lines: 商业 / 企业
            last = tokens[-1]
            last.text = last.text + line.strip()
        else:
            tokens.extend(_space_separated(line.strip()))
    return tokens


def _space_separated(line: str) -> list[Cell]:
    """A plain line, split on spaces when it holds a table row ("规章 0 0 0", as PDFs give) or
    a whole flattened table (many standalone numbers)."""
    parts = line.split()
    values = sum(is_value(Cell(p, False)) for p in parts)
    row = len(line) <= 160 and is_value(Cell(parts[-1], False))
    if len(parts) > 1 and (row or (values >= 3 and values >= len(parts) / 4)):
        return [Cell(p, False) for p in parts]
    return [Cell(line, False)]
