"""Who reported, on which year, and when (spec §2): the places a report states them.

The title (in its many shapes), the lines around it, page chrome, the preamble, clauses that
open with the body, contact lines and the signature each give agency candidates, which
`agency.choose` weighs; `places.resolve` puts the winner in the hierarchy; the year comes from
the title or the stated period of the figures; dates are read by `dates`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

from ..fold import normalize
from .agency import (
    AGENCY_SUFFIX,
    BARE_LEVEL,
    HAN,
    NATIONAL,
    TOWNSHIP_BODY,
    UNIT_ALIAS,
    Candidate,
    choose,
    clean,
    known_place,
    plausibility,
    region_of,
    same_body,
    without_unit,
)
from .dates import DATE, after_year, is_date_line, page_date, parse_date
from .numbering import cn_number
from .places import TOWNSHIP, Place, divisions_in, resolve, unnamed_province

YEAR = r"(?:19|20)\d\d|二[〇○零][〇○零一二三四五六七八九]{2}"  # 2021 or 二〇二一
REPORT = (
    r"(?:(?:政府|政务)?信息公开|政务公开)(?:工作)?(?:情况)?(?:的)?(?:年度)?(?:工作)?(?:报告|年报)"
)
# 某局2021年度政府信息公开工作年度报告, 某局关于2021年度政府信息公开情况的报告,
# 某中心2020年政府信息公开工作的年度报告
# A column's bare year may be glued before it: 2025湖口县大垅乡2025年度… (r17_027).
TITLE = re.compile(
    rf"^(?:(?:{YEAR})(?=[{HAN}][^\n]*?(?:{YEAR})\s*年))?(?:关于)?(?:印发|公布|发布)?《?(?P<agency>[{HAN}()·\s]{{0,50}}?)\s*(?:关于)?\s*(?P<year>{YEAR})\s*(?:年度?|度)?\s*"
    rf"(?P<after>[{HAN}()\s]{{0,40}}?)\s*{REPORT}"
)
# 某局政府信息公开工作2021年度报告: the year after the words
TITLE_YEAR_LAST = re.compile(
    rf"^(?:关于)?(?:印发|公布|发布)?《?(?P<agency>[{HAN}()·\s]{{2,50}}?)\s*(?:政府|政务)?信息公开(?:工作)?\s*(?P<year>{YEAR})\s*年度?"
    rf"(?:工作)?(?:年度)?(?:报告|年报)"
)
# 阿勒泰市人民政府办公室政府信息公开年报(2009年): the year in brackets after the words
TITLE_YEAR_BRACKET = re.compile(
    rf"^(?P<agency>[{HAN}()·\s]{{2,50}}?)\s*{REPORT}\s*[(（](?P<year>{YEAR})\s*年?度?[)）]$"
)
# 驼峰路街道办事处政府信息公开工作年度报告: no year at all
TITLE_NO_YEAR = re.compile(
    rf"^(?P<agency>[{HAN}()·]{{2,40}}?{AGENCY_SUFFIX})\s*(?:政府|政务)信息公开(?:工作)?(?:年度)?(?:工作)?(?:报告|年报)$"
)
# "现向社会公布2021年石家庄市教育局政府信息公开工作年度报告", "特编制X局2016年…报告" and
# "现向社会公开《沙依巴克区人民政府2022年度…年度报告》" (r18_001)
EMBEDDED = re.compile(
    rf"(?:公布|发布|编制|特将|现将|现公开|向社会公开)了?《?(?P<agency>[{HAN}()]{{0,40}}?)(?P<year>{YEAR})年度?"
    rf"(?P<after>[{HAN}()]{{0,40}}?)(?:政府|政务)?信息公开(?:工作)?(?:年度)?(?:工作)?(?:报告|年报)"
)
# The same with the year after the words: "现公开来凤经济开发区信息公开2018年度报告"
EMBEDDED_YEAR_LAST = re.compile(
    rf"(?:公布|发布|编制|特将|现将|现公开)了?《?(?P<agency>[{HAN}()]{{2,40}}?)(?:政府|政务)?信息公开(?:工作)?"
    rf"(?P<year>{YEAR})年度?(?:工作)?(?:年度)?(?:报告|年报)"
)
# A name, with its second name in brackets where it has one: 某局(某管委会)
NAME = rf"[{HAN}()（）]{{2,40}}?{AGENCY_SUFFIX}(?:[(（][{HAN}]{{2,20}}[)）])?"
# Where a preamble or a contact line names the author, with the weight of each place.
ALIAS = r"(?:[(（](?:以下简称|下称|简称)[:：]?[“\"]?(?P<alias>[^)）“”\"]{2,20})[”\"]?[)）])?"
PROSE = [
    (
        re.compile(rf"由(?P<agency>{NAME}){ALIAS}(?:负责)?(?:组织)?(?:编制|制作|编写|发布)"),
        3,
        "preamble",
    ),
    # an announcement's heading: 中华人民共和国应急管理部(2024年第1号)
    (
        re.compile(
            rf"(?m)^(?=[^\n]{{0,60}}年第\d+号)\s*(?P<agency>{NAME})[(（](?:{YEAR})年第\d+号[)）]"
        ),
        3,
        "chrome",
    ),
    (re.compile(rf"由(?P<agency>{NAME}){ALIAS}(?=根据|依据|按照|结合)"), 3, "preamble"),
    # the body's own rules and groups: 我局成立了樟树市林业局政务公开…领导小组
    (
        re.compile(
            rf"(?:成立了?|制定了?|印发了?|修订了?|完善了?|更新了?|编制了?|《)(?P<agency>{NAME})(?:\d{{4}}年度?)?"
            rf"(?:政务公开和)?(?:政府|政务)(?:信息)?公开(?:工作)?(?:领导小组|制度|实施办法|指南|目录|要点|工作要点)"
        ),
        2,
        "own",
    ),
    (re.compile(rf"汇总(?:{YEAR})?年?度?(?P<agency>{NAME})的"), 3, "preamble"),
    (
        re.compile(rf"(?:主要为|反映了?|总结了?)(?P<agency>{NAME})(?:{YEAR})年度?的?(?:政府|政务)"),
        3,
        "preamble",
    ),
    (re.compile(rf"(?:做好|推进|加强)(?P<agency>{NAME})(?:政府|政务)(?:信息)?公开"), 2, "preamble"),
    (
        re.compile(
            rf"(?:请与|可与|请联系|可联系|请联络|联系单位|请致电|请来电|请咨询)[:：]?\s*(?P<agency>{NAME})"
            # its unit that takes requests (请与重庆市渝中区医疗保障局政府信息公开申请受理机构联系) or its
            # disclosure office after a second name (…管理委员会(福州保税港区管理委员会)政府信息公开办公室)
            r"(?:(?:政府信息公开|政务公开|信息公开)(?:(?:申请)?受理(?:机构|窗口)|(?:工作)?(?:领导小组)?办公室))?"
            rf"(?=联系|咨询|[(（,，。:：;；\s])"
        ),
        3,
        "contact",
    ),
    # its own guide or catalogue: 《福州市鼓楼区安泰街道办事处政府信息公开指南》,
    # 《…大源街道办事处关于规范办理依申请公开政府信息工作的指南》
    (
        re.compile(
            rf"《(?P<agency>{NAME})(?:关于[^》]{{0,40}}?公开[^》]{{0,20}}?|(?:政府|政务)(?:信息)?公开)(?:指南|目录)》"
        ),
        2,
        "guide",
    ),
    # the site's own welcome line: 欢迎进入铜仁市高新区管委会政府网站
    (
        re.compile(rf"欢迎(?:进入|访问|来到|您访问)(?P<agency>{NAME})(?:政府)?(?:门户)?网站"),
        2,
        "chrome",
    ),
    # A body opening a clause (one pattern for four ways, read in one pass):
    # 徐州市气象局特编制…, 新港街道办事处2023年度政府信息公开工作…, 抚顺市公安局高度重视…,
    # 某局政务公开工作坚持… . Weight 3 where it says it compiled the report.
    (
        re.compile(
            rf"(?:^|[，,。；;\n])\s*(?:\(?[一二三四五六七八九十\d]{{1,2}}[)）、.]\s*)?(?P<agency>{NAME})"
            rf"(?:{ALIAS}(?P<made>特?(?:编制了|编制|制作了|形成了))|(?:{YEAR})年度?(?:政府|政务)(?:信息)?公开工作"
            rf"|(?=高度重视|认真|坚持|以|按照|紧紧|严格|深入|全面|积极|始终|不断|进一步|本年度?报告|本报告)"
            rf"|(?:政府|政务)(?:信息)?公开工作(?:领导小组)?(?:办公室)?(?:在|坚持|认真|按照|紧紧|以|全面|深入|严格))"
        ),
        2,
        "first",
    ),
]
# PDF exports may put every number on a line of its own (2011 / 年 / 1 / 月 / 1 / 日至).
PERIOD = re.compile(r"(?P<year>(?:19|20)\d\d)\s*年\s*1\s*月\s*1\s*日(?:起)?\s*(?:至|到|-|—)")
# Word and PDF exports often put a space between the digits and 年 (2019 年,厅门户网站…).
BODY_YEAR = re.compile(r"(?P<year>(?:19|20)\d\d)[ \t\u3000]?年")
FULL_DATE_REST = re.compile(r"\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
# What a body does in the first sentence of its report, right after its name.
FIRST_VERB = (
    r"(?=认真|坚持|深入|全面|按照|紧紧|严格|进一步|不断|积极|始终|以|政务公开|政府信息公开|围绕|持续|高度|"
    r"大力|着力|扎实|根据|在|共|主动|的|统领|贯彻|紧扣|聚焦|坚决|切实|结合|狠抓|牢牢|立足|依法|通过|把|无|未|[，,]"
    # 无/未: nothing to report (2023年縣林業和草原局無12345…反饋, r18_006; 2023年度溪下乡未…, r17_031);
    # its short name given at once: 2025年,公主岭市残疾人联合会(以下简称 “市残联”)在…
    r"|[(（](?:以下)?(?:简称|称))"
)
# The first sentence: "2021年，积石山县商务局…", "2023年,在区委、区政府的坚强领导下,官洲街道办事处认真贯彻…"
AGENCY_IN_BODY = re.compile(
    rf"(?:^|[，,。\s])(?:19|20)\d\d年(?:以来|来|度)?[，,]?(?:在?[^，,。]{{2,40}}?下[，,]?)??"
    rf"(?P<agency>[{HAN}]{{2,30}}?{AGENCY_SUFFIX}){FIRST_VERB}"
)
# The first section opening with the body's name and no year: 一、总体情况 / 国家中医药管理局以…,
# or after the rule it follows (根据上级要求,海青镇扎实做好…, r17_017; 根据《上海市政府信息公开规定》
# 和区相关部门要求,宜川路街道办事处认真开展…, r1_015)
AGENCY_OPENING = re.compile(
    rf"(?:总体情况|概述)[。.]?\n\s*(?:(?:根据|按照|依据)[^，,。\n]{{2,40}}?[，,])?"
    rf"(?P<agency>[{HAN}]{{2,30}}?{AGENCY_SUFFIX}){FIRST_VERB}"
)
AGENCY_LINE = re.compile(rf"^(?P<agency>[{HAN}()·]{{2,40}}{AGENCY_SUFFIX})$")
CHROME_FIELD = r"(?:字号|字体|浏览|点击|作者|编辑|分享|打印|访问|发布|责任|来源|时间|日期|索引)"
# A government page's catalogue block or header: 发布机构：某县商务局, 来源:武汉市发展和改革委员会
META_AGENCY = re.compile(
    rf"(?:发布机构|发文机关|发文机构|发布单位|公开主体|公开单位|制发机关|信息来源|来\s*源|文章来源|责任部门|所属机构)\s*(?:[:：]|\n|\s)[\s|]*"
    # the value ends where the next chrome field starts (…委员会字号:[ 大 中 小 ])
    rf"(?P<agency>[{HAN}()（）]{{2,40}}?{AGENCY_SUFFIX})(?={CHROME_FIELD}|[^{HAN}()（）]|$)"
)
# The government portal a report says it publishes on (依托天津市南开区人民政府网站, 通过“略阳县人民
# 政府网站”公开): where the author is never named, the portal's place is the report's.
PORTAL = re.compile(
    rf"(?:依托|通过|在|利用|以)[“\"‘']?(?P<place>[{HAN}]{{2,20}}?)(?:(?:人民政府|政府)(?:门户)?|门户)网站"
)
# A portal named as a brand, 中国 + the place in quotes: 在“中国永嘉”县政府门户网站, “中国福州”门户网站
PORTAL_BRAND = re.compile(
    rf"(?:依托|通过|在|利用|以)[“\"‘']中国(?P<place>[{HAN}]{{2,6}})[”\"’'](?P<level>[省市县区旗])?"
    r"(?:(?:人民政府|政府)(?:门户)?|门户)网站"
)
BREADCRUMB = re.compile(r"(?:首页|当前位置|所在位置)[^\n]{0,80}?[>＞›»]")
TITLE_LABEL = re.compile(r"^(?:标题|题目|名称)\s*[:：]\s*")
# Weights of the places a name is found in: the title and the signature are the report's
# own statement of who wrote it; chrome and prose are supporting evidence.
WEIGHTS = {
    "title": 5,
    "issuer": 4,
    "signature": 4,
    "embedded": 3,
    "chrome": 3,
    "header": 2,
    "first": 2,
}


@dataclass
class Metadata:
    title: str | None = None
    agency: str | None = None
    region: str | None = None
    year: int | None = None
    published: dt.date | None = None
    signature_at: int | None = None  # offset where the closing signature starts
    place: Place = Place()
    agency_key: str | None = None


def _split_signature(line: str) -> tuple[str, str] | None:
    """A one-line signature "某局 2022年1月14日" as (agency, date text)."""
    m = DATE.search(line)
    if m and m.start() > 0 and is_date_line(line[m.start() :]):
        name = re.sub(r"\s+", "", line[: m.start()])
        if AGENCY_LINE.match(name):
            return name, line[m.start() :]
    return None


def _title_match(text: str) -> tuple[list[str | None], int | None] | None:
    """A title's (agency names, year), or None when the text reads as no title."""
    if m := TITLE.match(text):
        # 2015年兴县人民政府信息公开年度报告: the 政府 of 政府信息公开 may end the name
        owns_government = text[m.end("after") :].lstrip().startswith("政府")
        name = clean(m["agency"]) or clean(m["after"])
        if not name and owns_government and len(m["after"].strip()) >= 2:
            name = clean(m["after"] + "政府")
        return [name], cn_number(m["year"])
    if m := TITLE_YEAR_LAST.match(text) or TITLE_YEAR_BRACKET.match(text):
        return [clean(m["agency"])], cn_number(m["year"])
    if m := TITLE_NO_YEAR.match(text):
        return [clean(m["agency"])], None
    return None


