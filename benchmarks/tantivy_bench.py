"""The third benchmark column: tantivy + rjieba on the same corpus and query mix.

A compiled engine as the anchor: the text segmented by jieba-rs (`rjieba`, HMM off), indexed
by tantivy with positions in a whitespace-tokenised field, the year as a fast integer; one
indexing thread, like the whoosh baseline. It runs the queries the baseline can express
(words, phrases, the year). Optional: `pip install '.[bench]'`; without it the column is
skipped with a note.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

NOTE = "tantivy column skipped: pip install '.[bench]' (tantivy, rjieba)"


def available() -> bool:
    return all(importlib.util.find_spec(m) is not None for m in ("tantivy", "rjieba"))


BUILD = r"""
import re, sys
from pathlib import Path
import rjieba, tantivy
corpus, out = Path(sys.argv[1]), Path(sys.argv[2])
out.mkdir(parents=True, exist_ok=True)
sb = tantivy.SchemaBuilder()
sb.add_text_field("path", stored=True, tokenizer_name="raw")
sb.add_integer_field("year", indexed=True, fast=True)
sb.add_text_field("content", tokenizer_name="whitespace", index_option="position")
ix = tantivy.Index(sb.build(), path=str(out))
year_re = re.compile(r"(20[0-2]\d)\s*年")
writer = ix.writer(heap_size=256_000_000, num_threads=1)
for f in sorted(corpus.iterdir()):
    text = f.read_text(encoding="utf-8")
    m = year_re.search(text)
    words = " ".join(w for w in rjieba.cut(text, False) if not w.isspace())
    writer.add_document(tantivy.Document(path=f.name, year=int(m[1]) if m else 0, content=words))
writer.commit()
"""


def build(corpus: Path, index: Path, run_measured) -> dict:
    return run_measured([sys.executable, "-c", BUILD, str(corpus), str(index)])


class TantivyQueries:
    """The baseline's queries (text, phrase, year) on the tantivy index."""

    def __init__(self, index: Path):
        import rjieba
        import tantivy

        self.t, self.cut = tantivy, rjieba.cut
        self.ix = tantivy.Index.open(str(index))
        self.ix.reload()
        self.searcher = self.ix.searcher()

    def close(self) -> None:
        pass

    def search(self, q: dict) -> int:
        t = self.t
        parts = []
        if q.get("text"):
            words = [w for w in self.cut(q["text"], False) if w.strip() and w.isalnum()]
            if q.get("phrase"):
                text = '"' + " ".join(words) + '"'
            else:
                text = " ".join(f"+{w}" for w in words)  # every word, as whoosh's AND
            parts.append(self.ix.parse_query(text, ["content"]))
        if "year" in q:
            lo, hi = q["year"] if isinstance(q["year"], tuple) else (q["year"], q["year"])
            parts.append(t.Query.range_query(self.ix.schema, "year", t.FieldType.Integer, lo, hi))
        query = (
            parts[0]
            if len(parts) == 1
            else t.Query.boolean_query([(t.Occur.Must, p) for p in parts])
        )
        hits = self.searcher.search(query, 10).hits
        return len([self.searcher.doc(addr)["path"] for _, addr in hits])
