"""An optional fast path for index-time segmentation: jieba-rs through `rjieba`.

jieba stays the reference and the fallback. When `rjieba` is installed (the `fast` extra) and
`GOVSEARCH_RJIEBA` is not `0`, the build segments with a jieba-rs tokenizer holding the same
dictionary (jieba-rs ships jieba's `dict.txt`) plus the domain words at the frequencies jieba
gave them. `tests/test_speed.py` proves the tokens identical to jieba's (HMM on) on the
bundled corpus and a generated one; jieba-rs differs on runs of digits and dashes (2016-02-02
is one token there), which never reach it: numbers and 文号 are cut out before segmenting.
Query text keeps jieba (`analysis.query_words`): a query process must not load a dictionary.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable

_lock = threading.Lock()
_fast: list = []  # [tokenize or None], set once per process

Tokenize = Callable[[str], list]


def fast_tokenize(freq: dict, words: list[str]) -> Tokenize | None:
    """`rjieba`'s `tokenize` (default mode, HMM on) with `words` added at their `freq`
    values, or None when rjieba is not installed or turned off."""
    if not _fast:
        with _lock:
            if not _fast:
                _fast.append(_load(freq, words))
    return _fast[0]


def _load(freq: dict, words: list[str]) -> Tokenize | None:
    if os.environ.get("GOVSEARCH_RJIEBA", "1") == "0":
        return None
    try:
        import rjieba
    except ImportError:
        return None
    cutter = rjieba.Jieba()
    for word in words:
        if word in freq:
            cutter.add_word(word, freq[word], None)
    return cutter.tokenize