def _title(lines: list[str]) -> tuple[list[int], list[Candidate], int | None]:
    """(line numbers of the title, agency candidates of the title and the lines around it,
    year) from the first title-like line, joined with a neighbour where the title is broken
    over two lines."""
    head = [(i, line.strip()) for i, line in enumerate(lines[:80]) if line.strip()]
    first: tuple[list[int], int | None] | None = None
    first_at = 0
    for n, (i, line) in enumerate(head):
        if first is not None and n - first_at > 12:
            break
        if len(line) > 90:
            if n >= 3:  # a paragraph, not a title
                continue
            line = line[
                :60
            ]  # the first lines may open with the title (大竹县2009年…报告(以下简称…)根据…)
        line = TITLE_LABEL.sub("", line.split(" - ")[0])  # a page title: "<title> - <site>"
        line = re.split(r"[:：_|]", line)[-1].strip() or line  # spam or chrome run into it
        candidates = [([i], line)]
        if n + 1 < len(head) and not re.search(r"(?:报告|年报)$", line):
            # 宿州市人民政府2016年 / 政府信息公开工作年度报告; 道县文广新局2013年度信息公开工作 / 年度报告
            # but not a line above a title that names its own body (定海区人民政府 /
            # 2022年区人力社保局…报告: the site's name over the bureau's title)
            below = _title_match(head[n + 1][1])
            if not (below and any(below[0])):
                candidates.append(([i, head[n + 1][0]], line + head[n + 1][1]))
        if n > 0 and AGENCY_LINE.match(head[n - 1][1]):
            # 盘锦市商务局 / 2021年度政府信息公开工作报告
            candidates.append(([head[n - 1][0], i], head[n - 1][1] + line))
        matched = [(numbers, m) for numbers, text in candidates if (m := _title_match(text))]
        if not matched:
            continue
        # a title line naming its own body (2022年区人力社保局…报告) is the whole title: the line
        # above it (定海区人民政府) is the site's, not the first half of a broken title
        alone = [(numbers, m) for numbers, m in matched if numbers == [i] and any(m[0])]
        if alone:
            matched = alone
        # the reading that names a body most plausibly (面向社会 above a title is chrome), else
        # the first that matched at all
        numbers, (names, year) = max(
            matched, key=lambda k_m: max((plausibility(a) for a in k_m[1][0] if a), default=0)
        )
        if year is None and any(
            (below := _title_match(ln)) and below[1] is not None and any(below[0])
            for _, ln in head[n + 1 : n + 3]
        ):
            # a yearless column label (北京市西城区人民政府 / 政府信息公开年报) over the report's own
            # title with its body and year (西城区金融街街道2025年…报告): the title is that line
            continue
        found = [Candidate(a, WEIGHTS["title"], "title") for a in names if a]
        # an issuer line just under the title (迎宾路街道办事处), the site's header above it
        after = [ln for j, ln in head[n + 1 : n + 4] if j not in numbers]
        for ln in after[:1]:
            if AGENCY_LINE.match(ln) and (a := clean(ln)):
                found.append(Candidate(a, WEIGHTS["issuer"], "issuer"))
        titled = [c.name for c in found if c.where == "title"]
        for _, ln in head[max(0, n - 3) : n]:
            # the site's header stands in only for a title naming no body, or the same one
            if (
                AGENCY_LINE.match(ln)
                and (a := clean(ln))
                and region_of(a)
                and all(same_body(a, t) for t in titled)
            ):
                found.append(Candidate(a, WEIGHTS["header"], "header"))
        if first is None:
            first, first_at = (numbers, year), n
        if found:
            # a later title line may name the body where the first did not
            # (2020年高新区(新市区)政府…, 衡阳市国资委 / 2019年度政府信息公开年度报告)
            return first[0], found, first[1]
    return (first[0], [], first[1]) if first else ([], [], None)


