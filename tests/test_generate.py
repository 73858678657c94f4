"""The benchmark corpus generator: deterministic, realistic, and parsed back to its own numbers."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate import APP_COLS, RL_COLS, RL_GROUPS, generate  # noqa: E402

SIZE = 400


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict]]:
    out = tmp_path_factory.mktemp("gen")
    generate(SIZE, out, seed=7)
    truth = [
        json.loads(line) for line in (out / "truth.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    return out, truth


def text_of(out: Path, t: dict) -> str:
    return (out / "reports" / t["file"]).read_text(encoding="utf-8")


def test_deterministic_and_prefix_stable(corpus, tmp_path):
    out, truth = corpus
    generate(50, tmp_path, seed=7)
    for t in truth[:50]:
        assert (tmp_path / "reports" / t["file"]).read_bytes() == (
            out / "reports" / t["file"]
        ).read_bytes()
    other = tmp_path / "other"
    generate(5, other, seed=8)
    assert (other / "reports" / "000000.txt").read_bytes() != (
        out / "reports" / "000000.txt"
    ).read_bytes()


def test_realistic_mix(corpus):
    out, truth = corpus
    formats = {t["format"] for t in truth}
    assert formats == {"v0_legacy", "v1_2019_trial", "v2_2021"}
    assert {t["layout"].split("+")[0] for t in truth} == {"tab", "tabcell", "cell", "pipe", "prose"}
    sizes = [(out / "reports" / t["file"]).stat().st_size for t in truth]
    assert 4500 <= sum(sizes) / len(sizes) <= 8500
    assert min(t["year"] for t in truth) >= 2008 and max(t["year"] for t in truth) <= 2024
    texts = "\n".join(text_of(out, t) for t in truth)
    for feature in (
        "【打印】",
        "[bookmark:",
        "０",
        "件",
        "减少",
        "二〇",
        "| ",
        "商业\n企业",
        "一是",
        "（一）",
        "街道办事处",
        "人民政府",
        "市场监督管理局",
        "下一步",
    ):
        assert feature in texts, feature
    assert any("traditional" in t["layout"] for t in truth)


def _consistent(f: dict) -> list[str]:
    failures = []
    results = [k.split("__")[0] for k in f if k.endswith("__total") and k.startswith("app_")]
    outcome_rows = [
        r
        for r in results
        if r not in ("app_new", "app_carried_in", "app_carried_out", "app_results_total")
    ]
    for c in (*APP_COLS, "total"):
        v = {r: f[f"{r}__{c}"] or 0 for r in results}
        if v["app_new"] + v["app_carried_in"] != v["app_results_total"] + v["app_carried_out"]:
            failures.append("R1")
        if v["app_results_total"] != sum(v[r] for r in outcome_rows):
            failures.append("R2")
    for r in results:
        if f[f"{r}__total"] != sum(f[f"{r}__{c}"] or 0 for c in APP_COLS):
            failures.append("R3")
    for g in RL_GROUPS:
        if f[f"{g}_total"] != sum(f[f"{g}_{c}"] for c in RL_COLS[:4]):
            failures.append("R4")
    return failures


def test_tables_obey_rules_except_the_deliberate_ones(corpus):
    _, truth = corpus
    broken = 0
    for t in truth:
        if t["format"] == "v0_legacy":
            assert t["fields"] == {}
            continue
        failures = _consistent(t["fields"])
        if t["inconsistent"]:
            broken += 1
            assert t["inconsistent"] in failures, t["file"]
        else:
            assert failures == [], (t["file"], failures)
    assert 0 < broken < len(truth) * 0.1


def test_measures_have_near_duplicates(corpus):
    _, truth = corpus
    heads = [re.split("[，。]", m)[0] for t in truth for m in t["improvement_measures"]]
    assert len(heads) > 2 * len(set(heads))


# ---------------------------------------------------------------- round trip through the parser

parse = pytest.importorskip("govsearch.indexer.parse")


@pytest.fixture(scope="module")
def parsed(corpus):
    out, truth = corpus
    return [(t, parse.parse_report(text_of(out, t), source=t["file"])) for t in truth]


def _mismatches(parsed, aspect) -> list[str]:
    bad = []
    for t, r in parsed:
        if aspect == "fields":
            for k, want in t["fields"].items():
                got = r.fields.get(k)
                if not (
                    (want is None and got is None)
                    or (want is not None and got is not None and abs(got - want) < 1e-6)
                ):
                    bad.append(f"{t['file']} ({t['layout']}) {k}: want {want} got {got}")
        elif aspect == "published":
            got = r.published.isoformat() if r.published else None
            if got != t["published"]:
                bad.append(f"{t['file']} ({t['layout']}): want {t['published']} got {got}")
        elif aspect == "measures":
            got = [m.strip("；;。.\n ") for m in r.improvement_measures]
            if got != t["improvement_measures"]:
                bad.append(
                    f"{t['file']} ({t['layout']}): want {t['improvement_measures']} got {got}"
                )
        elif aspect == "consistency":
            rules = {c.rule for c in r.consistency}
            if (t["inconsistent"] and t["inconsistent"] not in rules) or (
                not t["inconsistent"] and rules
            ):
                bad.append(
                    f"{t['file']} ({t['layout']}): want {t['inconsistent']} got {sorted(rules)}"
                )
        elif getattr(r, aspect) != t[aspect]:
            bad.append(f"{t['file']} ({t['layout']}): want {t[aspect]} got {getattr(r, aspect)}")
    return bad


@pytest.mark.parametrize(
    "aspect",
    [
        "year",
        "format",
        "consistency",
        "fields",
        "agency",
        "published",
        "measures",
        "province",
        "city",
        "county",
    ],
)
def test_parse_back(parsed, aspect):
    assert _mismatches(parsed, aspect) == []
