"""The dev set: twelve real report texts with hand-read labels (tests/devset, from ../shared).

Scored the way `tests/devset/eval_extraction.py` scores the `govsearch parse --json` output.
"""

import json
import re
import unicodedata
from pathlib import Path

import pytest

from govsearch.indexer.parse import parse_report

DEVSET = Path(__file__).parent / "devset"
LABELS = [
    json.loads(line)
    for line in (DEVSET / "labels.jsonl").read_text(encoding="utf-8").splitlines()
    if line
]


def norm(s) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(s)))


@pytest.mark.parametrize("label", LABELS, ids=lambda lab: lab["file"])
def test_devset_report(label):
    text = (DEVSET / "reports" / label["file"]).read_text(encoding="utf-8")
    r = parse_report(text, source=label["file"])
    assert (norm(r.agency) if r.agency else None) == (
        norm(label["agency"]) if label["agency"] else None
    )
    assert r.year == label["year"]
    assert r.format == label["format"]
    if label.get("published"):
        assert str(r.published) == label["published"]
    for key, want in label["fields"].items():
        assert r.fields.get(key) == want, key
    measures = [norm(m) for m in r.improvement_measures]
    for want in label.get("improvement_measures") or []:
        assert any(norm(want)[:12] in m for m in measures), want
