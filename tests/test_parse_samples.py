"""The five bundled samples: hand-read values, and the full parse against reviewed golden JSON.

Regenerate the golden files only on purpose, then review the diff:
    pytest tests/test_parse_samples.py --update-golden
"""

import datetime as dt
import json
from pathlib import Path

import pytest

from govsearch.indexer.parse import parse_report

CORPUS = Path(__file__).parent.parent / "corpus"
GOLDEN = Path(__file__).parent / "golden"


def sample(prefix: str):
    path = next(CORPUS.glob(f"{prefix}_*.txt"))
    return parse_report(path.read_text(encoding="utf-8"), source=path.name)


def test_001_pan_jin_v2_with_blank_cells():
    r = sample("001")
    assert (r.agency, r.year, r.format) == ("盘锦市商务局", 2021, "v2_2021")
    assert r.fields["pd_normdocs_issued"] == 4
    assert r.fields["pd_license_decisions"] == 152
    assert r.fields["pd_rules_in_force"] is None  # a blank cell is unknown, not 0
    assert r.fields["app_new__total"] == 0
    assert r.fields["app_new__np"] is None


def test_003_agency_from_signature_when_title_has_a_fragment():
    r = sample("003")
    assert r.agency == "城步苗族自治县商务局"  # the title only says 县商务局
    assert r.region == "城步苗族自治县"
    assert (r.year, r.published, r.format) == (2019, dt.date(2020, 2, 12), "v1_2019_trial")
    assert r.fields["pd_procure_projects"] == 0
    assert r.improvement_measures[0].startswith("加强对政府信息公开工作的领导")
    assert len(r.improvement_measures) == 4 and len(r.problems) == 6


def test_004_no_title_agency_from_body_and_signature():
    r = sample("004")
    assert r.agency == "积石山县商务局"
    assert r.published == dt.date(2022, 1, 14)
    starts = [m[:6] for m in r.improvement_measures]
    assert starts == ["加大宣传力度", "形成良好的报", "加强业务学习"]
    assert r.improvement_measures[1].startswith("形成良好的报送机制")
    assert r.problems[0].startswith("信息更新不够及时")


def test_000_rows_with_eleven_equal_cells_are_filled_with_a_warning():
    r = sample("000")
    assert r.agency == "湛河区商务局"
    assert [r.fields[f"app_deny_third_party__{c}"] for c in ("np", "total")] == [0, 0]
    assert r.fields["app_carried_out__total"] == 0
    assert any("11 numeric cells for 7 columns, all 0: filled" in w for w in r.warnings)
    # six cells for seven columns cannot be placed without guessing: null plus a warning
    assert r.fields["app_granted__total"] is None
    assert any("(app_granted): 6 cells for 7 columns" in w for w in r.warnings)


def test_002_sub_points_numbered_like_headings_stay_in_their_section():
    r = sample("002")
    assert r.agency == "惠济区科技和工业信息化局"
    assert "一、成立组织，加强领导" in r.sections["s1_overview"]
    assert r.sections["s2_proactive"].startswith("第二十条")
    assert list(r.sections) == [
        "s1_overview", "s2_proactive", "s3_applications", "s4_review_litigation", "s5_problems", "s6_other"
    ]  # fmt: skip


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_golden(path: Path, request: pytest.FixtureRequest):
    report = parse_report(path.read_text(encoding="utf-8"), source=path.name)
    got = report.model_dump(mode="json")
    golden = GOLDEN / f"{path.stem}.json"
    if request.config.getoption("--update-golden"):
        golden.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert got == json.loads(golden.read_text(encoding="utf-8"))
