"""`govsearch parse` on good and bad input: exit codes, one-line errors, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from govsearch.cli.app import app

CORPUS = Path(__file__).parent.parent / "corpus"
runner = CliRunner()
SAMPLE_003 = next(CORPUS.glob("003_*.txt"))


def parse(*args: str):
    return runner.invoke(app, ["parse", *args])


def test_json_for_a_directory_has_every_sample():
    result = parse(str(CORPUS), "--json")
    assert result.exit_code == 0
    reports = json.loads(result.stdout)
    assert sorted(r["agency"] for r in reports) == sorted(
        [
            "湛河区商务局",
            "盘锦市商务局",
            "惠济区科技和工业信息化局",
            "城步苗族自治县商务局",
            "积石山县商务局",
        ]
    )


def test_jsonl_gives_one_report_per_line():
    result = parse(str(SAMPLE_003), "--jsonl")
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["fields"]["pd_procure_projects"] == 0


def test_summary_without_json_names_agency_and_measures():
    result = parse(str(SAMPLE_003))
    assert result.exit_code == 0
    assert (
        "城步苗族自治县商务局" in result.stdout and "加强对政府信息公开工作的领导" in result.stdout
    )


def test_bad_files_are_skipped_with_one_line_each_and_exit_1(tmp_path: Path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 64)
    (tmp_path / "recipe.txt").write_text(
        "红烧肉的做法：五花肉切块，焯水，加糖炒色。", encoding="utf-8"
    )
    good = tmp_path / "good.txt"
    good.write_bytes(SAMPLE_003.read_bytes())
    result = subprocess.run(
        [sys.executable, "-m", "govsearch.cli", "parse", str(tmp_path), "--json"],
        capture_output=True, text=True, env={**os.environ, "COLUMNS": "200"},
    )  # fmt: skip
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 3
    assert any("empty.txt" in e and "empty" in e for e in errors)
    assert any("binary.txt" in e for e in errors)
    assert any(
        "recipe.txt" in e and "not a government information disclosure annual report" in e
        for e in errors
    )
    assert [r["agency"] for r in json.loads(result.stdout)] == ["城步苗族自治县商务局"]


def test_gbk_copy_parses_like_the_original(tmp_path: Path):
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes(SAMPLE_003.read_text(encoding="utf-8").encode("gb18030"))
    result = parse(str(gbk), "--json")
    assert result.exit_code == 0
    [report] = json.loads(result.stdout)
    original = json.loads(parse(str(SAMPLE_003), "--json").stdout)[0]
    assert report["fields"] == original["fields"]
    assert report["agency"] == "城步苗族自治县商务局"


def test_truncated_report_gives_what_is_there_and_a_warning(tmp_path: Path):
    text = next(CORPUS.glob("004_*.txt")).read_text(encoding="utf-8")
    cut = tmp_path / "cut.txt"
    cut.write_text(text[: text.index("（二）部分公开")], encoding="utf-8")
    result = parse(str(cut), "--json")
    assert result.exit_code == 0
    [report] = json.loads(result.stdout)
    assert report["fields"]["pd_license_decisions"] == 0
    assert report["fields"]["app_granted__total"] == 0
    assert report["fields"]["app_partial__total"] is None
    assert report["fields"]["rl_review_total"] is None
    assert any("truncated" in w for w in report["warnings"])


def test_missing_file_and_huge_file_are_one_line_errors(tmp_path: Path):
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as f:
        f.truncate(50 * 1024 * 1024 + 1)
    result = subprocess.run(
        [sys.executable, "-m", "govsearch.cli", "parse", str(huge), str(tmp_path / "nope.txt")],
        capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2
    assert "huge.txt" in lines[0] and "too large" in lines[0]
    assert "nope.txt" in lines[1]
