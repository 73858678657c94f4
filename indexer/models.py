"""The data govsearch passes around: one parsed annual report, and one file's fate.

`Report` is the JSON shape of the spec (§7); its keys are the public names used by the
index, the filters (`--where`) and every export. Validation happens here, at the boundary;
the parser itself is plain functions that build one of these at the end.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Version = Literal["v0_legacy", "v1_2019_trial", "v2_2021"]  # template version (spec §1)
Number = int | float

SECTION_KEYS: tuple[str, ...] = (
    "s1_overview",
    "s2_proactive",
    "s3_applications",
    "s4_review_litigation",
    "s5_problems",
    "s6_other",
)


class ConsistencyIssue(BaseModel):
    """One failed check: `rule` R1–R4 of spec §5 (`where` the column/row/group checked) or P1,
    a count stated in the prose that the table contradicts (`where` the cell it names)."""

    model_config = ConfigDict(extra="forbid")

    rule: Literal["R1", "R2", "R3", "R4", "P1"]
    where: str
    expected: Number
    found: Number


class Report(BaseModel):
    """A parsed 政府信息公开工作年度报告 (spec §7). Blank cells are `None`, never 0."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(description="stable id: hash of the source content")
    source: str | None = None
    title: str | None = None
    agency: str | None = None
    region: str | None = Field(None, description="the most specific division known")
    province: str | None = None
    city: str | None = None
    county: str | None = None
    region_code: str | None = Field(None, description="6-digit 行政区划代码 of `region`")
    agency_key: str | None = Field(None, description="the same agency across years")
    year: int | None = None
    published: dt.date | None = None
    # The template version; the key stays `format`, the public name of the spec (§7).
    format: Version | None = None
    fields: dict[str, Number | None] = Field(default_factory=dict)
    sections: dict[str, str] = Field(default_factory=dict)
    problems: list[str] = Field(default_factory=list)
    improvement_measures: list[str] = Field(default_factory=list)
    consistency: list[ConsistencyIssue] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)

    def derived(self) -> dict[str, float | int | None]:
        """The derived figures of spec §8; None where undefined."""
        f = self.fields

        def ratio(num: list[str], den: str) -> float | None:
            values = [f.get(k) for k in num]
            total = f.get(den)
            if total in (None, 0) or any(v is None for v in values):
                return None
            return round(sum(values) / total, 4)  # type: ignore[arg-type]

        deny = [k for k in f if k.startswith("app_deny_") and k.endswith("__total")]
        review = ["rl_review_corrected"]
        return {
            "disclosure_rate": ratio(
                ["app_granted__total", "app_partial__total"], "app_results_total__total"
            ),
            "denial_rate": ratio(deny, "app_results_total__total") if deny else None,
            "review_correction_rate": ratio(review, "rl_review_total"),
            "backlog": f.get("app_carried_out__total"),
            "sections_present": len(self.sections),
            "consistency_failures": len(self.consistency),
            "quality": self.quality().score,
        }

    def quality(self):
        """The 0–100 quality score with its explained parts (`indexer/quality.py`)."""
        from .quality import score_report

        return score_report(self)


class Outcome(BaseModel):
    """One file's fate in a batch: its `report` (and `report_id`), or the one-line `reason`
    it was skipped for. A worker that keeps the report to itself returns the id alone."""

    path: str
    report: Report | None = None
    report_id: str | None = None
    reason: str | None = None

    @classmethod
    def parsed(cls, path: str, report: Report) -> Outcome:
        return cls(path=path, report=report, report_id=report.id)

    @classmethod
    def skipped(cls, path: str, reason: str) -> Outcome:
        return cls(path=path, reason=reason)

    def without_report(self) -> Outcome:
        return self.model_copy(update={"report": None})
