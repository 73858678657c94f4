"""Where a reporting body sits in China's administrative hierarchy (spec §2), from a gazetteer.

The gazetteer (`data/divisions.tsv.gz`, built by `scripts/build_gazetteer.py` from jionlp's
行政区划 data) is loaded once and looked up by name. A place is resolved from the agency's
name: every division name in it (杭州市 … 滨江区), then up the hierarchy to the province. A name
that several divisions share (通州区, 和平区, 迎宾路街道) is decided only by evidence elsewhere in
the text: an enclosing division named there, or a landline area code; without it the levels
the candidates disagree on stay null. Nothing is guessed.
"""

from __future__ import annotations

import gzip
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

PROVINCE, CITY, COUNTY, TOWNSHIP = 0, 1, 2, 3
# Abbreviations the data does not carry, used in agency names (锡盟商务局).
ALIASES = {
    "锡盟": "锡林郭勒盟",
    "阿盟": "阿拉善盟",
    "巴州": "巴音郭楞蒙古自治州",
    "伊犁州": "伊犁哈萨克自治州",
}
PHONE = re.compile(r"(?<!\d)(0\d{2,3})\s*[-—－–]\s*\d{7,8}(?!\d)|[(（](0\d{2,3})[)）]\s*\d{7,8}")
MAX_NAME = 24
# The level a word after a name stands for: 桃园 + 乡 is a township, not 桃园市.
LEVEL_OF = (
    dict.fromkeys("州盟", CITY)
    | dict.fromkeys("县区旗", COUNTY)
    | dict.fromkeys("乡镇街村", TOWNSHIP)
)
TOWNSHIP_NAME = re.compile(r"(?:镇|乡|街道|苏木)(?:人民政府|政府|办事处)?$")
ADDRESS = re.compile(
    r"(?:地址|通讯地址|办公地址|联系地址)\s*[:：]\s*(?P<address>[\u4e00-\u9fff]{4,30})"
)
# Short division names that are also everyday words at the start of a body's name.
COMMON_WORDS = {
    "国家",
    "中国",
    "人民",
    "全国",
    "中央",
    "城市",
    "市场",
    "公安",
    "长安",
    "新华",
    "和平",
    "光明",
    "东方",
}


@dataclass(frozen=True)
class Division:
    level: int
    code: str  # 6 digits; a township carries its county's
    name: str
    short: str
    parent: str  # the parent's code ("" for a province)
    until: int | None = None  # last year a renamed division went by this name


@dataclass(frozen=True)
class Place:
    province: str | None = None
    city: str | None = None
    county: str | None = None
    township: str | None = None
    region_code: str | None = None

    @property
    def region(self) -> str | None:
        """The most specific division known."""
        return self.township or self.county or self.city or self.province


class Gazetteer:
    def __init__(self, rows: list[Division], phones: dict[str, str]):
        # A municipality's city row shares its province's code: the province is kept.
        self.by_code: dict[str, Division] = {}
        for d in rows:
            if d.level < TOWNSHIP and d.code and not d.until:
                self.by_code.setdefault(d.code, d)
        self.by_name: dict[str, list[Division]] = {}
        for d in rows:
            self.by_name.setdefault(d.name, []).append(d)
        for alias, name in ALIASES.items():
            self.by_name.setdefault(alias, self.by_name.get(name, []))
        # Short names (浙江, 杭州, 武进) count at the start of an agency name or right after
        # another division (安徽池州高新区); a county's only where no other division has it.
        self.by_short: dict[str, list[Division]] = {}
        for d in rows:
            if d.level <= COUNTY and len(d.short) >= 2 and d.short != d.name and not d.until:
                self.by_short.setdefault(d.short, []).append(d)
        # A short name two levels share (甘南: 甘南藏族自治州, 甘南县) is settled by the level word
        # written after it (甘南州卫生健康委): the one division of that level.
        self.short_at_level: dict[tuple[str, int], list[Division]] = {}
        for k, ds in self.by_short.items():
            if k not in self.by_name and not (len(k) == 2 and k in COMMON_WORDS):
                for d in ds:
                    self.short_at_level.setdefault((k, d.level), []).append(d)
        self.by_short = {
            k: ds
            for k, ds in self.by_short.items()
            if k not in self.by_name
            and (all(d.level <= CITY for d in ds) or len(ds) == 1)
            and not (len(k) == 2 and k in COMMON_WORDS)
        }
        self.phones = phones
        # counties by their short name, for a city bureau's branch (十堰市生态环境局郧阳分局)
        self.county_by_short: dict[str, list[Division]] = {}
        for d in rows:
            if d.level == COUNTY and not d.until and len(d.short) >= 2:
                self.county_by_short.setdefault(d.short, []).append(d)
        # names of provinces, cities and counties, found in running text by their last character
        self.mentionable = {
            n for n, ds in self.by_name.items() if any(d.level <= COUNTY for d in ds)
        }
        self.mention_ends = {n[-1] for n in self.mentionable}
        self.mention_max = max(map(len, self.mentionable))

    def parent(self, d: Division) -> Division | None:
        if d.level == TOWNSHIP:
            return self.by_code.get(d.code)
        return self.by_code.get(d.parent) if d.parent else None

    def chain(self, d: Division) -> list[Division]:
        """d and its ancestors, province first."""
        out = [d]
        while (up := self.parent(out[-1])) is not None and len(out) < 5:
            out.append(up)
        return out[::-1]


