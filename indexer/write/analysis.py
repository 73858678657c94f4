"""Text analysis for the index: a jieba tokenizer composed with filters via `|`, and the
character bigrams of problem and measure units (`char_ngrams`).

Three contracts, relied on by phrase queries and highlights:
- `token.pos` is the token *number*, never a character offset (jieba's own whoosh bridge sets a
  character offset, which silently breaks every multi-word phrase query);
- in index mode, the dictionary sub-words of a word (信息公开 inside 政府信息公开) are emitted at
  the SAME position as the word, so a query for either matches, and a phrase that starts with
  the sub-word still lines up with the next word; query mode emits only the plain segmentation;
- `startchar`/`endchar` are the exact characters of each token, sub-words included, for highlights;
- the text is folded first (`fold.normalize`, which keeps its length): traditional and
  simplified characters, full-width and ASCII digits give the same terms, index and query alike.

Numbers (3.52) and 文号 (国办发〔2019〕60号) are single tokens. jieba is initialised lazily, once,
with its cache in the per-user cache dir and the domain dictionary in `data/domain_words.txt`.

Loading jieba's dictionary takes most of a second, longer than a whole query. So a process
that has not loaded it analyses query text with `QueryWords`: the same jieba code over only
the dictionary entries that are substrings of the text, read from an SQLite copy of the
dictionary in the cache dir (written once, by the first process that needs it). jieba's
segmentation only ever looks up substrings no longer than the longest word, so the result is
the same as with the full dictionary.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import sys
import tempfile
import threading
import warnings
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import cache, lru_cache
from importlib import resources

from whoosh.analysis import CompositeAnalyzer, Filter, LowercaseFilter, Token, Tokenizer

from ..fold import fold, normalize
from .fastcut import fast_tokenize

# The bracketed year and serial of a 文号; its issuer prefix (国办发) is found by walking back.
# Numbers are kept whole so jieba never splits 3.52 or 2019 into pieces.
SPECIAL = re.compile(
    r"""
    (?P<docno>[〔\[【（(][0-9]{4}[〕\]】）)]第?[0-9]+号)
  | (?P<number>[0-9０-９]+(?:[.．][0-9０-９]+)?)
    """,
    re.VERBOSE,
)
HAN = re.compile(r"[\u3400-\u9fff]")
# Longest issuer prefix tried in front of a 文号 (国办公开办函 is 6; leave room for 省政府办公厅).
DOCNO_PREFIX_MAX = 8

_lock = threading.Lock()
_tokenizer = None
_MISSING = object()


def _data_lines(name: str) -> list[str]:
    text = resources.files("govsearch.indexer").joinpath("data", name).read_text("utf-8")
    return [s for line in text.splitlines() if (s := line.strip()) and not s.startswith("#")]


def domain_words() -> list[str]:
    return _data_lines("domain_words.txt")


@cache
def stop_words() -> frozenset[str]:
    return frozenset(_data_lines("stop_words.txt"))


def _cache_dir() -> str:
    from platformdirs import user_cache_dir

    path = user_cache_dir("govsearch")
    try:
        os.makedirs(path, exist_ok=True)
        return path
    except OSError:  # unwritable home: a private fresh dir, never a fixed shared /tmp name
        return tempfile.mkdtemp(prefix="govsearch-jieba-")


def _jieba():
    if "jieba" not in sys.modules:
        # jieba reads its data files with pkg_resources when it can (~0.1 s to import, and a
        # deprecation warning) and with open() when it cannot: hide it while jieba loads.
        hidden = sys.modules.get("pkg_resources", _MISSING)
        if hidden is _MISSING:
            sys.modules["pkg_resources"] = None  # type: ignore[assignment]
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                import jieba
        finally:
            if hidden is _MISSING:
                del sys.modules["pkg_resources"]
    import jieba

    jieba.setLogLevel(logging.WARNING)  # the library never prints
    return jieba


def jieba_tokenizer():
    """The initialised jieba tokenizer (jieba.dt), set up once per process."""
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                dt = _jieba().dt
                dt.tmp_dir = _cache_dir()
                dt.cache_file = "jieba.cache"
                dt.initialize()
                for word in domain_words():
                    dt.add_word(word)
                _tokenizer = dt
    return _tokenizer


def _freq_db_path() -> str:
    """The SQLite dictionary copy, named for everything its content depends on."""
    jieba = _jieba()

    dict_file = os.path.join(os.path.dirname(jieba.__file__), jieba.DEFAULT_DICT_NAME)
    st = os.stat(dict_file)
    key = f"{jieba.__version__}|{st.st_size}|{st.st_mtime_ns}|{domain_words()}"
    digest = hashlib.sha256(key.encode()).hexdigest()[:12]
    return os.path.join(_cache_dir(), f"jieba-freq-{digest}.sqlite")


def _write_freq_db(path: str) -> None:
    import sqlite3

    dt = jieba_tokenizer()
    tmp = f"{path}.{os.getpid()}.tmp"
    with sqlite3.connect(tmp) as db:
        db.execute("CREATE TABLE freq (w TEXT PRIMARY KEY, f INTEGER) WITHOUT ROWID")
        db.executemany("INSERT INTO freq VALUES (?, ?)", dt.FREQ.items())
        db.execute("CREATE TABLE meta (k TEXT PRIMARY KEY, v INTEGER)")
        max_len = max(map(len, dt.FREQ))
        db.executemany(
            "INSERT INTO meta VALUES (?, ?)", [("total", dt.total), ("max_len", max_len)]
        )
    db.close()
    os.replace(tmp, path)  # atomic: concurrent first queries each write, one wins


@cache
def _freq_db():
    """(connection, total, longest word) of the SQLite dictionary, written if missing."""
    import sqlite3

    path = _freq_db_path()
    if not os.path.exists(path):
        _write_freq_db(path)
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
    meta = dict(db.execute("SELECT k, v FROM meta"))
    return db, meta["total"], meta["max_len"]


def query_words(text: str):
    """A jieba tokenizer whose dictionary holds just the entries found inside `text`."""
    db, total, max_len = _freq_db()
    subs = list(
        {text[i:j] for i in range(len(text)) for j in range(i + 1, min(len(text), i + max_len) + 1)}
    )
    freq = {}
    for k in range(0, len(subs), 500):  # SQLite's host-parameter limit
        chunk = subs[k : k + 500]
        marks = ",".join("?" * len(chunk))
        freq.update(db.execute(f"SELECT w, f FROM freq WHERE w IN ({marks})", chunk))
    dt = _jieba().Tokenizer()
    dt.FREQ, dt.total, dt.initialized = freq, total, True
    return dt


def _sub_words(word: str, freq: dict) -> list[tuple[int, str]]:
    """Dictionary words strictly inside `word`, with their offsets (like jieba's search mode,
    but every length, so 信息公开 is found inside 政府信息公开)."""
    found = []
    for size in range(2, len(word)):
        for i in range(len(word) - size + 1):
            sub = word[i : i + size]
            if freq.get(sub):
                found.append((i, sub))
    return found


def _docno_prefix(text: str, start: int) -> int:
    """How many Han characters (at most DOCNO_PREFIX_MAX) directly precede `start`."""
    n = 0
    while n < DOCNO_PREFIX_MAX and start - n > 0 and HAN.match(text[start - n - 1]):
        n += 1
    return n


class NumberedTokenizer(Tokenizer):
    """A whoosh tokenizer whose positions are token numbers. Subclasses say what the tokens
    are: `groups(value, index_mode)` yields lists of (text, startchar, endchar) that share a
    position. Holds no state, so schemas pickle cleanly."""

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs,
    ) -> Iterator[Token]:
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        value = self.prepare(value)
        if not tokenize:
            yield self._set(t, value, start_pos, start_char, start_char + len(value), keeporiginal)
            return
        pos = start_pos
        for group in self.groups(value, index_mode=mode != "query"):
            for text, start, end in group:
                yield self._set(t, text, pos, start_char + start, start_char + end, keeporiginal)
            pos += 1

    @staticmethod
    def _set(t: Token, text: str, pos: int, startchar: int, endchar: int, keep: bool) -> Token:
        t.text = text
        t.boost = 1.0
        t.stopped = False
        if keep:
            t.original = text
        if t.positions:
            t.pos = pos
        if t.chars:
            t.startchar, t.endchar = startchar, endchar
        return t

    def prepare(self, value: str) -> str:
        """The text as tokenized; the same length, so offsets are offsets in `value`."""
        return value

    def groups(self, value: str, index_mode: bool) -> Iterator[list[tuple[str, int, int]]]:
        raise NotImplementedError


class ChineseTokenizer(NumberedTokenizer):
    """jieba segmentation as a whoosh tokenizer, of the folded text (`fold.normalize`: the
    same on the index and the query side, so 政策解讀 finds 政策解读)."""

    def prepare(self, value: str) -> str:
        return normalize(value)

    def groups(self, value: str, index_mode: bool) -> Iterator[list[tuple[str, int, int]]]:
        """Each group is the tokens sharing one position: (text, startchar, endchar)."""
        last = 0
        for m in SPECIAL.finditer(value):
            yield from self._words(value, last, m.start(), index_mode)
            start, end = m.span()
            if m.lastgroup == "number":
                yield [(m.group(), start, end)]
            else:
                n = _docno_prefix(value, start)
                # The query side sends its whole (capped) prefix; the index holds every suffix of
                # the prefix, because the text before a 文号 (根据国办发…) is not part of it.
                sizes = range(n, -1, -1) if index_mode else [n]
                yield [(value[start - k : end], start - k, end) for k in sizes]
            last = end
        yield from self._words(value, last, len(value), index_mode)

    @staticmethod
    def _words(value: str, start: int, end: int, index_mode: bool):
        if start < end:
            for group in _segment(value[start:end], index_mode):
                yield [(text, start + s, start + e) for text, s, e in group]


# Boilerplate sentences recur across reports, so caching per segment halves indexing time.
# An entry holds ~17 KB of tuples: 4,096 keep each build process near 70 MB (65,536 grew
# past 600 MB at 10k reports), for ~30% more misses at 20k reports.
@lru_cache(maxsize=4096)
def _segment(text: str, index_mode: bool) -> tuple[tuple[tuple[str, int, int], ...], ...]:
    # Query text in a process without the full dictionary: see the module docstring.
    dt = jieba_tokenizer() if index_mode or _tokenizer is not None else query_words(text)
    fast = fast_tokenize(dt.FREQ, domain_words()) if index_mode else None  # `fastcut.py`
    groups = []
    for word, s, e in fast(text) if fast else dt.tokenize(text):
        if not any(c.isalnum() for c in word):  # punctuation and whitespace
            continue
        group = [(word, s, e)]
        if index_mode and len(word) > 2:
            group += [(sub, s + i, s + i + len(sub)) for i, sub in _sub_words(word, dt.FREQ)]
        groups.append(tuple(group))
    return tuple(groups)


class StopFilter(Filter):
    """Removes stop words, then renumbers positions so they stay consecutive token numbers.

    whoosh's own StopFilter(renumber=True) would give each same-position sub-word its own
    number; this keeps tokens that shared a position sharing it.
    """

    def __init__(self, stoplist: Iterable[str] | None = None):
        self.stops = frozenset(stoplist) if stoplist is not None else stop_words()

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        last_in: int | None = None
        out = -1
        for t in tokens:
            if t.text in self.stops:
                if not t.removestops:
                    t.stopped = True
                    yield t
                continue
            if t.positions:
                if t.pos != last_in:
                    out = t.pos if last_in is None else out + 1
                    last_in = t.pos
                t.pos = out
            yield t


def index_positions(value: str, stops: frozenset[str]) -> dict[str, list[int]]:
    """term → positions: what `ChineseAnalyzer` yields in index mode, without a `Token` per
    word through three generators (that plumbing cost more than jieba on cached segments).
    Positions are renumbered around stop words exactly as `StopFilter` does."""
    terms: dict[str, list[int]] = {}
    last_in: int | None = None
    out = -1
    tokenizer = ChineseTokenizer()
    for pos, group in enumerate(tokenizer.groups(tokenizer.prepare(value), index_mode=True)):
        for text, _, _ in group:
            text = text.lower()
            if text in stops:
                continue
            if pos != last_in:
                out = pos if last_in is None else out + 1
                last_in = pos
            if (found := terms.get(text)) is None:
                terms[text] = [out]
            else:
                found.append(out)
    return terms


class ChineseAnalyzer(CompositeAnalyzer):
    """The analyzer of every Chinese TEXT field: jieba words, lower-cased, stop words removed.

    `term_positions(value)` is what it yields in index mode, as term → positions: the engine
    posts that directly (see `engine.fields`)."""

    def __init__(self, stoplist: Iterable[str] | None = None):
        super().__init__(ChineseTokenizer(), LowercaseFilter(), StopFilter(stoplist))

    def term_positions(self, value: str) -> dict[str, list[int]]:
        return index_positions(value, self.items[2].stops)


# A run of Han characters, or of ASCII letters/digits (kept whole: "12345", "app").
NGRAM_RUN = re.compile(r"(?P<han>[\u3400-\u9fff]+)|(?P<word>[0-9a-z]+)")


def char_ngrams(text: str) -> list[str]:
    """Character bigrams within Han runs (a lone Han character stays a unigram); ASCII words whole.

    Punctuation and spaces break runs, so no bigram spans a clause boundary. Taken from the
    folded text (`fold.fold`), at index and at query time alike.
    """
    grams: list[str] = []
    for match in NGRAM_RUN.finditer(fold(text)):
        run = match.group()
        if match.lastgroup == "word" or len(run) == 1:
            grams.append(run)
        else:
            grams.extend(run[i : i + 2] for i in range(len(run) - 1))
    return grams


class CharNgramTokenizer(NumberedTokenizer):
    """Whoosh tokenizer over `char_ngrams` (no character offsets: grams come from the folded text)."""

    def groups(self, value: str, index_mode: bool) -> Iterator[list[tuple[str, int, int]]]:
        for gram in char_ngrams(value):
            yield [(gram, 0, 0)]

    def term_counts(self, value: str) -> Counter[str]:
        """term → frequency: what it yields, counted (the engine posts that directly)."""
        return Counter(char_ngrams(value))
