"""`parse_report(text) -> Report`: the composition of the parsing modules, nothing more."""

from __future__ import annotations

import hashlib
import re

from ..fold import squeeze
from ..models import SECTION_KEYS, Report
from .measures import split_problems_measures
from .metadata import extract_metadata
from .numbering import CN
from .prose import check_prose
from .rules import check_rules
from .sections import find_sections, split_heading
from .tables import detect_version, read_review_litigation, read_rows
from .templates import APPLICATION, PROACTIVE, field_keys

REPORT_WORDS = ("信息公开", "政务公开")
# Without a title or a section heading, text still is a report when it speaks as one.
ANNUAL = ("年度报告", "年报", "工作报告", "本报告")
REPORT_VOCABULARY = (
    "主动公开",
    "依申请公开",
    "政府信息公开条例",
    "信息公开申请",
    # the template's own table headers
    "第二十条第",
    "处理决定数量",
    "申请人情况",
)
TABLE_SECTIONS = ("s2_proactive", "s3_applications", "s4_review_litigation")


class NotAReport(ValueError):
    """Text that is not a 政府信息公开工作年度报告 at all."""


# Some scrapers flatten a whole report onto one line: break it again before numbered headings.
FLATTENED = 400  # a longer line is not one paragraph of a normal report
HEADING_NUMERAL = re.compile(rf"(?<=[。；;:：\]\s])(?={CN}{{1,2}}、)")


def _unflatten(text: str) -> str:
    lines = text.split("\n")
    if max(map(len, lines), default=0) <= FLATTENED:
        return text
    out = []
    for line in lines:
        parts = HEADING_NUMERAL.sub("\n", line).split("\n") if len(line) > FLATTENED else [line]
        out += [split_heading(part) for part in parts]
    return "\n".join(out)


def _run_on_headings(text: str) -> str:
    """A numbered heading with its first paragraph after a space on the same line
    ("一、总体情况 2020年，全国海关…", as pages that drop the heading's line break write it)
    is broken after the heading; without the space the line is a sentence and stays."""
    out = []
    for line in text.split("\n"):
        body = line.lstrip()
        split = split_heading(body)
        if split != body and split.split("\n", 1)[1][:1].isspace():
            line = line[: len(line) - len(body)] + split
        out.append(line)
    return "\n".join(out)


# Mirror sites annotate characters with pinyin in brackets: 西藏自治區(qū)人民政府, 公開(kāi).
PINYIN = re.compile(r"(?<=[\u4e00-\u9fff])[(（][a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*[)）]")


def _speaks_as_a_report(squeezed: str) -> bool:
    """政府信息公开 with 年度报告 and the report's own vocabulary (主动公开, 依申请公开…)."""
    return any(w in squeezed for w in ANNUAL) and sum(w in squeezed for w in REPORT_VOCABULARY) >= 2


def parse_report(text: str, source: str | None = None, report_id: str | None = None) -> Report:
    """Parse one report's text. Malformed input gives what could be read plus warnings."""
    report_id = report_id or hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    text = _unflatten(text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff"))
    text, pinyin = PINYIN.subn("", text)
    text = _run_on_headings(text)
    squeezed = squeeze(text)
    meta = extract_metadata(text)
    sections = find_sections(text)
    if meta.signature_at is not None:  # the signature closes the report, not its last section
        sections = {
            k: (h, b, min(e, max(b, meta.signature_at))) for k, (h, b, e) in sections.items()
        }
    if not any(w in squeezed for w in REPORT_WORDS) or (
        meta.title is None and not sections and not _speaks_as_a_report(squeezed)
    ):
        raise NotAReport(
            "not a government information disclosure annual report (no title, section headings "
            "or report vocabulary)"
        )

    warnings: list[str] = [f"{pinyin} pinyin annotations removed"] if pinyin else []
    version, mismatched = detect_version(squeezed, meta.year)
    if version is None:
        warnings.append("template version not recognised (no table headers, no year)")
    for part in sorted(mismatched):
        warnings.append(
            f"{part} table has headers of another template version than {version}: left null"
        )

    def region(key: str, fallback: bool) -> str:
        if key in sections:
            _, body, end = sections[key]
            return text[body:end]
        return text if fallback else ""

    fields: dict[str, int | float | None] = dict.fromkeys(field_keys(version))
    if version in PROACTIVE:
        for rows, key in (
            (PROACTIVE[version], "s2_proactive"),
            (APPLICATION[version], "s3_applications"),
        ):
            found, notes = read_rows(region(key, fallback=True), rows, mismatched)
            fields.update(found)
            warnings += notes
        found, notes = read_review_litigation(region("s4_review_litigation", fallback=False))
        fields.update(found)
        warnings += notes

    problems, measures = split_problems_measures(region("s5_problems", fallback=False))
    expected = SECTION_KEYS if version != "v0_legacy" else SECTION_KEYS[:5]
    warnings += [f"section {key} not found" for key in expected if key not in sections]
    missing = sum(v is None for v in fields.values())
    last = max(sections, key=lambda k: sections[k][0], default=None)
    if fields and missing == len(fields):
        warnings.append("no table values found")
    elif missing and last in TABLE_SECTIONS and meta.signature_at is None:
        warnings.append(f"text ends inside {last}: report looks truncated, {missing} fields null")

    kept = {k: text[sections[k][1] : sections[k][2]].strip() for k in SECTION_KEYS if k in sections}
    return Report(
        id=report_id,
        source=source,
        title=meta.title,
        agency=meta.agency,
        region=meta.region,
        province=meta.place.province,
        city=meta.place.city,
        county=meta.place.county,
        region_code=meta.place.region_code,
        agency_key=meta.agency_key,
        year=meta.year,
        published=meta.published,
        format=version,
        fields=fields,
        sections=kept,
        problems=problems,
        improvement_measures=measures,
        consistency=check_rules(fields) + check_prose(kept, fields, meta.year, version),
        warnings=warnings,
    )
