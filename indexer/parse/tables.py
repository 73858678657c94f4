"""The one table engine: a cell stream plus a template gives `{field key: number}`.

A row label cell opens a row; the value cells right after it (numbers, null markers, blank
cells) fill its columns in order. Everything else (headers, prose) closes the row. When a
row has more cells than columns the extra cells are merged-cell debris: they are dropped
only where that is unambiguous, and otherwise the row stays null with a warning (spec §4).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .layout import BREAK, Cell, Token, cells, is_value, parse_number
from .numbering import CN_ORDINAL, PAREN_ORDINAL
from .templates import APP_GROUPS, HEADER_MARKERS, REVIEW_LITIGATION, Row, version_for_year

ENUMERATION = re.compile(rf"^(?:{CN_ORDINAL}|{PAREN_ORDINAL}|\d+[、.)])+")
MAX_LABEL = 60  # longer cells are prose, never a row label

Fields = dict[str, int | float | None]


def label_text(text: str) -> str:
    """A cell as a row label: no whitespace, no enumeration prefix, no trailing colon."""
    text = re.sub(r"\s+", "", text)
    return ENUMERATION.sub("", text).rstrip(":")


def _group(label: str) -> str | None:
    """The 办理结果 group a label opens; a group name leads its cell (（六）其他处理 1.申请人…)."""
    head = label[:10]
    return next((g for g, names in APP_GROUPS.items() if any(n in head for n in names)), None)


def _row_for(label: str, rows: Sequence[Row], group: str | None) -> Row | None:
    """The one row a label cell names; None when it names none, or several (two labels run
    together in one cell: its numbers cannot be told apart)."""
    if not label or len(label) > MAX_LABEL:
        return None
    bare = re.sub(r"\(.*?\)", "", label)
    hits = [
        row
        for row in rows
        if not (row.within and group not in row.within)
        and (
            (label in row.labels or bare in row.labels)
            if row.exact
            else any(x in label for x in row.labels)
        )
    ]
    return hits[0] if len(hits) == 1 else None


def _continues_label(token: Token, rows: Sequence[Row], group: str | None) -> bool:
    if token is BREAK or is_value(token) or len(token.text) > 12:
        return False
    label = label_text(token.text)
    if ENUMERATION.match(token.text) or _group(label):
        return False
    return _row_for(label, rows, group) is None


def _collect(tokens: Sequence[Token], start: int) -> tuple[list[Cell], int]:
    """The value cells after a label, up to the end of its row."""
    values: list[Cell] = []
    i = start
    while i < len(tokens):
        token = tokens[i]
        if token is BREAK:
            if any(v.text for v in values):
                break
            values = []  # label alone on its line: the numbers follow on the next one
        elif is_value(token):
            values.append(token)
        else:
            break
        i += 1
    return values, i


def fit(values: list[Cell], width: int, name: str) -> tuple[list[int | float | None], str | None]:
    """Values for `width` columns, or all None plus a warning when that is ambiguous."""
    nulls: list[int | float | None] = [None] * width
    if not any(v.text for v in values):
        return nulls, None
    cut = list(values)
    while len(cut) > width and not cut[-1].text:
        cut.pop()
    while len(cut) > width and not cut[0].text:
        cut.pop(0)
    numbers = [parse_number(v.text) for v in cut]
    if len(cut) == width:
        return numbers, None
    if len(cut) < width:
        return nulls, f"{name}: {len(cut)} cells for {width} columns, left null"
    distinct = {n for n in numbers if n is not None}
    filled = sum(n is not None for n in numbers)
    if len(distinct) == 1 and filled >= width:
        value = distinct.pop()
        warning = f"{name}: {filled} numeric cells for {width} columns, all {value}: filled"
        return [value] * width, warning
    return nulls, f"{name}: {len(cut)} cells for {width} columns, ambiguous, left null"


def read_rows(
    text: str, rows: Sequence[Row], skip_parts: frozenset[str] = frozenset()
) -> tuple[Fields, list[str]]:
    """Fields of every template row found in `text`."""
    tokens = cells(text)
    fields: Fields = {}
    warnings: list[str] = []
    group: str | None = None
    i = 0
    while i < len(tokens):
        token = tokens[i]
        i += 1
        if token is BREAK or is_value(token):
            continue
        label = label_text(token.text)
        group = _group(label) or group
        row = _row_for(label, rows, group)
        if row is None:
            continue
        if i < len(tokens) and _continues_label(tokens[i], rows, group):
            i += 1  # a label wrapped onto the next line (PDF text): 其政府信息 / 公开申请 0 0 …
        values, i = _collect(tokens, i)
        if not values or any(fields.get(k) is not None for k in row.fields):
            continue
        name = row.fields[0].rsplit("__", 1)[0] if "__" in row.fields[0] else row.fields[0]
        numbers, warning = fit(values, len(row.fields), f"row {token.text[:20]} ({name})")
        if warning:
            warnings.append(warning)
        if row.part in skip_parts:
            numbers = [None] * len(row.fields)
        fields.update(zip(row.fields, numbers, strict=True))
    return fields, warnings


def read_review_litigation(text: str) -> tuple[Fields, list[str]]:
    """Section 四: no row labels, one row of 15 numbers under a two-level header.

    The row is read within its own row breaks: blank cells a spanning header leaves in the
    row above (an HTML table's rowspan) must not join it, or trimming blank cells at its end
    would shift every group by one. A row wrapped over lines (PDF text) is joined again only
    while the pieces add up to no more than 15 cells.
    """
    width = len(REVIEW_LITIGATION)
    rows: list[list[Cell]] = [[]]
    for token in cells(text):
        if token is BREAK or not is_value(token):
            if rows[-1]:
                rows.append([])
            if token is not BREAK and len(rows) > 1 and rows[-2]:
                rows[-2:-1] = [rows[-2], []]  # a label ends a wrapped row too
            continue
        rows[-1].append(token)
    candidates: list[list[Cell]] = []
    for i, row in enumerate(rows):
        joined = list(row)
        candidates.append(joined)
        for nxt in rows[i + 1 :]:
            if not nxt or len(joined) + len(nxt) > width:
                break
            joined = joined + nxt
            candidates.append(joined)
    if not candidates or not any(v.text for c in candidates for v in c):
        return {}, []
    best = max(
        candidates,
        key=lambda run: (sum(bool(v.text) for v in run), len(run) == width, -candidates.index(run)),
    )
    numbers, warning = fit(best, width, "section 四 row")
    return dict(zip(REVIEW_LITIGATION, numbers, strict=True)), [warning] if warning else []


def detect_version(squeezed: str, year: int | None) -> tuple[str | None, frozenset[str]]:
    """The template version from table headers (majority of header groups), else the year.

    Also returns the header groups that contradict the chosen version: their columns mean
    something else, so their rows are left null rather than filled into the wrong keys.
    """
    votes: dict[str, str] = {}
    for part, by_version in HEADER_MARKERS.items():
        found = [v for v, markers in by_version.items() if any(m in squeezed for m in markers)]
        if len(found) == 1:
            votes[part] = found[0]
    v1 = sum(v == "v1_2019_trial" for v in votes.values())
    v2 = sum(v == "v2_2021" for v in votes.values())
    if v1 != v2:
        version = "v1_2019_trial" if v1 > v2 else "v2_2021"
    else:
        version = version_for_year(year)
    mismatched = {p for p, v in votes.items() if v != version}
    if version == "v1_2019_trial" and version_for_year(year) == "v2_2021":
        # the trial template was withdrawn for 2021 reports: one still drawn with its headers
        # is a v2 report whose rows are left null wherever no v2 header vouches for them (a
        # v1 fee row's 上一年项目数量 is no 收费金额) (dev-set 010, real r11_016)
        version = "v2_2021"
        mismatched = {
            p
            for p, by_version in HEADER_MARKERS.items()
            if not any(m in squeezed for m in by_version.get(version, ()))
        }
    return version, frozenset(mismatched)
