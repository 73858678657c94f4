"""The indexer: report files in, index documents out. The flow, one sub-package a step:

    file ──read──▶ text ──parse──▶ Report ──write──▶ index documents ──engine──▶ whoosh segments

- `read`: file → text (file type from the content; HTML, DOCX, PDF, text); knows no reports;
- `parse`: text → `Report`, a pure function (`parse_report`);
- `batch`: many files → `Outcome`s (a `Report` or a skip reason) on all cores;
- `write`: `Report` → documents, the schema, the analyzers, and `build_index` (one commit);
- `engine`: everything below whoosh's public API (segment writing, block postings, BM25F);
- `models`: `Report`, `ConsistencyIssue`, `Outcome`; `fold`: which spellings are the same.
"""

from .models import ConsistencyIssue, Outcome, Report

__all__ = ["ConsistencyIssue", "Outcome", "Report"]