@cache
def gazetteer() -> Gazetteer:
    data = resources.files("govsearch.indexer").joinpath("data/divisions.tsv.gz").read_bytes()
    rows: list[Division] = []
    phones: dict[str, str] = {}
    for line in gzip.decompress(data).decode("utf-8").splitlines()[1:]:
        level, code, name, short, parent, until = line.split("\t")
        if level == "tel":
            phones[code] = parent
            continue
        rows.append(Division(int(level), code, name, short, parent, int(until) if until else None))
    return Gazetteer(rows, phones)


@lru_cache(maxsize=4096)
def divisions_in(name: str) -> tuple[tuple[int, int, list[Division]], ...]:
    """The division names in an agency name, left to right, longest first at each place:
    (start, end, the divisions of that name)."""
    g = gazetteer()
    found: list[tuple[int, int, list[Division]]] = []
    i = 0
    while i < len(name):
        after_division = bool(found) and found[-1][1] == i
        # a free-trade zone names its province in brackets after 中国: 中国(福建)自由贸易试验区
        after_division = after_division or (i >= 3 and name[i - 3 : i] in ("中国(", "中国（"))
        for j in range(min(len(name), i + MAX_NAME), i + 1, -1):
            piece = name[i:j]
            hits = g.by_name.get(piece)
            if not hits and (i == 0 or after_division):
                # a short name (杭州, 积石山县), but not the stem of a lower division's (桃园乡)
                below = LEVEL_OF.get(name[j : j + 1], PROVINCE)
                hits = [
                    d
                    for d in g.by_short.get(piece, ())
                    if (i == 0 or d.level <= CITY) and below <= d.level
                ]
                if not hits and below >= CITY:
                    hits = g.short_at_level.get((piece, below), [])
                    hits = hits if len(hits) == 1 else []
                if hits and below == max(d.level for d in hits) and below >= CITY:
                    j += 1  # 积石山 + 县, 黔南 + 州: the level word belongs to the name
            if hits:
                found.append((i, j, hits))
                i = j
                break
        else:
            i += 1
    return tuple(found)


def _in_year(ds: list[Division], year: int | None) -> list[Division]:
    """Divisions of a name as of the report year: a renamed one only up to its last year."""
    current = [d for d in ds if d.until is None]
    old = [d for d in ds if d.until is not None and (year is None or year <= d.until)]
    return old + current if old and not current else current or ds


def _evidence(text: str) -> tuple[Counter, set[str]]:
    """Division names mentioned in the text, and the cities of landline numbers in it."""
    g = gazetteer()
    if len(text) > 6000:  # the page head and the contact lines at the end carry the place
        text = text[:4000] + "\n" + text[-2000:]
    names: Counter = Counter()
    for i, char in enumerate(text):
        if char in g.mention_ends:
            for start in range(max(0, i + 1 - g.mention_max), i):
                if text[start : i + 1] in g.mentionable:
                    names[text[start : i + 1]] += 1
                    break  # the longest name ending here
    phones = {g.phones[m[1] or m[2]] for m in PHONE.finditer(text) if (m[1] or m[2]) in g.phones}
    return names, phones


def _support(chain: list[Division], names: Counter, phones: set[str], own: set[str]) -> int:
    """How much of the text speaks for this chain: mentions of its enclosing divisions (not the
    names the agency itself gave) and landline numbers of its city."""
    score = sum(
        names[d.name] + names[d.short] * (len(d.short) > 1) for d in chain[:-1] if d.name not in own
    )
    return score + 3 * sum(d.code in phones for d in chain if d.level <= CITY)


