"""A report's quality score, 0–100, from parts each explained: what transparency indexes
(CASS 政府透明度指数) look at in these reports, as far as the report itself shows it.

Five parts of 20 points each; a part that does not apply (no tables before 2019) is left out
and the score is the share of the points that apply:
- `on_time`: published by the deadline: 1月31日 of the next year (条例 2019, 第五十条), or
  3月31日 for reports of 2018 and before (条例 2008); no date found scores 0;
- `sections`: the six sections present (20 × present / 6);
- `tables`: the share of the form's cells that are filled (v1/v2 forms; 20 × share);
- `consistency`: the R1–R4 checks passed (20, minus 5 per failure);
- `itemised`: problems and measures listed one by one (10 × min(n, 3) / 3 each).

Not scored yet: how much of section 五 is boilerplate shared with many other reports (that
needs the whole index, see `measures --common`).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from pydantic import BaseModel

from .models import SECTION_KEYS
from .parse.templates import field_keys

if TYPE_CHECKING:
    from .models import Report

PART = 20.0


class QualityPart(BaseModel):
    name: str
    points: float
    max: float
    detail: str


class Quality(BaseModel):
    score: float
    parts: list[QualityPart]


def deadline(year: int) -> dt.date:
    """The last day to publish the report of `year`."""
    return dt.date(year + 1, 1, 31) if year >= 2019 else dt.date(year + 1, 3, 31)


def _on_time(r: Report) -> QualityPart:
    if r.year is None:
        return QualityPart(name="on_time", points=0, max=PART, detail="no report year found")
    due = deadline(r.year)
    if r.published is None:
        detail = f"no publication date found (due {due})"
        return QualityPart(name="on_time", points=0, max=PART, detail=detail)
    ok = r.published <= due
    word = "by" if ok else "after"
    return QualityPart(
        name="on_time", points=PART if ok else 0, max=PART,
        detail=f"published {r.published}, {word} the deadline {due}",
    )  # fmt: skip


def _sections(r: Report) -> QualityPart:
    missing = [k for k in SECTION_KEYS if not r.sections.get(k)]
    n = len(SECTION_KEYS) - len(missing)
    detail = f"{n} of 6 sections" + (f" (missing: {', '.join(missing)})" if missing else "")
    return QualityPart(name="sections", points=round(PART * n / 6, 2), max=PART, detail=detail)


def _tables(r: Report) -> QualityPart | None:
    keys = field_keys(r.format)
    if r.format == "v0_legacy":
        return None
    if not keys:
        return QualityPart(name="tables", points=0, max=PART, detail="no form recognised")
    filled = sum(r.fields.get(k) is not None for k in keys)
    return QualityPart(
        name="tables", points=round(PART * filled / len(keys), 2), max=PART,
        detail=f"{filled} of {len(keys)} cells filled",
    )  # fmt: skip


def _consistency(r: Report) -> QualityPart | None:
    if r.format == "v0_legacy":
        return None
    n = len(r.consistency)
    detail = (
        "no R1–R4 failure"
        if not n
        else f"{n} R1–R4 failures: " + ", ".join(f"{c.rule} {c.where}" for c in r.consistency)
    )
    return QualityPart(name="consistency", points=max(0.0, PART - 5 * n), max=PART, detail=detail)


def _itemised(r: Report) -> QualityPart:
    p, m = len(r.problems), len(r.improvement_measures)
    points = round(10 * min(p, 3) / 3 + 10 * min(m, 3) / 3, 2)
    return QualityPart(
        name="itemised", points=points, max=PART,
        detail=f"{p} problems and {m} improvement measures listed one by one",
    )  # fmt: skip


def score_report(report: Report) -> Quality:
    parts = [_on_time(report), _sections(report), _tables(report), _consistency(report),
             _itemised(report)]  # fmt: skip
    parts = [p for p in parts if p is not None]
    total = sum(p.max for p in parts)
    return Quality(score=round(100 * sum(p.points for p in parts) / total, 1), parts=parts)
