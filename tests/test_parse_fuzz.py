"""Any text gives a Report or NotAReport: never another exception (a batch must not stop)."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govsearch.indexer.models import Report
from govsearch.indexer.parse import NotAReport, parse_report
from govsearch.indexer.parse.templates import field_keys

PIECES = [
    "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项",
    "某县商务局2021年政府信息公开工作年度报告", "规章", "行政许可", "（七）总计", "3.其他",
    "（六）其他处理", "总计", "0", "152 件", "—", "\t", "|", "\n", "\n\n", " ", "一是", "二是",
    "下一步，", "二〇二二年一月十四日", "2022-01-13", "[bookmark: x]", "本年制发件数", "上一年项目数量",
]  # fmt: skip


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=8)), max_size=60))
def test_any_text_parses_or_is_refused(pieces):
    text = "".join(pieces)
    try:
        report = parse_report(text)
    except NotAReport:
        return
    # The fields are exactly the template's keys, the items are trimmed pieces of the text,
    # and the report survives its own JSON (what `parse --json` and the index store).
    assert tuple(report.fields) == field_keys(report.format)
    bare = "".join(text.split())  # the parser may break a flattened line before a heading
    for item in report.problems + report.improvement_measures:
        assert item and item == item.strip() and "".join(item.split()) in bare
    assert Report.model_validate_json(report.model_dump_json()) == report
