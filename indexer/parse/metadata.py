"""Who reported, on which year, and when (spec §2), from named patterns.

Candidates for the agency come from the title, a line of its own above the title, the
signature, a sentence that names the report, and the body; the most complete one wins,
so a title fragment such as 县商务局 gives way to 城步苗族自治县商务局 from the signature.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

from ..fold import normalize

HAN = r"\u4e00-\u9fff"
# An agency name ends in the name of a kind of body.
AGENCY_SUFFIX = (
    r"(?:委员会办公室|管理委员会|委员会|办公室|办事处|人民政府|政府|局|厅|委|办|院|署|部|中心|"
    r"街道|街|乡|镇|所|站|队|馆|处|会|公司|集团|监狱|海关|银行)"
)
YEAR = r"(?:19|20)\d\d|二[〇○零][〇○零一二三四五六七八九]{2}"  # 2021 or 二〇二一
TITLE = re.compile(
    rf"^(?:关于)?(?:印发|公布|发布)?《?(?P<agency>[{HAN}()·\s]{{0,50}}?)\s*(?P<year>{YEAR})\s*年度?\s*"
    rf"(?P<after>[{HAN}()\s]{{0,40}}?)\s*(?:政府|政务)?信息公开(?:工作)?(?:年度)?(?:工作)?(?:报告|年报)"
)
# 某局政府信息公开工作2021年度报告: the year after the words
TITLE_YEAR_LAST = re.compile(
    rf"^(?:关于)?(?:印发|公布|发布)?《?(?P<agency>[{HAN}()·\s]{{2,50}}?)\s*(?:政府|政务)?信息公开(?:工作)?\s*(?P<year>{YEAR})\s*年度?"
    rf"(?:工作)?(?:年度)?(?:报告|年报)"
)
# "现向社会公布2021年石家庄市教育局政府信息公开工作年度报告" and "特编制X局2016年…报告"
EMBEDDED = re.compile(
    rf"(?:公布|发布|编制|特将|现将)(?P<agency>[{HAN}()]{{0,40}}?)(?P<year>{YEAR})年度?"
    rf"(?P<after>[{HAN}()]{{0,40}}?)(?:政府|政务)?信息公开(?:工作)?(?:年度)?(?:工作)?(?:报告|年报)"
)
PERIOD = re.compile(r"(?P<year>(?:19|20)\d\d)年\s*1\s*月\s*1\s*日(?:起)?\s*(?:至|到|-|—)")
BODY_YEAR = re.compile(r"(?P<year>(?:19|20)\d\d)年")
AGENCY_IN_BODY = re.compile(
    rf"(?:^|[，,。\s])(?:19|20)\d\d年(?:以来|来|度)?[，,]?(?P<agency>[{HAN}]{{2,30}}?{AGENCY_SUFFIX})"
)
AGENCY_LINE = re.compile(rf"^(?P<agency>[{HAN}()·]{{2,40}}{AGENCY_SUFFIX})$")
REGION = re.compile(
    rf"^(?:[{HAN}]{{2,12}}?(?:特别行政区|自治区|省|自治州|地区|盟|市|自治县|自治旗|县|旗|新区|区|乡|镇|街道))+"
)
ADMIN_LEVELS = "省市县区乡镇州旗盟"
PARTY_COMMITTEE = re.compile(r"[省市县区州乡镇党]委$")
LEADING_VERB = re.compile(
    r"^(?:现将|现向社会公布|现予公布|现公布|特编制|特向社会公布|特此公布|编制|发布|公布|关于)"
)
NOT_A_NAME = re.compile(r"^(?:我|本|全|各|在|该|其|市委|县委|区委|党委|上级)")

CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0, "O": 0, "0": 0}
DATE = re.compile(
    r"(?P<y>(?:19|20)\d\d|[〇○零一二三四五六七八九O0]{4})\s*[年\-./]\s*(?P<m>\d{1,2}|[一二三四五六七八九十]{1,2})\s*[月\-./]\s*"
    r"(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})\s*日?"
)
# A web page's own date ("发布日期：2017-02-23", "时间: 2022-01-29"), not 更新时间/统计时间.
META_DATE = re.compile(
    rf"(?<![{HAN}])(?:发布|成文|印发|公开|发文|生成)?(?:日期|时间)\s*[:：]\s*(?P<date>[\d\-./年月日 ]{{8,20}})"
)


# A government page's catalogue block: 发布机构：某县商务局
META_AGENCY = re.compile(
    rf"(?:发布机构|发文机关|发布单位|公开主体)\s*[:：]\s*(?P<agency>[{HAN}()]{{2,40}})"
)
TITLE_LABEL = re.compile(r"^(?:标题|题目|名称)\s*[:：]\s*")


@dataclass
class Metadata:
    title: str | None = None
    agency: str | None = None
    region: str | None = None
    year: int | None = None
    published: dt.date | None = None
    signature_at: int | None = None  # offset where the closing signature starts


def _cn_number(text: str) -> int:
    """A date part in digits or Chinese numerals: 二〇二二 → 2022, 十四 → 14."""
    if text.isdigit():
        return int(text)
    if len(text) == 4:
        return int("".join(str(CN_DIGITS[c]) for c in text))
    if "十" in text:
        tens, _, units = text.partition("十")
        return (CN_DIGITS[tens] if tens else 1) * 10 + (CN_DIGITS[units] if units else 0)
    return CN_DIGITS[text]


def parse_date(text: str) -> dt.date | None:
    m = DATE.search(text)
    if not m:
        return None
    try:
        return dt.date(_cn_number(m["y"]), _cn_number(m["m"]), _cn_number(m["d"]))
    except (KeyError, ValueError):
        return None


def _clean_agency(name: str | None) -> str | None:
    if not name:
        return None
    name = re.sub(r"\s+", "", name).strip("()·")
    name = LEADING_VERB.sub("", re.sub(r"关于$", "", name))
    if len(name) < 2 or NOT_A_NAME.match(name):
        return None
    if not re.search(f"{AGENCY_SUFFIX}$", name) and region_of(name) != name:
        return None
    return name


def _is_date_line(line: str) -> bool:
    return bool(DATE.fullmatch(line.strip().strip("()（）")))


def _split_signature(line: str) -> tuple[str, str] | None:
    """A one-line signature "某局 2022年1月14日" as (agency, date text)."""
    m = DATE.search(line)
    if m and m.start() > 0 and _is_date_line(line[m.start() :]):
        name = re.sub(r"\s+", "", line[: m.start()])
        if AGENCY_LINE.match(name):
            return name, line[m.start() :]
    return None


def _title(lines: list[str]) -> tuple[list[int], str | None, int | None]:
    """(line numbers of the title, agency in the title, year) from the first title-like
    line, joined with a neighbour where the title is broken over two lines."""
    head = [(i, line.strip()) for i, line in enumerate(lines[:80]) if line.strip()]
    for n, (i, line) in enumerate(head):
        if len(line) > 90:
            continue
        line = TITLE_LABEL.sub("", line.split(" - ")[0])  # a page title: "<title> - <site>"
        candidates = [([i], line)]
        if n + 1 < len(head) and re.search(r"\d\s*年度?$", line):
            candidates.insert(0, ([i, head[n + 1][0]], line + head[n + 1][1]))
        if n > 0 and AGENCY_LINE.match(head[n - 1][1]):
            candidates.insert(0, ([head[n - 1][0], i], head[n - 1][1] + line))
        for numbers, text in candidates:
            m = TITLE.match(text)
            if m:
                agency = _clean_agency(m["agency"]) or _clean_agency(m["after"])
                return numbers, agency, _cn_number(m["year"])
            m = TITLE_YEAR_LAST.match(text)
            if m:
                return numbers, _clean_agency(m["agency"]), _cn_number(m["year"])
    return [], None, None


def _signature_agency(lines: list[str]) -> str | None:
    """The signature: an agency line next to the date line at the end of the report."""
    tail = [line.strip() for line in lines[-40:] if line.strip()]
    for line in tail:
        signature = _split_signature(line)
        if signature and (agency := _clean_agency(signature[0])):
            return agency
    for n, line in enumerate(tail):
        if _is_date_line(line):
            for near in (tail[n - 1] if n else "", tail[n + 1] if n + 1 < len(tail) else ""):
                agency = (
                    _clean_agency(near) if AGENCY_LINE.match(re.sub(r"\s+", "", near)) else None
                )
                if agency:
                    return agency
    return None


def _signature_line(lines: list[str]) -> int | None:
    """The line where the closing signature (agency and/or date) starts, if the text ends so."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    for back, i in enumerate(reversed(filled[-4:])):
        line = lines[i].strip()
        if _is_date_line(line) or _split_signature(line):
            before = filled[len(filled) - back - 2] if len(filled) > back + 1 else None
            if before is not None and AGENCY_LINE.match(re.sub(r"\s+", "", lines[before])):
                return before
            return i
    return None