def _signature_agency(lines: list[str]) -> str | None:
    """The signature: an agency line next to the date line at the end of the report."""
    tail = [line.strip() for line in lines[-40:] if line.strip()]
    for line in tail:
        signature = _split_signature(line)
        if signature and (agency := clean(signature[0])):
            return agency
    for n, line in enumerate(tail):
        if is_date_line(line):
            for near in (tail[n - 1] if n else "", tail[n + 1] if n + 1 < len(tail) else ""):
                agency = clean(near) if AGENCY_LINE.match(re.sub(r"\s+", "", near)) else None
                if agency:
                    return agency
    return None


def _signature_line(lines: list[str]) -> int | None:
    """The line where the closing signature (agency and/or date) starts, if the text ends so."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    for back, i in enumerate(reversed(filled[-4:])):
        line = lines[i].strip()
        if is_date_line(line) or _split_signature(line):
            before = filled[len(filled) - back - 2] if len(filled) > back + 1 else None
            if before is not None and AGENCY_LINE.match(re.sub(r"\s+", "", lines[before])):
                return before
            return i
    return None


def _published(lines: list[str], norm: str, year: int | None) -> dt.date | None:
    """The signature date (the last date standing alone at the end), else the page's."""
    for line in reversed(lines[-40:]):
        signature = _split_signature(line.strip())
        if is_date_line(line) or signature:
            date = after_year(parse_date(signature[1] if signature else line), year)
            if date:
                return date
    return page_date(norm, year)


