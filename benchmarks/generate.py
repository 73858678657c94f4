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

# @@BANKS@@

# ---------------------------------------------------------------- template data

YEAR_WEIGHTS = {y: w for y, w in zip(range(2008, 2025), (1, 1, 1, 2, 2, 2, 3, 3, 4, 4, 4, 6, 6, 7, 7, 7, 7), strict=True)}
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
        ("other_no_correction", ["", "（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"]),
        ("other_unpaid_fee", ["", "", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"]),
        ("other_misc", ["", "", "3.其他"]),
    ],
    "v1_2019_trial": [("other", ["", "（六）其他处理"])],
}
APP_ROWS_TAIL = [("results_total", ["", "（七）总计"]), ("carried_out", ["四、结转下年度继续办理"])]
APP_HEADER = [
    ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况", "", "", "", "", "", "", "总计"],
    ["", "自然人", "法人或其他组织", "", "", "", "", ""],
    ["", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""],
]
RL_HEADER = [
    ["行政复议", "", "", "", "", "行政诉讼"],
    ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "", "", "", "", "复议后起诉"],
    ["", "", "", "", "", *["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2],
]
# Words that a narrow Word column breaks (header cells only).
BREAKABLE = {
    "商业企业": "商业\n企业", "科研机构": "科研\n机构", "社会公益组织": "社会公益\n组织",
    "法律服务机构": "法律服务\n机构", "本年新制作数量": "本年新\n制作数量", "本年新公开数量": "本年新\n公开数量",
    "结果维持": "结果\n维持", "结果纠正": "结果\n纠正", "其他结果": "其他\n结果", "尚未审结": "尚未\n审结",
    "本年制发件数": "本年制发\n件数", "现行有效件数": "现行有效\n件数",
}
SECTION_TITLES = {
    "new": ["总体情况", "主动公开政府信息情况|主动公开政府信息的情况", "收到和处理政府信息公开申请情况",
            "政府信息公开行政复议、行政诉讼情况", "存在的主要问题及改进情况", "其他需要报告的事项"],
    "v0_legacy": ["概述", "主动公开政府信息情况", "依申请公开政府信息情况", "政府信息公开的收费及减免情况",
                  "因政府信息公开申请行政复议、提起行政诉讼的情况", "存在的主要问题和改进措施", "其他需要报告的事项"],
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


# ---------------------------------------------------------------- numbers and cells


def _fmt(value: float | int | None, style: Style, rng: random.Random, unit: str | None = None) -> str | None:
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


def application_values(version: str, rng: random.Random, busy: float) -> dict[str, int]:
    """Section 三 numbers obeying R1–R3: new+carried_in = results_total+carried_out, etc."""
    rows = [k for k, _ in APP_ROWS_HEAD[2:]] + [k for k, _ in APP_OTHER[version]]
    f: dict[str, int] = {}
    zero = rng.random() < 0.45
    for col, w in zip(APP_COLS, (30, 4, 0.3, 0.3, 0.5, 1.5), strict=True):
        new = 0 if zero else int(rng.expovariate(1 / (busy * w)) if rng.random() < 0.8 else 0)
        carried_in = rng.randint(0, 2) if new and rng.random() < 0.15 else 0
        carried_out = rng.randint(0, min(2, new + carried_in)) if rng.random() < 0.15 else 0
        done = new + carried_in - carried_out
        weights = [60, 8] + [0.5] * 8 + [10, 2, 3] + [2, 3, 1, 0.3, 0.5] + [1] * (len(rows) - 20)
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
            "pd_rules_issued": 0, "pd_rules_repealed": 0, "pd_rules_in_force": 0,
            "pd_normdocs_issued": min(in_force, n(3)), "pd_normdocs_repealed": n(1), "pd_normdocs_in_force": in_force,
            "pd_license_decisions": n(80 * busy), "pd_penalty_decisions": n(20 * busy),
            "pd_coercion_decisions": n(2),
            "pd_fees_amount_wan": round(r.expovariate(1 / 30), 2) if r.random() < 0.15 else 0,
        }
        if busy > 3 and r.random() < 0.3:
            f["pd_rules_issued"], f["pd_rules_in_force"] = 1, r.randint(1, 12)
        return f
    f = {}
    for key in ("rules", "normdocs"):
        made = n(2) if key == "normdocs" else 0
        f |= {f"pd_{key}_new_made": made, f"pd_{key}_new_published": made,
              f"pd_{key}_total_published": made + n(8)}
    for key, scale in (("license", 30), ("othersvc", 10), ("penalty", 40), ("coercion", 5), ("fees", 3)):
        f[f"pd_{key}_items_prev"] = n(scale)
        f[f"pd_{key}_items_delta"] = r.choice((0, 0, 0, 0, 1, 2, -1, -2)) if f[f"pd_{key}_items_prev"] else 0
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
        fee_head = rng.choice(("本年收费金额（单位：万元）", "本年收费金额（单位：万元，保留4位小数）"))
        rows = [
            Row(["第二十条第（一）项"], header=True),
            Row(["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"], header=True),
            Row(["规章"], [v("pd_rules_issued"), v("pd_rules_repealed"), v("pd_rules_in_force")]),
            Row([rng.choice(("行政规范性文件", "规范性文件"))],
                [v("pd_normdocs_issued"), v("pd_normdocs_repealed"), v("pd_normdocs_in_force")]),
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
        Row(["规章"], [v(f"pd_rules_{c}") for c in ("new_made", "new_published", "total_published")]),
        Row(["规范性文件"], [v(f"pd_normdocs_{c}") for c in ("new_made", "new_published", "total_published")]),
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


def application_rows(version: str, f: dict, blank: set[str], rng: random.Random, st: Style) -> list[Row]:
    rows = [Row(list(h), header=True) for h in APP_HEADER]
    for key, labels in APP_ROWS_HEAD + APP_OTHER[version] + APP_ROWS_TAIL:
        labels = [rng.choice(c.split("|")) for c in labels]
        if rng.random() < 0.3:
            labels = [c.replace("（", "(").replace("）", ") ") for c in labels]
        values = [None if f"app_{key}__{c}" in blank else _fmt(f[f"app_{key}__{c}"], st, rng) for c in (*APP_COLS, "total")]
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
        if st.debris and len(values) == 7 and len(set(values)) == 1 and values[0] and rng.random() < 0.5:
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
        if st.pad == "pipe":
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
    picked = rng.sample(names, rng.randint(2, 4)) if legacy else names[: rng.randint(3, 5)]
    marker = rng.choice(("（{}）", "({})", "{}、")) if not legacy else "（{}）"
    for j, name in enumerate(picked):
        body = "".join(_fill(s, ctx) for s in rng.sample(OVERVIEW_PARTS[name], 2))
        head = marker.format(CN_NUM[j]) + name
        parts.append(f"{head}\n{body}" if rng.random() < 0.6 else f"{head}。{body}")
    return "\n".join(parts)


def _measure_text(rng: random.Random, ctx: dict) -> tuple[str, str]:
    head, explains = rng.choice(MEASURES)
    head = rng.choice(head.split("|"))
    explain = _fill(rng.choice(explains), ctx)
    return head, explain


def problems_section(ctx: dict, rng: random.Random) -> tuple[str, list[str], list[str]]:
    problems = [_fill(p, ctx) for p in rng.sample(PROBLEMS, rng.randint(2, 4))]
    pairs, seen = [], set()
    while len(pairs) < rng.randint(2, 5):
        head, explain = _measure_text(rng, ctx)
        if head not in seen:
            seen.add(head)
            pairs.append((head, explain))
    style = rng.choice(("inline", "inline", "subhead", "subhead", "numbered", "paren"))
    intro = _fill(rng.choice((
        "{year}年，{we}政府信息公开工作取得了一定成效，但仍存在一些不足，主要表现在：",
        "对照上级要求和群众期盼，{we}政府信息公开工作还存在一些问题：",
        "一年来，{we}在政府信息公开工作中积极探索，但与上级部门的要求相比，仍有差距：",
    )), ctx)
    turn = _fill(rng.choice(("下一步，{we}将重点做好以下工作：", "改进措施：", "针对上述问题，{we}将采取以下措施：",
                             "今后，{we}将从以下几个方面加以改进：")), ctx)
    ord_ = lambda j: f"{CN_NUM[j]}是"  # noqa: E731
    prob_text = "；".join(ord_(j) + p for j, p in enumerate(problems)) + "。"
    if style == "inline":
        measures = [f"{h}，{e}" for h, e in pairs]
        meas_text = "；".join(ord_(j) + m for j, m in enumerate(measures)) + "。"
        body = f"{intro}{prob_text}\n{turn}{meas_text}" if rng.random() < 0.6 else f"{intro}{prob_text}{turn}{meas_text}"
    elif style == "subhead":
        heads = rng.choice((("（一）存在的主要问题", "（二）改进措施"), ("（一）存在的主要问题", "（二）工作改进情况"),
                            ("（一）工作中存在的主要问题和困难", "（二）具体解决办法和改进措施")))
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


def make_report(i: int, seed: int, pool: list[Place]) -> tuple[str, dict]:
    rng = random.Random(f"{seed}:{i}")
    place = rng.choice(pool)
    year = rng.choices(list(YEAR_WEIGHTS), list(YEAR_WEIGHTS.values()))[0]
    version = "v0_legacy" if year <= 2018 else "v1_2019_trial" if year <= 2020 else "v2_2021"
    agency = place.agency(year)
    ctx = {"year": year, "we": place.we, "short": place.short(year), "agency": agency, "region": place.region,
           "n1": rng.randint(20, 900), "n2": rng.randint(5, 300), "n3": rng.randint(1, 60), "n4": rng.randint(1, 30)}
    layout = rng.choices(list(LAYOUTS), list(LAYOUTS.values()))[0]
    st = Style(
        layout=layout,
        fullwidth=rng.random() < 0.08,
        unit="件" if rng.random() < 0.08 else "",
        pad=rng.choice(("　", "　　", " ")) if rng.random() < 0.15 else "",
        blanks=layout != "cell" and rng.random() < 0.2,
        split_rows=layout == "tab" and rng.random() < 0.15,
        debris=layout == "tab" and rng.random() < 0.1,
        heading=rng.choices(("{cn}、{t}", "{n}、 {t}", "{cn}.{t}", " 　　{cn}、{t}"), (80, 7, 6, 7))[0],
        pipe_lead=rng.random() < 0.5,
    )
    if layout == "pipe" and not st.pad and rng.random() < 0.5:
        st.pad = "pipe"
    titles = SECTION_TITLES["v0_legacy" if version == "v0_legacy" else "new"]
    busy = place.busy

    fields: dict[str, int | float | None] = {}
    inconsistent = None
    if version != "v0_legacy":
        pd = proactive_values(version, rng, busy)
        app = application_values(version, rng, busy)
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
        sections += [head(j) + "\n" + _fill(rng.choice(body), ctx) for j, body in
                     ((1, LEGACY_PROACTIVE), (2, LEGACY_APPLY), (3, LEGACY_FEES), (4, LEGACY_REVIEW))]
        prob_idx = 5
    else:
        sections.append(head(1) + "\n" + render(proactive_rows(version, fields, rng, st), st, rng))
        sections.append(head(2) + "\n" + render(application_rows(version, fields, blank, rng, st), st, rng))
        sections.append(head(3) + "\n" + render(review_rows(fields, rng, st), st, rng))
        prob_idx = 4
    body5, _problems, measures = problems_section(ctx, rng)
    sections.append(head(prob_idx) + "\n" + body5)
    if rng.random() < 0.85:
        sections.append(head(prob_idx + 1) + "\n" + _fill(rng.choice(OTHER_MATTERS), ctx))
    if rng.random() < 0.1:
        j = rng.randrange(1, len(sections))
        sections[j] = "[bookmark: _Toc{}]".format(rng.randint(1000, 99999)) + sections[j].lstrip(" 　")

    # title, chrome, signature (spec §2 variants)
    date_text, iso = _date(year + 1, rng)
    title_kind = rng.choices(("full", "above", "partial", "none", "preamble"), (50, 15, 10, 10, 15))[0]
    signed = title_kind in ("partial", "none") or rng.random() < 0.85
    word = "政府信息公开工作年度报告" if version != "v0_legacy" else rng.choice(("政府信息公开工作年度报告", "政府信息公开年度报告"))
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
        sections[0] = sections[0].replace(ctx["short"], agency, 1) if ctx["short"] in sections[0] else sections[0]
        if agency not in sections[0]:
            first, _, rest = sections[0].partition("\n")
            sections[0] = f"{first}\n{year}年，{agency}认真贯彻落实政府信息公开各项工作要求。{rest}"
    if title_kind == "preamble":
        lines.append(_fill(PREAMBLE, ctx))
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
        "file": f"{i:06d}.txt", "agency": agency, "region": place.region, "year": year,
        "published": iso if signed else None, "format": version, "fields": fields,
        "improvement_measures": measures, "layout": layout, "inconsistent": inconsistent,
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

PREAMBLE = ("根据《中华人民共和国政府信息公开条例》的有关规定，现向社会公布{year}年{agency}政府信息公开工作年度报告。"
            "本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议、行政诉讼情况、"
            "存在的主要问题及改进情况、其他需要报告的事项等组成。本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。")
LEGACY_PROACTIVE = (
    "{year}年，{we}共主动公开政府信息{n1}条，其中机构职能类信息{n3}条，政策法规类信息{n4}条，工作动态类信息{n2}条。"
    "公开形式以政府门户网站为主，同时通过公开栏、政务微博等渠道及时发布。",
    "{year}年，{we}累计主动公开政府信息{n1}条。其中，通过政府信息公开网站公开{n2}条，通过公开栏、电子显示屏等其他方式公开{n3}条。",
)
LEGACY_APPLY = (
    "{year}年，{we}共受理政府信息公开申请{n4}件，其中当面申请{n3}件、网络申请及信函申请若干件，均已在规定时限内办结答复。",
    "{year}年，{we}未收到政府信息公开申请。",
)
LEGACY_FEES = ("{year}年，{we}在政府信息公开工作中未收取任何费用，也未发生减免费用的情况。",
               "{we}依申请提供政府信息，未收取检索、复制、邮寄等费用。")
LEGACY_REVIEW = ("{year}年，{we}未发生因政府信息公开申请行政复议、提起行政诉讼的情况。",
                 "{year}年，{we}收到有关政府信息公开的行政复议申请0件，行政诉讼0件。")


# ---------------------------------------------------------------- CLI


def generate(size: int, out: Path, seed: int = 7) -> dict:
    """Write `size` reports under `out/reports` and `out/truth.jsonl`; returns a summary."""
    reports = out / "reports"
    reports.mkdir(parents=True, exist_ok=True)
    pool = agency_pool(random.Random(f"pool:{seed}"), max(200, size // 3))
    total_bytes, counts = 0, {}
    with open(out / "truth.jsonl", "w", encoding="utf-8") as truth_file:
        for i in range(size):
            text, truth = make_report(i, seed, pool)
            data = text.encode("utf-8")
            (reports / truth["file"]).write_bytes(data)
            truth_file.write(json.dumps(truth, ensure_ascii=False) + "\n")
            total_bytes += len(data)
            counts[truth["format"]] = counts.get(truth["format"], 0) + 1
    return {"size": size, "bytes": total_bytes, "avg_bytes": total_bytes // max(size, 1), "formats": counts}


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
