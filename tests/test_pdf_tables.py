"""PDF text loses blank cells and wraps long labels: values come out right or null, never wrong."""

from pathlib import Path

import pytest

from govsearch.indexer.parse import parse_report
from govsearch.indexer.read import read_path

ROOT = Path(__file__).parent.parent


@pytest.mark.parametrize("stem", ["000", "001", "002", "003", "004"])
def test_pdf_fields_are_equal_or_null(stem):
    text = next((ROOT / "corpus").glob(f"{stem}_*.txt")).read_text(encoding="utf-8")
    original = parse_report(text)
    from_pdf = parse_report(read_path(ROOT / "tests" / "fixtures" / f"{stem}.pdf"))
    assert (from_pdf.agency, from_pdf.year) == (original.agency, original.year)
    wrong = {k: v for k, v in from_pdf.fields.items() if v is not None and v != original.fields[k]}
    assert wrong == {}
    assert [m[:8] for m in from_pdf.improvement_measures] == [
        m[:8] for m in original.improvement_measures
    ]


def test_pdf_of_a_fully_filled_table_reads_every_field():
    text = next((ROOT / "corpus").glob("004_*.txt")).read_text(encoding="utf-8")
    from_pdf = parse_report(read_path(ROOT / "tests" / "fixtures" / "004.pdf"))
    assert from_pdf.fields == parse_report(text).fields
