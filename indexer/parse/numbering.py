"""Enumeration markers of report text (一、 （二） 3. 四是), written once for every parsing module.

Patterns match the normal form (`fold.normalize`): brackets are ASCII there. Each module
composes its own expression from these pieces: a heading's numbering, a table row label's
prefix, an item of section 五.
"""

from __future__ import annotations

from functools import lru_cache

NUMERALS = "一二三四五六七八九十"  # the Chinese numerals enumerations count with
CN = f"[{NUMERALS}]"
PAREN_ORDINAL = rf"[(][{NUMERALS}\d]+[)]"  # (一) (12)
CN_ORDINAL = rf"{CN}+[、.]"  # 一、 十二.
DIGIT_ORDINAL = r"\d+[、.]"  # 1、 2.


@lru_cache(maxsize=4096)
def cn_number(text: str) -> int | None:
    """Digits or Chinese numerals as a number (cn2an): `3`, `三`, `十二`, `二〇二二` read digit
    by digit; None when it is no number."""
    if text.isdigit():
        return int(text)
    import cn2an  # its import costs 0.3 s: only parsing needs it

    digits = text.replace("○", "〇").replace("O", "〇").replace("零", "〇")
    mode = "smart" if "十" in digits or "百" in digits else "direct"
    try:
        return int(cn2an.cn2an(digits, mode))
    except (ValueError, KeyError):
        return None


def ordinal(n: str) -> int:
    """The number a marker counts: `3` → 3, `三` → 3, `十二` → 12; 0 when unknown."""
    return cn_number(n) or 0