def _published(lines: list[str], norm: str) -> dt.date | None:
    """The signature date (last date-only line), else a web page's 发布日期."""
    for line in reversed(lines):
        signature = _split_signature(line.strip())
        if _is_date_line(line) or signature:
            date = parse_date(signature[1] if signature else line)
            if date:
                return date
    m = META_DATE.search(norm)
    return parse_date(m["date"]) if m else None


def _fuller(other: str, name: str) -> bool:
    """Whether `other` names the same body as `name`, more completely."""
    if len(other) <= len(name):
        return False
    if other.endswith(name):  # 县商务局 → 城步苗族自治县商务局
        return True
    if region_of(name) == name:  # 某某县 → 某某县人民政府
        return other.startswith(name)
    # a bare level plus a body: 乡政府 → 梨园乡人民政府, 市教育局 → 临夏回族自治州教育局
    if name[0] in ADMIN_LEVELS and region_of(name) is None:
        return other.endswith(name[1:]) or (name[0] in other and other.endswith(name[-2:]))
    return False


def _most_complete(candidates: list[str]) -> str | None:
    """The first candidate, unless a later one names the same body more completely."""
    if not candidates:
        return None
    best = candidates[0]
    for other in candidates[1:]:
        if _fuller(other, best):
            best = other
    return best