HEAD, TAIL = 3000, 1500


def _prose_candidates(norm: str) -> list[Candidate]:
    """Names in the preamble, chrome, contact lines, breadcrumb and first sentence."""
    found: list[Candidate] = []
    head = norm[:4000]
    if embedded := EMBEDDED.search(head):
        name = clean(embedded["agency"]) or clean(embedded["after"])
        if not name and head[embedded.end("after") :].startswith(
            "政府"
        ):  # 合水镇人民 + 政府信息公开
            name = clean(embedded["after"] + "政府")
        if name:
            found.append(Candidate(name, WEIGHTS["embedded"], "embedded"))
    elif (embedded := EMBEDDED_YEAR_LAST.search(head)) and (name := clean(embedded["agency"])):
        found.append(Candidate(name, WEIGHTS["embedded"], "embedded"))
    for m in META_AGENCY.finditer(head):
        if name := clean(m["agency"]):
            found.append(Candidate(name, WEIGHTS["chrome"], "chrome"))
    seen: set[tuple[str, int]] = set()  # two patterns matching one mention count once
    # The preamble, the first section, the contact line and the signature: a long report's
    # middle names other bodies, and reading it costs time.
    window = norm if len(norm) <= HEAD + TAIL else norm[:HEAD] + "\n" + norm[-TAIL:]
    for pattern, weight, where in PROSE:
        for m in pattern.finditer(window):
            raw = m["agency"]
            # 请与X办公室联系, 请联系X信息中心: X wrote the report; 由X综合信息指挥室(党政综合办公室)编制
            if where == "contact" or (where == "preamble" and UNIT_ALIAS.search(raw)):
                raw = without_unit(re.sub(r"\s+", "", raw))
            name = clean(raw)
            if (name, m.end("agency")) in seen:
                continue
            seen.add((name, m.end("agency")))
            made = bool(m.groupdict().get("made"))  # 某局特编制: as strong as 由某局编制
            if name and (made or where != "first" or region_of(name) not in (None, name)):
                alias = clean(m.groupdict().get("alias"))
                found.append(Candidate(name, 3 if made else weight, where, alias))
    for m in [*AGENCY_IN_BODY.finditer(head), *AGENCY_OPENING.finditer(head)]:
        name = clean(m["agency"])
        # 积石山县商务局 or 东四街道, not 我局
        if name and (
            region_of(name) not in (None, name)
            or TOWNSHIP_BODY.search(name)
            or NATIONAL.search(name)
        ):
            found.append(Candidate(name, WEIGHTS["first"], "first"))
            break
    for m in BREADCRUMB.finditer(head):
        line = norm[m.start() : norm.find("\n", m.start()) % (len(norm) + 1)]
        for part in re.split(r"\s*[>＞›»]\s*", line)[1:]:
            if (name := clean(part)) and AGENCY_LINE.match(name):
                found.append(Candidate(name, 1, "breadcrumb"))
    return found


