"""Opening an index never runs code from it: every pickle whoosh reads goes through here.

whoosh keeps Python pickles in an index directory: the schema and the segment list in the
`_MAIN_<n>.toc` file, the directory of a compound `.seg` file, posting-block data, stored fields
(a pickle column). `pickle.loads` calls whatever a pickle names, so a planted TOC could run a
shell command on `govsearch stats`. `install()` replaces every unpickling call whoosh makes
(`whoosh.index.pickle.loads`, `StructFile.read_pickle`, `whoosh.codec.whoosh3.loads`,
`whoosh.columns.loads`) with `loads`/`load` below, which allow only the classes an index of
ours contains (`ALLOWED`) and refuse anything else, before it is imported or called, with
`UnsafePickle`, naming the file when whoosh's caller knows it (`naming`). whoosh's loaders of
old TOC formats (`whoosh.legacy.toc_loaders`, a renaming unpickler) are switched off: we never
wrote those formats.

Relies on whoosh internals: the module-level names above and `TOC.read` reading the TOC file
through `storage.open_file`. `tests/test_engine_contract.py` checks that they still exist and
that a fresh index of ours loads with nothing outside `ALLOWED`.
"""

from __future__ import annotations

import _compat_pickle
import pickle
import sys
import threading
import types
from contextlib import contextmanager

# (module, name) of every global an index of ours pickles (recorded from a build, an
# incremental update with deletions, and a search; `test_engine_contract` re-records it).
# Classes only, plus `_codecs.encode`, which protocol-2 pickles use to rebuild `bytes`.
ALLOWED: frozenset[tuple[str, str]] = frozenset(
    {
        ("builtins", "int"),
        ("builtins", "float"),
        ("builtins", "bool"),
        ("builtins", "str"),
        ("builtins", "bytes"),
        ("builtins", "bytearray"),
        ("builtins", "list"),
        ("builtins", "tuple"),
        ("builtins", "dict"),
        ("builtins", "set"),
        ("builtins", "frozenset"),
        ("builtins", "object"),
        ("copyreg", "_reconstructor"),
        ("_codecs", "encode"),
        ("collections", "defaultdict"),
        ("collections", "OrderedDict"),
        ("array", "array"),
        ("array", "_array_reconstructor"),
        ("whoosh.fields", "Schema"),
        ("whoosh.fields", "ID"),
        ("whoosh.fields", "NUMERIC"),
        ("whoosh.fields", "STORED"),
        ("whoosh.fields", "TEXT"),
        ("whoosh.fields", "KEYWORD"),
        ("whoosh.formats", "Existence"),
        ("whoosh.formats", "Frequency"),
        ("whoosh.formats", "Positions"),
        ("whoosh.analysis.filters", "LowercaseFilter"),
        ("whoosh.analysis.tokenizers", "IDTokenizer"),
        ("whoosh.codec.whoosh3", "W3Codec"),
        ("whoosh.codec.whoosh3", "W3Segment"),
        ("govsearch.indexer.engine.fields", "CompactPositions"),
        ("govsearch.indexer.engine.fields", "PreTEXT"),
        ("govsearch.indexer.write.analysis", "CharNgramTokenizer"),
        ("govsearch.indexer.write.analysis", "ChineseAnalyzer"),
        ("govsearch.indexer.write.analysis", "ChineseTokenizer"),
        ("govsearch.indexer.write.analysis", "StopFilter"),
    }
)


class UnsafePickle(pickle.UnpicklingError):
    """An index file holds a pickle naming something an index of ours never contains."""

    def __init__(self, module: str, name: str, file: str | None = None):
        self.module, self.name, self.file = module, name, file
        where = f"index file {file}" if file else "an index file"
        super().__init__(
            f"{where} holds a pickle that would load {module}.{name}, which a govsearch index "
            "never contains; refused (nothing from it was run). Rebuild the index from the "
            "report files"
        )

    def naming(self, file: str) -> UnsafePickle:
        return self if self.file else UnsafePickle(self.module, self.name, file)


_trusted = 0  # > 0 inside `trusting()`


@contextmanager
def trusting():
    """Unpickles without restriction inside the block: only for a whoosh index that is not
    govsearch's and that the caller built itself (the benchmark's plain-whoosh baseline)."""
    global _trusted
    _trusted += 1
    try:
        yield
    finally:
        _trusted -= 1


