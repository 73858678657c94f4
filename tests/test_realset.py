"""The real set: reports collected from public web pages (tests/realset), labelled by hand.

Each aspect is scored as tests/devset/eval_extraction.py scores it. The floors are what the
parser reaches today and only ever go up; a table value in the wrong cell (a number where the
label has another number) fails at once, whatever the floor.
"""

import json
import re
import unicodedata
from pathlib import Path

import pytest

from govsearch.indexer.parse import NotAReport, parse_report

REALSET = Path(__file__).parent / "realset"
LABELS = [
    json.loads(line)
    for path in sorted(REALSET.glob("labels_*.jsonl"))
    for line in path.read_text(encoding="utf-8").splitlines()
    if line
]
# Floors only go up for the same pages; a new held-out batch may bring its misses with it.
# agency: .947 on 631 pages; r19 (30 held-out pages, first score 80%) left six of its pages
# missed after its fixes, with no page lost elsewhere: 624/661 = .944.
FLOORS = {
    "parsed": 0.993,
    "agency": 0.944,
    "province": 0.984,
    "year": 0.990,
    "published": 0.978,
    "format": 0.989,
}


def norm(s) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(s)))


def _parse(label):
    text = (REALSET / "reports" / label["file"]).read_text(encoding="utf-8")
    try:
        return parse_report(text, source=label["file"])
    except NotAReport:
        return None


@pytest.fixture(scope="module")
def parsed():
    return [(label, _parse(label)) for label in LABELS]


def test_the_set_is_large_and_varied():
    assert len(LABELS) >= 60
    assert len({lab["province"] for lab in LABELS if lab.get("province")}) >= 25
    # a page with no year and no table (r17_015) is labelled format null (spec §1)
    assert {lab["format"] for lab in LABELS} - {None} == {"v0_legacy", "v1_2019_trial", "v2_2021"}


def _ok(aspect, label, report) -> bool | None:
    if aspect == "parsed":
        return report is not None
    if report is None:
        return False
    if aspect == "agency":
        want, got = label["agency"], report.agency
        return (norm(got) if got else None) == (norm(want) if want else None)
    if aspect == "province":
        return (report.province or None) == label.get("province")
    if aspect == "published":
        if not label.get("published"):
            return None
        return str(report.published) == label["published"]
    return getattr(report, aspect) == label[aspect]


@pytest.mark.parametrize("aspect", list(FLOORS))
def test_aspect_floor(parsed, aspect):
    results = [_ok(aspect, label, report) for label, report in parsed]
    scored = [r for r in results if r is not None]
    misses = [lab["file"] for (lab, _), r in zip(parsed, results, strict=True) if r is False]
    assert sum(scored) / len(scored) >= FLOORS[aspect], misses


def test_no_value_in_a_wrong_cell(parsed):
    wrong = [
        (label["file"], key, want, report.fields.get(key))
        for label, report in parsed
        if report is not None
        for key, want in label["fields"].items()
        if want is not None and report.fields.get(key) not in (None, want)
    ]
    assert wrong == []
