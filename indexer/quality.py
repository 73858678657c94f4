"""A report's quality score, 0–100, from parts each explained: what transparency indexes
(CASS 政府透明度指数) look at in these reports, as far as the report itself shows it.

Five parts of 20 points each; a part that does not apply (no tables before 2019) is left out
and the score is the share of the points that apply:
- `on_time`: published by the deadline: 1月31日 of the next year (条例 2019, 第五十条), or
  3月31日 for reports of 2018 and before (条例 2008); no date found scores 0;
- `sections`: the six sections present (20 × present / 6);
- `tables`: the share of the form's cells that are filled (v1/v2 forms; 20 × share);
- `consistency`: the report's own checks passed, R1–R4 of the tables and P1 of the prose
  against them (20, minus 5 per failure);
- `itemised`: problems and measures listed one by one (10 × min(n, 3) / 3 each);
- `specific`: how little of those items is boilerplate, text other agencies' reports share
  word for word (20 × (1 − share)). Only an index knows what many reports share
  (`search/corpus.py`), so `parse` scores the first five parts and `show`, `--where quality`,
  `--sort quality` and the facet `quality_band` all six.
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
        "no R1–R4 or P1 failure"
        if not n
        else f"{n} R1–R4/P1 failures: " + ", ".join(f"{c.rule} {c.where}" for c in r.consistency)
    )
    return QualityPart(name="consistency", points=max(0.0, PART - 5 * n), max=PART, detail=detail)


def _itemised(r: Report) -> QualityPart:
    p, m = len(r.problems), len(r.improvement_measures)
    points = round(10 * min(p, 3) / 3 + 10 * min(m, 3) / 3, 2)
    return QualityPart(
        name="itemised", points=points, max=PART,
        detail=f"{p} problems and {m} improvement measures listed one by one",
    )  # fmt: skip


def specific_part(boilerplate_share: float | None) -> QualityPart | None:
    """The `specific` part, from the share of the report's items that are boilerplate
    (`search/corpus.py`); None (not scored) for a report without items or outside an index."""
    if boilerplate_share is None:
        return None
    return QualityPart(
        name="specific", points=round(PART * (1 - boilerplate_share), 2), max=PART,
        detail=f"{boilerplate_share:.0%} of the problems and measures are boilerplate "
        "shared word for word with other agencies' reports",
    )  # fmt: skip


def with_specific(score: float, version: str | None, specific: QualityPart | None) -> float:
    """The six-part score from the five-part `score` and the `specific` part: what the index
    computes from the stored score, so `show` and `--where quality` agree to the decimal."""
    if specific is None:
        return score
    base = base_max(version)
    return round(100 * (score * base / 100 + specific.points) / (base + specific.max), 1)


def base_max(version: str | None) -> float:
    """The points the five report-only parts can give: no tables before 2019."""
    return 3 * PART if version == "v0_legacy" else 5 * PART


def score_report(report: Report, boilerplate_share: float | None = None) -> Quality:
    """The score of the report alone, or with the `specific` part when the index gives the
    share of its items that are boilerplate."""
    parts = [_on_time(report), _sections(report), _tables(report), _consistency(report),
             _itemised(report)]  # fmt: skip
    parts = [p for p in parts if p is not None]
    score = round(100 * sum(p.points for p in parts) / base_max(report.format), 1)
    specific = specific_part(boilerplate_share)
    if specific is not None:
        parts.append(specific)
    return Quality(score=with_specific(score, report.format, specific), parts=parts)
