"""Render a v2_2021 table set in each layout of spec §4 (test helper, not product code)."""

from __future__ import annotations

from govsearch.indexer.parse.templates import APP_COLUMNS, APPLICATION, PROACTIVE, REVIEW_LITIGATION

LAYOUTS = ("tabs", "pipes", "pipes_trailing", "cell_per_line", "word_cells")
FULLWIDTH = str.maketrans("0123456789.", "０１２３４５６７８９．")


def _value(v, fullwidth: bool) -> str:
    text = "" if v is None else str(v)
    return text.translate(FULLWIDTH) if fullwidth else text


HEADERS = {
    "v2_2021": ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
    "v1_2019_trial": ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
}


def table_rows(fields: dict, version: str = "v2_2021") -> dict[str, list[list[str]]]:
    """Rows of cells per section: label cell then value cells (None → blank cell)."""
    pd = [HEADERS[version]]
    for row in PROACTIVE[version]:
        if row.part == "decisions" and version == "v1_2019_trial" and row.labels[0] == "行政许可":
            pd.append(["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"])
        pd.append([row.labels[-1], *(fields.get(k) for k in row.fields)])
    app = [["(本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和)", "申请人情况"],
           ["", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]]  # fmt: skip
    labels = {
        "new": "一、本年新收政府信息公开申请数量", "carried_in": "二、上年结转政府信息公开申请数量",
        "granted": "（一）予以公开", "partial": "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "results_total": "（七）总计", "carried_out": "四、结转下年度继续办理",
    }  # fmt: skip
    labels["other"] = "（六）其他处理"
    for row in APPLICATION[version]:
        key = row.fields[0][4:].rsplit("__", 1)[0]
        label = labels.get(key, f"1.{row.labels[0]}")
        if key == "granted":
            app.append(["三、本年度办理结果"])
        if key == "deny_state_secret":
            app.append(["（三）不予公开"])
        if key == "other_no_correction":
            app.append(["（六）其他处理"])
        app.append([label, *(fields.get(f"app_{key}__{c}") for c in APP_COLUMNS)])
    rl = [["行政复议", "行政诉讼"], ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"],
          [fields.get(k) for k in REVIEW_LITIGATION]]  # fmt: skip
    return {"s2": pd, "s3": app, "s4": rl}


def render(rows: list[list], layout: str, fullwidth: bool = False) -> str:
    lines: list[str] = []
    for row in rows:
        cells = [c if isinstance(c, str) else _value(c, fullwidth) for c in row]
        if layout == "tabs":
            lines.append("\t".join(cells))
        elif layout == "pipes":
            lines.append("| " + " | ".join(f"{c:>6}" for c in cells) + " |")
        elif layout == "pipes_trailing":
            lines.extend(f"{c} |" for c in cells)
        elif layout == "cell_per_line":
            lines.extend(f"{c}\n" for c in cells if c)  # blank cells are lost in this layout
        elif layout == "word_cells":
            lines.extend(f"\t{c}" for c in cells)
            lines.append("")
    return "\n".join(lines)


def report_text(
    fields: dict, layout: str, fullwidth: bool = False, version: str = "v2_2021"
) -> str:
    tables = table_rows(fields, version)
    year = 2021 if version == "v2_2021" else 2020
    return "\n".join([
        f"测试县商务局{year}年政府信息公开工作年度报告",
        "一、总体情况", "2021年，测试县商务局认真贯彻落实《中华人民共和国政府信息公开条例》。",
        "二、主动公开政府信息情况", render(tables["s2"], layout, fullwidth),
        "三、收到和处理政府信息公开申请情况", render(tables["s3"], layout, fullwidth),
        "四、政府信息公开行政复议、行政诉讼情况", render(tables["s4"], layout, fullwidth),
        "五、存在的主要问题及改进情况", "一是公开不够及时。下一步，一是加强学习；二是完善制度。",
        "六、其他需要报告的事项", "无。", "", "测试县商务局", "2022年1月14日",
    ])  # fmt: skip
