"""One table, every layout of spec §4: the same facts come out (hypothesis properties)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from govsearch.indexer.parse import parse_report
from govsearch.indexer.parse.rules import RESULT_ROWS, check_rules
from govsearch.indexer.parse.templates import APP_COLUMNS, PROACTIVE, REVIEW_LITIGATION, field_keys

from .render import LAYOUTS, report_text

V2_RESULT_ROWS = [r for r in RESULT_ROWS if r != "other"]
V1_RESULT_ROWS = [r for r in RESULT_ROWS if not r.startswith("other_")]
small = st.integers(min_value=0, max_value=40)


@st.composite
def consistent_fields(draw, version: str = "v2_2021") -> dict:
    """A table set for which R1–R4 hold by construction."""
    f: dict = {}
    result_rows = V2_RESULT_ROWS if version == "v2_2021" else V1_RESULT_ROWS
    for row in PROACTIVE[version]:
        for key in row.fields:
            if key.endswith("_wan"):
                f[key] = draw(st.one_of(small, st.decimals(0, 500, places=2).map(float)))
            else:
                f[key] = draw(st.integers(-5, 5) if key.endswith("_delta") else small)
    for col in APP_COLUMNS[:-1]:
        for row in result_rows:
            f[f"app_{row}__{col}"] = draw(st.integers(0, 3))
        f[f"app_results_total__{col}"] = sum(f[f"app_{r}__{col}"] for r in result_rows)
        f[f"app_carried_out__{col}"] = draw(st.integers(0, 3))
        f[f"app_carried_in__{col}"] = draw(
            st.integers(0, f[f"app_results_total__{col}"] + f[f"app_carried_out__{col}"])
        )
        f[f"app_new__{col}"] = (
            f[f"app_results_total__{col}"]
            + f[f"app_carried_out__{col}"]
            - f[f"app_carried_in__{col}"]
        )
    for row in ("new", "carried_in", *result_rows, "results_total", "carried_out"):
        f[f"app_{row}__total"] = sum(f[f"app_{row}__{c}"] for c in APP_COLUMNS[:-1])
    for group in range(3):
        parts = [draw(small) for _ in range(4)]
        f.update(
            zip(REVIEW_LITIGATION[group * 5 : group * 5 + 5], [*parts, sum(parts)], strict=True)
        )
    return f


@settings(max_examples=25, deadline=None)
@given(fields=consistent_fields(), layout=st.sampled_from(LAYOUTS), fullwidth=st.booleans())
def test_every_layout_gives_the_same_fields(fields, layout, fullwidth):
    report = parse_report(report_text(fields, layout, fullwidth))
    assert report.format == "v2_2021"
    assert report.fields == fields
    assert report.consistency == []
    assert report.agency == "测试县商务局"


@settings(max_examples=20, deadline=None)
@given(
    fields=consistent_fields("v1_2019_trial"),
    layout=st.sampled_from(LAYOUTS),
    fullwidth=st.booleans(),
)
def test_v1_trial_tables_in_every_layout(fields, layout, fullwidth):
    report = parse_report(report_text(fields, layout, fullwidth, version="v1_2019_trial"))
    assert report.format == "v1_2019_trial"
    assert report.fields == fields
    assert report.consistency == []


@settings(max_examples=15, deadline=None)
@given(fields=consistent_fields(), layout=st.sampled_from(("tabs", "pipes", "word_cells")))
def test_blank_cells_are_null_not_zero(fields, layout):
    fields = dict(fields, app_new__np=None, pd_rules_in_force=None)
    report = parse_report(report_text(fields, layout))
    assert report.fields["app_new__np"] is None
    assert report.fields["pd_rules_in_force"] is None
    assert report.fields["app_new__total"] == fields["app_new__total"]


@settings(max_examples=40, deadline=None)
@given(fields=consistent_fields())
def test_a_consistent_table_breaks_no_rule(fields):
    assert check_rules({k: fields.get(k) for k in field_keys("v2_2021")}) == []


@settings(max_examples=40, deadline=None)
@given(fields=consistent_fields(), data=st.data())
def test_one_changed_cell_breaks_exactly_the_expected_rules(fields, data):
    fields = {k: fields.get(k) for k in field_keys("v2_2021")}
    cell = data.draw(st.sampled_from([
        ("app_new__biz", {("R1", "biz"), ("R3", "new")}),
        ("app_granted__np", {("R2", "np"), ("R3", "granted")}),
        ("app_results_total__total", {("R1", "total"), ("R2", "total"), ("R3", "results_total")}),
        ("app_carried_out__legal", {("R1", "legal"), ("R3", "carried_out")}),
        ("rl_review_upheld", {("R4", "rl_review")}),
        ("rl_suit_after_review_total", {("R4", "rl_suit_after_review")}),
    ]))  # fmt: skip
    key, expected = cell
    fields[key] += 1
    assert {(i.rule, i.where) for i in check_rules(fields)} == expected


def test_every_template_label_survives_traditional_characters():
    """Reports converted to traditional characters (dev set 008) still match every label."""
    from opencc import OpenCC

    from govsearch.indexer.fold import normalize
    from govsearch.indexer.parse.templates import APPLICATION

    to_traditional = OpenCC("s2t").convert
    for rows in (*PROACTIVE.values(), *APPLICATION.values()):
        for row in rows:
            assert any(
                normalize(to_traditional(label)) in row.labels for label in row.labels
            ) or any(
                x in normalize(to_traditional(label)) for label in row.labels for x in row.labels
            ), row.labels


def test_a_report_flattened_onto_one_line_gives_no_wrong_value():
    """Some scrapers keep no line breaks at all: headings are found again, and a value read
    is always the right one (blank cells are lost, so some rows stay null)."""
    import re
    from pathlib import Path

    for path in sorted((Path(__file__).parent.parent / "corpus").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        original = parse_report(text)
        flat = parse_report(re.sub(r"\s+", " ", text))
        assert flat.year == original.year
        assert {
            k: v for k, v in flat.fields.items() if v is not None and v != original.fields[k]
        } == {}
        if path.name[:3] in ("000", "002", "003"):  # 001 numbers its headings 1、 and 5、
            assert list(flat.sections) == list(original.sections)
            assert [m[:6] for m in flat.improvement_measures] == [
                m[:6] for m in original.improvement_measures
            ]
