"""Section 四 from an HTML form whose header cells span rows and columns (上海's v1 form).

A real 2019 report of this shape came out shifted by one group: the blank cells the spanning
header leaves above the number row joined it, the genuinely blank 复议后起诉 cells at its end
were trimmed, and every group moved one to the right. Values must stay in their own cells.
"""

from govsearch.indexer.parse import parse_report
from govsearch.indexer.read import read_bytes

HEAD = (
    "<html><body><h1>上海市浦东新区某局2019年政府信息公开工作年度报告</h1>"
    "<p>一、总体情况</p><p>正文。</p><p>四、政府信息公开行政复议、行政诉讼情况</p>"
)
TABLE = """<table>
<tr><td colspan="5">行政复议</td><td colspan="10">行政诉讼</td></tr>
<tr><td rowspan="2">结果维持</td><td rowspan="2">结果纠正</td><td rowspan="2">其他结果</td>
<td rowspan="2">尚未审结</td><td rowspan="2">总计</td>
<td colspan="5">未经复议直接起诉</td><td colspan="5">复议后起诉</td></tr>
<tr><td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td>
<td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td></tr>
<tr>{cells}</tr>
</table>"""
# The same form without the row of litigation sub-headers: the row above the numbers ends in
# the blank cells its colspan headers leave.
SHORT_TABLE = """<table>
<tr><td colspan="5">行政复议</td><td colspan="10">行政诉讼</td></tr>
<tr><td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td>
<td colspan="5">未经复议直接起诉</td><td colspan="5">复议后起诉</td></tr>
<tr>{cells}</tr>
</table>"""
TAIL = "<p>五、存在的主要问题及改进情况</p><p>无。</p></body></html>"


def _section_four(values: list[str], table: str = TABLE) -> dict:
    cells = "".join(f"<td>{v}</td>" for v in values)
    html = (HEAD + table.format(cells=cells) + TAIL).encode("utf-8")
    report = parse_report(read_bytes(html, "a.html"))
    return {k: v for k, v in report.fields.items() if k.startswith("rl_")}


def test_every_group_in_its_own_cells():
    got = _section_four(["1", "2", "3", "4", "10", "5", "6", "7", "8", "26"] + ["0"] * 5)
    assert [
        got[f"rl_review_{c}"] for c in ("upheld", "corrected", "other", "pending", "total")
    ] == [1, 2, 3, 4, 10]
    assert got["rl_suit_direct_total"] == 26
    assert got["rl_suit_after_review_total"] == 0


def test_blank_last_group_stays_blank_and_nothing_shifts():
    got = _section_four(["1", "2", "3", "4", "10", "5", "6", "7", "8", "26"] + [""] * 5)
    assert got["rl_review_upheld"] == 1 and got["rl_review_total"] == 10
    assert got["rl_suit_direct_upheld"] == 5 and got["rl_suit_direct_total"] == 26
    assert [got[f"rl_suit_after_review_{c}"] for c in ("upheld", "total")] == [None, None]


def test_blank_cells_of_the_header_row_above_do_not_join_the_number_row():
    got = _section_four(
        ["1", "2", "3", "4", "10", "5", "6", "7", "8", "26"] + [""] * 5, SHORT_TABLE
    )
    assert [
        got[f"rl_review_{c}"] for c in ("upheld", "corrected", "other", "pending", "total")
    ] == [1, 2, 3, 4, 10]
    assert [got[f"rl_suit_direct_{c}"] for c in ("upheld", "total")] == [5, 26]
    assert got["rl_suit_after_review_upheld"] is None and got["rl_suit_after_review_total"] is None