def _government(agency: str | None, norm: str) -> str | None:
    """A place standing for its government (大理白族自治州, in a report of the prefecture), or
    its government's short name (阿坝州政府), is named as the text names that government
    elsewhere (大理白族自治州人民政府门户网站)."""
    if agency and region_of(agency) == agency and (agency + "人民政府") in norm:
        return agency + "人民政府"
    if agency and region_of(agency) == agency and (written := _government_written(agency, norm)):
        return written  # 肃南裕固族自治县 written 肃南县人民政府门户网站 (r15_009)
    # 阿坝州政府 is written in full 阿坝州人民政府 elsewhere: the formal name wins
    if agency and agency.endswith("政府") and not agency.endswith("人民政府"):
        formal = agency[: -len("政府")] + "人民政府"
        if region_of(agency[: -len("政府")]) and formal in norm:
            return formal
    return agency


# A township's own name and the word for its body: 西城街道 + 办事处, 金厂镇 + 人民政府.
TOWNSHIP_NAME = re.compile(r"^(?P<township>.+?(?:街道|乡|镇|苏木))(?P<body>办事处|人民政府|政府)?$")


def _placed_before(norm: str, at: int) -> str:
    """The places written before a township's name, with the government a 街道 belongs to
    (无锡市锡山区人民政府|厚桥街道, 北京市朝阳区人民政府|东湖街道办事处)."""
    if norm[max(0, at - 4) : at] == "人民政府":
        place = _place_before(norm, at - 4)
        return place + "人民政府" if place else ""
    return _place_before(norm, at) or ""


