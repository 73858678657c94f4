"""Contract of `indexer/engine/safepickle.py` and `swap.py` with whoosh: the names they replace
or call still exist and are replaced, and the restriction holds for every pickle opcode that
can load a global (GLOBAL, STACK_GLOBAL of protocol 5, INST, copyreg extension codes)."""

from __future__ import annotations

import copyreg
import os
import pickle

import pytest
import whoosh.codec.whoosh3 as w3
import whoosh.columns as columns
import whoosh.filedb.structfile as structfile
import whoosh.index as windex
import whoosh.legacy as legacy
import whoosh.reading as wreading

from govsearch.indexer.engine import safepickle, swap
from govsearch.indexer.engine.safepickle import UnsafePickle


def test_every_unpickling_call_of_whoosh_is_ours():
    assert windex.pickle.loads is safepickle.loads
    assert structfile.load_pickle is safepickle.load
    assert w3.loads is safepickle.loads and columns.loads is safepickle.loads
    assert legacy.toc_loaders == {}
    assert "safepickle" in windex.TOC.read.__func__.__module__
    assert "safepickle" in w3.W3PerDocReader.stored_fields.__module__
    assert "safepickle" in wreading.SegmentReader.__init__.__module__


def test_swap_relies_on_whoosh_names_that_exist():
    for name in ("read", "write", "_pattern", "_segment_pattern", "_latest_generation"):
        assert hasattr(windex.TOC, name)
    assert callable(windex.clean_files) and swap.LOCK_NAME == "MAIN_WRITELOCK"


class Shell:
    def __reduce__(self):
        return (os.system, ("true",))


@pytest.mark.parametrize("protocol", [0, 1, 2, 3, 4, 5])
def test_refused_at_every_protocol(protocol):
    data = pickle.dumps([1, Shell()], protocol)
    with pytest.raises(UnsafePickle, match=r"posix\.system"):
        safepickle.loads(data)
    assert pickle.loads(pickle.dumps([1, 2], protocol)) == safepickle.loads(
        pickle.dumps([1, 2], protocol)
    )


def test_refused_through_an_extension_code():
    copyreg.add_extension("posix", "system", 0x4242)
    try:
        data = pickle.dumps(Shell(), 2)
        assert b"\x83" in data or b"\x82" in data  # EXT2 / EXT1 opcode
        with pytest.raises(UnsafePickle):
            safepickle.loads(data)
    finally:
        copyreg.remove_extension("posix", "system", 0x4242)


def test_outside_whoosh_calls_pickle_is_untouched():
    """The restriction holds inside `safepickle.loads` only: the parse workers' pickles (any
    class of ours) still load."""
    from govsearch.indexer.models import Outcome

    outcome = Outcome.skipped("a.txt", "empty file")
    assert pickle.loads(pickle.dumps(outcome)) == outcome
