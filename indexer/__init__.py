"""The indexer: report files in, index documents out. The flow, one sub-package a step:

    file ──read──▶ text ──parse──▶ Report ──write──▶ index documents ──engine──▶ whoosh segments

- `read`: file → text (file type from the content; HTML, DOCX, PDF, text); knows no reports;
- `parse`: text → `Report`, a pure function (`parse_report`);
- `batch`: many files → `Outcome`s (a `Report` or a skip reason) on all cores;
- `write`: `Report` → documents, the schema, the analyzers, and `build_index` (one commit);
- `engine`: everything below whoosh's public API (segment writing, block postings, BM25F);
- `models`: `Report`, `ConsistencyIssue`, `Outcome`; `fold`: which spellings are the same.
"""

from __future__ import annotations

__all__ = ["ConsistencyIssue", "Outcome", "Report"]


def __getattr__(name: str):
    # Lazy: `govsearch --help` imports `parse.templates` (the field keys), which must not
    # load pydantic through this package.
    if name in __all__:
        from . import models

        return getattr(models, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
