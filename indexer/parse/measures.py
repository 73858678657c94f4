"""Section 五 split into problems and improvement measures (spec §6).

The section is cut at its turn — a sub-heading about improvement (（二）工作改进情况) or a
turn phrase (改进措施：, 下一步, 今后, 针对上述问题) — and each side is split into its
enumerated items (一是…二是…, （一）…, 1.…, 1、…). Offsets are found on the normal form and
items are cut from the original text, so each keeps its wording.
"""

from __future__ import annotations

import re

from ..fold import normalize
from .numbering import CN, CN_ORDINAL, DIGIT_ORDINAL, PAREN_ORDINAL, ordinal

# The improvement side starts here.
TURN_HEADING = re.compile(
    rf"^\s*(?:{PAREN_ORDINAL}|{CN_ORDINAL}|{DIGIT_ORDINAL})\s*[^\n]{{0,20}}?(?:改进|措施|打算|下一步|下步|努力方向|工作计划|整改|解决办法)[^\n]{{0,16}}$",
    re.MULTILINE,
)
TURN_PHRASE = re.compile(
    r"(?:改进措施|整改措施|改进方向|工作打算|下步打算|下一步工作打算)[:]|下一步[,，]?|下步[,，]|今后[,，]|"
    r"针对(?:上述|以上|存在的|这些)(?:问题|不足)|下一年度|新的一年|"
    r"(?:19|20)\d\d年度?[,，]?(?:我|本)(?:局|委|办|厅|院|单位|乡|镇|街道|区|县|市)将"
)
# Enumeration markers by style; group "n" is the ordinal.
MARKERS: tuple[re.Pattern[str], ...] = (
    re.compile(rf"(?:^|(?<=[\s。;；:：,，]))(?P<n>{CN}{{1,2}})是"),
    re.compile(rf"[(](?P<n>{CN}{{1,2}})[)]"),
    re.compile(rf"(?:^|(?<=[\s。;；:]))(?P<n>{CN}{{1,2}})[、]"),
    re.compile(r"(?:^|(?<=[\s。;；:]))(?P<n>\d{1,2})\s*[、.．)](?!\d)"),
    re.compile(r"[(](?P<n>\d{1,2})[)]"),
)
PROBLEM_CUE = re.compile(r"存在|不足|问题|差距|薄弱|有待")
STRIP = " \t\r\n\xa0　；;，,。:"


def _sequence(norm: str, pattern: re.Pattern[str]) -> list[re.Match[str]]:
    """Markers of one style counting 1, 2, 3… in order."""
    found: list[re.Match[str]] = []
    for m in pattern.finditer(norm):
        if ordinal(m["n"]) == len(found) + 1:
            found.append(m)
    return found


def split_items(text: str) -> list[str]:
    """Enumerated items of `text` (marker removed), or the whole text as one item."""
    norm = normalize(text)
    # The earliest list that counts past one wins: an outer (一)(二) list with 一是二是
    # inside each item is split on the outer markers.
    sequences = [seq for seq in (_sequence(norm, p) for p in MARKERS) if seq]
    longer = [seq for seq in sequences if len(seq) > 1] or sequences
    best = min(longer, key=lambda seq: seq[0].start(), default=[])
    if not best:
        whole = text.strip(STRIP)
        return [whole] if whole else []
    items = []
    for n, m in enumerate(best):
        end = best[n + 1].start() if n + 1 < len(best) else len(text)
        if n + 1 == len(best) and not _at_line_start(norm, m.start()):
            # an inline list ends with its paragraph; what follows is a closing remark
            newline = norm.find("\n", m.end())
            end = newline if newline > 0 else end
        item = text[m.end() : end].strip(STRIP)
        if item:
            items.append(item)
    return items


def _at_line_start(norm: str, pos: int) -> bool:
    return not norm[norm.rfind("\n", 0, pos) + 1 : pos].strip()


def _drop_heading_line(text: str, norm: str) -> tuple[str, str]:
    """Without a leading sub-heading line such as （一）存在的主要问题."""
    first, _, rest = norm.lstrip().partition("\n")
    if rest and len(first) <= 30 and not re.search(r"[。;；]", first):
        cut = len(norm) - len(rest)
        return text[cut:], norm[cut:]
    return text, norm


def split_problems_measures(section: str) -> tuple[list[str], list[str]]:
    """(problems, improvement_measures) of a section 五 body."""
    norm = normalize(section)
    turn = TURN_HEADING.search(norm) or TURN_PHRASE.search(norm)
    if turn is None:
        items = split_items(section)
        lead = norm[: norm.find(items[0][:6])] if items else ""
        if PROBLEM_CUE.search(lead) and not re.search(r"[一1]是|[(]一[)]|^\s*[1一][、.]", lead):
            return items, []
        return [], items
    problems_text, problems_norm = section[: turn.start()], norm[: turn.start()]
    problems_text, _ = _drop_heading_line(problems_text, problems_norm)
    problems = split_items(problems_text)
    return problems, split_items(section[turn.end() :])
