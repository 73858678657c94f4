"""P1, prose against table: a count the narrative states that contradicts the cell it names.

"共收到政府信息公开申请9件" names `app_new__total`, "制发规章2件" `pd_rules_issued`, "行政复议1件"
`rl_review_total`, "行政诉讼0件" the two 行政诉讼 totals. The worst outcome is a false accusation,
so a phrase is read only when it is unambiguous: a plain count directly after the words that name
the cell, in a sentence about this report's year, not a 其中 sub-count, not a difference against
上年, not a channel or applicant type, not a region-wide aggregate, never a table line. A
phrase fails only when its number equals none of the readings the wording allows (收到 may or
may not include 上年结转); a reading with a null cell is "not checkable", never a failure.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from ..fold import normalize
from ..models import ConsistencyIssue
from .numbering import cn_number

Fields = Mapping[str, int | float | None]

NARRATIVE = ("s1_overview", "s2_proactive", "s3_applications", "s4_review_litigation")
TABLES = ("v1_2019_trial", "v2_2021")  # the template versions with tables
SUIT_TOTAL = "rl_suit_direct_total+rl_suit_after_review_total"

NUM = r"(?P<n>\d+|[零〇一二两三四五六七八九十百千]+)"
_SENTENCE = re.compile(r"[^。!?\n]+")
_YEAR = re.compile(r"((?:19|20)\d\d|[二][〇○零][〇○零一二三四五六七八九]{2})年")
# Part of a year: 上半年, 第三季度, 1-6月 (the whole year, 1月1日至12月31日 or 截至…日, is fine).
_WHOLE_YEAR = re.compile(r"1月1日[至到-]12月31日|截[至止][^,;]{0,12}日")
_PART_OF_YEAR = re.compile(r"半年|季度|月份|\d+月")
# Words before the number (in its part of the sentence up to ；) that make it another year's, a
# sub-count or a cumulative figure; in its clause (up to ，), a difference or an approximation.
_NOT_THIS_YEAR = re.compile(r"其中|上年|去年|上一年|前年|同期|同比|以来|累计|结转")
_NOT_A_COUNT = re.compile(r"增|减|较|比|近|约|超过|逾|多达|平均|每|余")
# A region-wide aggregate or one level of it, which the agency's own table need not hold.
_AGGREGATE = re.compile(
    r"全[市县区省州盟旗国]|各级|(?<!本)部门|各单位|各乡|各镇|各街|所属|下属|系统|本级|[市县区]直"
)
# One channel or one applicant type: part of the total, not the total.
_PART = re.compile(
    r"网上|网络|在线|当面|现场|信函|传真|邮件|邮寄|电话|热线|转办|转交|转来"
    r"|自然人|商业企业|科研机构|公益组织|法律服务"
)
_APP_UNIT = "(?:件|条|宗|次|个)"
_RL_UNIT = "(?:件|起|宗|次|例|个)"
_APPLICATION = re.compile(
    r"(?<!不予)(?<!未)(?<!不)(?:收到|受理|新收|接到|接收|接受)(?P<mid>[^,;:()\d]{0,24}?"
    r"(?:公开申请|依申请公开|申请公开|公开的申请)(?:申请|事项|件|信息|事项)?)"
    r"(?:总数|总量|数量为|共计|共|计|为|达)?" + NUM + _APP_UNIT
)
# "本年度未收到政府信息公开申请。": none, when nothing qualifies the applications.
_NO_APPLICATION = re.compile(
    r"(?:未|没有)(?:收到|受理|接到|接收)(?:任何)?(?:(?:政府|政务)?信息公开申请|依申请公开(?:申请|事项|信息)?"
    r"|(?:政府信息)?公开申请)(?P<n>)(?=[,;]|$)"
)
_RULES = re.compile(
    r"(?P<verb>制发|制定|新制定|新制作|出台|印发|主动公开|公开|发布)(?:了|新|政府)?"
    r"规章(?!制度)(?:共计|共|计|为)?" + NUM + "(?:件|部|个)"
)
_REVIEW = re.compile(
    r"行政复议(?!、|和|及|与|或|后)(?:申请|案件|案)?(?:共计|共|计|为|达)?" + NUM + _RL_UNIT
)
_SUIT = re.compile(
    r"(?<!复议后)(?:行政诉讼|行政起诉)(?!、|和|及|与|或)(?:案件|案)?(?:共计|共|计|为|达)?"
    + NUM
    + _RL_UNIT
)
# The outcome columns of section 四: a count with one of these is a part, not the total.
_RL_PART = re.compile(r"维持|纠正|其他结果|审结|撤销|撤回|驳回|确认|胜诉|败诉|直接起诉|复议后")


@dataclass(frozen=True)
class Claim:
    """A count the prose states: the cell it names, the number, and the readings allowed."""

    where: str
    found: int
    phrase: str
    readings: tuple[tuple[str, ...], ...]  # each a sum of keys; the first is the expected value


_SIDE_BY_SIDE = re.compile(r"\d\s+\d")
_SPACES = re.compile(r"(?<=\D)\s+|\s+(?=\D)")
KEYWORDS = {"app": "申请", "rules": "规章", "review": "复议", "suit": "诉讼"}


def _prose_lines(text: str) -> list[str]:
    """Lines of prose that name a cell: no table rows (tabs, pipes, numbers side by side),
    spaces closed up."""
    out = []
    for line in normalize(text).split("\n"):
        line = line.strip()
        if not any(w in line for w in KEYWORDS.values()):
            continue
        if "\t" in line or "|" in line or _SIDE_BY_SIDE.search(line):
            continue
        out.append(_SPACES.sub("", line))
    return out


def _readings(kind: str, verb: str, version: str | None) -> tuple[str, tuple[tuple[str, ...], ...]]:
    if kind == "app":
        return "app_new__total", (("app_new__total",), ("app_new__total", "app_carried_in__total"))
    if kind == "review":
        return "rl_review_total", (("rl_review_total",),)
    if kind == "suit":
        direct, after = "rl_suit_direct_total", "rl_suit_after_review_total"
        return SUIT_TOTAL, ((direct, after), (direct,), (after,))
    issuing = "公开" not in verb and "发布" not in verb
    if version == "v2_2021":
        alt = () if issuing else (("pd_rules_in_force",),)
        return "pd_rules_issued", (("pd_rules_issued",), *alt)
    made, published = ("pd_rules_new_made",), ("pd_rules_new_published",)
    if issuing:
        return made[0], (made, published)
    return published[0], (published, made, ("pd_rules_total_published",))


def find_claims(
    sections: Mapping[str, str], year: int | None, version: str | None = None
) -> list[Claim]:
    """Every unambiguous count the narrative sections state about a table cell."""
    claims: list[Claim] = []
    for key in NARRATIVE:
        for line in _prose_lines(sections.get(key, "")):
            for sentence in _SENTENCE.findall(line):
                years = {cn_number(y) for y in _YEAR.findall(sentence)}
                if years - {year} or (years and year is None) or _AGGREGATE.search(sentence):
                    continue
                about_disclosure = "信息公开" in sentence or key == "s4_review_litigation"
                for kind, pattern in (
                    ("app", _APPLICATION),
                    ("app", _NO_APPLICATION),
                    ("rules", _RULES),
                    ("review", _REVIEW),
                    ("suit", _SUIT),
                ):
                    if KEYWORDS[kind] not in sentence or (
                        kind in ("review", "suit") and not about_disclosure
                    ):
                        continue
                    for m in pattern.finditer(sentence):
                        claim = _claim(kind, m, sentence, version)
                        if claim is not None:
                            claims.append(claim)
    return claims


def _claim(kind: str, m: re.Match[str], sentence: str, version: str | None) -> Claim | None:
    before = sentence[: m.start("n")]
    part = before[before.rfind(";") + 1 :]
    clause = before[max(before.rfind(c) for c in ",;:") + 1 :]
    after = sentence[m.end() :]
    if _NOT_THIS_YEAR.search(part) or _NOT_A_COUNT.search(clause):
        return None
    if _PART_OF_YEAR.search(_WHOLE_YEAR.sub("", part)):
        return None
    if re.match(r"\d", after) and not re.match(r"\d+项", after):
        return None  # numbers side by side: table debris
    if kind == "app":
        mid = m.groupdict().get("mid") or ""
        if "复议" in mid or "诉讼" in mid or _PART.search(clause) or _one_kind_of_applicant(mid):
            return None
    elif kind in ("review", "suit"):
        if _RL_PART.search(clause) or re.match(r"(?:维持|纠正|撤销|胜诉|败诉)", after):
            return None
        if kind == "review" and "诉讼" in clause:
            return None  # "行政诉讼、行政复议各1件"
    if kind == "rules" and version not in TABLES:
        return None
    found = cn_number(m.group("n")) if m.group("n") else 0
    if found is None:
        return None
    where, readings = _readings(kind, m.groupdict().get("verb") or "", version)
    return Claim(where, found, m.group(0), readings)


def _one_kind_of_applicant(mid: str) -> bool:
    """公民 alone or 企业 alone names one applicant column; 企业和群众 / 公民、法人和其他组织 do not."""
    everyone = ("群众", "组织", "法人", "社会", "个人和", "各类")
    return any(w in mid for w in ("公民", "企业", "单位")) and not any(w in mid for w in everyone)


def judge(claim: Claim, fields: Fields) -> tuple[str, int | float | None]:
    """`ok`, `failed` or `uncheckable`, with the table's value (the first reading)."""
    values: list[int | float | None] = []
    for keys in claim.readings:
        cells = [fields.get(k) for k in keys]
        values.append(None if any(c is None for c in cells) else sum(cells))  # type: ignore[arg-type]
    expected = values[0]
    if any(v is not None and abs(v - claim.found) < 1e-6 for v in values):
        return "ok", expected
    if expected is None or any(v is None for v in values):
        return "uncheckable", expected
    return "failed", expected


def check_prose(
    sections: Mapping[str, str], fields: Fields, year: int | None, version: str | None = None
) -> list[ConsistencyIssue]:
    """P1 failures: one per cell and stated number that the table contradicts."""
    if version not in TABLES:
        return []  # v0_legacy has no tables: nothing to check against
    issues: list[ConsistencyIssue] = []
    seen: set[tuple[str, int]] = set()
    for claim in find_claims(sections, year, version):
        verdict, expected = judge(claim, fields)
        if verdict == "failed" and (claim.where, claim.found) not in seen:
            seen.add((claim.where, claim.found))
            issues.append(
                ConsistencyIssue(rule="P1", where=claim.where, expected=expected, found=claim.found)  # type: ignore[arg-type]
            )
    return issues
