"""Section headings (spec §3), found by their text, never by numeral alone."""

from __future__ import annotations

import re

from .normalize import normalize

# Debris before a heading: bookmarks, indentation, and the heading's own enumeration.
_DEBRIS = re.compile(r"^(?:\s|\[bookmark:[^\]]*\])*")
_NUMBERING = re.compile(
    r"^(?:第?[一二三四五六七八九十]+(?:部分)?[、.,，:：\s]*|\d+\s*[、.．:]\s*|[(][一二三四五六七八九十\d]+[)]\s*)"
)

HEADINGS: dict[str, re.Pattern[str]] = {
    "s1_overview": re.compile(r"^(?:总体情况|概述|概况|基本情况|基本工作情况)"),
    "s2_proactive": re.compile(r"^(?:主动公开政府信息(?:的)?(?:情况|工作)?|主动公开(?:情况|工作))"),
    "s3_applications": re.compile(
        r"^(?:收到和处理政府信息公开申请|依申请公开)"
    ),
    "s4_review_litigation": re.compile(
        r"^(?:(?:因)?政府信息公开(?:工作)?(?:被)?(?:申请)?行政复议|(?:申请|提起)?行政复议[、和及]?(?:提起)?行政诉讼)"
    ),
    "s5_problems": re.compile(
        r"^(?:政府信息公开)?(?:工作)?(?:存在(?:的)?(?:主要)?(?:问题|不足)|主要问题|问题和改进|改进措施)"
    ),
    "s6_other": re.compile(r"^(?:其他需要报告的事项|其他事项|其他需报告的事项)"),
}
MAX_HEADING = 40  # a longer line is a sentence that mentions a heading, not a heading


def heading_key(line: str) -> str | None:
    """The section key a normalised line is the heading of, or None."""
    text = _DEBRIS.sub("", line).strip()
    numbered = _NUMBERING.match(text)
    rest = text[numbered.end() :] if numbered else text
    rest = rest.strip().rstrip(":。")
    if numbered and numbered.group().startswith("("):
        return None  # (一)… is a sub-point inside a section
    if not rest or len(rest) > MAX_HEADING or any(p in rest for p in "。:;"):
        return None
    for key, pattern in HEADINGS.items():
        if pattern.match(rest):
            # s6's bare "其他…" and a sub-point such as (一)概述 need a section numeral.
            if key == "s6_other" and not numbered:
                return None
            return key
    return None


def find_sections(text: str) -> dict[str, tuple[int, int, int]]:
    """Each section found: key → (heading start, body start, body end) offsets in `text`.

    The first heading of each key wins; a section runs to the next heading found.
    """
    norm = normalize(text)
    starts: list[tuple[int, int, str]] = []
    seen: set[str] = set()
    offset = 0
    for line in norm.split("\n"):
        key = heading_key(line)
        if key and key not in seen:
            seen.add(key)
            starts.append((offset, offset + len(line) + 1, key))
        offset += len(line) + 1
    found: dict[str, tuple[int, int, int]] = {}
    for n, (head, body, key) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(text)
        found[key] = (head, min(body, len(text)), end)
    return found
