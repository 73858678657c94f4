"""Who wrote a report (spec §2): candidates from every place a name is written, scored.

Real reports name their author in many places and forms: the title (in any of a dozen
shapes, or broken over two lines), a line above or under it, the page chrome (发布机构,
来源), the preamble (由X编制, 汇总2021年度X的, 为认真做好X政府信息公开工作), the first sentence
(2023年，在…领导下，X认真贯彻…), the contact line (请与X联系) and the signature. Each place
gives candidates with a weight; a candidate counts when it reads as a name (division names +
body + a body-type suffix, the divisions known to the gazetteer, or a national body).
Candidates naming the same body are grouped (县商务局 is 旺苍县商务局; 滨江区公安分局 is
杭州市公安局滨江区分局), the group with most weight wins, and within it the most complete
formal name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .places import divisions_in

HAN = r"\u4e00-\u9fff"
# An agency name ends in the name of a kind of body.
AGENCY_SUFFIX = (
    r"(?:委员会办公室|管理委员会|委员会|办公室|办事处|人民政府|政府|局|厅|委|办|院|署|部|中心|"
    r"街道|街|乡|镇|所|站|队|馆|处|会|室|公司|集团|监狱|海关|银行|分局|总局|公署|苏木)"
)
AGENCY_END = re.compile(f"{AGENCY_SUFFIX}$")
# A place prefix written with division suffixes, for names the gazetteer does not know.
REGION = re.compile(
    rf"^(?:[{HAN}]{{2,12}}?(?:特别行政区|自治区|省|自治州|州|地区|盟|市|自治县|自治旗|县|旗|新区|区|乡|镇|街道|街))+"
)
NATIONAL = re.compile(
    r"^(?:国家|中国|中华人民共和国|国务院|全国|海关总署|最高人民)|^[\u4e00-\u9fff]{2,8}部$"
)
ADMIN_LEVELS = "省市县区乡镇州旗盟"
# A development zone stands for its 管委会 as a county for its government (天津经济技术开发区
# 2022年…报告); the zone word alone (经济技术开发区经济发展局) names no place.
ZONE_END = re.compile(r"(?:开发区|高新区|经开区|新区|园区|试验区|合作区|示范区)$")
GENERIC_ZONE = re.compile(
    r"^(?:国家级)?(?:经济技术开发区|经济开发区|高新技术产业开发区|技术开发区|开发区|高新区|经开区|"
    r"工业园区|产业园区|园区|新区)"
)
# A level word standing for the place (市教育局, 自治区卫生健康委): the body without its name.
BARE_LEVEL = re.compile(r"^(?:自治区|自治州|自治县|[省市县区乡镇州旗盟])")
PARTY_COMMITTEE = re.compile(r"(?:[省市县区州乡镇党]委|党组|纪委|监委)$")
LEADING_VERB = re.compile(
    r"^(?:现将|现向社会公布|现向社会公开|现予公布|现公布|现公开|现发布|特编制|特向社会公布|特此公布|编制|发布|公布|关于|汇总|"
    r"根据|按照|由)+"
)
NOT_A_NAME = re.compile(
    r"^(?:我|本|全|各|该|其|在|市委|县委|区委|党委|上级|上述|以上|有关|相关|下级|直属|所属|政府信息|信息|年度|面向)"
)
# Words a name is never made of: a candidate holding one starts or ends mid-phrase.
NOT_IN_NAME = re.compile(
    r"[的、，,。；;：:“”\"《》<>及与]|官网|博彩|认真|贯彻|落实|坚持|领导下|工作|报告|信息公开|按照|根据|围绕|结合|要求|通知|印发"
    # a clause run on past the name: 利辛县气象局将在安徽省亳州市气象局和县委县政府(的领导下)
    r"|将在|[省市县区州旗]委[省市县区州旗]?政府"
)
# Page chrome that runs into a name (无障碍自治区北部湾办, 首页政府信息公开…).
CHROME = re.compile(
    r"^(?:无障碍|关怀版|长者模式|首页|网站首页|当前位置|您当前所在位置|字号|打印|分享|来源)+"
)
# An office of a body (its 办公室), named in a contact line: the body is the author.
OFFICE = re.compile(
    r"(?<=[局厅委会府院署道乡镇处室心区关部队所站])(?:(?:政务公开|信息公开|政府信息公开|政务)(?:工作)?(?:领导小组)?办公室|领导小组办公室|"
    r"(?:党政)?综合(?:办公室|办|部|科|处)|党政(?:办公室|办)|办公室|办公厅秘书处|(?:办公厅)?(?:政府信息公开|政务公开|信息公开)处|"
    r"(?:(?![局厅委府院署])[\u4e00-\u9fff]){0,14}领导小组(?:办公室)?)$"
)
# A second name in brackets after the first: 遵义市播州区人民政府(区政府办公室)
SECOND_NAME = re.compile(r"[(（][^()（）]{2,20}[)）]$")
# A unit inside a body, named in a contact line: 湖南省公安厅政务公开与信息发布中心
SUBUNIT = re.compile(
    r"^(?P<body>.+?(?:局|厅|委员会|委|人民政府|政府|办事处|院|署))[\u4e00-\u9fff]{1,12}(?:中心|办公室|室|科|处|股)$"
)
# What a division's own government is called after its name.
GOVERNMENT_BODY = ("", "人民政府", "政府", "办事处", "人民政府办事处")
# The formal name of a township body: 什刹海街道 is written in full 什刹海街道办事处.
TOWNSHIP_BODY = re.compile(r"(?:街道|街|乡|镇|苏木)(?:办事处|人民政府|政府)?$")


@dataclass(frozen=True)
class Candidate:
    name: str
    weight: float
    where: str
    alias: str | None = None  # X（以下简称Y）: the text itself says Y is X


def clean(name: str | None) -> str | None:
    """A candidate name without spaces and leading verbs, or None if it is no name."""
    if not name:
        return None
    name = CHROME.sub("", re.sub(r"\s+", "", name))
    name = _balanced(re.sub(r"[(（](?:以下)?(?:简称|下称).*$", "", name).strip("·[]【】"))
    name = LEADING_VERB.sub("", re.sub(r"(?:关于|的)$", "", name))
    name = re.sub(r"^(?:年度?|度)", "", name)
    if len(name) < 2 or NOT_A_NAME.match(name) or NOT_IN_NAME.search(name):
        return None
    if PARTY_COMMITTEE.search(name) or name.endswith("网站"):
        # 来源:山西省人民政府网站 names the site, not a body (站 ends 气象站, not 网站)
        return None
    name = re.sub(
        r"(?<=[局厅委办府署])[(（]?(?:机关本级|本级机关|机关|本级)[)）]?$", "", name
    )  # 江苏省民政厅机关
    name = _without_repeat(name)
    bare = SECOND_NAME.sub("", name)
    if not AGENCY_END.search(bare) and region_of(name) != name and not _zone(bare):
        return None
    return _from_first_division(name)


def _without_repeat(name: str) -> str:
    """A line above the title joined to a title that repeats it in short: 辽宁省公安厅 +
    省公安厅… → 辽宁省公安厅."""
    for cut in range(len(name) // 2, 2, -1):
        head, tail = name[:-cut], name[-cut:]
        if head.endswith(tail) or (
            len(tail) > 3 and head.endswith(tail[1:]) and tail[0] in ADMIN_LEVELS
        ):
            return head
    return name


def _balanced(name: str) -> str:
    """Brackets at the ends dropped unless they close one inside: 某局(某办) keeps its alias;
    an alias left open (某局(某办) is cut before it."""
    name = name.lstrip("(（")
    while name[-1:] in (")", "）") and _depth(name) < 0:
        name = name[:-1]
    if _depth(name) > 0:
        name = name[: max(name.rfind("("), name.rfind("（"))]
    return name


def _depth(name: str) -> int:
    return name.count("(") + name.count("（") - name.count(")") - name.count("）")


def _from_first_division(name: str) -> str:
    """A name run together with text before it (职称申报国土调查山西山西省自然资源厅, 上海普陀上海市
    普陀区…) starts at its first full division name: where nothing before it is a division, or
    where the division repeats one written before it."""
    if NATIONAL.search(name):  # 国家税务总局广州市白云区税务局
        return name
    spans = divisions_in(name)
    seen: set[tuple[int, str]] = set()
    for start, end, ds in spans:
        full = any(d.name == name[start:end] for d in ds)
        codes = {(d.level, d.code) for d in ds}
        prefix = name[:start]
        looks_like_a_place = REGION.match(prefix) or prefix.endswith(("(", "（"))
        if full and start > 0 and (spans[0][0] > 0 and not looks_like_a_place or codes & seen):
            return name[start:]
        seen |= codes
    return name


def _zone(name: str) -> bool:
    """A development zone's name with its place: 安徽舒城经济开发区, not 经济技术开发区."""
    return bool(ZONE_END.search(name)) and region_of(name) is not None


def without_office(name: str) -> str:
    """西城区发展和改革委员会办公室 → 西城区发展和改革委员会, 安徽舒城经济开发区综合办公室 → 安徽舒城经济开发区,
    when what remains is a name."""
    spans = divisions_in(name)
    for start in range(len(name)):
        # the office's words never start inside a place name: 南宁市西乡塘区西乡塘街道政务公开工作
        # 领导小组办公室 is the 街道's, not 南宁市西乡's (the 乡 of 西乡塘区 is no township)
        if not OFFICE.match(name, start) or any(s < start < e for s, e, _ in spans):
            continue
        rest = name[:start]
        if len(rest) >= 4 and (AGENCY_END.search(rest) or _zone(rest)):
            return rest
    return name


# A unit's second name in brackets that is an office: 综合信息指挥室(党政综合办公室); a body
# that is itself an office (深圳市人民政府口岸办公室) is no unit.
UNIT_ALIAS = re.compile(
    r"(?<=[室科处股心])(?<!办公室)[(（][\u4e00-\u9fff]{0,10}(?:办公室|办|科|室|处|股|中心)[)）]$"
)


def without_unit(name: str) -> str:
    """The body a contact line's unit belongs to: 秦州区人民政府信息中心 → 秦州区人民政府, and
    嘉善县大云镇人民政府综合信息指挥室(党政综合办公室) → 嘉善县大云镇人民政府 (the unit's other name
    in brackets is an office too)."""
    name = UNIT_ALIAS.sub("", name)
    name = without_office(name)
    m = SUBUNIT.match(name)
    return m["body"] if m and known_place(m["body"]) else name


def region_of(agency: str | None) -> str | None:
    """The place prefix of an agency name as written (城步苗族自治县), gazetteer first."""
    if not agency:
        return None
    spans = divisions_in(agency)
    if spans and spans[0][0] == 0:
        end = spans[0][1]
        for start, stop, _ in spans[1:]:
            if start != end:
                break
            end = stop
        return agency[:end]
    m = REGION.match(agency)
    # a level word alone (自治区人民政府办公厅, 市教育局) names no place, nor a zone word alone
    # unless its district follows in brackets (高新区(新市区)政府)
    if not m or BARE_LEVEL.fullmatch(m.group()):
        return None
    if GENERIC_ZONE.fullmatch(m.group()) and not agency[m.end() :].startswith(("(", "（")):
        return None
    return m.group()


# A zone the gazetteer does not list, written before the division it administers
# (西咸新区底张街道办事处): the name still opens with a known place, written more fully.
ZONE_PREFIX = re.compile(rf"^[{HAN}]{{2,8}}?(?:开发区|高新区|经开区|新区)")


def known_place(name: str) -> bool:
    """Whether the name opens with a division the gazetteer knows (after an unlisted zone)."""
    spans = divisions_in(name)
    if not spans:
        return False
    zone = ZONE_PREFIX.match(name)
    return spans[0][0] == 0 or (zone is not None and spans[0][0] == zone.end())


def plausibility(name: str) -> float:
    """How much a clean candidate reads as a full name: 1 for a known place or a national
    body, 0.6 for a place the gazetteer does not know, 0.3 for a bare level (县商务局)."""
    if known_place(name) or NATIONAL.search(name):
        return 1.0
    if region_of(name):
        return 0.6
    return 0.3


def _body(name: str) -> str:
    """The name without its division names: 杭州市公安局滨江区分局 → 公安局分局."""
    out, last = [], 0
    for start, end, _ in divisions_in(name):
        out.append(name[last:start])
        last = end
    out.append(name[last:])
    body = "".join(out)
    bare = BARE_LEVEL.match(body)
    return body[bare.end() :] if bare and len(body) > bare.end() + 1 else body


def _subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(c in it for c in short)


def same_body(a: str, b: str) -> bool:
    """Whether two names can be the same body, one written more fully or formally."""
    short, long = sorted((a, b), key=len)
    if short == long:
        return True
    if short.endswith("街") and not long.endswith("街"):  # 新港街 is 新港街道
        short += "道"
    if without_office(long) == short:  # 宿州市人民政府办公室 is the office, not the government
        return False
    if long == short + "办公厅":  # the same at province level: 西藏自治区人民政府办公厅
        return False
    if long.endswith(short):
        return True
    if (
        region_of(short) == short
    ):  # 某某县 → 某某县人民政府, 桂花坪街道 → 长沙市天心区桂花坪街道办事处
        at = long.find(short)
        return at >= 0 and long[at + len(short) :] in GOVERNMENT_BODY
    places_short = {long[s:e] for s, e, _ in divisions_in(long)}
    places = {short[s:e] for s, e, _ in divisions_in(short)}
    if places and not places <= places_short:
        return False
    body_short, body_long = _body(short), _body(long)
    township = {TOWNSHIP_BODY.sub("", x) for x in (body_short, body_long)}
    if (
        places
        and places == {long[s:e] for s, e, _ in divisions_in(long)} & places
        and "" in township
    ):
        # 什刹海街道 / 什刹海街道办事处, 长桥乡 / 长桥乡人民政府: the township and its body
        return TOWNSHIP_BODY.search(short) is not None and TOWNSHIP_BODY.search(long) is not None
    if len(body_short) < 2:
        return False
    if BARE_LEVEL.match(short) and not places:  # 市教育局 → 临夏回族自治州教育局
        return body_long.endswith(body_short) or _subsequence(body_short, body_long)
    return bool(places) and _subsequence(body_short, body_long)


def completeness(name: str) -> tuple:
    """Order of preference among names of one body: known place, a body rather than a bare
    division (什刹海街道办事处 over 北京市西城区什刹海街道), more divisions, longer."""
    spans = divisions_in(name)
    bare = bool(spans) and spans[-1][1] == len(name)
    return (plausibility(name), not bare, len(spans), len(name))


def choose(candidates: list[Candidate]) -> str | None:
    """The name of the body with most weight, written most completely."""
    aliases = {(c.alias, c.name) for c in candidates if c.alias}
    aliases |= {(b, a) for a, b in aliases}

    def same(a: str, b: str) -> bool:
        return (a, b) in aliases or same_body(a, b)

    groups: list[list[Candidate]] = []
    for c in candidates:
        for group in groups:
            if any(same(c.name, other.name) for other in group):
                group.append(c)
                break
        else:
            groups.append([c])
    if not groups:
        return None

    def score(group: list[Candidate]) -> float:
        return sum(c.weight * plausibility(c.name) for c in group)

    best = max(groups, key=score)  # max keeps the first of equal scores: earlier places win
    name = max((c.name for c in best), key=completeness)
    # A name without its place (县人社局, 林业厅) is a fragment, not who wrote the report.
    return name if plausibility(name) >= 0.6 else None
