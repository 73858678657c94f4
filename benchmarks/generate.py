#!/usr/bin/env python3
"""Generate a realistic, seeded corpus of 政府信息公开工作年度报告 as text files.

    python benchmarks/generate.py --size 20000 --out bench-out/corpus [--seed 7]

writes `OUT/reports/NNNNNN.txt` and `OUT/truth.jsonl` (one object a line, the label format
of `tests/devset/labels.jsonl`: file, agency, region, year, published, format, fields,
improvement_measures; plus `layout` and `inconsistent` for diagnosis). Score a parser with

    python tests/devset/eval_extraction.py OUT/truth.jsonl OUT/reports

Everything follows docs spec `report-format.md`: the three template versions in realistic
proportions, every table layout of spec §4, tables that satisfy R1–R4 (a few deliberately
do not), narratives and section 五 built from phrase banks so that similar-measure search
has real near-duplicates. Report `i` depends only on (seed, i), so a smaller corpus is a
prefix of a larger one.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

# ---------------------------------------------------------------- name bank

# province → city → counties (real names); a region is the prefix of an agency name.
REGIONS: dict[str, dict[str, tuple[str, ...]]] = {
    "河北省": {
        "石家庄市": ("长安区", "桥西区", "正定县", "平山县"),
        "保定市": ("竞秀区", "涿州市", "易县"),
        "邯郸市": ("丛台区", "武安市", "涉县"),
    },
    "河南省": {
        "郑州市": ("惠济区", "金水区", "中牟县", "巩义市"),
        "平顶山市": ("湛河区", "新华区", "宝丰县", "舞钢市"),
        "洛阳市": ("西工区", "栾川县", "偃师区"),
    },
    "湖南省": {
        "邵阳市": ("城步苗族自治县", "大祥区", "邵东市", "隆回县"),
        "长沙市": ("岳麓区", "浏阳市", "长沙县"),
        "湘西土家族苗族自治州": ("吉首市", "凤凰县", "花垣县"),
    },
    "辽宁省": {
        "盘锦市": ("双台子区", "兴隆台区", "盘山县"),
        "大连市": ("中山区", "瓦房店市", "庄河市"),
        "沈阳市": ("和平区", "浑南区", "新民市"),
    },
    "甘肃省": {
        "临夏回族自治州": ("积石山保安族东乡族撒拉族自治县", "临夏市", "康乐县"),
        "兰州市": ("城关区", "榆中县", "皋兰县"),
    },
    "黑龙江省": {
        "佳木斯市": ("抚远市", "同江市", "桦南县"),
        "哈尔滨市": ("南岗区", "五常市", "尚志市"),
    },
    "湖北省": {"武汉市": ("江岸区", "洪山区", "黄陂区"), "宜昌市": ("夷陵区", "当阳市", "秭归县")},
    "安徽省": {"宿州市": ("埇桥区", "砀山县", "萧县"), "合肥市": ("蜀山区", "肥西县", "巢湖市")},
    "吉林省": {"吉林市": ("舒兰市", "蛟河市", "船营区"), "长春市": ("朝阳区", "九台区", "农安县")},
    "广东省": {"广州市": ("天河区", "番禺区", "从化区"), "梅州市": ("梅江区", "兴宁市", "大埔县")},
    "四川省": {
        "成都市": ("武侯区", "郫都区", "都江堰市"),
        "凉山彝族自治州": ("西昌市", "会理市", "盐源县"),
    },
    "内蒙古自治区": {"呼和浩特市": ("新城区", "托克托县"), "鄂尔多斯市": ("东胜区", "准格尔旗")},
    "浙江省": {"杭州市": ("西湖区", "余杭区", "桐庐县"), "温州市": ("鹿城区", "乐清市", "文成县")},
    "山东省": {"济南市": ("历下区", "章丘区", "平阴县"), "青岛市": ("市南区", "胶州市", "莱西市")},
}
TOWN_STEMS = (
    "中村",
    "城关",
    "新华",
    "东风",
    "红旗",
    "石桥",
    "马坊",
    "青山",
    "柳河",
    "白沙",
    "龙泉",
    "桃园",
    "三合",
    "永安",
    "太平",
    "长乐",
    "胜利",
    "光明",
    "五里",
    "双河",
    "梨园",
    "大营",
    "高桥",
    "清河",
    "金山",
    "河西",
    "佳荣里",
    "南湖",
    "北关",
    "西街",
)
# department (after 2018 reform), name before it or "", busyness; 厅 is the provincial form of 局.
DEPARTMENTS = (
    ("商务局", "", 1.0),
    ("教育局", "", 2.0),
    ("市场监督管理局", "工商行政管理局", 3.0),
    ("自然资源局", "国土资源局", 3.0),
    ("生态环境局", "环境保护局", 1.5),
    ("卫生健康委员会", "卫生和计划生育委员会", 1.5),
    ("住房和城乡建设局", "", 2.0),
    ("交通运输局", "", 1.5),
    ("农业农村局", "农业局", 1.0),
    ("民政局", "", 1.0),
    ("人力资源和社会保障局", "", 2.0),
    ("财政局", "", 1.0),
    ("发展和改革委员会", "发展和改革局", 1.0),
    ("文化和旅游局", "文化广电新闻出版局", 0.7),
    ("应急管理局", "安全生产监督管理局", 0.8),
    ("司法局", "", 0.8),
    ("科学技术局", "", 0.5),
    ("审计局", "", 0.3),
    ("统计局", "", 0.3),
    ("退役军人事务局", "", 0.3),
    ("水利局", "", 0.5),
    ("人民政府办公室", "", 1.0),
    ("人民政府", "", 4.0),
    ("人民政府", "", 4.0),
    ("人民政府", "", 4.0),
)
PROVINCE_DEPT = {"局": "厅", "人民政府办公室": "人民政府办公厅"}
LEVEL_BUSY = {"province": 5.0, "city": 2.0, "county": 1.0, "town": 0.3}


@dataclass(frozen=True)
class Place:
    """One reporting body: `region` + department; names change with the 2018 reform."""

    region: str
    level: str
    dept: str
    old_dept: str = ""
    busy: float = 1.0
    province: str = ""
    city: str | None = None
    county: str | None = None  # a town's county, or the county itself

    @property
    def address(self) -> str:
        """Where the body sits, as its contact line writes it: the city and county named."""
        return (
            self.province if self.level == "province" else (self.city or "") + (self.county or "")
        )

    def _dept(self, year: int) -> str:
        return self.old_dept if self.old_dept and year <= 2018 else self.dept

    def agency(self, year: int) -> str:
        return self.region + self._dept(year)

    def short(self, year: int) -> str:
        """How the body calls itself in running text: 区商务局, 县政府, 乡政府."""
        dept = self._dept(year)
        if self.level == "town":
            return "街道办事处" if dept == "办事处" else self.region[-1] + "政府"
        kind = {"province": "省", "city": "市"}.get(self.level, self.region[-1])
        return kind + ("政府" if dept == "人民政府" else dept)

    @property
    def we(self) -> str:
        dept = self.dept
        if dept == "人民政府":
            return "我" + ({"province": "省", "city": "市"}.get(self.level) or self.region[-1])
        if dept == "办事处":
            return "本街道"
        return "我" + (
            "委" if dept.endswith("委员会") else "办" if dept.endswith("办公室") else dept[-1]
        )

    @property
    def superior(self) -> str:
        return {"province": "省委、省政府", "city": "市委、市政府"}.get(
            self.level, "上级党委、政府"
        )


def agency_pool(rng: random.Random, size: int) -> list[Place]:
    """`size` reporting bodies spread over levels the way real reports are (counties dominate)."""
    pool: list[Place] = []
    while len(pool) < size:
        level = rng.choices(("province", "city", "county", "town"), (4, 24, 52, 20))[0]
        province = rng.choice(list(REGIONS))
        city = rng.choice(list(REGIONS[province]))
        region = {"province": province, "city": city}.get(level) or rng.choice(
            REGIONS[province][city]
        )
        dept, old, busy = rng.choice(DEPARTMENTS)
        if level == "town":
            kind = rng.choice(("镇", "乡", "街道"))
            region = rng.choice(TOWN_STEMS) + kind
            dept, old, busy = ("办事处" if kind == "街道" else "人民政府"), "", 1.0
        elif level == "province":
            for a, b in PROVINCE_DEPT.items():
                if dept.endswith(a) and dept != "市场监督管理局":
                    dept, old = (
                        dept[: -len(a)] + b,
                        (old[: -len(a)] + b if old.endswith(a) else old),
                    )
        counties = REGIONS[province][city]
        county = {"county": region, "town": counties[len(pool) % len(counties)]}.get(level)
        pool.append(
            Place(
                region,
                level,
                dept,
                old,
                busy * LEVEL_BUSY[level],
                province,
                None if level == "province" else city,
                county,
            )
        )
    return pool


# ---------------------------------------------------------------- phrase banks

CHROME = (
    "【打印】【关闭】",
    "【字体：大 中 小】【打印】【关闭】",
    "首页 > 政务公开 > 政府信息公开年报\n发布时间：{date}　　来源：{agency}　　浏览次数：",
    "关怀版 无障碍\n您当前所在位置：首页 > 信息公开 > 政府信息公开年报",
    "登录 注册\n【打印】",
)
OVERVIEW_OPENINGS = (
    "{year}年，{short}在{superior}的正确领导下，认真贯彻落实《中华人民共和国政府信息公开条例》和上级关于政务公开工作的部署要求，"
    "坚持以公开为常态、不公开为例外，不断拓展公开内容、规范公开程序、完善公开机制，较好地完成了年度政府信息公开工作任务。",
    "{year}年，{short}深入贯彻落实党中央、国务院关于全面推进政务公开工作的决策部署，严格执行《中华人民共和国政府信息公开条例》，"
    "紧紧围绕中心工作，着力推进决策、执行、管理、服务、结果公开，切实保障人民群众的知情权、参与权、表达权和监督权。现将本年度政府信息公开工作情况报告如下：",
    "{year}年，{short}高度重视政府信息公开工作，紧扣本单位工作实际，按照“严格依法、全面真实、及时便民”的原则，"
    "进一步加强组织领导，不断完善配套制度和工作规范，切实丰富公开载体和形式，政府信息公开工作成效明显。",
    "{year}年，在{superior}的坚强领导下，{short}坚持以人民为中心的发展思想，把政府信息公开作为转变政府职能、"
    "建设法治政府的重要抓手，不断提升政务公开质量和实效，有效满足了人民群众的信息需求。",
)
OVERVIEW_PARTS: dict[str, tuple[str, ...]] = {
    "主动公开": (
        "{year}年，{we}通过政府门户网站、政务新媒体等渠道主动公开政府信息{n1}条，其中工作动态{n2}条、通知公告{n3}条、政策文件{n4}件。",
        "坚持“应公开、尽公开”原则，及时公开机构职能、权责清单、财政预决算、重大项目等信息，全年发布政策解读{n4}篇。",
        "围绕优化营商环境、民生保障、乡村振兴等重点领域加大公开力度，主动回应社会关切，确保公众及时获取准确信息。",
        "进一步规范公开内容和流程，严格落实信息发布“三审三校”制度，做到公开信息准确、完整、及时。",
    ),
    "依申请公开": (
        "全年共收到政府信息公开申请{app}件，均在法定期限内依法依规予以答复，未发生因答复不及时引起的投诉。",
        "严格按照《条例》规定的程序和时限办理依申请公开事项，规范受理、审查、处理、答复等各个环节，做到依法答复、规范答复。",
        "进一步畅通依申请公开渠道，在门户网站公布申请表格和办理流程，方便群众通过网络、信函、当面等方式提出申请。",
    ),
    "政府信息管理": (
        "严格落实政府信息公开保密审查制度，坚持“先审查、后公开”和“一事一审”原则，全年未发生泄密事件。",
        "对本机关制发的规范性文件进行全面清理，及时更新政策文件库，逐件标注文件有效性。",
        "建立健全政府信息公开属性源头认定机制，在公文办理过程中同步确定公开属性。",
    ),
    "政府信息公开平台建设": (
        "充分发挥政府门户网站信息公开第一平台作用，优化调整信息公开专栏设置，提升栏目更新的及时性。",
        "加强政务新媒体建设和管理，通过微信公众号发布信息{n2}条，扩大信息传播覆盖面。",
        "在办公场所设置政务公开查阅点和公开栏，为群众查阅政府信息提供便利。",
    ),
    "监督保障": (
        "成立政务公开工作领导小组，由主要负责同志任组长，明确专人负责政府信息公开日常工作。",
        "将政务公开工作纳入年度绩效考核，组织开展业务培训{n3}人次，不断提升工作人员业务能力。",
        "自觉接受社会评议和监督，全年未发生因政府信息公开工作引起的责任追究情况。",
    ),
}
PROBLEMS = (
    "政府信息公开工作人员多为兼职，业务能力和专业水平有待提高",
    "主动公开的及时性有待进一步加强，个别栏目信息更新不够及时",
    "重点领域信息公开的深度和广度还不够，公开内容有待进一步充实",
    "政策解读形式较为单一，图解、视频等多元化解读运用不足",
    "政府信息公开意识有待进一步提高，各股室之间配合不够紧密",
    "依申请公开答复的规范化水平还需进一步提升",
    "政务新媒体信息发布的互动性不强，回应社会关切的主动性有待加强",
    "公开信息的规范性、准确性还有差距，存在个别信息要素不全的情况",
    "基层政务公开标准化规范化建设推进不够平衡",
    "对新修订的《中华人民共和国政府信息公开条例》学习不够深入",
)
# (headline variants, explanations): headline × explanation × {we} gives near-duplicates.
MEASURES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "加强组织领导|进一步加强组织领导|强化组织保障",
        (
            "把政府信息公开工作纳入重要议事日程，明确分管领导和具体经办人员，压实工作责任",
            "健全政务公开工作领导机制，定期研究解决工作中的困难和问题，形成层层抓落实的工作格局",
            "及时调整政务公开工作领导小组成员，做到领导到位、人员到位、责任到位",
        ),
    ),
    (
        "加强业务培训|强化业务学习培训|加大培训力度",
        (
            "定期组织工作人员学习《中华人民共和国政府信息公开条例》及相关业务知识，不断提升业务能力和工作水平",
            "积极参加上级组织的政务公开业务培训，提高工作人员的政策水平和业务素质",
            "通过集中学习、以会代训等方式，提升{we}信息公开工作人员的专业素养",
        ),
    ),
    (
        "拓展公开内容|进一步丰富公开内容|深化重点领域信息公开",
        (
            "围绕群众关注关切，加大重点领域信息公开力度，做到应公开尽公开",
            "进一步梳理公开事项，完善主动公开基本目录，推进决策、执行、管理、服务、结果全过程公开",
            "聚焦营商环境、民生保障等重点领域，及时准确公开相关政策和工作进展",
        ),
    ),
    (
        "提高信息发布的时效性|加快信息更新频率|确保信息公开及时准确",
        (
            "严格落实信息发布审核制度，确保政府信息在形成或变更之日起20个工作日内予以公开",
            "安排专人负责栏目维护，及时更新各类信息，杜绝栏目空白和信息滞后",
            "建立信息更新台账，定期检查网站栏目更新情况，发现问题及时整改",
        ),
    ),
    (
        "加强政策解读|强化政策解读和回应关切|做好政策解读工作",
        (
            "坚持政策文件与解读方案同步起草、同步审签、同步发布，综合运用图表图解、视频音频等形式增强解读效果",
            "丰富解读形式，提高解读质量，主动回应社会关切，增强政策的知晓度和透明度",
            "对涉及群众切身利益的重要政策，及时通过多种渠道进行解读，释放积极信号",
        ),
    ),
    (
        "规范依申请公开办理|进一步规范依申请公开工作|提升依申请公开答复质量",
        (
            "严格按照法定程序和时限办理政府信息公开申请，规范答复文书格式，提高答复质量",
            "完善依申请公开受理、审查、答复等工作流程，确保依法规范答复",
            "加强与法律顾问的沟通，对疑难复杂申请进行法律审核，降低行政复议和诉讼风险",
        ),
    ),
    (
        "完善工作制度|健全工作机制|完善政府信息公开制度体系",
        (
            "进一步完善信息公开保密审查、信息发布协调等制度，推动政府信息公开工作制度化、规范化",
            "建立健全信息公开考核评议机制，将政务公开工作纳入{we}年度绩效考核",
            "完善信息发布审核机制，坚持先审后发，确保公开信息准确规范",
        ),
    ),
    (
        "加强平台建设|优化政府网站信息公开专栏|强化公开平台建设",
        (
            "充分发挥政府门户网站第一平台作用，优化栏目设置，提高信息检索和浏览的便捷性",
            "加强政务新媒体管理，拓宽信息公开渠道，扩大政府信息的传播面和影响力",
            "整合各类公开平台资源，推进政务公开与政务服务深度融合",
        ),
    ),
    (
        "加强监督检查|强化监督考核|健全监督保障机制",
        (
            "定期开展政务公开工作自查，对发现的问题及时整改，确保各项工作落到实处",
            "主动接受社会监督，认真听取群众意见建议，不断改进工作方式方法",
            "加强对政府信息公开工作的督促检查，对工作不力的予以通报",
        ),
    ),
    (
        "提高思想认识|进一步提高对政府信息公开工作的认识|增强公开意识",
        (
            "将信息公开意识融入日常工作中，增强做好政府信息公开工作的自觉性和主动性",
            "切实把政府信息公开作为建设法治政府、服务型政府的重要抓手",
            "引导干部职工牢固树立“以公开为常态、不公开为例外”的理念",
        ),
    ),
    (
        "推进基层政务公开标准化规范化|深化基层政务公开标准化规范化建设",
        (
            "对照基层政务公开标准目录，逐项梳理公开事项，规范公开方式和时限",
            "推动基层政务公开标准化规范化向村（社区）延伸，打通服务群众的“最后一公里”",
        ),
    ),
    (
        "加强公众参与|扩大公众参与|畅通公众参与渠道",
        (
            "在重大决策前广泛征求公众意见，及时公开意见采纳情况",
            "通过政府开放日、政务公开日等活动，增进群众对政府工作的了解和支持",
        ),
    ),
    (
        "加强队伍建设|充实工作力量|配齐配强工作人员",
        (
            "配备专职政府信息公开工作人员，保持队伍相对稳定",
            "充实政务公开工作力量，明确各股室信息员，形成上下联动的工作格局",
        ),
    ),
    (
        "做好规范性文件管理|加强规范性文件清理",
        (
            "定期开展规范性文件清理，及时公开文件的废止、失效等情况",
            "建立规范性文件动态更新机制，集中统一公开现行有效的规范性文件",
        ),
    ),
)
OTHER_MATTERS = (
    "无。",
    "本机关无其他需要报告的事项。",
    "无其他需要报告的事项。",
    "{year}年，{we}未发出收费通知，未收取信息处理费。",
    "按照《政府信息公开信息处理费管理办法》规定，{year}年{we}未收取信息处理费。",
    "发出收费通知的件数和总金额以及实际收取的总金额均为0。",
)

# ---------------------------------------------------------------- template data

YEAR_WEIGHTS = {
    y: w
    for y, w in zip(
        range(2008, 2025), (1, 1, 1, 2, 2, 2, 3, 3, 4, 4, 4, 6, 6, 7, 7, 7, 7), strict=True
    )
}
APP_COLS = ("np", "biz", "research", "ngo", "legal", "org_other")
RL_GROUPS = ("rl_review", "rl_suit_direct", "rl_suit_after_review")
RL_COLS = ("upheld", "corrected", "other", "pending", "total")
LAYOUTS = {"tab": 40, "tabcell": 25, "cell": 15, "pipe": 20}

# (key, label cells) of section 三, in template order; None marks a version-specific slot.
APP_ROWS_HEAD = [
    ("new", ["一、本年新收政府信息公开申请数量"]),
    ("carried_in", ["二、上年结转政府信息公开申请数量"]),
    ("granted", ["三、本年度办理结果", "（一）予以公开"]),
    ("partial", ["", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"]),
    ("deny_state_secret", ["", "（三）不予公开", "1.属于国家秘密"]),
    ("deny_law_prohibited", ["", "", "2.其他法律行政法规禁止公开|2.其他法律法规禁止公开"]),
    ("deny_security_stability", ["", "", "3.危及“三安全一稳定”"]),
    ("deny_third_party", ["", "", "4.保护第三方合法权益"]),
    ("deny_internal_affairs", ["", "", "5.属于三类内部事务信息"]),
    ("deny_process_info", ["", "", "6.属于四类过程性信息"]),
    ("deny_enforcement_file", ["", "", "7.属于行政执法案卷"]),
    ("deny_admin_query", ["", "", "8.属于行政查询事项"]),
    ("unable_not_held", ["", "（四）无法提供", "1.本机关不掌握相关政府信息"]),
    ("unable_needs_creation", ["", "", "2.没有现成信息需要另行制作"]),
    ("unable_unclear", ["", "", "3.补正后申请内容仍不明确"]),
    ("noproc_petition", ["", "（五）不予处理", "1.信访举报投诉类申请"]),
    ("noproc_repeat", ["", "", "2.重复申请"]),
    ("noproc_publication", ["", "", "3.要求提供公开出版物"]),
    ("noproc_excessive", ["", "", "4.无正当理由大量反复申请"]),
    ("noproc_reconfirm", ["", "", "5.要求行政机关确认或重新出具已获取信息"]),
]
APP_OTHER = {
    "v2_2021": [
        (
            "other_no_correction",
            [
                "",
                "（六）其他处理",
                "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            ],
        ),
        (
            "other_unpaid_fee",
            ["", "", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"],
        ),
        ("other_misc", ["", "", "3.其他"]),
    ],
    "v1_2019_trial": [("other", ["", "（六）其他处理"])],
}
APP_ROWS_TAIL = [("results_total", ["", "（七）总计"]), ("carried_out", ["四、结转下年度继续办理"])]
APP_HEADER = [
    [
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
        "申请人情况",
        "",
        "",
        "",
        "",
        "",
        "",
        "总计",
    ],
    ["", "自然人", "法人或其他组织", "", "", "", "", ""],
    ["", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""],
]
RL_HEADER = [
    ["行政复议", "", "", "", "", "行政诉讼"],
    [
        "结果维持",
        "结果纠正",
        "其他结果",
        "尚未审结",
        "总计",
        "未经复议直接起诉",
        "",
        "",
        "",
        "",
        "复议后起诉",
    ],
    ["", "", "", "", "", *["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2],
]
# Words that a narrow Word column breaks (header cells only).
BREAKABLE = {
    "商业企业": "商业\n企业",
    "科研机构": "科研\n机构",
    "社会公益组织": "社会公益\n组织",
    "法律服务机构": "法律服务\n机构",
    "本年新制作数量": "本年新\n制作数量",
    "本年新公开数量": "本年新\n公开数量",
    "结果维持": "结果\n维持",
    "结果纠正": "结果\n纠正",
    "其他结果": "其他\n结果",
    "尚未审结": "尚未\n审结",
    "本年制发件数": "本年制发\n件数",
    "现行有效件数": "现行有效\n件数",
}
SECTION_TITLES = {
    "new": [
        "总体情况",
        "主动公开政府信息情况|主动公开政府信息的情况",
        "收到和处理政府信息公开申请情况",
        "政府信息公开行政复议、行政诉讼情况",
        "存在的主要问题及改进情况",
        "其他需要报告的事项",
    ],
    "v0_legacy": [
        "概述",
        "主动公开政府信息情况",
        "依申请公开政府信息情况",
        "政府信息公开的收费及减免情况",
        "因政府信息公开申请行政复议、提起行政诉讼的情况",
        "存在的主要问题和改进措施",
        "其他需要报告的事项",
    ],
}
CN_NUM = "一二三四五六七八九十"
CN_DIGIT = "〇一二三四五六七八九"


@dataclass
class Row:
    """A table row: label cells, then value cells (None = blank); `header` rows have no values."""

    labels: list[str]
    values: list[str | None] = field(default_factory=list)
    header: bool = False


@dataclass
class Style:
    """How one report writes its tables and headings (all chosen once per report)."""

    layout: str
    fullwidth: bool = False
    unit: str = ""
    pad: str = ""
    blanks: bool = False
    split_rows: bool = False
    debris: bool = False
    heading: str = "{cn}、{t}"
    pipe_lead: bool = True
    pipe_pad: bool = False


# ---------------------------------------------------------------- numbers and cells


def _fmt(
    value: float | int | None, style: Style, rng: random.Random, unit: str | None = None
) -> str | None:
    if value is None:
        return None
    text = f"{value:g}" if isinstance(value, float) else str(value)
    if style.fullwidth:
        text = text.translate(str.maketrans("0123456789.+-", "０１２３４５６７８９．＋－"))
    u = style.unit if unit is None else unit
    if u and rng.random() < 0.7:
        text += (" " if rng.random() < 0.3 else "") + u
    return style.pad + text if style.pad and rng.random() < 0.6 else text


def _signed(delta: int, rng: random.Random, style: Style) -> str:
    if delta == 0:
        return _fmt(0, style, rng, unit="") or "0"
    if delta < 0 and rng.random() < 0.3:
        return f"减少{-delta}"
    return f"+{delta}" if delta > 0 else str(delta)


def _split_counts(total: int, parts: int, rng: random.Random, weights: list[float]) -> list[int]:
    out = [0] * parts
    for _ in range(total):
        out[rng.choices(range(parts), weights)[0]] += 1
    return out


# ---------------------------------------------------------------- table values


def application_values(
    version: str, rng: random.Random, busy: float, carried_in: dict[str, int] | None = None
) -> dict[str, int]:
    """Section 三 numbers obeying R1–R3: new+carried_in = results_total+carried_out, etc.
    `carried_in` (column → count), when given, replaces the drawn 上年结转 (a series whose
    carry-over chains from the previous year's 结转下年度继续办理)."""
    rows = [k for k, _ in APP_ROWS_HEAD[2:]] + [k for k, _ in APP_OTHER[version]]
    f: dict[str, int] = {}
    carried_in_override = carried_in
    zero = rng.random() < 0.45
    for col, w in zip(APP_COLS, (3, 0.5, 0.05, 0.05, 0.1, 0.2), strict=True):
        new = 0 if zero else int(rng.expovariate(1 / (busy * w)) if rng.random() < 0.8 else 0)
        carried_in = rng.randint(0, 2) if new and rng.random() < 0.15 else 0
        if carried_in_override is not None:
            carried_in = carried_in_override.get(col, 0)
        carried_out = rng.randint(0, min(2, new + carried_in)) if rng.random() < 0.15 else 0
        done = new + carried_in - carried_out
        weights = [60, 8] + [0.5] * 8 + [10, 2, 3] + [2, 3, 1, 0.3, 0.5] + [1] * (len(rows) - 18)
        counts = _split_counts(done, len(rows), rng, weights)
        f[f"app_new__{col}"], f[f"app_carried_in__{col}"] = new, carried_in
        f[f"app_carried_out__{col}"], f[f"app_results_total__{col}"] = carried_out, done
        for key, n in zip(rows, counts, strict=True):
            f[f"app_{key}__{col}"] = n
    for key in {k.split("__")[0] for k in f}:
        f[f"{key}__total"] = sum(f[f"{key}__{c}"] for c in APP_COLS)
    return f


def review_values(rng: random.Random, busy: float) -> dict[str, int]:
    f: dict[str, int] = {}
    for group in RL_GROUPS:
        cases = int(rng.expovariate(1 / busy)) if rng.random() < 0.12 else 0
        parts = _split_counts(cases, 4, rng, [6, 1, 1, 1])
        for col, n in zip(RL_COLS[:4], parts, strict=True):
            f[f"{group}_{col}"] = n
        f[f"{group}_total"] = cases
    return f


def proactive_values(version: str, rng: random.Random, busy: float) -> dict[str, int | float]:
    r = rng
    n = lambda scale: int(r.expovariate(1 / scale)) if r.random() < 0.5 else 0  # noqa: E731
    if version == "v2_2021":
        in_force = n(10 * busy)
        f: dict[str, int | float] = {
            "pd_rules_issued": 0,
            "pd_rules_repealed": 0,
            "pd_rules_in_force": 0,
            "pd_normdocs_issued": min(in_force, n(3)),
            "pd_normdocs_repealed": n(1),
            "pd_normdocs_in_force": in_force,
            "pd_license_decisions": n(80 * busy),
            "pd_penalty_decisions": n(20 * busy),
            "pd_coercion_decisions": n(2),
            "pd_fees_amount_wan": round(r.expovariate(1 / 30), 2) if r.random() < 0.15 else 0,
        }
        if busy > 3 and r.random() < 0.3:
            f["pd_rules_issued"], f["pd_rules_in_force"] = 1, r.randint(1, 12)
        return f
    f = {}
    for key in ("rules", "normdocs"):
        made = n(2) if key == "normdocs" else 0
        f |= {
            f"pd_{key}_new_made": made,
            f"pd_{key}_new_published": made,
            f"pd_{key}_total_published": made + n(8),
        }
    for key, scale in (
        ("license", 30),
        ("othersvc", 10),
        ("penalty", 40),
        ("coercion", 5),
        ("fees", 3),
    ):
        f[f"pd_{key}_items_prev"] = n(scale)
        f[f"pd_{key}_items_delta"] = (
            r.choice((0, 0, 0, 0, 1, 2, -1, -2)) if f[f"pd_{key}_items_prev"] else 0
        )
        if key != "fees":
            f[f"pd_{key}_decisions"] = n(scale * 4 * busy)
    f["pd_procure_projects"] = n(4)
    f["pd_procure_amount_wan"] = round(r.expovariate(1 / 40), 2) if f["pd_procure_projects"] else 0
    return f


def break_consistency(fields: dict, rng: random.Random) -> str:
    """Make one deliberate R1–R4 failure; returns the rule that should fire."""
    choice = rng.choice(("R1", "R3", "R4"))
    if choice == "R1":
        fields["app_carried_out__total"] += 1
        return "R1"
    if choice == "R3":
        fields["app_new__total"] += rng.choice((1, 2, 10))
        return "R3"
    fields["rl_review_total"] += 1
    return "R4"


# ---------------------------------------------------------------- tables as rows


def proactive_rows(version: str, f: dict, rng: random.Random, st: Style) -> list[Row]:
    v = lambda k, unit=None: _fmt(f[k], st, rng, unit)  # noqa: E731
    if version == "v2_2021":
        fee_head = rng.choice(
            ("本年收费金额（单位：万元）", "本年收费金额（单位：万元，保留4位小数）")
        )
        rows = [
            Row(["第二十条第（一）项"], header=True),
            Row(["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"], header=True),
            Row(["规章"], [v("pd_rules_issued"), v("pd_rules_repealed"), v("pd_rules_in_force")]),
            Row(
                [rng.choice(("行政规范性文件", "规范性文件"))],
                [v("pd_normdocs_issued"), v("pd_normdocs_repealed"), v("pd_normdocs_in_force")],
            ),
            Row(["第二十条第（五）项"], header=True),
            Row(["信息内容", "本年处理决定数量"], header=True),
            Row(["行政许可"], [v("pd_license_decisions")]),
            Row(["第二十条第（六）项"], header=True),
            Row(["信息内容", "本年处理决定数量"], header=True),
            Row(["行政处罚"], [v("pd_penalty_decisions")]),
            Row(["行政强制"], [v("pd_coercion_decisions")]),
            Row(["第二十条第（八）项"], header=True),
            Row(["信息内容", fee_head], header=True),
            Row(["行政事业性收费"], [v("pd_fees_amount_wan", "")]),
        ]
        return rows
    items = ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"]

    def item_row(label: str, key: str, decisions: bool = True) -> Row:
        cells = [v(f"pd_{key}_items_prev"), _signed(f[f"pd_{key}_items_delta"], rng, st)]
        return Row([label], cells + ([v(f"pd_{key}_decisions")] if decisions else []))

    return [
        Row(["第二十条第（一）项"], header=True),
        Row(["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"], header=True),
        Row(
            ["规章"], [v(f"pd_rules_{c}") for c in ("new_made", "new_published", "total_published")]
        ),
        Row(
            ["规范性文件"],
            [v(f"pd_normdocs_{c}") for c in ("new_made", "new_published", "total_published")],
        ),
        Row(["第二十条第（五）项"], header=True),
        Row(items, header=True),
        item_row("行政许可", "license"),
        item_row("其他对外管理服务事项", "othersvc"),
        Row(["第二十条第（六）项"], header=True),
        Row(items, header=True),
        item_row("行政处罚", "penalty"),
        item_row("行政强制", "coercion"),
        Row(["第二十条第（八）项"], header=True),
        Row(items[:3], header=True),
        item_row("行政事业性收费", "fees", decisions=False),
        Row(["第二十条第（九）项"], header=True),
        Row(["信息内容", "采购项目数量", "采购总金额"], header=True),
        Row(["政府集中采购"], [v("pd_procure_projects"), v("pd_procure_amount_wan", "")]),
    ]


def application_rows(
    version: str, f: dict, blank: set[str], rng: random.Random, st: Style
) -> list[Row]:
    rows = [Row(list(h), header=True) for h in APP_HEADER]
    for key, labels in APP_ROWS_HEAD + APP_OTHER[version] + APP_ROWS_TAIL:
        labels = [rng.choice(c.split("|")) for c in labels]
        if rng.random() < 0.3:
            labels = [c.replace("（", "(").replace("）", ") ") for c in labels]
        values = [
            None if f"app_{key}__{c}" in blank else _fmt(f[f"app_{key}__{c}"], st, rng)
            for c in (*APP_COLS, "total")
        ]
        rows.append(Row(labels, values))
    return rows


def review_rows(f: dict, rng: random.Random, st: Style) -> list[Row]:
    values = [_fmt(f[f"{g}_{c}"], st, rng) for g in RL_GROUPS for c in RL_COLS]
    return [Row(list(h), header=True) for h in RL_HEADER] + [Row([], values)]


# ---------------------------------------------------------------- layouts


def _cell(text: str | None, st: Style) -> str:
    return "" if text is None else text


def _break(cell: str, rng: random.Random) -> str:
    return BREAKABLE.get(cell, cell) if rng.random() < 0.7 else cell


def render(rows: list[Row], st: Style, rng: random.Random) -> str:
    if st.layout == "tab":
        return _render_tab(rows, st, rng)
    if st.layout == "pipe":
        return _render_pipe(rows, st, rng)
    return _render_cells(rows, st, rng, tabbed=st.layout == "tabcell")


def _render_tab(rows: list[Row], st: Style, rng: random.Random) -> str:
    lines = []
    for row in rows:
        if row.header:
            lines.append("\t".join(row.labels + [""] * (4 - len(row.labels))))
            continue
        values = [_cell(v, st) for v in row.values]
        if (
            st.debris
            and len(values) == 7
            and len(set(values)) == 1
            and values[0]
            and rng.random() < 0.5
        ):
            values = values * 2 if rng.random() < 0.5 else values + values[:4]  # merged-cell debris
        if st.split_rows and row.labels and rng.random() < 0.12:
            lines.append("\t".join(row.labels) + "\t" * len(values))
            lines.append("\t".join(values))
            continue
        lines.append("\t".join(row.labels + values))
    return "\n".join(lines)


def _render_pipe(rows: list[Row], st: Style, rng: random.Random) -> str:
    lines = []
    for row in rows:
        cells = row.labels + [_cell(v, st) for v in row.values]
        if st.pipe_pad:
            cells = [c.rjust(8) if c and c[-1].isdigit() else c for c in cells]
        body = " | ".join(cells) + " |"
        lines.append(("| " + body) if st.pipe_lead else body)
    return "\n".join(lines)


def _render_cells(rows: list[Row], st: Style, rng: random.Random, tabbed: bool) -> str:
    """One cell per line; rows separated by a blank line (tab-prefixed like corpus/001)."""
    blocks = []
    for row in rows:
        cells = list(row.labels)
        if not tabbed:
            cells = [c for c in cells if c]
        if row.header:
            cells = [_break(c, rng) for c in cells if c or tabbed]
        values = [_cell(v, st) for v in row.values]
        if not tabbed:
            values = [v if v else rng.choice(("—", "/", "-")) for v in values]
        cells += values
        blocks.append("\n".join(("\t" + c) if tabbed else c for c in cells))
    return ("\n\n" if tabbed or rng.random() < 0.5 else "\n\n\n").join(blocks)


# ---------------------------------------------------------------- narrative


def _fill(text: str, ctx: dict) -> str:
    return text.format(**ctx)


def _heading(st: Style, i: int, title: str, rng: random.Random) -> str:
    title = rng.choice(title.split("|"))
    text = st.heading.format(cn=CN_NUM[i], n=i + 1, t=title)
    return text


def overview(ctx: dict, rng: random.Random, legacy: bool) -> str:
    parts = [_fill(rng.choice(OVERVIEW_OPENINGS), ctx)]
    names = list(OVERVIEW_PARTS)
    picked = rng.sample(names, rng.randint(3, 5)) if legacy else names[: rng.randint(3, 5)]
    marker = rng.choice(("（{}）", "({})", "{}、")) if not legacy else "（{}）"
    for j, name in enumerate(picked):
        pool = OVERVIEW_PARTS[name]
        body = "".join(_fill(s, ctx) for s in rng.sample(pool, min(len(pool), 3 if legacy else 2)))
        head = marker.format(CN_NUM[j]) + name
        parts.append(f"{head}\n{body}" if rng.random() < 0.6 else f"{head}。{body}")
    return "\n".join(parts)


def _measure_text(
    topic: tuple[str, tuple[str, ...]], rng: random.Random, ctx: dict
) -> tuple[str, str]:
    head, explains = topic
    return rng.choice(head.split("|")), _fill(rng.choice(explains), ctx)


def problems_section(ctx: dict, rng: random.Random) -> tuple[str, list[str], list[str]]:
    problems = [_fill(p, ctx) for p in rng.sample(PROBLEMS, rng.randint(2, 4))]
    pairs = [_measure_text(t, rng, ctx) for t in rng.sample(MEASURES, rng.randint(2, 5))]
    style = rng.choice(("inline", "inline", "subhead", "subhead", "numbered", "paren"))
    intro = _fill(
        rng.choice(
            (
                "{year}年，{we}政府信息公开工作取得了一定成效，但仍存在一些不足，主要表现在：",
                "对照上级要求和群众期盼，{we}政府信息公开工作还存在一些问题：",
                "一年来，{we}在政府信息公开工作中积极探索，但与上级部门的要求相比，仍有差距：",
            )
        ),
        ctx,
    )
    turn = _fill(
        rng.choice(
            (
                "下一步，{we}将重点做好以下工作：",
                "改进措施：",
                "针对上述问题，{we}将采取以下措施：",
                "今后，{we}将从以下几个方面加以改进：",
            )
        ),
        ctx,
    )
    ord_ = lambda j: f"{CN_NUM[j]}是"  # noqa: E731
    prob_text = "；".join(ord_(j) + p for j, p in enumerate(problems)) + "。"
    if style == "inline":
        measures = [f"{h}，{e}" for h, e in pairs]
        meas_text = "；".join(ord_(j) + m for j, m in enumerate(measures)) + "。"
        body = (
            f"{intro}{prob_text}\n{turn}{meas_text}"
            if rng.random() < 0.6
            else f"{intro}{prob_text}{turn}{meas_text}"
        )
    elif style == "subhead":
        heads = rng.choice(
            (
                ("（一）存在的主要问题", "（二）改进措施"),
                ("（一）存在的主要问题", "（二）工作改进情况"),
                ("（一）工作中存在的主要问题和困难", "（二）具体解决办法和改进措施"),
            )
        )
        measures = [f"{h}，{e}" for h, e in pairs]
        meas_text = "；".join(ord_(j) + m for j, m in enumerate(measures)) + "。"
        body = f"{heads[0]}\n{prob_text}\n{heads[1]}\n{meas_text}"
    else:
        measures = [f"{h}。{e}" for h, e in pairs]
        mark = "{n}." if style == "numbered" else "（{cn}）"
        if style == "numbered" and rng.random() < 0.4:
            mark = "{n}、"
        items = [mark.format(n=j + 1, cn=CN_NUM[j]) + m + "。" for j, m in enumerate(measures)]
        body = f"{intro}{prob_text}\n{turn}\n" + "\n".join(items)
    return body, problems, measures


# ---------------------------------------------------------------- one report


def _date(year: int, rng: random.Random) -> tuple[str, str]:
    month, day = rng.randint(1, 3), rng.randint(1, 28)
    iso = f"{year:04d}-{month:02d}-{day:02d}"
    kind = rng.choices(("cn", "hanzi", "iso"), (75, 15, 10))[0]
    if kind == "iso":
        return iso, iso
    if kind == "cn":
        return f"{year}年{month}月{day}日", iso

    def hz(n: int) -> str:
        if n <= 10:
            return "十" if n == 10 else CN_DIGIT[n]
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else CN_DIGIT[tens]) + "十" + (CN_DIGIT[ones] if ones else "")

    return "".join(CN_DIGIT[int(c)] for c in str(year)) + f"年{hz(month)}月{hz(day)}日", iso


