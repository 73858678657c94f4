"""read_path / read_bytes: encodings, format sniffing, and every way a file can be unreadable."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from opencc import OpenCC

from govsearch.indexer import read as read_module
from govsearch.indexer.read import UnreadableFile, iter_report_files, read_bytes, read_path
from govsearch.indexer.read.blocks import SpanCell, clean_cell, spread_cells
from govsearch.indexer.read.docx import MAX_UNCOMPRESSED

FIXTURES = Path(__file__).parent / "fixtures"
CORPUS = Path(__file__).parents[1] / "corpus"
SAMPLE = (CORPUS / "000_c479f69c9f462452.txt").read_text(encoding="utf-8")
TRADITIONAL = "積石山縣商務局2021年政府資訊公開工作年度報告\n規章\t0\t0\t0\n行政許可\t152\n"


def reason_for(data: bytes, name: str = "x") -> str:
    with pytest.raises(UnreadableFile) as info:
        read_bytes(data, name)
    assert info.value.path == name
    assert "\n" not in info.value.reason
    return info.value.reason


# --- text encodings ---------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16"])
def test_text_encodings(encoding: str) -> None:
    text = SAMPLE if encoding != "gbk" else SAMPLE.replace("\xa0", " ")
    assert read_bytes(text.encode(encoding)) == text


def test_big5_text() -> None:
    text = TRADITIONAL + OpenCC("s2t").convert(SAMPLE[:1500]).replace("\xa0", " ")
    data = text.encode("big5", errors="ignore")
    assert read_bytes(data) == data.decode("big5")
    assert read_bytes(data).startswith(TRADITIONAL)


def test_gb18030_preferred_for_short_gb_text() -> None:
    assert read_bytes("规章\t0\t0\t0\n".encode("gbk")) == "规章\t0\t0\t0\n"


def test_damaged_gbk_still_decodes() -> None:
    data = SAMPLE.replace("\xa0", " ").encode("gbk")
    text = read_bytes(data[:1001] + b"\xff" + data[1001:])
    assert "湛河区商务局2021年政府信息公开工作年度报告" in text
    assert "规章\t0\t0\t0" in text


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes_give_text_or_unreadable(data: bytes) -> None:
    try:
        assert isinstance(read_bytes(data), str)
    except UnreadableFile as e:
        assert e.reason and "\n" not in e.reason


# --- unreadable files -------------------------------------------------------------------


def test_empty_file(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"")
    with pytest.raises(UnreadableFile, match="empty file") as info:
        read_path(tmp_path / "a.txt")
    assert info.value.path == str(tmp_path / "a.txt")
    assert reason_for(b" \r\n\t ") == "empty file"


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(UnreadableFile, match="No such file"):
        read_path(tmp_path / "missing.docx")


def test_binary_file() -> None:
    assert reason_for(bytes(range(256)) * 40) == "binary file, not a report"
    assert reason_for(b"\x89PNG\r\n\x1a\n" + os.urandom(200)).startswith(
        "binary file, not a report"
    )


def test_random_bytes_named_pdf() -> None:
    assert reason_for(os.urandom(4096), "report.pdf") == "binary file, not a report"
    assert (
        reason_for(b"%PDF-1.7\n" + os.urandom(4096), "report.pdf")
        == "damaged PDF (not a valid PDF structure)"
    )


def test_encrypted_pdf() -> None:
    reason = reason_for((FIXTURES / "encrypted.pdf").read_bytes())
    assert reason == "encrypted PDF (password required)"


def test_scanned_pdf_without_text_layer() -> None:
    canvas = pytest.importorskip("reportlab.pdfgen.canvas", reason="reportlab (test extra)")
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.rect(50, 50, 400, 600, fill=1)  # a page with only graphics, like a scan
    pdf.showPage()
    pdf.save()
    assert reason_for(buffer.getvalue()) == "scanned PDF without a text layer"


def test_legacy_doc() -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + b"Word.Document.8"
    assert reason_for(ole, "report.doc") == "legacy .doc (Word 97) is not supported"


def docx_bytes(text: str = "盘锦市商务局") -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_truncated_docx() -> None:
    data = (FIXTURES / "001.docx").read_bytes()
    reason = reason_for(data[: len(data) // 2], "001.docx")
    assert reason == "corrupt .docx or zip (truncated or damaged)"


def test_zip_that_is_not_docx() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("readme.txt", "hello")
    assert reason_for(buffer.getvalue()) == "zip archive without word/document.xml (not a .docx)"


def test_zip_bomb_docx_is_rejected_before_inflating() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", '<?xml version="1.0"?><w:document/>')
        with zf.open("word/media/bomb.bin", "w", force_zip64=True) as member:
            chunk = bytes(1024 * 1024)
            for _ in range(MAX_UNCOMPRESSED // len(chunk) + 1):
                member.write(chunk)
    data = buffer.getvalue()
    assert len(data) < 1024 * 1024  # small on disk, over the cap inflated
    assert reason_for(data, "bomb.docx") == "docx uncompressed size exceeds 200 MB cap"


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol9 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"""


