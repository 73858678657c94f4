#!/usr/bin/env python3
"""Print what each field of a govsearch index costs on disk, largest first.

    python benchmarks/index_sizes.py INDEX [RAW_TEXT_DIR]

Columns: terms, postings MB, term-index MB, stored MB (estimated), and their share of the
index directory; with RAW_TEXT_DIR also each field's bytes per byte of raw text.
"""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main(index_dir: str, raw_dir: str | None = None, top: int = 20) -> None:
    from govsearch.indexer.engine.sizes import field_sizes
    from govsearch.search import Index

    total = sum(f.stat().st_size for f in Path(index_dir).rglob("*") if f.is_file())
    raw = sum(f.stat().st_size for f in Path(raw_dir).iterdir()) if raw_dir else 0
    with Index.open(index_dir) as index, index.searcher() as s:
        sizes = field_sizes(s.reader())
    rows = sorted(sizes.items(), key=lambda kv: -sum(v for k, v in kv[1].items() if k != "terms"))
    print(f"index {total / 1e6:.1f} MB" + (f", raw text {raw / 1e6:.1f} MB" if raw else ""))
    print(
        f"{'field':24}{'terms':>9}{'post MB':>9}{'tidx MB':>9}{'stor MB':>9}{'share':>7}{'/raw':>7}"
    )
    shown, rest = rows[:top], rows[top:]
    if rest:  # the ~250 numeric fields, each tiny, as one row
        summed = {k: sum(r[k] for _, r in rest) for k in rest[0][1]}
        shown.append((f"({len(rest)} other fields)", summed))
    for field, r in shown:
        b = r["postings"] + r["term_index"] + r["stored"]
        per_raw = f"{b / raw:7.3f}" if raw else ""
        print(
            f"{field:24}{r['terms']:9d}{r['postings'] / 1e6:9.2f}{r['term_index'] / 1e6:9.2f}"
            f"{r['stored'] / 1e6:9.2f}{b / total:7.1%}{per_raw}"
        )
    acc = sum(r["postings"] + r["term_index"] + r["stored"] for r in sizes.values())
    print(f"{'(rest: lengths, TOC)':24}{'':36}{(total - acc) / total:7.1%}")


if __name__ == "__main__":
    main(*sys.argv[1:])
