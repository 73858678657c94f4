"""A search request as a value: `Query` (pydantic) and its translation to whoosh query objects.

Building a query is separate from running it, so `--show-query` can print what would run.
Filters are whoosh objects (Term, NumericRange, And), never pasted into the query string;
only the user's free text goes through whoosh's parser, and a parse failure is a `BadQuery`.
"""

from __future__ import annotations

import difflib
import itertools
import math
import re
from collections.abc import Mapping
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from whoosh import query as wq
from whoosh.fields import Schema
from whoosh.qparser import MultifieldParser, QueryParser

from govsearch.indexer.fold import fold, place_key
from govsearch.indexer.models import SECTION_KEYS, Version
from govsearch.indexer.parse.templates import VERSIONS
from govsearch.indexer.write.schema import (
    FACET_FIELDS,
    FOLDED_FIELDS,
    PLACE_FIELDS,
    REPORT_KIND,
    SORT_FIELDS,
    TEXT_FIELDS,
    numeric_keys,
    numeric_type,
)

from .corpus import CORPUS_FIGURES
from .errors import BadQuery

WHERE = re.compile(
    r"^\s*(?P<key>[A-Za-z_][A-Za-z0-9_]*)\s*(?P<op>==|!=|>=|<=|=|>|<)\s*(?P<value>[-+]?\d+(?:\.\d+)?)\s*$"
)
YEAR_RANGE = re.compile(r"^\s*(?P<start>\d{4})?\s*(?P<dots>\.\.)?\s*(?P<end>\d{4})?\s*$")

Op = Literal["=", "!=", ">", ">=", "<", "<="]
SectionKey = Literal[SECTION_KEYS]  # type: ignore[valid-type]
# Facets: the indexed fields, and the band of the whole-index quality score (`corpus.py`).
FACETS: tuple[str, ...] = (*FACET_FIELDS, "quality_band")
Facet = Literal[FACETS]  # type: ignore[valid-type]


def figure_keys() -> tuple[str, ...]:
    """Every key of `--where`, `--sort`, `--fields`, `--sum`, `--mean`: the indexed ones
    (spec table keys and derived figures), then the figures of the whole index."""
    return (*numeric_keys(), *CORPUS_FIGURES)


def figure_type(key: str) -> type:
    return CORPUS_FIGURES.get(key) or numeric_type(key)


INT_RANGE = (float(-(2**31)), float(2**31 - 1))  # the 32-bit NUMERIC fields of the schema
WILDCARD_TERMS = 1_000  # terms a wildcard or prefix may expand to, in all fields together


def closest(name: str, choices: tuple[str, ...] | list[str], n: int = 3) -> str:
    """'closest valid keys: a, b, c' from the choices near `name` (difflib; a looser match
    before none: Chinese names share few characters), else the first."""
    near = (
        difflib.get_close_matches(name, choices, n=n, cutoff=0.6)
        or difflib.get_close_matches(name, choices, n=n, cutoff=0.3)
        or list(choices[:n])
    )
    return "closest valid keys: " + ", ".join(near)


