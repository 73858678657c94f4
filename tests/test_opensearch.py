"""`govsearch export --to opensearch DIR`: the mapping, the bulk files, and what they hold."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from govsearch.cli.app import app
from govsearch.indexer.models import Report
from govsearch.indexer.write.schema import numeric_keys
from govsearch.search.opensearch import TEXT_KEYS, export_opensearch, segment
from govsearch.search.query import figure_keys


@pytest.fixture(scope="module")
def exported(built_index, tmp_path_factory):
    out = tmp_path_factory.mktemp("opensearch")
    done = export_opensearch(built_index.iter_figured(), out, per_file=2)
    return out, done


def _pairs(out, files):
    for name in files:
        lines = (out / name).read_text("utf-8").splitlines()
        assert len(lines) % 2 == 0
        yield from (
            (json.loads(a), json.loads(d)) for a, d in zip(lines[::2], lines[1::2], strict=True)
        )


def test_files_and_mapping(exported):
    out, done = exported
    assert done.reports == 5 and done.files == [
        "bulk-00001.ndjson",
        "bulk-00002.ndjson",
        "bulk-00003.ndjson",
    ]
    body = json.loads((out / "mapping.json").read_text("utf-8"))
    props = body["mappings"]["properties"]
    assert body["mappings"]["dynamic"] == "strict"
    assert body["settings"]["analysis"]["analyzer"]["pre_segmented"]["tokenizer"] == "whitespace"
    assert all(props[k]["type"] in ("long", "double") for k in figure_keys())
    assert (
        props["disclosure_rate"]["type"] == "double" and props["app_new__total"]["type"] == "long"
    )
    for k in ("agency", "province", "city", "county", "region", "agency_key", "region_code"):
        assert props[k] == {"type": "keyword"}
    assert props["s5_problems"] == {
        "type": "text",
        "analyzer": "pre_segmented",
        "index_options": "positions",
    }
    for _, doc in _pairs(out, done.files):
        assert set(doc) <= set(props)  # `dynamic: strict` would reject anything else


def test_every_field_round_trips(exported, built_index):
    out, done = exported
    seen = 0
    for action, doc in _pairs(out, done.files):
        report = built_index.get(action["index"]["_id"])
        assert action == {"index": {"_index": "govsearch", "_id": report.id}}
        assert Report.model_validate(doc["report"]) == report
        values = {
            **report.fields,
            **report.derived(),
            "quality": built_index.quality(report.id).score,
        }
        assert {k: doc.get(k) for k in numeric_keys()} == {k: values.get(k) for k in numeric_keys()}
        assert doc["boilerplate_share"] == 0.0 and "copied_items" not in doc  # null: left out
        for k in ("agency", "province", "city", "county", "region", "agency_key", "format"):
            assert doc.get(k) == getattr(report, k)
        assert doc["year"] == report.year
        for k in TEXT_KEYS[1:7]:
            assert doc.get(k, "") == segment(report.sections.get(k, ""))
        seen += 1
    assert seen == 5


def test_segmented_text_is_govsearch_terms():
    assert segment("政府信息公开工作年度报告") == "政府信息公开 工作 年度报告"
    # Folded; a 文号 is one token (after its issuer's word, as govsearch's query side has it).
    assert segment("國辦發〔2019〕60號") == "国办发 国办发〔2019〕60号"


def test_bulk_lines_are_what_opensearch_py_sends(exported):
    helpers = pytest.importorskip("opensearchpy.helpers")
    from opensearchpy.serializer import JSONSerializer

    out, done = exported
    pairs = list(_pairs(out, done.files))
    actions = [
        {"_index": a["index"]["_index"], "_id": a["index"]["_id"], "_source": d} for a, d in pairs
    ]
    assert [helpers.expand_action(x) for x in actions] == [(a, d) for a, d in pairs]
    chunks = list(
        helpers._chunk_actions(
            map(helpers.expand_action, actions), 500, 100 << 20, JSONSerializer()
        )
    )
    assert len(chunks) == 1 and len(chunks[0][1]) == 2 * len(pairs)


def test_cli_export_to_opensearch(built_index, tmp_path):
    result = CliRunner().invoke(
        app,
        [
            "export",
            "--to",
            "opensearch",
            "--output",
            str(tmp_path / "os"),
            "--index",
            str(built_index.path),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "5 reports" in result.output and (tmp_path / "os" / "mapping.json").exists()
    bad = CliRunner().invoke(
        app, ["export", "--to", "solr", str(tmp_path), "--index", str(built_index.path)]
    )
    assert bad.exit_code == 1
