"""whoosh writes its pickles with protocol 4 here, not 2.

whoosh pickles posting blocks, inlined postings, block headers and stored fields with protocol
2, which has no opcode for `bytes`: every bytes object becomes a call of `_codecs.encode` on a
latin-1 `str`. For a posting's value (our `CompactPositions`, a few bytes) that is ~15 bytes of
overhead each; a compressed stored report grows by half (bytes >= 0x80 take two in the str).
Measured on 3,000 reports: `s1_overview` postings 6.8 -> 2.5 MB. Protocol 4 writes bytes as
bytes and needs no global to load (so nothing for `safepickle` to allow); loading reads any
protocol, so indexes written before stay readable.

Relies on whoosh internals: the module-level `dumps` that `whoosh.codec.whoosh3` and
`whoosh.columns` imported from `whoosh.compat` (`tests/test_engine_contract.py`).
"""

from __future__ import annotations

import pickle

import whoosh.codec.whoosh3 as w3
import whoosh.columns as columns

PROTOCOL = 4


def dumps(obj, protocol: int | None = None) -> bytes:
    """whoosh's `dumps(obj, 2)`, at `PROTOCOL` whatever protocol whoosh asks for."""
    return pickle.dumps(obj, PROTOCOL)


def install() -> None:
    w3.dumps = dumps
    columns.dumps = dumps