def test_billion_laughs_inside_docx() -> None:
    source = zipfile.ZipFile(io.BytesIO(docx_bytes()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                data = BILLION_LAUGHS.encode()
            zf.writestr(info, data)
    reason = reason_for(buffer.getvalue(), "laughs.docx")
    assert reason == "docx part word/document.xml declares a DOCTYPE/ENTITY (rejected)"


def test_file_too_large(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(read_module, "MAX_BYTES", 1000)
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * 1001)
    with pytest.raises(UnreadableFile, match=r"file too large \(1001 bytes, limit 1000\)"):
        read_path(path)
    assert reason_for(b"a" * 1001) == "file too large (1001 bytes, limit 1000)"


def test_deeply_nested_html() -> None:
    page = b"<html><body>" + b"<div>" * 20_000 + b"x" + b"</div>" * 20_000
    assert reason_for(page) == "HTML nested more than 5000 levels deep"


def test_moderately_nested_html_reads() -> None:
    page = "<html><body>" + "<div><span>" * 1500 + "盘锦市商务局" + "</span></div>" * 1500
    assert read_bytes(page.encode()) == "盘锦市商务局\n"


def test_html_with_wrong_meta_charset_falls_back_to_detection() -> None:
    page = '<html><head><meta charset="utf-8"></head><body><p>湛河区商务局</p></body></html>'
    assert read_bytes(page.encode("gbk")) == "湛河区商务局\n"


def test_docx_roundtrip_smoke() -> None:
    assert read_bytes(docx_bytes("盘锦市商务局\n2021年度政府信息公开工作报告")) == (
        "盘锦市商务局\n2021年度政府信息公开工作报告\n"
    )


# --- blocks -----------------------------------------------------------------------------


def test_clean_cell_collapses_whitespace() -> None:
    assert clean_cell(" 商业\n企业 ") == "商业企业"
    assert clean_cell("本年收费金额\n（单位：万元）") == "本年收费金额（单位：万元）"
    assert clean_cell("0\xa0") == "0"
    assert clean_cell("total\t 12") == "total 12"


def test_spread_cells_places_merged_cells_once() -> None:
    rows = [[SpanCell("A", rowspan=2), SpanCell("B", colspan=2)], [SpanCell("c"), SpanCell("d")]]
    assert spread_cells(rows) == [["A", "B", ""], ["", "c", "d"]]


def test_spread_cells_clamps_absurd_spans() -> None:
    grid = spread_cells([[SpanCell("x", rowspan=65534, colspan=10**6)], [SpanCell("y")]])
    assert grid[0][0] == "x" and len(grid) == 2 and len(grid[0]) <= 201


# --- iter_report_files ------------------------------------------------------------------


def test_iter_report_files_recursive_sorted_skips_hidden(tmp_path: Path) -> None:
    for name in ["b/2.docx", "a.txt", "b/1.html", ".hidden.txt", ".git/x.txt", "b/.~lock.docx"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    single = tmp_path / "a.txt"
    assert list(iter_report_files([tmp_path, single])) == [
        tmp_path / "a.txt",
        tmp_path / "b/1.html",
        tmp_path / "b/2.docx",
        single,
    ]