def _township_formal(agency: str | None, norm: str) -> str | None:
    """A township's body as the text names it most completely (spec §2: the most complete
    name; r1_001: the formal 办事处 name over the bare division): its formal body word where
    the text writes it (南宁市西乡塘区西乡塘街道 → 西乡塘区西乡塘街道办事处), and the places
    written before it (西城街道办事处 → 曲靖市麒麟区西城街道办事处 in the address, 厚桥街道 →
    无锡市锡山区人民政府厚桥街道). Only forms the text writes, and only of the same places."""
    if not agency or not (m := TOWNSHIP_NAME.match(agency)):
        return agency
    lead = ""  # the divisions above the township the name opens with
    for start, end, ds in divisions_in(m["township"]):
        if start != len(lead) or end == len(m["township"]) or min(d.level for d in ds) >= TOWNSHIP:
            break
        lead = m["township"][:end]
    township = m["township"][len(lead) :]
    if len(township) < 3:
        return agency
    formal = m["body"] or ("办事处" if township.endswith("街道") else "人民政府")

    def rank(name: str, places: str, body: str | None) -> tuple:
        return (bool(body), len(divisions_in(places)), len(name))

    best, best_rank = agency, rank(agency, lead, m["body"])
    for body in dict.fromkeys((formal, m["body"] or "")):
        for found in re.finditer(re.escape(township + body), norm):
            places = _placed_before(norm, found.start())
            bare = places.removesuffix("人民政府")
            if lead and not (bare.endswith(lead) or lead.endswith(bare)):
                continue  # another place's township of the same name
            name = places + township + body
            if (r := rank(name, bare, body)) > best_rank:
                best, best_rank = name, r
    return best


def _fragments(candidates: list[Candidate], norm: str) -> list[str]:
    """Names the text gives only without their place: the candidates too weak to be chosen
    (请联系医疗保障局) and a level word opening a clause (2020年,省退役军人事务厅认真…,
    县退役军人事务局政务信息公开工作在…)."""
    names = [c.name for c in candidates if plausibility(c.name) < 0.6]
    clauses = [AGENCY_IN_BODY] + [pattern for pattern, _, where in PROSE if where == "first"]
    for pattern in clauses:
        for m in pattern.finditer(norm[:HEAD]):
            if (name := clean(m["agency"])) and BARE_LEVEL.match(name):
                names.append(name)
    return names


def _place_before(norm: str, at: int) -> str | None:
    """The longest run of division names ending at `at` (《辽宁省|退役军人事务厅…》)."""
    for start in range(max(0, at - 20), at - 1):
        prefix = norm[start:at]
        spans = divisions_in(prefix)
        ends = [0] + [end for _, end, _ in spans]
        joined = all(s == e for (s, _, _), e in zip(spans, ends, strict=False))
        if spans and joined and ends[-1] == len(prefix):  # division names only, end to end
            return prefix
    return None


def _completed(fragments: list[str], norm: str) -> str | None:
    """A fragment's full name where the text writes it once with a place (spec §2: never 县商务局
    when a fuller name is in the text): 省退役军人事务厅 → 辽宁省退役军人事务厅. The place must be
    of the fragment's level (县… needs a 县), and two different fuller names give none."""
    found: set[str] = set()
    for pattern in (_written, _abbreviated):
        for fragment in fragments:
            level = BARE_LEVEL.match(fragment)
            body = fragment[level.end() :] if level else fragment
            if len(body) < 3:
                continue
            for m in re.finditer(pattern(body), norm):
                place = _place_before(norm, m.start())
                if place and (not level or place.endswith(level.group())):
                    found.add(clean(place + m.group()) or "")
        found.discard("")
        if found:
            break
    return found.pop() if len(found) == 1 else None


