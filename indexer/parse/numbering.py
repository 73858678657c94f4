"""Enumeration markers of report text (一、 （二） 3. 四是), written once for every parsing module.

Patterns match the normal form (`fold.normalize`): brackets are ASCII there. Each module
composes its own expression from these pieces: a heading's numbering, a table row label's
prefix, an item of section 五.
"""

from __future__ import annotations

NUMERALS = "一二三四五六七八九十"  # the Chinese numerals enumerations count with
CN = f"[{NUMERALS}]"
PAREN_ORDINAL = rf"[(][{NUMERALS}\d]+[)]"  # (一) (12)
CN_ORDINAL = rf"{CN}+[、.]"  # 一、 十二.
DIGIT_ORDINAL = r"\d+[、.]"  # 1、 2.

_VALUES = {c: i + 1 for i, c in enumerate(NUMERALS)}


def ordinal(n: str) -> int:
    """The number a marker counts: `3` → 3, `三` → 3, `十二` → 12; 0 when unknown."""
    if n.isdigit():
        return int(n)
    if len(n) == 2 and n[0] == "十":
        return 10 + _VALUES[n[1]]
    return _VALUES.get(n, 0)