def make_report(
    i: int,
    seed: int,
    pool: list[Place],
    place: Place | None = None,
    year: int | None = None,
    carried_in: dict[str, int] | None = None,
) -> tuple[str, dict]:
    """Report `i`; `place`, `year` and `carried_in` (上年结转 per applicant column), when
    given, replace the drawn ones (a series of one body's reports over years), the rest of
    the report still drawn from (seed, i)."""
    rng = random.Random(f"{seed}:{i}")
    drawn_place = rng.choice(pool)
    drawn_year = rng.choices(list(YEAR_WEIGHTS), list(YEAR_WEIGHTS.values()))[0]
    place = place or drawn_place
    year = year or drawn_year
    version = "v0_legacy" if year <= 2018 else "v1_2019_trial" if year <= 2020 else "v2_2021"
    agency = place.agency(year)
    ctx = {
        "year": year,
        "we": place.we,
        "short": place.short(year),
        "agency": agency,
        "region": place.region,
        "n1": rng.randint(20, 900),
        "n2": rng.randint(5, 300),
        "n3": rng.randint(1, 60),
        "n4": rng.randint(1, 30),
        "superior": place.superior,
        "app": rng.randint(0, 5),
    }
    layout = rng.choices(list(LAYOUTS), list(LAYOUTS.values()))[0]
    st = Style(
        layout=layout,
        fullwidth=rng.random() < 0.08,
        unit="件" if rng.random() < 0.08 else "",
        pad=rng.choice(("　", "　　", " ")) if rng.random() < 0.15 else "",
        blanks=layout != "cell" and rng.random() < 0.2,
        split_rows=layout == "tab" and rng.random() < 0.15,
        debris=layout == "tab" and rng.random() < 0.1,
        heading=rng.choices(
            ("{cn}、{t}", "{n}、 {t}", "{cn}.{t}", " 　　{cn}、{t}"), (80, 7, 6, 7)
        )[0],
        pipe_lead=rng.random() < 0.5,
    )
    st.pipe_pad = layout == "pipe" and rng.random() < 0.5
    titles = SECTION_TITLES["v0_legacy" if version == "v0_legacy" else "new"]
    busy = place.busy

    fields: dict[str, int | float | None] = {}
    inconsistent = None
    if version != "v0_legacy":
        pd = proactive_values(version, rng, busy)
        app = application_values(version, rng, busy, carried_in)
        rl = review_values(rng, busy)
        fields = {**pd, **app, **rl}
        if rng.random() < 0.03:
            inconsistent = break_consistency(fields, rng)
        ctx["app"] = fields["app_new__total"]
    # blank cells: rows of zeros in which only the total column is written (like corpus/000)
    blank: set[str] = set()
    if st.blanks:
        for key, _ in APP_ROWS_HEAD[2:] + APP_OTHER.get(version, []):
            cells = [f"app_{key}__{c}" for c in APP_COLS]
            if rng.random() < 0.5 and all(fields.get(c) == 0 for c in cells):
                blank.update(cells)
    for k in blank:
        fields[k] = None

    sections: list[str] = []
    head = lambda j: _heading(st, j, titles[j], rng)  # noqa: E731
    sections.append(head(0) + "\n" + overview(ctx, rng, version == "v0_legacy"))
    if version == "v0_legacy":
        sections += [
            head(j) + "\n" + _fill(rng.choice(body), ctx)
            for j, body in (
                (1, LEGACY_PROACTIVE),
                (2, LEGACY_APPLY),
                (3, LEGACY_FEES),
                (4, LEGACY_REVIEW),
            )
        ]
        prob_idx = 5
    else:
        sections.append(head(1) + "\n" + render(proactive_rows(version, fields, rng, st), st, rng))
        sections.append(
            head(2) + "\n" + render(application_rows(version, fields, blank, rng, st), st, rng)
        )
        sections.append(head(3) + "\n" + render(review_rows(fields, rng, st), st, rng))
        prob_idx = 4
    body5, _problems, measures = problems_section(ctx, rng)
    sections.append(head(prob_idx) + "\n" + body5)
    if rng.random() < 0.85:
        sections.append(head(prob_idx + 1) + "\n" + _fill(rng.choice(OTHER_MATTERS), ctx))
    if rng.random() < 0.1:
        j = rng.randrange(1, len(sections))
        sections[j] = f"[bookmark: _Toc{rng.randint(1000, 99999)}]" + sections[j].lstrip(" 　")

    # title, chrome, signature (spec §2 variants)
    date_text, iso = _date(year + 1, rng)
    title_kind = rng.choices(
        ("full", "above", "partial", "none", "preamble"), (50, 15, 10, 10, 15)
    )[0]
    signed = title_kind in ("partial", "none") or rng.random() < 0.85
    word = (
        "政府信息公开工作年度报告"
        if version != "v0_legacy"
        else rng.choice(("政府信息公开工作年度报告", "政府信息公开年度报告"))
    )
    lines: list[str] = []
    if rng.random() < 0.08:
        lines.append(rng.choice(CHROME).format(date=iso if signed else "", agency=agency))
    if title_kind in ("full", "preamble"):
        lines.append(f"{agency}{year}年{word}")
    elif title_kind == "above":
        lines += [agency, f"{year}年度政府信息公开工作报告"]
    elif title_kind == "partial":
        lines.append(f"{place.short(year)}{year}年{word}")
    else:
        sections[0] = (
            sections[0].replace(ctx["short"], agency, 1)
            if ctx["short"] in sections[0]
            else sections[0]
        )
        if agency not in sections[0]:
            first, _, rest = sections[0].partition("\n")
            sections[0] = f"{first}\n{year}年，{agency}认真贯彻落实政府信息公开各项工作要求。{rest}"
    if title_kind == "preamble":
        lines.append(_fill(PREAMBLE, ctx))
    elif version == "v0_legacy" and rng.random() < 0.7:
        lines.append(_fill(LEGACY_PREAMBLE, ctx))
    # Real reports give an address in their contact line: the place of a 和平区 or a 中村镇.
    lines.append(
        f"如对本报告有任何疑问，请与{agency}联系（地址：{place.address}人民路{i % 97 + 1}号）。"
    )
    text = "\n\n".join(["\n".join(lines)] + sections) if lines else "\n\n".join(sections)
    if signed:
        pad = rng.choice(("", "", "                              ", "\t\t\t"))
        text += f"\n\n\n{pad}{agency}{rng.choice(('', ' '))}\n{pad}{date_text}\n"
    else:
        text += "\n"
    if rng.random() < 0.2:
        text = "\n\n" + text

    traditional = rng.random() < 0.02
    truth = {
        "file": f"{i:06d}.txt",
        "agency": agency,
        "region": place.region,
        "province": place.province,
        "city": place.city,
        "county": place.county,
        "year": year,
        "published": iso if signed else None,
        "format": version,
        "fields": fields,
        "improvement_measures": measures,
        "layout": layout if version != "v0_legacy" else "prose",
        "inconsistent": inconsistent,
    }
    if traditional:
        text = _s2t(text)
        truth["agency"] = _s2t(agency)
        truth["improvement_measures"] = [_s2t(m) for m in measures]
        truth["layout"] += "+traditional"
    return text, truth