def _options(spans, year: int | None) -> list[list[Division]]:
    """The chains (province first) the division names of one name can stand for: the most
    specific name given whose candidates agree with every other name given (杭州市 … 滨江区);
    a deeper name that agrees with none (武汉市东湖… is not 南昌's 东湖区) is no division."""
    g = gazetteer()
    by_depth = sorted(spans, key=lambda span: (-max(d.level for d in span[2]), -span[0]))
    for deepest in by_depth:
        options = [g.chain(d) for d in _in_year(deepest[2], year)]
        for s, e, ds in spans:
            if (s, e) != deepest[:2] and s < deepest[0]:
                codes = {d.code for d in ds}
                options = [c for c in options if any(d.code in codes for d in c)]
        if options:
            return options
    return []


def _address(text: str, year: int | None) -> list[list[Division]]:
    """The chains of the body's own address (地址：四川省剑阁县下寺镇…), where it gives one."""
    for m in ADDRESS.finditer(text[:4000] + "\n" + text[-2000:]):
        spans = divisions_in(m["address"])
        if spans and spans[0][0] == 0:
            options = _options(spans, year)
            if options and len({c[-1].code for c in options}) == 1:
                return options
    return []


# A city bureau's county branch named by the county's short name: 泰安市生态环境局肥城分局.
BRANCH = re.compile(r"局(?P<county>[\u4e00-\u9fff]{2,4}?)分局$")


def _branch(agency: str, spans: tuple) -> tuple:
    """The spans of a city bureau's branch with its county added (spec §2: a local branch has
    the branch's place): 十堰市生态环境局郧阳分局 → 十堰市 … 郧阳区, the county of that city
    whose short name the branch carries."""
    m = BRANCH.search(agency)
    if not m or not spans or spans[-1][1] > m.start("county"):
        return spans
    cities = {d.code for _, _, ds in spans for d in ds if d.level == CITY}
    counties = [d for d in gazetteer().county_by_short.get(m["county"], ()) if d.parent in cities]
    if len(counties) != 1:
        return spans
    return (*spans, (m.start("county"), m.end("county"), counties))


def _renamed_township(agency: str, spans: tuple, year: int | None) -> list[list[Division]]:
    """A township named with no division above it is not settled by the gazetteer alone when
    the gazetteer also has it under its other level word: 乡 are made 镇 year by year, and the
    gazetteer may still list the old 乡 (抚远市海青乡, now 海青镇, beside 青岛's 海青镇; r17_017).
    Only a 镇 of the text: the gazetteer is older than the report, not newer.
    Those chains join the options, and only other evidence in the text then decides."""
    if len(spans) != 1 or any(d.level != TOWNSHIP for d in spans[0][2]):
        return []
    name = agency[spans[0][0] : spans[0][1]]
    if not name.endswith("镇"):
        return []  # a 乡 of the text is not a 镇 of later years (r11_020 兴华乡 of 2010)
    other = name[:-1] + "乡"
    g = gazetteer()
    return [g.chain(d) for d in _in_year(g.by_name.get(other, []), year) if d.level == TOWNSHIP]


def resolve(agency: str | None, text: str = "", year: int | None = None) -> Place:
    """The place of the body named `agency`, with `text` as evidence for shared names."""
    if not agency:
        return Place()
    spans = _branch(agency, divisions_in(agency))
    township = TOWNSHIP_NAME.search(agency) is not None
    if not spans and not township:
        return Place()
    own = {agency[s:e] for s, e, _ in spans}
    options = _options(spans, year) if spans else []
    options += _renamed_township(agency, spans, year)
    township = township and (not options or options[0][-1].level == TOWNSHIP)
    if (len(options) > 1 or township) and (address := _address(text, year)):
        # The body's own address decides between divisions of one name (和平区 of 天津 or
        # 沈阳). Township names are short and often shared or missing from the gazetteer:
        # one the address's county does not have leaves the township unknown.
        # an address written only down to the city (地址:南宁市明秀西路117号) agrees with the
        # townships of that city
        above = [d for d in address[0] if d.level <= COUNTY]
        agreeing = [c for c in options if above and above[-1] in c]
        options = agreeing or (address if township else options)
    if not options:
        return Place()
    if len(options) > 1:
        names, phones = _evidence(text)
        scores = [_support(c, names, phones, own) for c in options]
        best = max(scores)
        if best > 0 and scores.count(best) == 1:
            options = [options[scores.index(best)]]
    return _common(options)