def check(module: str, name: str) -> None:
    """`UnsafePickle` unless (module, name) is in `ALLOWED`."""
    # Protocol-2 pickles name Python 2 modules (`__builtin__.long`): map them as pickle does.
    module, name = _compat_pickle.NAME_MAPPING.get(
        (module, name), (_compat_pickle.IMPORT_MAPPING.get(module, module), name)
    )
    if (module, name) not in ALLOWED and not _trusted:
        raise UnsafePickle(module, name, _current_file())


# How: the C unpickler raises the audit event `pickle.find_class` (module, name) before it
# imports anything a pickle names, for every global it loads (GLOBAL, STACK_GLOBAL, INST,
# EXT*): the hook below refuses, inside `loads`/`load` only, what `ALLOWED` does not hold.
# This keeps `pickle.loads`' C speed (a Python `Unpickler` subclass reading from BytesIO was
# 4x slower on posting blocks, ~12% of query time).
_state = threading.local()


def _audit(event: str, args: tuple) -> None:
    if event == "pickle.find_class" and getattr(_state, "restricting", False):
        check(*args)


def loads(data: bytes, **_: object):
    previous = getattr(_state, "restricting", False)
    _state.restricting = True
    try:
        return pickle.loads(data)
    finally:
        _state.restricting = previous


def load(file, **_: object):
    previous = getattr(_state, "restricting", False)
    _state.restricting = True
    try:
        return pickle.load(file)
    finally:
        _state.restricting = previous


# The file being read, when whoosh's caller knows it (set around TOC reads and segment opens).
_where = threading.local()


def _current_file() -> str | None:
    return getattr(_where, "file", None)


@contextmanager
def reading(file: str):
    """Names `file` in any `UnsafePickle` raised inside the block."""
    previous = _current_file()
    _where.file = file
    try:
        yield
    except UnsafePickle as e:
        raise e.naming(file) from None
    finally:
        _where.file = previous


def _read_toc(original):
    def read(cls, storage, indexname, gen=None, schema=None):
        import os

        folder = getattr(storage, "folder", "")
        if gen is None:
            gen = cls._latest_generation(storage, indexname)
        name = os.path.join(folder, cls._filename(indexname, gen)) if gen >= 0 else folder
        with reading(name):
            return original(storage, indexname, gen=gen if gen >= 0 else None, schema=schema)

    return classmethod(read)


def _stored_fields(original):
    def stored_fields(self, docnum):
        file = getattr(self, "_safepickle_file", None)
        with reading(file or _segment_file(self._storage, self._segment)):
            return original(self, docnum)

    return stored_fields


def _segment_reader(original):
    def init(self, storage, schema, segment, *args, **kwargs):
        self._safepickle_file = _segment_file(storage, segment)
        with reading(self._safepickle_file):
            original(self, storage, schema, segment, *args, **kwargs)
        perdoc = getattr(self, "_perdoc", None)
        if perdoc is not None:  # reads the stored fields: inside the compound file
            perdoc._safepickle_file = self._safepickle_file

    return init


def _segment_file(storage, segment) -> str:
    """The file (or, not compound, the file prefix) of a segment, for messages."""
    import os

    while not hasattr(storage, "folder") and hasattr(storage, "_store"):
        storage = storage._store
    folder = getattr(storage, "folder", "")
    if segment is None:
        return os.path.join(folder, "a segment")
    compound = getattr(segment, "compound", False)
    return os.path.join(folder, segment.make_filename(".seg" if compound else ".*"))


_installed = False


def install() -> None:
    """Routes every unpickling call of whoosh through the restricted unpickler (idempotent)."""
    global _installed
    if _installed:
        return
    sys.addaudithook(_audit)  # (audit hooks cannot be removed: the hook checks `_state`)
    import whoosh.codec.whoosh3 as w3
    import whoosh.columns as columns
    import whoosh.filedb.structfile as structfile
    import whoosh.index as windex
    import whoosh.legacy as legacy
    import whoosh.reading as reading_mod

    windex.pickle = types.SimpleNamespace(
        loads=loads, dumps=pickle.dumps, PicklingError=pickle.PicklingError
    )
    structfile.load_pickle = load
    w3.loads = loads
    columns.loads = loads
    legacy.toc_loaders.clear()
    windex.TOC.read = _read_toc(windex.TOC.read.__func__.__get__(windex.TOC))
    w3.W3PerDocReader.stored_fields = _stored_fields(w3.W3PerDocReader.stored_fields)
    reading_mod.SegmentReader.__init__ = _segment_reader(reading_mod.SegmentReader.__init__)
    _installed = True
