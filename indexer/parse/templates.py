"""The three report templates of the spec, as data.

Versions differ in data, not in code: `tables.py` reads any of them with one engine.
Row labels are matched on normalised text (simplified characters, NFKC, no whitespace,
enumeration prefix removed), so wording drift such as 其他法律行政法规禁止公开 /
其他法律法规禁止公开 is absorbed by matching a distinctive fragment.
"""

from __future__ import annotations

from dataclasses import dataclass

VERSIONS = ("v0_legacy", "v1_2019_trial", "v2_2021")


@dataclass(frozen=True)
class Row:
    """One table row: how its label cell reads and which field keys its columns fill."""

    labels: tuple[str, ...]
    fields: tuple[str, ...]
    part: str | None = None  # header group used for version voting (see HEADER_MARKERS)
    exact: bool = False  # label must equal one of `labels`, not merely contain it
    within: tuple[str, ...] = ()  # only matched while one of these row groups is open


def _pd(name: str, columns: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(f"pd_{name}_{col}" for col in columns)


# Section 二 (主动公开): one row per 信息内容, columns in template order.
# Machine conversion to traditional characters turns 文件 into 檔案 (folded back: 档案).
NORMDOCS = ("规范性文件", "行政规范性文件", "规范性档案", "行政规范性档案")
_V2_RULES = ("issued", "repealed", "in_force")
_V1_RULES = ("new_made", "new_published", "total_published")
_V1_ITEMS = ("items_prev", "items_delta", "decisions")

PROACTIVE: dict[str, tuple[Row, ...]] = {
    "v2_2021": (
        Row(("规章",), _pd("rules", _V2_RULES), "rules", exact=True),
        Row(NORMDOCS, _pd("normdocs", _V2_RULES), "rules", exact=True),
        Row(("行政许可",), ("pd_license_decisions",), "decisions", exact=True),
        Row(("行政处罚",), ("pd_penalty_decisions",), "decisions", exact=True),
        Row(("行政强制",), ("pd_coercion_decisions",), "decisions", exact=True),
        Row(("行政事业性收费",), ("pd_fees_amount_wan",), "fees", exact=True),
    ),
    "v1_2019_trial": (
        Row(("规章",), _pd("rules", _V1_RULES), "rules", exact=True),
        Row(NORMDOCS, _pd("normdocs", _V1_RULES), "rules", exact=True),
        Row(("行政许可",), _pd("license", _V1_ITEMS), "decisions", exact=True),
        Row(("其他对外管理服务事项",), _pd("othersvc", _V1_ITEMS), "decisions", exact=True),
        Row(("行政处罚",), _pd("penalty", _V1_ITEMS), "decisions", exact=True),
        Row(("行政强制",), _pd("coercion", _V1_ITEMS), "decisions", exact=True),
        Row(("行政事业性收费",), _pd("fees", ("items_prev", "items_delta")), "fees", exact=True),
        Row(
            ("政府集中采购",),
            ("pd_procure_projects", "pd_procure_amount_wan"),
            "procure",
            exact=True,
        ),
    ),
}

# Section 三 (申请情况): key app_<row>__<col>.
APP_COLUMNS = ("np", "biz", "research", "ngo", "legal", "org_other", "total")

# Group headings of the 办理结果 block; a row label may only be read inside its group.
APP_GROUPS: dict[str, tuple[str, ...]] = {
    "results": ("本年度办理结果",),
    "deny": ("不予公开",),
    "unable": ("无法提供",),
    "noproc": ("不予处理",),
    "other": ("其他处理",),
}
_IN_RESULTS = tuple(APP_GROUPS)


def _app(row: str, *labels: str, exact: bool = False, within: tuple[str, ...] = ()) -> Row:
    fields = tuple(f"app_{row}__{col}" for col in APP_COLUMNS)
    return Row(labels, fields, "other" if row.startswith("other") else None, exact, within)


_APP_HEAD = (
    _app("new", "本年新收"),
    _app("carried_in", "上年结转"),
    _app("granted", "予以公开"),
    _app("partial", "部分公开"),
    _app("deny_state_secret", "国家秘密"),
    _app("deny_law_prohibited", "禁止公开"),
    _app("deny_security_stability", "三安全一稳定", "危及"),
    _app("deny_third_party", "第三方合法权益"),
    _app("deny_internal_affairs", "内部事务"),
    _app("deny_process_info", "过程性信息"),
    _app("deny_enforcement_file", "行政执法案卷"),
    _app("deny_admin_query", "行政查询事项"),
    _app("unable_not_held", "不掌握"),
    _app("unable_needs_creation", "另行制作"),
    _app("unable_unclear", "仍不明确", "补正后"),
    _app("noproc_petition", "信访举报", "信访"),
    _app("noproc_repeat", "重复申请"),
    _app("noproc_publication", "公开出版物"),
    _app("noproc_excessive", "大量反复", "大量反覆", "无正当理由大量"),
    _app("noproc_reconfirm", "重新出具", "确认或"),
)
_APP_TAIL = (
    _app("results_total", "总计", exact=True, within=_IN_RESULTS),
    _app("carried_out", "结转下年度"),
)

APPLICATION: dict[str, tuple[Row, ...]] = {
    "v2_2021": _APP_HEAD
    + (
        _app("other_no_correction", "逾期不补正", "无正当理由逾期"),
        _app("other_unpaid_fee", "缴纳费用", "收费通知"),
        _app("other_misc", "其他", exact=True, within=("other",)),
    )
    + _APP_TAIL,
    "v1_2019_trial": _APP_HEAD + (_app("other", "其他处理", exact=True),) + _APP_TAIL,
}

# Section 四 (复议、诉讼): a header and a single row of 15 numbers, in this order.
RL_GROUPS = ("rl_review", "rl_suit_direct", "rl_suit_after_review")
RL_COLUMNS = ("upheld", "corrected", "other", "pending", "total")
REVIEW_LITIGATION: tuple[str, ...] = tuple(f"{g}_{c}" for g in RL_GROUPS for c in RL_COLUMNS)

# Header text that tells the versions apart, by header group. Each group present in a
# report votes once; the majority decides the version (ties fall back to the year).
HEADER_MARKERS: dict[str, dict[str, tuple[str, ...]]] = {
    "rules": {
        "v2_2021": ("本年制发件数", "本年废止件数", "现行有效件数"),
        "v1_2019_trial": ("本年新制作数量", "本年新公开数量", "对外公开总数量"),
    },
    "decisions": {
        "v2_2021": ("本年处理决定数量",),
        "v1_2019_trial": ("上一年项目数量", "本年增/减"),
    },
    "fees": {"v2_2021": ("本年收费金额",), "v1_2019_trial": ()},
    "procure": {"v1_2019_trial": ("采购项目数量", "第二十条第(九)项")},
    "other": {"v2_2021": ("逾期不补正",)},
}


def version_for_year(year: int | None) -> str | None:
    """The template in force for a report year (spec §1)."""
    if year is None:
        return None
    if year <= 2018:
        return "v0_legacy"
    return "v1_2019_trial" if year <= 2020 else "v2_2021"


def field_keys(version: str | None) -> tuple[str, ...]:
    """Every field key of a template version, in template order."""
    if version not in PROACTIVE:
        return ()
    keys = [k for row in PROACTIVE[version] + APPLICATION[version] for k in row.fields]
    return tuple(keys) + REVIEW_LITIGATION


def all_field_keys() -> tuple[str, ...]:
    """Every field key of every version, without repeats (the index schema and --where)."""
    seen: dict[str, None] = {}
    for version in ("v2_2021", "v1_2019_trial"):
        seen.update(dict.fromkeys(field_keys(version)))
    return tuple(seen)


DECIMAL_FIELDS = frozenset(k for k in all_field_keys() if k.endswith("_wan"))
SIGNED_FIELDS = frozenset(k for k in all_field_keys() if k.endswith("_delta"))

# Column headings as the forms print them (what `govsearch show` lays the tables out with).
APP_COLUMN_LABELS: dict[str, str] = {
    "np": "自然人",
    "biz": "商业企业",
    "research": "科研机构",
    "ngo": "社会公益组织",
    "legal": "法律服务机构",
    "org_other": "其他",
    "total": "总计",
}
PROACTIVE_COLUMN_LABELS: dict[str, dict[str, tuple[str, ...]]] = {
    "v2_2021": {
        "rules": ("本年制发件数", "本年废止件数", "现行有效件数"),
        "decisions": ("本年处理决定数量",),
        "fees": ("本年收费金额（万元）",),
    },
    "v1_2019_trial": {
        "rules": ("本年新制作数量", "本年新公开数量", "对外公开总数量"),
        "decisions": ("上一年项目数量", "本年增/减", "处理决定数量"),
        "fees": ("上一年项目数量", "本年增/减"),
        "procure": ("采购项目数量", "采购总金额（万元）"),
    },
}
PROACTIVE_PART_LABELS: dict[str, str] = {
    "rules": "规章和规范性文件",
    "decisions": "处理决定",
    "fees": "行政事业性收费",
    "procure": "政府集中采购",
}
RL_GROUP_LABELS: dict[str, str] = {
    "rl_review": "行政复议",
    "rl_suit_direct": "行政诉讼（未经复议直接起诉）",
    "rl_suit_after_review": "行政诉讼（复议后起诉）",
}
RL_COLUMN_LABELS: dict[str, str] = {
    "upheld": "结果维持",
    "corrected": "结果纠正",
    "other": "其他结果",
    "pending": "尚未审结",
    "total": "总计",
}
SECTION_TITLES: dict[str, str] = {
    "s1_overview": "一、总体情况",
    "s2_proactive": "二、主动公开政府信息情况",
    "s3_applications": "三、收到和处理政府信息公开申请情况",
    "s4_review_litigation": "四、政府信息公开行政复议、行政诉讼情况",
    "s5_problems": "五、存在的主要问题及改进情况",
    "s6_other": "六、其他需要报告的事项",
}