class Condition(BaseModel):
    """One `--where` condition: KEY OP NUMBER, on a spec table key or a derived figure."""

    model_config = ConfigDict(extra="forbid")

    key: str
    op: Op
    value: float

    @classmethod
    def parse(cls, text: str) -> Condition:
        m = WHERE.match(text)
        if not m:
            raise BadQuery(
                f"cannot read --where {text!r}: expected KEY OP NUMBER, OP one of = != > >= < <="
            )
        key, op = m["key"], "=" if m["op"] == "==" else m["op"]
        if key not in figure_keys():
            raise BadQuery(f"unknown field {key!r} in --where; {closest(key, figure_keys())}")
        value = float(m["value"])
        lo, hi = INT_RANGE if figure_type(key) is int else (-1e300, 1e300)
        if not lo <= value <= hi:
            raise BadQuery(
                f"--where {key}{op}…: the number is out of range ({lo:.15g} to {hi:.15g})"
            )
        return cls(key=key, op=op, value=value)

    def to_whoosh(self) -> wq.Query:
        key, v = self.key, self.value
        if figure_type(key) is int:
            # An int field holds only integers: move fractional bounds inward.
            lo, hi = math.ceil(v), math.floor(v)
            ops = {
                "=": (lo, hi, False, False) if lo == hi else None,
                ">": (math.floor(v) + 1, None, False, False),
                ">=": (lo, None, False, False),
                "<": (None, math.ceil(v) - 1, False, False),
                "<=": (None, hi, False, False),
            }
        else:
            ops = {
                "=": (v, v, False, False),
                ">": (v, None, True, False),
                ">=": (v, None, False, False),
                "<": (None, v, False, True),
                "<=": (None, v, False, False),
            }
        if self.op == "!=":  # like SQL: a null is neither equal nor unequal
            equal = Condition(key=key, op="=", value=v).to_whoosh()
            return wq.And([wq.Every(key), wq.Not(equal)])
        if ops[self.op] is None:
            return wq.NullQuery
        start, end, sx, ex = ops[self.op]
        return wq.NumericRange(key, start, end, startexcl=sx, endexcl=ex)

    def __str__(self) -> str:
        return f"{self.key}{self.op}{self.value:g}"


def place_filters(values: Mapping[str, str | None]) -> list[wq.Query]:
    """Term filters for the agency and place `values` given (`FOLDED_FIELDS`): folded as the
    index folds them, places by their `place_key` (浙江 finds 浙江省)."""
    parts: list[wq.Query] = []
    for name in FOLDED_FIELDS:
        if value := values.get(name):
            if name in PLACE_FIELDS:
                parts.append(wq.Term(f"{name}_key", place_key(value)))
            else:
                parts.append(wq.Term(name, fold(value)))
    return parts


class YearRange(BaseModel):
    """`2021`, `2019..2021`, `2019..` or `..2021`."""

    start: int | None = None
    end: int | None = None

    @classmethod
    def parse(cls, value: object) -> YearRange:
        if isinstance(value, int):
            return cls(start=value, end=value)
        if isinstance(value, tuple | list) and len(value) == 2:
            return cls(start=value[0], end=value[1])
        m = YEAR_RANGE.match(str(value))
        if not m or not (m["start"] or m["end"]) or (not m["dots"] and m["end"]):
            raise BadQuery(f"cannot read year {value!r}: expected 2021 or 2019..2021")
        start = int(m["start"]) if m["start"] else None
        end = int(m["end"]) if m["end"] else None
        if start is not None and end is not None and start > end:
            raise BadQuery(
                f"year range {value!r} ends before it starts; did you mean {end}..{start}?"
            )
        return cls(start=start, end=start if not m["dots"] else end)

    def to_whoosh(self) -> wq.Query:
        return wq.NumericRange("year", self.start, self.end)