# A national body speaking of itself: its address in 北京 places no province.
NATIONAL_SELF = re.compile(r"我部|我署|我总局|国务院各部门")


def unnamed_province(text: str, year: int | None = None) -> Place:
    """The province of a body the text never names (本局, 我局): from its own address, else the
    landline numbers it gives when they are all of one province. Only the province: a
    provincial department's address is in the capital and a city bureau's in a district, so
    the address's city and county are not the body's (r4_021, r13_004)."""
    if NATIONAL_SELF.search(text[:4000]):
        return Place()
    g = gazetteer()
    chains = _address(text, year)
    if not chains:
        names, phones = _evidence(text)
        chains = [g.chain(g.by_code[code]) for code in phones if code in g.by_code]
        if not chains:
            chains = _mentioned(names) + _channel_places(text)
    provinces = {c[0].code: c[0] for c in chains if c and c[0].level == PROVINCE}
    if len(provinces) != 1:
        return Place()
    return _common([list(provinces.values())])


MENTION_MIN = 3  # 和县 and 香港 are read inside other words (市和县, 香港六宝典): too short


def _mentioned(names: Counter) -> list[list[Division]]:
    """The chains of the division names the text mentions (《咸宁市人民政府信息公开指南》,
    荔湾区委、区政府, 天津市…编制办法), each name of one province only: where all are of one
    province, the unnamed body is of it (README: a division name unique in China settles the
    province)."""
    g = gazetteer()
    chains = []
    for name in names:
        ds = [d for d in g.by_name.get(name, []) if d.level <= COUNTY and not d.until]
        if len(name) < MENTION_MIN or not ds:
            continue
        options = [g.chain(d) for d in ds]
        if len({c[0].code for c in options}) == 1:
            chains.append(options[0])
    return chains


# The body's own channels, named by the short name of its place and its field (中江应急微信公众号,
# “淮安自然资源和规划”微信公众号, 眉山人社微信服务号); in a list the first item opens with it
CHANNEL = re.compile(
    r"(?:^|[“\"‘「『、，,。；;：:\s（(])(?:通过|依托|利用|在|和|及)?(?P<name>[\u4e00-\u9fff]{3,12}?)"
    # a list of its channels sharing one word: 中江图书馆、文化馆、博物馆微信公众号 (r18_012)
    r"(?P<list>(?:、[\u4e00-\u9fff]{2,8}?)*)"
    r"[”\"’」』]?(?:官方|政务)?(?:微信公众号|微信服务号|微信公众平台|公众号|抖音号|微博|头条号|视频号)"
)


def _channel_places(text: str) -> list[list[Division]]:
    """The chains of the places the body's own channels are named by: a short name of one
    province only (中江 → 中江县, 淮安 → 淮安市) opening the channel's name, with the body's
    field after it (中江应急, not a name that is the place alone) and no other place in it."""
    g = gazetteer()
    chains = []
    for m in CHANNEL.finditer(text[:4000] + "\n" + text[-2000:]):
        name = re.sub(r"^.*(?:通过|依托|利用)", "", m["name"])  # 我局通过|中江应急
        for size in (3, 2):
            ds = [d for d in g.by_short.get(name[:size], ()) if d.level <= COUNTY]
            # the field after it names no place (平安重庆 is 重庆's, not 平安县's)
            if ds and len(name) - size >= 2 and not divisions_in(name[size:]):
                options = [g.chain(d) for d in ds]
                if len({c[0].code for c in options}) == 1:
                    chains.append(options[0])
                break
    return chains


def _common(options: list[list[Division]]) -> Place:
    """The levels every remaining option agrees on."""
    levels: dict[int, Division] = {}
    for level in (PROVINCE, CITY, COUNTY, TOWNSHIP):
        at = {next((d for d in c if d.level == level), None) for c in options}
        if len(at) != 1:
            break
        (d,) = at
        if d is not None:
            levels[level] = d
    if not levels:
        return Place()
    province = levels.get(PROVINCE)
    city = levels.get(CITY)
    if province and city is None and province.name in MUNICIPALITIES:
        city = province
    coded = [d for d in levels.values() if d.code]
    return Place(
        province=province.name if province else None,
        city=city.name if city else None,
        county=levels[COUNTY].name if COUNTY in levels else None,
        township=levels[TOWNSHIP].name if TOWNSHIP in levels else None,
        region_code=coded[-1].code if coded else None,
    )


MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")
