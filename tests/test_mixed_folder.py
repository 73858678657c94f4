"""A folder as people have it: .docx, .html, .pdf and GBK text mixed, some files broken."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

from typer.testing import CliRunner

from govsearch.cli.app import app

ROOT = Path(__file__).parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
runner = CliRunner()


def make_folder(folder: Path) -> None:
    shutil.copy(FIXTURES / "000.docx", folder / "湛河区.docx")
    shutil.copy(FIXTURES / "001_gbk.html", folder / "盘锦.htm")
    shutil.copy(FIXTURES / "002.pdf", folder / "惠济区.pdf")
    shutil.copy(FIXTURES / "000_really_html.txt", folder / "really_html.txt")
    text = next((ROOT / "corpus").glob("003_*.txt")).read_text(encoding="utf-8")
    (folder / "城步.txt").write_bytes(text.encode("gb18030"))
    (folder / "broken.docx").write_bytes(zipfile.ZipFile.__doc__.encode()[:100])
    (folder / "random.pdf").write_bytes(bytes(range(256)) * 8)
    (folder / "empty.html").write_bytes(b"")


def test_index_a_mixed_folder_reports_each_skipped_file_with_its_reason(tmp_path: Path):
    folder = tmp_path / "reports"
    folder.mkdir()
    make_folder(folder)
    index = tmp_path / "index"
    result = runner.invoke(app, ["index", str(folder), "--index", str(index), "--workers", "1"])
    assert "Traceback" not in result.output
    assert "added 5, updated 0, unchanged 0, removed 0, skipped 3" in result.stdout
    skipped = [line for line in result.stderr.splitlines() if line.startswith("skipped")]
    assert len(skipped) == 3
    for name in ("broken.docx", "random.pdf", "empty.html"):
        assert any(name in line for line in skipped), name

    out = runner.invoke(app, ["query", "--index", str(index), "--json", "--limit", "10"])
    agencies = sorted(h["agency"] for h in json.loads(out.stdout)["hits"])
    # the .docx and the HTML saved as .txt are two files of the same report: both indexed
    assert agencies == sorted(
        [
            "湛河区商务局",
            "湛河区商务局",
            "盘锦市商务局",
            "惠济区科技和工业信息化局",
            "城步苗族自治县商务局",
        ]
    )


def test_parse_a_mixed_folder_exits_1_and_names_every_bad_file(tmp_path: Path):
    make_folder(tmp_path)
    result = runner.invoke(app, ["parse", str(tmp_path), "--jsonl"])
    assert result.exit_code == 1
    reports = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(reports) == 5
    assert {r["agency"] for r in reports} == {
        "湛河区商务局", "盘锦市商务局", "惠济区科技和工业信息化局", "城步苗族自治县商务局"
    }  # fmt: skip
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 3 and all(e.startswith("skipped ") for e in errors)
