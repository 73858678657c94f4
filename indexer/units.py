"""Problems and improvement measures as index documents of their own (spec §6).

Each item of `Report.improvement_measures` and `Report.problems` becomes one "unit" document
in the same whoosh index as the reports. Units are what `govsearch similar` ranks and what
`govsearch measures --common` groups; `search/similar.py` holds that logic.

Two views of the unit text are indexed:
- `unit_text`: the jieba word analysis shared with report bodies (BM25 over words);
- `unit_ngrams`: overlapping character bigrams inside runs of Han characters, so that two
  paraphrases still match where jieba segments them differently (提升业务水平 / 业务水平提高).

`char_ngrams(text)` is the one definition of those bigrams, used at index and query time.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from whoosh.analysis import Token, Tokenizer
from whoosh.fields import ID, NUMERIC, TEXT, FieldType

from .analysis import ChineseAnalyzer
from .models import Report

# A run of Han characters, or of ASCII letters/digits (kept whole: "12345", "app").
NGRAM_RUN = re.compile(r"(?P<han>[\u3400-\u9fff]+)|(?P<word>[0-9a-z]+)")

UNIT_KINDS = ("measure", "problem")


def normalize(text: str) -> str:
    """NFKC (full-width → ASCII) and lower case: the form n-grams are taken from."""
    return unicodedata.normalize("NFKC", text).lower()


def char_ngrams(text: str) -> list[str]:
    """Character bigrams within Han runs (a lone Han character stays a unigram); ASCII words whole.

    Punctuation and spaces break runs, so no bigram spans a clause boundary.
    """
    grams: list[str] = []
    for match in NGRAM_RUN.finditer(normalize(text)):
        run = match.group()
        if match.lastgroup == "word" or len(run) == 1:
            grams.append(run)
        else:
            grams.extend(run[i : i + 2] for i in range(len(run) - 1))
    return grams


class CharNgramTokenizer(Tokenizer):
    """Whoosh tokenizer over `char_ngrams`; positions are token numbers."""

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        mode: str = "",
        **kwargs: object,
    ) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for pos, gram in enumerate(char_ngrams(value)):
            token.text = gram
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = gram
            if positions:
                token.pos = start_pos + pos
            yield token


UNIT_FIELDS: dict[str, FieldType] = {
    "kind": ID(stored=True),
    "report_id": ID(stored=True),
    "agency": ID(stored=True),
    "region": ID(stored=True),
    "year": NUMERIC(int, stored=True),
    # one term per value (no 8 precision tiers): nothing searches a range of positions
    "position": NUMERIC(int, stored=True, shift_step=0),
    # no positions: nothing runs a phrase query on units (free text searches report fields)
    "unit_text": TEXT(analyzer=ChineseAnalyzer(), stored=True, phrase=False),
    "unit_ngrams": TEXT(analyzer=CharNgramTokenizer(), phrase=False),
}


def unit_documents(report: Report) -> list[dict]:
    """One document per improvement measure, then one per problem; positions are 1-based."""
    docs = []
    for kind, items in (("measure", report.improvement_measures), ("problem", report.problems)):
        for position, text in enumerate(items, start=1):
            text = text.strip()
            if not text:
                continue
            doc = {
                "kind": kind,
                "report_id": report.id,
                "position": position,
                "unit_text": text,
                "unit_ngrams": text,
            }
            # Indexed (similar units filter on them) but not stored: readers take them from
            # the report, and storing them on every unit cost ~3% of the index.
            if report.agency:
                doc.update(agency=report.agency, _stored_agency=None)
            if report.region:
                doc.update(region=report.region, _stored_region=None)
            if report.year is not None:
                doc.update(year=report.year, _stored_year=None)
            docs.append(doc)
    return docs
