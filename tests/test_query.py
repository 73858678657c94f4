"""Queries on the bundled corpus: exact hits, filters, sorting, facets, snippets, errors."""

from __future__ import annotations

import pytest

from govsearch.search import BadQuery, Condition, Query, YearRange

PANJIN, CHENGBU = "盘锦市商务局", "城步苗族自治县商务局"


def agencies(results) -> list[str]:
    return [h.agency for h in results.hits]


def test_word_with_year(built_index):
    results = built_index.search("政策解读", year=2021)
    assert results.total == 1 and agencies(results) == [PANJIN]


def test_where_alone(built_index):
    assert agencies(built_index.search(where=["pd_license_decisions>=100"])) == [PANJIN]


def test_year_range_alone(built_index):
    assert agencies(built_index.search(year="2019..2020")) == [CHENGBU]


def test_phrase(built_index):
    assert agencies(built_index.search('"政务公开日"')) == [PANJIN]


def test_multi_word_phrase_needs_token_positions(built_index):
    # 政务公开|平台 are two tokens; with character offsets as positions this phrase never matches.
    results = built_index.search('"政务公开平台"')
    assert agencies(results) == [PANJIN]
    assert [h.text for h in results.hits[0].highlights] == ["政务公开平台"]


def test_phrase_split_differently_in_context(built_index):
    # Documents segment 政府信息公开|工作; the query segments 信息公开|工作.
    assert built_index.search('"信息公开工作"').total == 5


def test_highlights_fall_on_the_matched_characters(built_index):
    hit = built_index.search("政策解读").hits[0]
    assert hit.highlights
    for h in hit.highlights:
        assert hit.snippet[h.start : h.end] == h.text == "政策解读"
    assert hit.section == "s1_overview"


def test_section_restriction(built_index):
    assert built_index.search("政策解读", section="s5_problems").total == 0
    assert built_index.search("政策解读", section="s1_overview").total == 1


def test_filters_are_anded(built_index):
    assert (
        built_index.search(where=["pd_license_decisions>=100", "app_new__total>=1000"]).total == 0
    )
    assert agencies(built_index.search(agency=CHENGBU)) == [CHENGBU]
    assert built_index.search(version="v2_2021").total == 4


def test_not_equal_skips_nulls(built_index):
    # pd_rules_new_made exists only in the 2019 template: nulls are neither = nor != 5.
    assert agencies(built_index.search(where=["pd_rules_new_made!=12345"])) == [CHENGBU]


def test_sort_by_spec_key_nulls_last_both_ways(built_index):
    down = built_index.search(sort="pd_license_decisions", desc=True)
    assert down.hits[0].agency == PANJIN and down.hits[0].score is None
    for desc in (False, True):
        assert built_index.search(sort="pd_rules_new_made", desc=desc).hits[0].agency == CHENGBU


def test_sort_year_and_paging(built_index):
    first = built_index.search(sort="year", limit=1)
    assert agencies(first) == [CHENGBU] and first.total == 5
    assert len(built_index.search(sort="year", offset=4).hits) == 1


def test_facets(built_index):
    results = built_index.search(facets=["year", "version"])
    assert results.facets == {
        "year": {"2021": 4, "2019": 1},
        "version": {"v2_2021": 4, "v1_2019_trial": 1},
    }


def test_unknown_where_key_names_closest_keys():
    with pytest.raises(BadQuery, match="pd_license_decisions"):
        Query.build(where=["pd_licence_decision>=1"])
    with pytest.raises(BadQuery, match="nosuchkey.*closest valid keys"):
        Query.build(where=["nosuchkey>1"])


@pytest.mark.parametrize("bad", ["pd_license_decisions >> 1", "pd_license_decisions>=abc", ">=1"])
def test_unreadable_where(bad):
    with pytest.raises(BadQuery, match="KEY OP NUMBER"):
        Condition.parse(bad)


def test_condition_to_whoosh_uses_query_objects():
    assert repr(Condition.parse("pd_license_decisions > 99.5").to_whoosh()) == repr(
        Condition.parse("pd_license_decisions>=100").to_whoosh()
    )
    assert "NumericRange" in repr(Condition.parse("pd_fees_amount_wan<3.5").to_whoosh())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2021", (2021, 2021)),
        ("2019..2021", (2019, 2021)),
        ("2019..", (2019, None)),
        ("..2020", (None, 2020)),
    ],
)
def test_year_ranges(text, expected):
    year = YearRange.parse(text)
    assert (year.start, year.end) == expected


@pytest.mark.parametrize(
    "kw", [{"year": "21"}, {"sort": "agencyy"}, {"limit": -1}, {"facets": ["colour"]}]
)
def test_bad_query_options_are_one_line(kw):
    with pytest.raises(BadQuery) as e:
        Query.build(**kw)
    assert "\n" not in str(e.value)


@pytest.mark.parametrize(
    ("text", "total"),
    [('"政务公开日', 1), ("(政策 AND", 1), ("政策)", 1), ("AND", 0), ("year:[2019 TO", 0)]
    + [("*", 5), ('"', 0)],
)
def test_stray_quotes_and_brackets_are_read_leniently(built_index, text, total):
    # whoosh's parser recovers from each of these: the words that are there are searched.
    assert built_index.search(text).total == total


def test_stop_words_only_match_nothing(built_index):
    assert built_index.search("的").total == 0


def test_explain_shows_filter_objects(built_index):
    shown = built_index.explain(
        Query.build(text="政策解读", year="2019..2021", where=["backlog>0"])
    )
    assert "NumericRange('year', 2019, 2021" in shown and "Term('kind', 'report')" in shown
