"""A report's tables laid out like the printed form: header rows with their spans, one body row
per template row, a cell per field key (None stays a blank cell, never 0).

Takes a `Report`, gives `FormTable`s for the report page. Row order and field keys come from the
template data (`indexer/parse/templates.py`); only the printed wording of headers and row labels,
which the parser does not need, lives here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from govsearch.indexer.models import Report
from govsearch.indexer.parse.templates import (
    APP_COLUMNS,
    APPLICATION,
    PROACTIVE,
    REVIEW_LITIGATION,
)


@dataclass
class Head:
    text: str
    colspan: int = 1
    rowspan: int = 1


@dataclass
class Cell:
    key: str
    value: int | float | None
    failed: bool = False  # named by a consistency failure


@dataclass
class Row:
    label: str
    cells: list[Cell] = field(default_factory=list)
    level: int = 0  # 0 a top row, 1 an item of a group, 2 an item of a sub-group
    heading: bool = False  # a group heading, no cells of its own


@dataclass
class FormTable:
    section: str  # the report section it belongs to (s2_proactive, …)
    title: str  # its caption, "" when it is the section's only table
    head: list[list[Head]]
    rows: list[Row]
    labelled: bool = True  # the first column holds row labels


PROACTIVE_PARTS = {
    "rules": "第二十条第（一）项",
    "decisions": "第二十条第（五）、（六）项",
    "fees": "第二十条第（八）项",
    "procure": "第二十条第（九）项",
}
PROACTIVE_HEADS = {
    ("v2_2021", "rules"): ("本年制发件数", "本年废止件数", "现行有效件数"),
    ("v2_2021", "decisions"): ("本年处理决定数量",),
    ("v2_2021", "fees"): ("本年收费金额（单位：万元）",),
    ("v1_2019_trial", "rules"): ("本年新制作数量", "本年新公开数量", "对外公开总数量"),
    ("v1_2019_trial", "decisions"): ("上一年项目数量", "本年增/减", "处理决定数量"),
    ("v1_2019_trial", "fees"): ("上一年项目数量", "本年增/减"),
    ("v1_2019_trial", "procure"): ("采购项目数量", "采购总金额（万元）"),
}
APP_LABELS = {
    "new": "一、本年新收政府信息公开申请数量",
    "carried_in": "二、上年结转政府信息公开申请数量",
    "granted": "（一）予以公开",
    "partial": "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "deny_state_secret": "1.属于国家秘密",
    "deny_law_prohibited": "2.其他法律行政法规禁止公开",
    "deny_security_stability": "3.危及“三安全一稳定”",
    "deny_third_party": "4.保护第三方合法权益",
    "deny_internal_affairs": "5.属于三类内部事务信息",
    "deny_process_info": "6.属于四类过程性信息",
    "deny_enforcement_file": "7.属于行政执法案卷",
    "deny_admin_query": "8.属于行政查询事项",
    "unable_not_held": "1.本机关不掌握相关政府信息",
    "unable_needs_creation": "2.没有现成信息需要另行制作",
    "unable_unclear": "3.补正后申请内容仍不明确",
    "noproc_petition": "1.信访举报投诉类申请",
    "noproc_repeat": "2.重复申请",
    "noproc_publication": "3.要求提供公开出版物",
    "noproc_excessive": "4.无正当理由大量反复申请",
    "noproc_reconfirm": "5.要求行政机关确认或重新出具已获取信息",
    "other": "（六）其他处理",
    "other_no_correction": "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "other_unpaid_fee": "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "other_misc": "3.其他",
    "results_total": "（七）总计",
    "carried_out": "四、结转下年度继续办理",
}
# Group headings printed before the first row of a group: (heading, level of the heading).
APP_GROUP_HEADINGS = {
    "granted": [("三、本年度办理结果", 0)],
    "deny_state_secret": [("（三）不予公开", 1)],
    "unable_not_held": [("（四）无法提供", 1)],
    "noproc_petition": [("（五）不予处理", 1)],
    "other_no_correction": [("（六）其他处理", 1)],
}
APP_HEAD = [
    [Head("", rowspan=3), Head("申请人情况", colspan=7)],
    [Head("自然人", rowspan=2), Head("法人或其他组织", colspan=5), Head("总计", rowspan=2)],
    [Head(t) for t in ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")],
]
RL_HEAD = [
    [Head("行政复议", colspan=5), Head("行政诉讼", colspan=10)],
    [Head(t, rowspan=2) for t in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")]
    + [Head("未经复议直接起诉", colspan=5), Head("复议后起诉", colspan=5)],
    [Head(t) for t in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")] * 2,
]


def failed_keys(report: Report) -> set[str]:
    """The cells each consistency failure is about: R1 the four cells of its column, R2 the
    column's 总计, R3 the row's 总计, R4 the group's 总计, P1 the cell (or cells) the prose names."""
    keys: set[str] = set()
    for issue in report.consistency:
        w = issue.where
        if issue.rule == "R1":
            keys |= {f"app_{r}__{w}" for r in ("new", "carried_in", "results_total", "carried_out")}
        elif issue.rule == "R2":
            keys.add(f"app_results_total__{w}")
        elif issue.rule == "R3":
            keys.add(f"app_{w}__total")
        elif issue.rule == "R4":
            keys.add(f"{w}_total")
        elif issue.rule == "P1":
            keys |= set(w.split("+"))
    return keys


def _cells(report: Report, keys: tuple[str, ...], failed: set[str]) -> list[Cell]:
    return [Cell(k, report.fields.get(k), k in failed) for k in keys]


def _proactive(report: Report, version: str, failed: set[str]) -> list[FormTable]:
    tables: list[FormTable] = []
    for part, title in PROACTIVE_PARTS.items():
        rows = [r for r in PROACTIVE[version] if r.part == part]
        if not rows:
            continue
        heads = PROACTIVE_HEADS[(version, part)]
        tables.append(
            FormTable(
                section="s2_proactive",
                title=title,
                head=[[Head("信息内容"), *(Head(h) for h in heads)]],
                rows=[Row(r.labels[0], _cells(report, r.fields, failed)) for r in rows],
            )
        )
    return tables


def _applications(report: Report, version: str, failed: set[str]) -> FormTable:
    rows: list[Row] = []
    for template_row in APPLICATION[version]:
        name = template_row.fields[0].removeprefix("app_").removesuffix(f"__{APP_COLUMNS[0]}")
        for heading, level in APP_GROUP_HEADINGS.get(name, []):
            rows.append(Row(heading, level=level, heading=True))
        level = 2 if name.split("_")[0] in ("deny", "unable", "noproc") else 0
        if name.startswith("other_"):
            level = 2
        elif name in ("granted", "partial", "other", "results_total"):
            level = 1
        label = APP_LABELS.get(name, template_row.labels[0])
        rows.append(Row(label, _cells(report, template_row.fields, failed), level))
    return FormTable("s3_applications", "", APP_HEAD, rows)


def _review(report: Report, failed: set[str]) -> FormTable:
    row = Row("", _cells(report, REVIEW_LITIGATION, failed))
    return FormTable("s4_review_litigation", "", RL_HEAD, [row], labelled=False)


def form_tables(report: Report) -> list[FormTable]:
    """The report's tables in form order; none for a version without tables (v0_legacy)."""
    version = report.format
    if version not in PROACTIVE:
        return []
    failed = failed_keys(report)
    return [
        *_proactive(report, version, failed),
        _applications(report, version, failed),
        _review(report, failed),
    ]
