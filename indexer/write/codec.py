"""The stored form of a report: its JSON, zlib-compressed with a preset dictionary.

A stored report is `PRESET` + zlib with `report_preset()` as its dictionary (a zlib stream
itself starts with 0x78, so older plain-zlib values stay readable).
"""

from __future__ import annotations

import json
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


def _json(stored: bytes | str) -> bytes | str:
    if isinstance(stored, bytes):
        if stored.startswith(PRESET):
            z = zlib.decompressobj(zdict=report_preset())
            return z.decompress(stored[len(PRESET) :]) + z.flush()
        return zlib.decompress(stored)
    return stored


def load_report(stored: bytes | str) -> Report:
    """The `Report` from a stored `report_json` (compressed; plain JSON accepted too)."""
    return Report.model_validate_json(_json(stored))


def load_items(stored: bytes | str) -> dict[str, list[str]]:
    """The improvement measures and problems of a stored report, by unit kind ("measure",
    "problem"), without validating the whole `Report`: units store no text of their own, and
    `similar` reads theirs from here (~10 times faster than `load_report`)."""
    data = json.loads(_json(stored))
    return {"measure": data["improvement_measures"], "problem": data["problems"]}