def _written(body: str) -> str:
    return re.escape(body)


def _abbreviated(body: str) -> str:
    """The formal name a short name abbreviates, its characters in order with a few between
    (发改委 → 发展和改革委员会, 人社局 → 人力资源和社会保障局); 委 stands for 委员会."""
    gap = rf"[{HAN}]{{0,4}}?"
    return gap.join(map(re.escape, body)) + ("(?:员会)?" if body.endswith("委") else "")


# The body's own channels: 铜陵市地震局官网, 铜陵市地震局新浪微博, 玉林市民政局网站
CHANNEL = re.compile(
    rf"(?P<agency>[{HAN}()（）]{{2,40}}?{AGENCY_SUFFIX})(?:新浪|政务|官方)?"
    r"(?:官网|官方网站|网站|微博|微信公众号|公众号)"
)
SELF = re.compile(r"我(?P<body>局|委|厅|办|署)")
CHANNEL_MIN = (
    2  # a superior's site is named once (在黑龙江省气象局网站公布): its own, again and again
)


def _own_channel(norm: str) -> str | None:
    """A body that calls itself only 我局 (我委, 我厅…) and is named only in its own channels'
    names (r14_039 铜陵市地震局官网 … 铜陵市地震局新浪微博, r6_017 玉林市民政局网站/公众号): that
    name, when it is the one name of the same kind of body (…局 for 我局) the channels give, with
    its place and a body word of its own (鹰潭市局 names a superior, not a body), at least twice."""
    kinds = {m["body"] for m in SELF.finditer(norm)}
    if len(kinds) != 1:
        return None
    (kind,) = kinds
    names: Counter = Counter()
    for m in CHANNEL.finditer(norm):
        raw = m["agency"]
        for start in range(len(raw) - 1):  # the name starts at its place (…和铜陵市地震局官网)
            name = clean(raw[start:])
            if name and known_place(name):
                region = region_of(name) or ""
                if name.endswith(kind) and len(name) - len(region) >= 3:
                    names[name] += 1
                break
    if len(names) != 1:
        return None
    ((name, count),) = names.items()
    return name if count >= CHANNEL_MIN else None


# A division speaking of itself (我市, 我旗), and its government's name where the text writes it
# in a portal's, a website's or an office's name (丽水市人民政府门户网站, 乌拉特前旗政府网站)
SELF_DIVISION = re.compile(r"我(?P<level>省|市|县|区|旗|州|盟)")
GOVERNMENT_NAMED = re.compile(
    rf"(?P<place>[{HAN}]{{2,20}}?)(?P<body>人民政府|政府)(?=门户网站|网站|办公室|办公厅|网)"
)


def _governments_named(norm: str) -> dict[str, str]:
    """The places whose government the text names in a portal's, a website's or an office's
    name, outside cited documents' titles, with the body word it uses (人民政府 where it is
    written so once)."""
    names: dict[str, str] = {}
    for m in GOVERNMENT_NAMED.finditer(norm[:HEAD]):
        opened = norm.rfind("《", 0, m.start("body"))
        if opened >= 0 and "》" not in norm[opened : m.start("body")]:
            continue  # a cited document's issuer (《海东市乐都区人民政府办公室关于…》), r6_018
        raw = m["place"]
        for start in range(len(raw) - 1):  # the name starts at its place (…的丽水市人民政府)
            place = raw[start:]
            if known_place(place) and region_of(place) == place:
                body = names.get(place)
                names[place] = "人民政府" if "人民政府" in (body, m["body"]) else m["body"]
                break
    return names


def _division_codes(place: str) -> set[str]:
    """The codes of the one division above township level a place name is, written whole."""
    spans = divisions_in(place)
    if len(spans) != 1 or spans[0][:2] != (0, len(place)):
        return set()
    return {d.code for d in spans[0][2] if d.level < TOWNSHIP}


def _government_written(place: str, norm: str) -> str | None:
    """The one government of the same division the text names under another form of its name
    (肃南县人民政府 for 肃南裕固族自治县)."""
    codes = _division_codes(place)
    found = {
        name + body
        for name, body in _governments_named(norm).items()
        if codes and _division_codes(name) == codes
    }
    return found.pop() if len(found) == 1 else None


def _self_government(norm: str) -> str | None:
    """A report whose author calls itself only by its division (我市, 我旗: the division's own
    report, r8_001 丽水市, r15_014 乌拉特前旗) and is named only inside its portal's or office's
    name: that government, as the text writes it, when the one division of that level named
    so, and no body of another kind speaks (我局, 我委…)."""
    levels = {m["level"] for m in SELF_DIVISION.finditer(norm[:HEAD])}
    if len(levels) != 1 or SELF.search(norm):
        return None
    (level,) = levels
    names = {p: b for p, b in _governments_named(norm).items() if p.endswith(level)}
    if len(names) != 1:
        return None
    ((place, body),) = names.items()
    return place + body