class Query(BaseModel):
    """Everything `Index.search` needs. Build with `Query.build(...)` to get `BadQuery` errors."""

    model_config = ConfigDict(extra="forbid")

    text: str = ""
    section: SectionKey | None = Field(None, description="search this section only")
    year: YearRange | None = None
    agency: str | None = None
    region: str | None = None
    province: str | None = Field(None, description="浙江省, or the short form 浙江")
    city: str | None = None
    county: str | None = None
    agency_key: str | None = None
    version: Version | None = Field(None, description="template version")
    where: list[Condition] = Field(default_factory=list)
    sort: str = "score"
    desc: bool = False
    limit: int | None = Field(
        10, ge=0, le=10_000, description="0: facets (and total) only; None: every hit"
    )
    offset: int = Field(0, ge=0)
    facets: list[Facet] = Field(default_factory=list)
    facet_limit: int | None = Field(None, ge=0, description="values kept per facet; None: all")

    @field_validator("year", mode="before")
    @classmethod
    def _year(cls, v: object) -> object:
        return v if v is None or isinstance(v, YearRange | dict) else YearRange.parse(v)

    @field_validator("where", mode="before")
    @classmethod
    def _where(cls, v: object) -> object:
        items = [v] if isinstance(v, str) else list(v or [])
        return [Condition.parse(c) if isinstance(c, str) else c for c in items]

    @field_validator("version", mode="before")
    @classmethod
    def _version(cls, v: object) -> object:
        if v is not None and v not in VERSIONS:
            raise BadQuery(f"unknown template version {v!r}; valid: {', '.join(VERSIONS)}")
        return v

    @field_validator("sort")
    @classmethod
    def _sort(cls, v: str) -> str:
        valid = ("score", *SORT_FIELDS, *figure_keys())
        if v not in valid:
            near = difflib.get_close_matches(v, valid, n=3, cutoff=0.6)
            hint = f"; closest: {', '.join(near)}" if near else ""
            raise BadQuery(
                f"cannot sort by {v!r}; valid: {', '.join(('score', *SORT_FIELDS))} or a "
                f"spec key such as pd_license_decisions{hint}"
            )
        return v

    @field_validator("facets", mode="before")
    @classmethod
    def _facets(cls, v: object) -> object:
        for name in [v] if isinstance(v, str) else list(v or []):
            if name not in FACETS:
                raise BadQuery(f"cannot count by facet {name!r}; valid: {', '.join(FACETS)}")
        return v

    @classmethod
    def build(cls, **kw: object) -> Query:
        """Validates, turning every problem into one `BadQuery` line."""
        try:
            return cls.model_validate({k: v for k, v in kw.items() if v is not None})
        except ValidationError as e:
            first = e.errors()[0]
            cause = first.get("ctx", {}).get("error")
            if isinstance(cause, BadQuery):
                raise cause from None
            where = ".".join(str(p) for p in first["loc"])
            raise BadQuery(f"{where}: {first['msg']}") from None

    def text_query(self, schema: Schema) -> wq.Query | None:
        """The parsed free text, or None when there is none. Lenient: never a traceback."""
        if not self.text.strip():
            return None
        # The text is indexed once, per section (and title): search them all, or the one asked.
        if self.section:
            parser = QueryParser(self.section, schema)
        else:
            parser = MultifieldParser(TEXT_FIELDS, schema)
        try:
            parsed = parser.parse(self.text)
        except Exception as e:  # whoosh raises assorted errors on odd input
            raise BadQuery(f"cannot parse query {self.text!r}: {e}") from None
        if parsed is wq.NullQuery:
            return wq.NullQuery  # only stop words or punctuation: matches nothing
        for leaf in parsed.leaves():
            if isinstance(leaf, wq.PatternQuery) and not leaf.text.strip("*?"):
                raise BadQuery(
                    f"wildcard {leaf.text!r} has no character to match; give at least one"
                )
        return parsed

    @staticmethod
    def check_expansion(text_q: wq.Query | None, reader, limit: int = WILDCARD_TERMS) -> None:
        """`BadQuery` when the wildcards and prefixes of the text expand to more than `limit`
        index terms (whoosh would OR them all: '政*' is fine, a wildcard matching every
        term takes seconds)."""
        if text_q is None:
            return
        expanding = [q for q in text_q.leaves() if isinstance(q, wq.PatternQuery)]
        terms = (t for q in expanding for t in q.expanded_terms(reader))
        if sum(1 for _ in itertools.islice(terms, limit + 1)) > limit:
            labels = (q.text + "*" if isinstance(q, wq.Prefix) else q.text for q in expanding)
            words = ", ".join(map(repr, dict.fromkeys(labels)))
            raise BadQuery(f"{words} matches more than {limit} words; make it longer")

    def filter_query(self) -> wq.Query:
        parts: list[wq.Query] = [wq.Term("kind", REPORT_KIND)]
        if self.year:
            parts.append(self.year.to_whoosh())
        parts += place_filters({name: getattr(self, name) for name in FOLDED_FIELDS})
        if self.version:
            parts.append(wq.Term("version", self.version))
        parts += [c.to_whoosh() for c in self.where]
        return wq.And(parts)

    def to_whoosh(self, schema: Schema) -> wq.Query:
        """Text and filters as one whoosh query (what `--show-query` prints)."""
        text = self.text_query(schema)
        return self.filter_query() if text is None else wq.And([text, self.filter_query()])