def _names_itself(name: str) -> bool:
    """A name from the body counts when it carries its area (积石山县商务局, not 我局) and is
    not a party committee (区委 in 2021年，区委区政府…)."""
    return region_of(name) not in (None, name) and not PARTY_COMMITTEE.search(name)


def region_of(agency: str | None) -> str | None:
    """The administrative area prefix of an agency name, e.g. 城步苗族自治县."""
    if not agency:
        return None
    m = REGION.match(agency)
    return m.group() if m else None


def extract_metadata(text: str) -> Metadata:
    norm = normalize(text)
    lines = norm.split("\n")
    original = text.split("\n")
    title_lines, title_agency, year = _title(lines)
    title = TITLE_LABEL.sub("", " ".join(original[i].strip() for i in title_lines).split(" - ")[0])
    title = title or None
    embedded = EMBEDDED.search(norm)
    if year is None and embedded:
        year = _cn_number(embedded["year"])
    if year is None:
        period = PERIOD.search(norm)
        year = int(period["year"]) if period else None
    if year is None:
        years = Counter(int(m["year"]) for m in BODY_YEAR.finditer(norm))
        year = years.most_common(1)[0][0] if years else None

    candidates = [title_agency, _signature_agency(lines)]
    if embedded:
        candidates.append(_clean_agency(embedded["agency"]) or _clean_agency(embedded["after"]))
    if page_agency := META_AGENCY.search(norm):
        candidates.append(_clean_agency(page_agency["agency"]))
    found = [c for c in candidates if c]
    if not found:
        # the body only counts when the name carries its area (积石山县商务局, not 我局)
        named = (_clean_agency(m["agency"]) for m in AGENCY_IN_BODY.finditer(norm))
        found = [a for a in named if a and _names_itself(a)][:1]
    agency = _most_complete(found)
    if agency:
        # the name as the report spells it: same offsets in the original text
        at = re.sub(r"\s+", "", norm).find(agency)
        squeezed_original = re.sub(r"\s+", "", "\n".join(original))
        agency = squeezed_original[at : at + len(agency)] if at >= 0 else agency
    signature = _signature_line(lines)
    signature_at = (
        sum(len(line) + 1 for line in lines[:signature]) if signature is not None else None
    )
    return Metadata(title, agency, region_of(agency), year, _published(lines, norm), signature_at)
