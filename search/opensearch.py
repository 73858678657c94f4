"""Export an index for OpenSearch: an index mapping and bulk NDJSON files.

For collections that outgrow one whoosh index. Text is segmented here, by govsearch's own
analyzer (jieba with the domain dictionary, folded, lower-cased, stop words removed: the
terms a govsearch query uses), and written as space-separated tokens into fields analysed
by OpenSearch's `whitespace` tokenizer with positions, so `match` and `match_phrase` see the
same terms and positions as govsearch. Every spec table key, derived figure and figure of
the whole index (`quality`, `copied_items`, …) is a numeric field, agency and places are
keywords, and the whole `Report` is kept unindexed in `report` (what `show` prints), so
nothing is lost.

    export_opensearch(index.iter_figured(), "out/")   # out/mapping.json, out/bulk-00001.ndjson, …
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from pydantic import BaseModel

from govsearch.indexer.models import SECTION_KEYS, Report
from govsearch.indexer.write.analysis import ChineseAnalyzer, jieba_tokenizer
from govsearch.indexer.write.schema import FOLDED_FIELDS

from .query import figure_keys, figure_type

INDEX_NAME = "govsearch"
DOCS_PER_FILE = 1000  # ~15 MB a file: well under OpenSearch's default 100 MB request limit
SEGMENTED = {"type": "text", "analyzer": "pre_segmented", "index_options": "positions"}
TEXT_KEYS = ("title", *SECTION_KEYS, "problems", "improvement_measures")
KEYWORDS = ("id", "source", *FOLDED_FIELDS, "region_code", "format")


class OpenSearchExport(BaseModel):
    directory: str
    index: str
    reports: int
    files: list[str]


def mapping() -> dict:
    """The index settings and mappings (`PUT /govsearch` with this body)."""
    props: dict[str, dict] = {k: {"type": "keyword"} for k in KEYWORDS}
    props |= {"year": {"type": "integer"}, "published": {"type": "date"}}
    props |= {k: dict(SEGMENTED) for k in TEXT_KEYS}
    props |= {k: {"type": "double" if figure_type(k) is float else "long"} for k in figure_keys()}
    props["report"] = {"type": "object", "enabled": False}  # kept in _source, not indexed
    return {
        "settings": {
            "analysis": {
                "analyzer": {"pre_segmented": {"type": "custom", "tokenizer": "whitespace"}}
            }
        },
        "mappings": {"dynamic": "strict", "properties": props},
    }


_analyzer = ChineseAnalyzer()


def segment(text: str) -> str:
    """`text` as space-separated govsearch terms: index it, or send it as a query's text."""
    return " ".join(t.text for t in _analyzer(text, mode="query"))


def document(report: Report, figures: dict) -> dict:
    """One report, with its whole-index `figures` (`Index.iter_figured`), as an OpenSearch
    document of `mapping()`; absent values are left out."""
    doc: dict = {k: getattr(report, k) for k in KEYWORDS if getattr(report, k) is not None}
    if report.year is not None:
        doc["year"] = report.year
    if report.published is not None:
        doc["published"] = report.published.isoformat()
    texts = {"title": report.title or "", **report.sections}
    texts |= {"problems": "\n".join(report.problems)}
    texts |= {"improvement_measures": "\n".join(report.improvement_measures)}
    doc |= {k: seg for k in TEXT_KEYS if (seg := segment(texts.get(k, "")))}
    values = {**report.fields, **report.derived(), **figures}
    doc |= {k: values[k] for k in figure_keys() if values.get(k) is not None}
    doc["report"] = report.model_dump(mode="json")
    return doc


def bulk_lines(reports: Iterable[tuple[Report, dict]], index: str = INDEX_NAME) -> Iterable[str]:
    """Action and document lines of the `_bulk` API, two per report (ids are report ids)."""
    for report, figures in reports:
        yield json.dumps({"index": {"_index": index, "_id": report.id}}, ensure_ascii=False)
        yield json.dumps(document(report, figures), ensure_ascii=False)


def export_opensearch(
    reports: Iterable[tuple[Report, dict]], directory: str | Path, *, index: str = INDEX_NAME,
    per_file: int = DOCS_PER_FILE,
) -> OpenSearchExport:  # fmt: skip
    """Write `mapping.json` and `bulk-NNNNN.ndjson` files of `per_file` reports each, from
    (report, its whole-index figures) pairs (`Index.iter_figured`)."""
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    (out / "mapping.json").write_text(json.dumps(mapping(), indent=2) + "\n", "utf-8")
    jieba_tokenizer()  # the full dictionary at once (query mode would read it per text)
    files: list[str] = []
    count, handle = 0, None
    try:
        lines = bulk_lines(reports, index)
        for action in lines:
            if count % per_file == 0:
                if handle:
                    handle.close()
                files.append(f"bulk-{len(files) + 1:05d}.ndjson")
                handle = open(out / files[-1], "w", encoding="utf-8")  # noqa: SIM115
            handle.write(action + "\n" + next(lines) + "\n")
            count += 1
    finally:
        if handle:
            handle.close()
    return OpenSearchExport(directory=str(out), index=index, reports=count, files=files)