def _s2t(text: str) -> str:
    import opencc

    global _S2T
    if _S2T is None:
        _S2T = opencc.OpenCC("s2t")
    return _S2T.convert(text)


_S2T = None

PREAMBLE = (
    "根据《中华人民共和国政府信息公开条例》的有关规定，现向社会公布{year}年{agency}政府信息公开工作年度报告。"
    "本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议、行政诉讼情况、"
    "存在的主要问题及改进情况、其他需要报告的事项等组成。本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"
)
LEGACY_PREAMBLE = (
    "本年度报告根据《中华人民共和国政府信息公开条例》要求编制，全文包括概述，主动公开政府信息情况，依申请公开政府信息情况，"
    "政府信息公开的收费及减免情况，因政府信息公开申请行政复议、提起行政诉讼的情况，存在的主要问题和改进措施等内容。"
    "本报告中使用数据统计期限为{year}年1月1日至{year}年12月31日。本报告的电子版可在{agency}门户网站下载。"
    "如对本报告有任何疑问，请与{agency}办公室联系。"
)
LEGACY_PROACTIVE = (
    "{year}年，{we}共主动公开政府信息{n1}条，其中机构职能类信息{n3}条，政策法规类信息{n4}条，工作动态类信息{n2}条。"
    "公开形式以政府门户网站为主，同时通过公开栏、政务微博等渠道及时发布。",
    "{year}年，{we}累计主动公开政府信息{n1}条。其中，通过政府信息公开网站公开{n2}条，通过公开栏、电子显示屏等其他方式公开{n3}条。",
)
LEGACY_APPLY = (
    "{year}年，{we}共受理政府信息公开申请{n4}件，其中当面申请{n3}件、网络申请及信函申请若干件，均已在规定时限内办结答复。",
    "{year}年，{we}未收到政府信息公开申请。",
)
LEGACY_FEES = (
    "{year}年，{we}在政府信息公开工作中未收取任何费用，也未发生减免费用的情况。",
    "{we}依申请提供政府信息，未收取检索、复制、邮寄等费用。",
)
LEGACY_REVIEW = (
    "{year}年，{we}未发生因政府信息公开申请行政复议、提起行政诉讼的情况。",
    "{year}年，{we}收到有关政府信息公开的行政复议申请0件，行政诉讼0件。",
)


# ---------------------------------------------------------------- CLI


POOL_SIZE = 6000  # reporting bodies; fixed, so that report i does not depend on --size


def generate(size: int, out: Path, seed: int = 7) -> dict:
    """Write `size` reports under `out/reports` and `out/truth.jsonl`; returns a summary."""
    reports = out / "reports"
    reports.mkdir(parents=True, exist_ok=True)
    pool = agency_pool(random.Random(f"pool:{seed}"), POOL_SIZE)
    total_bytes, counts = 0, {}
    with open(out / "truth.jsonl", "w", encoding="utf-8") as truth_file:
        for i in range(size):
            text, truth = make_report(i, seed, pool)
            data = text.encode("utf-8")
            (reports / truth["file"]).write_bytes(data)
            truth_file.write(json.dumps(truth, ensure_ascii=False) + "\n")
            total_bytes += len(data)
            counts[truth["format"]] = counts.get(truth["format"], 0) + 1
    return {
        "size": size,
        "bytes": total_bytes,
        "avg_bytes": total_bytes // max(size, 1),
        "formats": counts,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=1000)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    print(json.dumps(generate(args.size, args.out, args.seed), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