def _portal_place(norm: str, year: int | None) -> Place:
    """The place of the one government portal the text publishes on, else none."""
    places = {resolve(m["place"] + "人民政府", norm, year) for m in PORTAL.finditer(norm[:HEAD])}
    places |= {
        resolve(m["place"] + (m["level"] or "") + "人民政府", norm, year)
        for m in PORTAL_BRAND.finditer(norm[:HEAD])
    }
    places.discard(Place())
    return places.pop() if len(places) == 1 else Place()


def _year(norm: str, title_year: int | None) -> tuple[int | None, bool]:
    """The reported year, and whether the report states it (title, preamble, period) rather
    than it being the year the body mentions most."""
    if (period := PERIOD.search(norm[:HEAD])) is None and title_year is None:
        period = PERIOD.search(norm)
    if title_year is None and (embedded := EMBEDDED.search(norm)):
        title_year = cn_number(embedded["year"])  # the title quoted in the preamble
    # a full date (2019年3月26日) is when something was written or done, not the year the
    # figures are of (spec §2: not the publication year): counted only when nothing else is
    mentions = list(BODY_YEAR.finditer(norm))
    undated = [m for m in mentions if not FULL_DATE_REST.match(norm, m.end())]
    years = Counter(int(m["year"]) for m in (undated or mentions))
    if period:
        stated = int(period["year"])
        # the period the report states for its figures wins over a title's slip
        # (2022度… over 2023年1月1日至2023年12月31日), unless the body's own account is of the
        # title's year (r15_040: 编制了2021年…年度报告, 2021年通过门户网站…, 2021年新收… under a
        # period left at 2020年1月1日起至2020年12月31日)
        if title_year is not None and years[title_year] > 2 * years[stated]:
            return title_year, True
        return stated, True
    if title_year is not None:
        return title_year, True
    return (years.most_common(1)[0][0] if years else None), False


def _as_written(agency: str, norm: str, original: str) -> str:
    """The name as the report spells it (traditional stays traditional): same offsets."""
    if (at := norm.find(agency)) >= 0:  # the fold keeps offsets
        return original[at : at + len(agency)]
    at = re.sub(r"\s+", "", norm).find(agency)
    squeezed_original = re.sub(r"\s+", "", original)
    return squeezed_original[at : at + len(agency)] if at >= 0 else agency


def agency_key(agency: str, place: Place) -> str:
    """The same agency across years (spec §2): the name in simplified characters, without
    spaces, a bracketed alias, or the enclosing divisions its place code already says
    (平顶山市湛河区商务局 and 湛河区商务局 are one key), qualified by the region code."""
    name = re.sub(r"[(（][^()（）]*[)）]|\s+", "", normalize(agency))
    enclosing = {place.province, place.city} - {None}
    if place.county and place.township:
        enclosing.add(place.county)
    spans = divisions_in(name)
    cut = 0
    for start, end, _ in spans:
        if start != cut or name[start:end] not in enclosing or end == len(name):
            break
        cut = end
    return f"{place.region_code}:{name[cut:]}" if place.region_code else name


def extract_metadata(text: str) -> Metadata:
    norm = normalize(text)
    lines = norm.split("\n")
    original = text.split("\n")
    title_lines, candidates, title_year = _title(lines)
    title = TITLE_LABEL.sub("", " ".join(original[i].strip() for i in title_lines).split(" - ")[0])
    year, stated = _year(norm, title_year)
    if signed := _signature_agency(lines):
        candidates.append(Candidate(signed, WEIGHTS["signature"], "signature"))
    candidates += _prose_candidates(norm)
    agency = _government(
        choose(candidates)
        or _completed(_fragments(candidates, norm), norm)
        or _own_channel(norm)
        or _self_government(norm),
        norm,
    )
    agency = _township_formal(agency, norm)
    place = resolve(agency, norm, year) if agency else _portal_place(norm, year)
    if not agency and place == Place():
        place = unnamed_province(norm, year)
    signature = _signature_line(lines)
    signature_at = (
        sum(len(line) + 1 for line in lines[:signature]) if signature is not None else None
    )
    return Metadata(
        title=title or None,
        agency=_as_written(agency, norm, text) if agency else None,
        region=place.region or (region_of(agency) if agency else None),
        year=year,
        published=_published(lines, norm, year if stated else None),
        signature_at=signature_at,
        place=place,
        agency_key=agency_key(agency, place) if agency else None,
    )
