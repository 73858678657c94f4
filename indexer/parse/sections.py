"""Section headings (spec §3), found by their text, never by numeral alone."""

from __future__ import annotations

import re

from ..fold import normalize
from .numbering import CN, PAREN_ORDINAL

# Debris before a heading: bookmarks, indentation, and the heading's own enumeration.
_DEBRIS = re.compile(r"^(?:\s|\[bookmark:[^\]]*\])*|^[^\n]*bookmark[^\]]*\]")
_NUMBERING = re.compile(
    rf"^(?:第?{CN}+(?:部分)?[、.,，:：\s]*|\d+\s*[、.．:]\s*|{PAREN_ORDINAL}\s*)"
)

# Per key: the template's own heading text (matched at the start of a heading line), and
# looser wording (searched inside a numbered heading line) used only when the first is absent.
HEADINGS: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {
    "s1_overview": (
        re.compile(r"^(?:总体情况|概述|概况)"),
        # legacy headings may name the subject first: 政府信息公开总体工作情况, 政府信息公开工作概述
        re.compile(
            r"^(?:(?:政府|政务)?信息公开|政务公开)?(?:工作)?(?:的)?"
            r"(?:基本情况|基本工作情况|工作概况|总体工作情况|总体情况|概述|概况)"
        ),
    ),
    "s2_proactive": (
        re.compile(r"^主动公开政府信息(?:的)?情况"),
        re.compile(r"主动公开"),
    ),
    "s3_applications": (
        re.compile(r"^收到和处理政府信息公开申请(?:的)?情况"),
        re.compile(r"依申请公开|收到和处理政府信息公开申请"),
    ),
    "s4_review_litigation": (
        re.compile(r"^(?:政府信息公开)?行政复议、?行政诉讼(?:的)?情况"),
        re.compile(r"行政复议"),
    ),
    "s5_problems": (
        re.compile(r"^存在的主要问题及改进情况"),
        re.compile(r"存在.{0,6}(?:问题|不足)|改进措施|改进情况|下步打算|下一步工作"),
    ),
    "s6_other": (
        re.compile(r"^其他需要报告的事项"),
        re.compile(r"^(?:其他需报告的事项|其他事项|其他)$"),
    ),
}
MAX_HEADING = 40  # a longer line is a sentence that mentions a heading, not a heading


def heading_key(line: str) -> tuple[str, bool] | None:
    """(section key, strict?) when a normalised line is a section heading, else None."""
    text = _DEBRIS.sub("", line).strip()
    numbered = _NUMBERING.match(text)
    rest = text[numbered.end() :] if numbered else text
    rest = rest.strip().rstrip(":。")
    if numbered and numbered.group().startswith("("):
        return None  # (一)… is a sub-point inside a section
    if not rest or len(rest) > MAX_HEADING or any(p in rest for p in "。:;，,"):
        return None
    for key, (strict, _) in HEADINGS.items():
        if strict.match(rest):
            return key, True
    # Table rows are numbered 1. 2. 3. (and "3.其他" is a row): looser wording needs a
    # Chinese numeral, or a digit with 、 as legacy headings write "1、 概述".
    mark = numbered.group().strip() if numbered else ""
    if mark and (not mark[0].isdigit() or mark.endswith("、")):
        for key, (_, loose) in HEADINGS.items():
            if loose.search(rest) and not (key == "s6_other" and mark[0].isdigit()):
                return key, False
    return None


def find_sections(text: str) -> dict[str, tuple[int, int, int]]:
    """Each section found: key → (heading start, body start, body end) offsets in `text`.

    The first heading of each key wins, the template's own wording before looser wording
    (a sub-point 一、主动公开情况 inside 总体情况 must not start section 二). A section runs
    to the next heading found.
    """
    norm = normalize(text)
    strict: dict[str, tuple[int, int]] = {}
    loose: dict[str, tuple[int, int]] = {}
    offset = 0
    for line in norm.split("\n"):
        found = heading_key(line)
        if found:
            key, is_strict = found
            (strict if is_strict else loose).setdefault(key, (offset, offset + len(line) + 1))
        offset += len(line) + 1
    starts = sorted((*span, key) for key, span in (loose | strict).items())
    found: dict[str, tuple[int, int, int]] = {}
    for n, (head, body, key) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(text)
        found[key] = (head, min(body, len(text)), end)
    return found


def split_heading(line: str) -> str:
    """A flattened line that starts with a numbered heading, broken after the heading text:
    "四、政府信息公开行政复议、行政诉讼情况 行政复议 行政诉讼 …" → heading, newline, rest."""
    numbered = _NUMBERING.match(line)
    if not numbered or numbered.group().startswith("("):
        return line
    rest = normalize(line[numbered.end() :])
    for strict, _ in HEADINGS.values():
        m = strict.match(rest)
        if m:
            cut = numbered.end() + m.end()
            return line[:cut] + "\n" + line[cut:]
    return line
