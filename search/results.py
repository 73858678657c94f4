"""Search results as pydantic models (`model_dump()` is the JSON output), snippets and facets.

A snippet comes from the section whose text holds the most query terms. Highlights are the
occurrences of the parsed query's own term texts (and of whole phrases, their words separated
by at most punctuation or spaces) in the folded section (`fold`), found with `str.find`: they fall
exactly on the matched characters, and no hit's text is re-analysed.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from pydantic import BaseModel, Field
from whoosh import query as wq

from govsearch.indexer.fold import fold_terms
from govsearch.indexer.models import SECTION_KEYS, Report
from govsearch.indexer.write.codec import load_report
from govsearch.indexer.write.schema import TEXT_FIELDS

from .query import figure_keys

SNIPPET_WIDTH = 120
SNIPPET_LEAD = 20  # characters of context kept before the first highlight
ELLIPSIS = "…"


class Highlight(BaseModel):
    start: int = Field(description="offset in the snippet")
    end: int
    text: str


class Hit(BaseModel):
    id: str
    source: str | None = None
    agency: str | None = None
    agency_key: str | None = None
    province: str | None = None
    city: str | None = None
    county: str | None = None
    year: int | None = None
    score: float | None = Field(None, description="BM25F; null when sorted by a field")
    section: str | None = Field(None, description="section key the snippet comes from")
    snippet: str = ""
    highlights: list[Highlight] = Field(default_factory=list)
    values: dict[str, float | int | None] = Field(
        default_factory=dict, description="the hit's value of each --where and --sort key"
    )


class Results(BaseModel):
    total: int
    hits: list[Hit] = Field(default_factory=list)
    facets: dict[str, dict[str, int]] = Field(default_factory=dict)
    facets_more: dict[str, int] = Field(
        default_factory=dict, description="per facet, how many values `facet_limit` left out"
    )


class Stats(BaseModel):
    path: str
    reports: int
    units: int
    years: dict[str, int]
    versions: dict[str, int]
    size_bytes: int
    schema_fingerprint: str


class Words(BaseModel):
    """The analysed words of the free-text query that can be shown in a section."""

    terms: set[str] = Field(default_factory=set)
    phrases: list[tuple[str, ...]] = Field(default_factory=list)

    def all(self) -> set[str]:
        return self.terms.union(*map(set, self.phrases))


def query_words(q: wq.Query | None) -> Words:
    words = Words()
    fields = set(TEXT_FIELDS)
    for leaf in q.leaves() if q is not None else []:
        if getattr(leaf, "fieldname", None) not in fields:
            continue
        if isinstance(leaf, wq.Phrase):
            words.phrases.append(tuple(leaf.words))
        elif isinstance(leaf, wq.Term):
            words.terms.add(leaf.text)
    return words


# Between the words of a phrase: nothing, or punctuation and spaces (the analyzer drops them).
PHRASE_GAP = r"[\W_]{0,3}"


def _find_all(text: str, word: str) -> Iterable[tuple[int, int]]:
    start = text.find(word)
    while word and start >= 0:
        yield start, start + len(word)
        start = text.find(word, start + 1)


def _folded(text: str) -> str:
    """`text` as the index analysed it (`fold_terms`), when that keeps offsets exact."""
    folded = fold_terms(text)
    return folded if len(folded) == len(text) else text  # a few lower-case to two characters


def _spans(text: str, words: Words) -> list[tuple[int, int]]:
    """Character spans of matched terms, and of whole phrase occurrences (not their parts)."""
    lowered = _folded(text)
    spans = [s for t in words.terms for s in _find_all(lowered, t)]
    for phrase in words.phrases:
        pattern = PHRASE_GAP.join(map(re.escape, phrase))
        found = [m.span() for m in re.finditer(pattern, lowered)] if phrase else []
        # A stop word inside the phrase breaks the pattern: show its words instead.
        spans += found or [s for w in phrase for s in _find_all(lowered, w)]
    return _merge(spans)


def _window(spans: list[tuple[int, int]], length: int) -> tuple[int, int]:
    """The SNIPPET_WIDTH window starting shortly before the densest run of spans."""
    best = max(spans, key=lambda s: sum(1 for t in spans if s[0] <= t[0] < s[0] + SNIPPET_WIDTH))
    start = max(0, min(best[0] - SNIPPET_LEAD, length - SNIPPET_WIDTH))
    return start, min(length, start + SNIPPET_WIDTH)


def _merge(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def snippet(sections: dict[str, str], words: Words, section: str | None = None):
    """(section key, snippet, highlights) for a report's sections and the query's words."""
    terms = words.all()
    keys = [section] if section else [k for k in SECTION_KEYS if sections.get(k)]
    lowered = {k: _folded(sections.get(k, "")) for k in keys}
    # Tokens are substrings of the folded text, so a substring count picks the section.
    counts = {k: sum(1 for t in terms if t in lowered[k]) for k in keys}
    key = max(keys, key=lambda k: counts[k], default=None) if keys else None
    if key is None:
        return None, "", []
    text = sections.get(key, "")
    spans = _spans(text, words) if counts[key] else []
    start, end = _window(spans, len(text)) if spans else (0, min(len(text), SNIPPET_WIDTH))
    lead = ELLIPSIS if start > 0 else ""
    # Whitespace becomes spaces one for one, so offsets stay valid.
    body = "".join(" " if c.isspace() else c for c in text[start:end])
    out = lead + body + (ELLIPSIS if end < len(text) else "")
    shift = len(lead) - start
    highlights = [
        Highlight(start=s + shift, end=e + shift, text=out[s + shift : e + shift])
        for s, e in spans
        if s >= start and e <= end
    ]
    return key, out, highlights


def make_hit(
    fields: dict, score: float | None, words: Words, section: str | None, values: dict
) -> Hit:
    """A hit of the results table; `values`: the `--where`/`--sort` figures shown with it."""
    report = load_report(fields["report_json"])
    key, text, highlights = snippet(report.sections, words, section)
    return Hit(
        id=fields["id"],
        source=fields.get("source"),
        agency=fields.get("agency"),
        agency_key=fields.get("agency_key"),
        province=fields.get("province"),
        city=fields.get("city"),
        county=fields.get("county"),
        year=fields.get("year"),
        score=None if score is None else round(score, 4),
        section=key,
        snippet=text,
        highlights=highlights,
        values=values,
    )


def sort_docs(values: dict[int, object], docs: Iterable[int], desc: bool) -> list[int]:
    """Documents in the order of their `values` (`field_values`); those without one come
    last in both directions."""
    ranks = {v: i for i, v in enumerate(sorted(set(values.values())))}

    def key(d: int) -> tuple:
        if d not in values:
            return (1, 0, d)
        r = ranks[values[d]]
        return (0, -r if desc else r, d)

    return sorted(docs, key=key)


def top_facets(
    facets: dict[str, dict[str, int]], limit: int | None
) -> tuple[dict[str, dict[str, int]], dict[str, int]]:
    """(each facet's `limit` most frequent values, how many values were left out of each
    facet that lost some)."""
    if limit is None:
        return facets, {}
    top = {f: dict(list(counts.items())[:limit]) for f, counts in facets.items()}
    more = {f: len(counts) - len(top[f]) for f, counts in facets.items()}
    return top, {f: n for f, n in more.items() if n}


def facet_counts(values: dict[int, object], docs: Iterable[int]) -> dict[str, int]:
    """Value → number of matching reports, most frequent first; reports without one left out.
    `values`: docnum → value of the facet field (`field_values`, cached per searcher)."""
    counts = Counter(str(values[d]) for d in docs if d in values)
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


META_COLUMNS = (
    *("id", "source", "title", "agency", "region", "province", "city", "county", "region_code"),
    *("agency_key", "year", "published", "format"),
)


def export_columns() -> tuple[str, ...]:
    """One column per metadata field, spec table key, derived figure and figure of the whole
    index, in that order."""
    return (*META_COLUMNS, *figure_keys())


def report_row(report: Report, figures: dict | None = None) -> dict:
    """A report as one flat export row, with the `figures` the index computed for it
    (`hits.iter_figured`; they replace the report's own `quality`); absent or null: None."""
    meta = report.model_dump(mode="json", include=set(META_COLUMNS))
    values = {**report.fields, **report.derived(), **(figures or {})}
    return {**{k: meta.get(k) for k in META_COLUMNS}, **{k: values.get(k) for k in figure_keys()}}
