"""The stored form of a report: its JSON, zlib-compressed with a preset dictionary.

A stored report is `PRESET` + zlib with `report_preset()` as its dictionary (a zlib stream
itself starts with 0x78, so older plain-zlib values stay readable).
"""

from __future__ import annotations

import zlib
from functools import cache

from ..models import SECTION_KEYS, ConsistencyIssue, Report
from .analysis import domain_words
from .schema import numeric_keys

PRESET = b"\x01"


@cache
def report_preset() -> bytes:
    """zlib's preset dictionary for stored reports: the domain words, then a report's JSON
    with every key and no values. Each report repeats those ~230 key names, which zlib alone
    re-sends every time: stored reports shrink by about 15%. Stored reports need the same
    bytes to decompress, so the schema fingerprint covers them."""
    skeleton = Report(
        id="",
        fields=dict.fromkeys(numeric_keys()),
        sections=dict.fromkeys(SECTION_KEYS, ""),
        consistency=[ConsistencyIssue(rule="R1", where="", expected=0, found=0)],
    )
    return "".join(domain_words()).encode() + skeleton.model_dump_json().encode()


def compress_report(report: Report) -> bytes:
    """The stored form of a report: its JSON, compressed with the preset dictionary."""
    z = zlib.compressobj(6, zdict=report_preset())
    return PRESET + z.compress(report.model_dump_json().encode()) + z.flush()


def load_report(stored: bytes | str) -> Report:
    """The `Report` from a stored `report_json` (compressed; plain JSON accepted too)."""
    if isinstance(stored, bytes):
        if stored.startswith(PRESET):
            z = zlib.decompressobj(zdict=report_preset())
            stored = z.decompress(stored[len(PRESET) :]) + z.flush()
        else:
            stored = zlib.decompress(stored)
    return Report.model_validate_json(stored)
