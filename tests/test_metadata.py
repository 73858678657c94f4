"""Metadata patterns of spec §2, each on a small real-shaped text."""

import datetime as dt
from pathlib import Path

import pytest

from govsearch.indexer.parse import parse_report
from govsearch.indexer.parse.dates import parse_date
from govsearch.indexer.parse.metadata import extract_metadata, region_of


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("2022年1月14日", dt.date(2022, 1, 14)),
        ("2022-01-13", dt.date(2022, 1, 13)),
        ("二〇二二年一月十四日", dt.date(2022, 1, 14)),
        ("二○二一年十二月三十一日", dt.date(2021, 12, 31)),
    ],
)
def test_dates(text, date):
    assert parse_date(text) == date


@pytest.mark.parametrize(
    ("text", "agency", "year"),
    [
        ("湛河区商务局2021年政府信息公开工作年度报告\n一、总体情况", "湛河区商务局", 2021),
        ("盘锦市商务局\n2021年度政府信息公开工作报告\n1、 总体情况", "盘锦市商务局", 2021),
        ("2021年度石家庄市教育局政府信息公开工作年度报告\n一、总体情况", "石家庄市教育局", 2021),
        ("某某市商务局政府信息公开工作2021年度报告\n一、总体情况", "某某市商务局", 2021),
        ("宿州市人民政府2016年\n政府信息公开工作年度报告\n一、概述", "宿州市人民政府", 2016),
        (
            "【打印】【关闭】\n撫遠市自然資源局2022年政府信息公開工作年度報告\n一、總體情況",
            "撫遠市自然資源局",
            2022,
        ),
        (
            "县商务局2019年政府信息公开工作年度报告\n一、总体情况\n正文\n城步苗族自治县商务局\n2020年2月12日",
            "城步苗族自治县商务局",
            2019,
        ),
        (
            "一、总体情况\n2021年，积石山县商务局积极贯彻落实条例。\n积石山县商务局\n二〇二二年一月十四日",
            "积石山县商务局",
            2021,
        ),
        ("一、总体情况\n2021年,我局按照区政府的部署和要求,进一步规范公开内容。", None, 2021),
        ("某某县商务局二〇二一年政府信息公开工作年度报告\n一、总体情况", "某某县商务局", 2021),
        (
            "关于印发《某某市民政局2020年政府信息公开工作年度报告》的通知\n一、总体情况",
            "某某市民政局",
            2020,
        ),
    ],
)
def test_agency_and_year(text, agency, year):
    meta = extract_metadata(text)
    assert (meta.agency, meta.year) == (agency, year)


def test_a_government_page_catalogue_names_agency_and_date():
    page = "索引号：123\n发布机构：某某县商务局\n生成日期：2022-01-20\n2021年政府信息公开工作年度报告\n一、总体情况\n我局…"
    meta = extract_metadata(page)
    assert (meta.agency, meta.year, meta.published) == ("某某县商务局", 2021, dt.date(2022, 1, 20))
    assert extract_metadata("标题：某局2021年政府信息公开工作年度报告\n一、总体情况").title == (
        "某局2021年政府信息公开工作年度报告"
    )


def test_published_is_the_signature_date_in_any_style():
    assert extract_metadata(
        "一、总体情况\n正文\n积石山县商务局\n二〇二二年一月十四日"
    ).published == dt.date(2022, 1, 14)
    assert extract_metadata("一、总体情况\n正文\n某某镇人民政府 2023年1月5日").published == dt.date(
        2023, 1, 5
    )
    assert extract_metadata("一、总体情况\n正文\n某局\n２０２２年２月８日").published == dt.date(
        2022, 2, 8
    )


def test_published_falls_back_to_the_page_date_but_not_an_update_date():
    page = "某局2021年政府信息公开工作年度报告\n更新时间:2024-01-16 发布时间: |\n一、总体情况"
    assert extract_metadata(page).published is None
    assert extract_metadata(
        "某局2021年政府信息公开工作年度报告\n时间: 2022-01-29 09:47"
    ).published == dt.date(2022, 1, 29)
    assert (
        extract_metadata("某局2021年报告\n统计时间：2021年1月1日至2021年12月31日").published is None
    )


def test_region_is_the_area_prefix_and_never_invented():
    assert region_of("城步苗族自治县商务局") == "城步苗族自治县"
    assert region_of("内蒙古自治区市场监督管理局") == "内蒙古自治区"
    assert region_of("河南省平顶山市湛河区商务局") == "河南省平顶山市湛河区"
    assert region_of("县商务局") is None


# Forms seen on real reports never shown to the team (issue #10), one line each.
@pytest.mark.parametrize(
    ("text", "agency", "province"),
    [
        (
            "本报告是由北京市卫生局编制的2008年度政府信息公开年度报告。\n一、概述",
            "北京市卫生局",
            "北京市",
        ),
        (
            "本年度报告汇总2021年度丽水市商务局的政务公开工作开展情况编制而成。\n一、总体情况",
            "丽水市商务局",
            "浙江省",
        ),
        (
            "一、总体情况\n为认真做好京山市卫生健康局政府信息公开工作，根据条例要求……",
            "京山市卫生健康局",
            "湖北省",
        ),
        (
            "一、总体情况\n2023年,在区委、区政府的坚强领导下,官洲街道办事处认真贯彻落实《条例》。",
            "官洲街道办事处",
            "广东省",
        ),
        (
            "一、总体情况\n2022年度,汤原县人民政府办公室政务公开工作在县委领导下……",
            "汤原县人民政府办公室",
            "黑龙江省",
        ),
        (
            "发布时间: 2024-01-22 15:40:00来源:武汉市发展和改革委员会字号:[ 大 中 小 ]\n一、总体情况",
            "武汉市发展和改革委员会",
            "湖北省",
        ),
        (
            "宁强县自然资源局关于2021年度政府信息公开情况的报告\n一、总体情况",
            "宁强县自然资源局",
            "陕西省",
        ),
        (
            "定西市公共资源交易中心2020年政府信息公开工作的年度报告\n一、总体情况",
            "定西市公共资源交易中心",
            "甘肃省",
        ),
        ("道县文广新局2013年度信息公开工作\n年度报告\n一、概述", "道县文广新局", "湖南省"),
        (
            "滨江区公安分局2021年政府信息公开工作年度报告\n一、总体情况\n如对本报告有疑问，请与杭州市公安局滨江区分局联系。",
            "杭州市公安局滨江区分局",
            "浙江省",
        ),
        (
            "镜湖区税务局2021年政府信息公开工作年度报告\n如有疑问请与国家税务总局芜湖市镜湖区税务局联系。",
            "国家税务总局芜湖市镜湖区税务局",
            "安徽省",
        ),
        ("锡盟商务局2021年政府信息公开工作年度报告\n一、总体情况", "锡盟商务局", "内蒙古自治区"),
        ("自然资源部2021年政府信息公开工作年度报告\n一、总体情况", "自然资源部", None),
        ("首页 > 政务公开 > 市公共资源交易中心 > 政府信息公开年报\n一、总体情况\n正文", None, None),
        ("通州区教育委员会2021年政府信息公开工作年度报告\n一、总体情况", "通州区教育委员会", None),
        (
            "通州区教育委员会2021年政府信息公开工作年度报告\n地址：北京市通州区新华大街1号",
            "通州区教育委员会",
            "北京市",
        ),
    ],
)
def test_real_forms_of_who_and_where(text, agency, province):
    meta = extract_metadata(text)
    assert (meta.agency, meta.place.province) == (agency, province)


# r11 held-out pages (tests/realset/reports/r11_*.txt), as the pages write them.
@pytest.mark.parametrize(
    ("text", "agency", "province"),
    [
        # a gov.cn repost: 来源 names the province's website, never an author (r11_037)
        (
            "当前位置: 首页>> 工作动态>> 地方政务\n \n山西省人民政府2009年度信息公开工作年度报告\n"
            "中央政府门户网站 www.gov.cn   2010年04月06日   来源:山西省人民政府网站\n\n前言",
            "山西省人民政府",
            "山西省",
        ),
        # the title names the government; its 办公厅 (chrome, contact) is another body (r11_012)
        (
            "标      题 西藏自治区人民政府 2023年政府信息公开工作年度报告\n"
            "        发布机构 西藏自治区人民政府办公厅 发布日期 2024-03-31 18:46:07\n"
            "        时间: 2024-03-31 18:46:07 来源: 西藏自治区人民政府办公厅\n"
            "        西藏自治区人民政府\n\n        2023年政府信息公开工作年度报告\n"
            "        一、总体情况\n\n        2023年,西藏自治区人民政府坚持以习近平新时代中国特色社会主义思想为指导",
            "西藏自治区人民政府",
            "西藏自治区",
        ),
        # a development zone named in the title stands for its 管委会 (r11_004)
        (
            "当前位置:首页> 政务公开> 最新文件\n\n天津经济技术开发区2022年政府信息公开工作年度报告\n"
            "发布日期: 2023-01-30 10:01      来源: 天津经济技术开发区\n",
            "天津经济技术开发区",
            "天津市",
        ),
        # a zone's 综合办公室 in the contact line: the zone wrote the report (r11_021)
        (
            "结合开发区管委会信息公开工作有关统计数据撰写。如对本报告有任何疑问,请与安徽舒城经济开发区"
            "综合办公室联系(地址:舒城县杭埠镇迎宾大道118号 开发区管委会4/5楼)。\n一、总体情况",
            "安徽舒城经济开发区",
            "安徽省",
        ),
        # 经济技术开发区 alone names no place: which zone is never said (r11_024)
        (
            "信息公开\n\n经济技术开发区经济发展局2021年政府信息公开工作年报\n\n"
            "发布时间:2022-02-20 16:41:00   索引号:    文号:    来源:   \n\n一、总体情况",
            None,
            None,
        ),
        # a body named only 省退役军人事务厅, in full in a document title it issued (r11_031)
        (
            "一、总体公开情况\n2020年,省退役军人事务厅认真贯彻落实《中华人民共和国政府信息公开条例》。\n"
            "(二)依申请公开政府信息情况。在厅门户网站公布了《政府信息公开指南》"
            "《辽宁省退役军人事务厅受理政府信息公开申请说明》,建",
            "辽宁省退役军人事务厅",
            "辽宁省",
        ),
        # 请联系医疗保障局 in the preamble, the full name once in the body (r11_025)
        (
            "在认真总结2021年医疗保障局政府信息公开工作的基础上,编制了此报告。如对本报告有疑问,"
            "请联系医疗保障局,地址:尚志市尚志镇尚志大街142号。\n一、总体情况\n"
            "(一)主动公开。尚志市医疗保障局于市政府门户网站主动公开了办理结果。",
            "尚志市医疗保障局",
            "黑龙江省",
        ),
        # the preamble quotes a title with the year after the words (r11_022)
        (
            "根据《中华人民共和国政府信息公开条例》(以下简称《条例》)和《政府信息公开工作年度报告》编制格式的要求,"
            "现公开来凤经济开发区信息公开2018年度报告。本报告由概述,主动公开政府信息情况组成。\n"
            "一、概述\n2018年,我区按照《条例》的规定和(鄂政办发〔2018〕31号)的要求。",
            "来凤经济开发区",
            "湖北省",
        ),
        # no author named (我街): the district portal it publishes on places it (r11_002)
        (
            "\n一、总体情况\n2022年我街坚持以习近平新时代中国特色社会主义思想为指导。\n"
            "(四)政府信息公开平台建设\n一是依托天津市南开区人民政府网站,及时发布我街工作动态,"
            "并对通过网站渠道的依申请公开进行受理和回复。",
            None,
            "天津市",
        ),
        # a county's fragment is not completed by the city's body named nearby (the superior
        # it follows is of its province, which that name alone settles: r14)
        (
            "一、总体情况\n2020年,县医疗保障局认真贯彻落实《条例》,按照尚志市医疗保障局的要求。",
            None,
            "黑龙江省",
        ),
    ],
)
def test_r11_forms_of_who_and_where(text, agency, province):
    meta = extract_metadata(text)
    assert (meta.agency, meta.place.province) == (agency, province)


def test_a_short_name_two_levels_share_is_settled_by_its_level_word():
    # 甘南 is 甘南藏族自治州 (甘肃) and 甘南县 (黑龙江): 甘南州 is the prefecture (r11_001)
    meta = extract_metadata(
        "政府信息公开年报\n甘南州卫生健康委2025年政府信息公开工作年度报告\n"
        "发布日期:2026-01-15 作者: 来源:党建科\n"
    )
    assert (meta.agency, meta.place.province, meta.place.city) == (
        "甘南州卫生健康委",
        "甘肃省",
        "甘南藏族自治州",
    )


@pytest.mark.parametrize(
    ("text", "published"),
    [
        # a repost's dateline with its clock time (r11_036)
        (
            "山西省2012年政府信息公开工作报告(全文)\n\n2013年04月30日17:01 | 中国发展门户网 "
            "www.chinagate.cn | 给编辑写信 字号:T|T\n\n2012年度山西省政府信息公开年度报告\n",
            dt.date(2013, 4, 30),
        ),
        # the page's timestamp alone on its line under the title (r10_022)
        (
            "国务院侨办2012年度政府信息公开报告\n\n2014年02月13日 15:54\n\n  根据《条例》要求,现公布…",
            dt.date(2014, 2, 13),
        ),
        # a meeting time in prose is no page date
        ("某局2021年政府信息公开工作年度报告\n2022年3月5日9:00召开会议。", None),
    ],
)
def test_a_page_timestamp_with_its_clock_time_is_the_page_date(text, published):
    assert extract_metadata(text).published == published


def test_a_legacy_heading_naming_its_subject_first_is_the_overview():
    # 一、政府信息公开总体工作情况 on a mirror with no title and no year (r11_009)
    report = parse_report(
        "选择特殊符号\n选择搜索类型\n请输入搜索\n一、政府信息公开总体工作情况\n"
        "(一)组织机构建设情况。市政府进一步理顺了政府信息公开工作管理体制。\n"
        "(二)《指南》和《目录》的更新、完善情况。各县(市)区根据实际情况及时做好修订和更新。\n"
    )
    assert "s1_overview" in report.sections
    assert (report.agency, report.year, report.province) == (None, None, None)


def test_a_2021_report_drawn_on_the_trial_template_is_v2_with_its_v1_rows_null():
    # 略阳县 自然资源局, 2021, every table header of the 2019 trial template (r11_016)
    path = Path(__file__).parent / "realset" / "reports" / "r11_016.txt"
    report = parse_report(path.read_text(encoding="utf-8"))
    assert (report.year, report.format) == (2021, "v2_2021")
    # every row of its section 二 has v1 columns (上一年项目数量…): none is put in a v2 cell
    assert all(v is None for k, v in report.fields.items() if k.startswith("pd_"))


def test_a_body_year_written_with_a_space_before_nian_dates_the_report():
    # a provincial 厅's 2019 report with no title, no period and only 2019 年 in the body (r12_004)
    report = parse_report(
        "依据《中华人民共和国政府信息公开条例》第五十条之规定,制作本报告。\n一、总体情况\n"
        "本年度,我厅全面贯彻落实《中华人民共和国政府信息公开条例》,坚持“以公开为常态,不公开为例外”。\n"
        "主动公开全面落实。2019 年,厅门户网站新增信息14129条,其中,工作动态类信息3455条。\n"
    )
    assert report.year == 2019


def test_a_new_area_written_before_its_subdistrict_is_the_fuller_name():
    # 西咸新区 is no 行政区划; the title names the 街道 with it, the body without (r12_010)
    report = parse_report(
        "西咸新区底张街道办事处2023年度政府\n信息公开工作年度报告\n"
        "根据《中华人民共和国政府信息公开条例》的要求,编制《西咸新区底张街道办事处2023年度"
        "政府信息公开工作年度报告》。\n一、总体情况\n"
        "(一)主动公开工作情况。截至2023年12月31日,底张街道共主动公开政府信息140余条。\n"
    )
    assert (report.agency, report.province, report.county) == (
        "西咸新区底张街道办事处",
        "陕西省",
        "渭城区",
    )


@pytest.mark.parametrize(
    ("text", "published"),
    [
        # gov.cn's big5 dateline: clock time in 時分 before 來源 (r12_008)
        (
            "內蒙古自治區2012年政府信息公開工作年度報告\n"
            "中央政府門戶網站 www.gov.cn   2013年03月29日 15時57分   來源:內蒙古自治區政府網站\n"
            "    本報告根據《中華人民共和國政府信息公開條例》要求編制。",
            dt.date(2013, 3, 29),
        ),
        # the same on a spam mirror, 时分 in simplified (r12_009, folded)
        (
            "内蒙古自治区2011年政府信息公开工作年度报告\n"
            "中央政府门户网站 gymcjnpx.com   2012年03月31日 11时11分   来源:内蒙古自治区人民政府网站\n",
            dt.date(2012, 3, 31),
        ),
    ],
)
def test_a_dateline_with_its_clock_time_in_hours_and_minutes_is_the_page_date(text, published):
    assert extract_metadata(text).published == published


def test_an_office_named_in_a_contact_line_is_cut_off_at_its_body_not_inside_a_place():
    # r13_013: 请与南宁市西乡塘区西乡塘街道政务公开工作领导小组办公室联系 — the 乡 of 西乡塘区 is no
    # township, so the office is not cut off after 南宁市西乡
    from govsearch.indexer.parse.agency import without_office

    assert (
        without_office("南宁市西乡塘区西乡塘街道政务公开工作领导小组办公室")
        == "南宁市西乡塘区西乡塘街道"
    )
    assert without_office("西城区发展和改革委员会办公室") == "西城区发展和改革委员会"
    text = (Path(__file__).parent / "realset" / "reports" / "r13_013.txt").read_text(
        encoding="utf-8"
    )
    assert extract_metadata(text).agency != "南宁市西乡"


@pytest.mark.parametrize(
    ("name", "agency", "province"),
    [
        # the formal 办事处 name the text writes (西乡塘区西乡塘街道办事处专栏) over the bare division
        # of the contact line (南宁市西乡塘区西乡塘街道…领导小组办公室)
        ("r13_013", "西乡塘区西乡塘街道办事处", "广西壮族自治区"),
        # the government a 街道 belongs to, written before it (由无锡市锡山区人民政府厚桥街道党政办公室…编制)
        ("r13_015", "无锡市锡山区人民政府厚桥街道", "江苏省"),
        # the places the address writes before the body (地址:曲靖市麒麟区西城街道办事处冯官桥社区)
        ("r13_016", "曲靖市麒麟区西城街道办事处", "云南省"),
        # …and the contact sentence (…/jcrm通化市东昌区金厂镇人民政府 电话…)
        ("r13_041", "通化市东昌区金厂镇人民政府", "吉林省"),
        # a township body the text never writes with a place keeps its formal name
        ("r13_040", "鸭园镇人民政府", "吉林省"),
    ],
)
def test_a_township_body_is_named_as_completely_as_the_text_writes_it(name, agency, province):
    path = Path(__file__).parent / "realset" / "reports" / f"{name}.txt"
    report = parse_report(path.read_text(encoding="utf-8"))
    assert (report.agency, report.province) == (agency, province)


@pytest.mark.parametrize(
    ("name", "province"),
    [
        ("r13_026", "江西省"),  # 我局 only; 地址:南昌市政府大楼南七楼7033室
        (
            "r13_028",
            "江西省",
        ),  # 我局 only; 聯(lián)系地址:興國縣瀲江鎮(zhèn)… (traditional, folded)
        ("r13_003", "浙江省"),  # the place replaced by spam everywhere; phone 0579 (金华)
        ("r4_021", "江西省"),  # 省林业厅 only; address in 南昌 — a provincial body, no city
    ],
)
def test_an_unnamed_body_is_placed_in_the_province_of_its_address_or_phone(name, province):
    path = Path(__file__).parent / "realset" / "reports" / f"{name}.txt"
    report = parse_report(path.read_text(encoding="utf-8"))
    assert report.agency is None
    # only the province: a provincial department's address is in the capital, a city
    # bureau's in one of its districts
    assert (report.province, report.county) == (province, None)
    assert report.city is None


def test_an_unnamed_national_body_is_not_placed_by_its_beijing_address():
    text = (
        "2019年政府信息公开工作年度报告\n"
        "本报告由我部办公厅编制。如对本报告有任何疑问,请与我部办公厅联系"
        "(地址:北京市西城区三里河路9号,电话:010-58933800)。\n一、总体情况\n"
    )
    assert extract_metadata(text).place.province is None


def test_a_unit_with_its_office_name_in_brackets_is_of_the_body_it_names():
    # r5_030: 由嘉善县大云镇人民政府综合信息指挥室(党政综合办公室)负责编制本报告 — the 镇政府 wrote it
    from govsearch.indexer.parse.agency import without_unit

    path = Path(__file__).parent / "realset" / "reports" / "r5_030.txt"
    assert parse_report(path.read_text(encoding="utf-8")).agency == "嘉善县大云镇人民政府"
    # a body that is itself an office keeps its name, alias and all
    assert (
        without_unit("深圳市人民政府口岸办公室(市口岸办)") == "深圳市人民政府口岸办公室(市口岸办)"
    )


@pytest.mark.parametrize(
    ("name", "province", "county"),
    [
        ("r2_002", "四川省", "青川县"),  # 县乡村振兴局以青川县门户网站为主要…
        ("r2_027", "陕西省", "凤县"),  # 全年,利用凤县人民政府网站,对县…
    ],
)
def test_an_unnamed_body_is_placed_by_the_portal_it_uses_or_publishes_on(name, province, county):
    path = Path(__file__).parent / "realset" / "reports" / f"{name}.txt"
    report = parse_report(path.read_text(encoding="utf-8"))
    assert (report.agency, report.province, report.county) == (None, province, county)


REAL = Path(__file__).parent / "realset" / "reports"


def _real(name: str):
    return parse_report((REAL / f"{name}.txt").read_text(encoding="utf-8"))


def test_a_clause_run_on_past_the_name_is_no_name():
    # r14_003: 2020年,利辛县气象局将在安徽省亳州市气象局和县委县政府的领导下… — the first
    # sentence's name stops at 气象局; 将在… and 县委县政府 are the clause, not a longer name
    from govsearch.indexer.parse.agency import clean

    assert clean("利辛县气象局将在安徽省亳州市气象局和县委县政府") is None
    assert _real("r14_003").agency == "利辛县气象局"


def test_the_office_of_a_body_of_any_kind_in_a_contact_line_is_the_body():
    # r14_002: 本年报由重庆海关…编制 … 请与重庆海关办公室联系 — the 海关 wrote it, not its office
    from govsearch.indexer.parse.agency import without_office

    assert _real("r14_002").agency == "重庆海关"
    assert without_office("重庆海关办公室") == "重庆海关"
    assert without_office("国家统计局宁波调查队办公室") == "国家统计局宁波调查队"


def test_a_full_date_does_not_date_the_report_when_the_body_names_its_year():
    # r14_033: no title, no period; 2019年3月26日本年度报告… is when it was written, and
    # 宣城高新区管委会2018年共通过政务信息公开系统公开… the year the figures are of
    report = _real("r14_033")
    assert (report.year, report.format) == (2018, "v0_legacy")


@pytest.mark.parametrize("name", ["r14_001", "r10_030"])
def test_a_heading_run_into_its_paragraph_after_a_space_is_still_a_heading(name):
    # 一(yī)、總體(tǐ)情況 2020年,全國海關深入學習… : the 全国海关 report, refused before as
    # having no title, heading or report vocabulary
    report = _real(name)
    assert (report.agency, report.province, report.year) == ("海關總署", None, 2020)
    assert report.sections["s1_overview"].startswith("2020年")


def test_a_heading_word_opening_a_sentence_without_a_space_stays_a_sentence():
    from govsearch.indexer.parse.report import _run_on_headings

    assert _run_on_headings("一、总体情况良好,全年…") == "一、总体情况良好,全年…"
    assert _run_on_headings("  一、总体情况  2020年,…") == "  一、总体情况\n  2020年,…"


def test_a_short_name_is_completed_by_the_formal_name_it_abbreviates():
    # r14_028: 现公布市发改委2020年度…报告; the formal name only in
    # 《沈阳市发展和改革委员会2020年部门预算(含“三公”经费预算)》
    report = _real("r14_028")
    assert (report.agency, report.province, report.city) == (
        "沈阳市发展和改革委员会",
        "辽宁省",
        "沈阳市",
    )
    from govsearch.indexer.parse.metadata import _completed

    norm = "县人社局认真贯彻…。地址:旺苍县人力资源和社会保障局一楼"
    assert _completed(["县人社局"], norm) == "旺苍县人力资源和社会保障局"
    # two different fuller names give none
    assert _completed(["县人社局"], norm + "。苍溪县人力资源和社会保障局") is None


def test_the_date_line_opening_a_page_is_its_date_when_run_into_the_preamble():
    # r14_033: 2019年3月26日本年度报告根据… (r4_014 has the same date line on a line of its own)
    assert _real("r14_033").published == dt.date(2019, 3, 26)
    assert _real("r4_014").published == dt.date(2018, 3, 18)
    # a date opening a sentence of the body is no page date
    from govsearch.indexer.parse.dates import page_date

    assert page_date("2019年3月26日,我局召开会议…", 2018) is None


def test_a_local_body_saying_benbumen_is_still_placed_by_its_address():
    # r14_039: 非本部门掌握的有0件 is said by every department, not only a national one;
    # the 市地震局 (我局) is placed by 地址:铜陵市长江东路307号 and phone 0562
    from govsearch.indexer.fold import normalize
    from govsearch.indexer.parse.places import unnamed_province

    text = (REAL / "r14_039.txt").read_text(encoding="utf-8")
    assert unnamed_province(normalize(text)).province == "安徽省"


def test_a_government_information_disclosure_division_is_cut_off_whole():
    # r7_008: 请与泰州市人民政府办公室政府信息公开处联系 — the 处 is 政府信息公开处, so the body is
    # never 泰州市人民政府办公室政府 (cut inside 政府信息公开)
    from govsearch.indexer.parse.agency import without_office

    assert without_office("泰州市人民政府办公室政府信息公开处") == "泰州市人民政府办公室"
    assert _real("r7_008").agency == "泰州市人民政府"


@pytest.mark.parametrize(
    ("name", "province"),
    [
        ("r12_005", "湖北省"),  # 我局 only; 《咸宁市人民政府信息公开指南》
        ("r13_014", "广东省"),  # 我局 only; 荔湾区委、区政府和市公安局的正确领导下
        ("r14_032", "天津市"),  # 高新區管委會 only; 天津市人民政府辦公廳、濱海新區…通知
        ("r7_010", "湖北省"),  # 我局 only; the 湖北省人民政府辦公廳 notice it follows
    ],
)
def test_an_unnamed_body_is_placed_in_the_one_province_its_division_names_are_of(name, province):
    report = _real(name)
    assert (report.agency, report.province, report.county) == (None, province, None)


def test_division_names_of_two_provinces_or_too_short_to_read_place_no_unnamed_body():
    from govsearch.indexer.parse.places import unnamed_province

    assert unnamed_province("我局对口支援和县…").province is None  # 和县 inside 对口支援和县
    assert unnamed_province("我局参加香港六宝典活动").province is None
    assert unnamed_province("我局赴咸宁市、乐山市考察").province is None  # 湖北 and 四川
    assert unnamed_province("按照《咸宁市人民政府信息公开指南》,我局…").province == "湖北省"


@pytest.mark.parametrize(
    ("name", "agency", "province"),
    [
        ("r14_039", "铜陵市地震局", "安徽省"),  # 我局; 铜陵市地震局官网 ×2, 新浪微博, 微信公众号
        ("r6_017", "玉林市民政局", "广西壮族自治区"),  # 我局; 玉林市民政局网站 and 公众号
    ],
)
def test_a_body_named_only_in_its_own_channels_is_that_body(name, agency, province):
    report = _real(name)
    assert (report.agency, report.province) == (agency, province)


def test_a_superiors_site_or_a_bare_level_names_no_body():
    from govsearch.indexer.parse.metadata import _own_channel

    # named once: the superior's site a county bureau also publishes on
    assert _own_channel("我局在亳州市气象局网站公开信息。") is None
    # 鹰潭市局 is the city bureau above, no body of its own
    assert _own_channel("我局通过鹰潭市局网站、鹰潭市局微信公众号公开") is None
    # two bodies' channels: none
    assert _own_channel("我局在合肥市地震局官网、铜陵市地震局官网、铜陵市地震局微博") is None
    assert _own_channel("我局在铜陵市地震局官网和铜陵市地震局微博发布") == "铜陵市地震局"


def test_a_period_with_every_number_on_a_line_of_its_own_gives_the_year():
    # r15_029 (a PDF export): 统计期限为\n2011\n年\n1\n月\n1\n日至\n2011\n年\n12\n月… — the
    # 2011 report, read as having no year before
    report = _real("r15_029")
    assert (report.year, report.format) == (2011, "v0_legacy")
    text = "本年度报告中所列数据的统计期限为\n2020\n年\n1\n月\n1\n日至\n2020\n年\n12\n月\n31\n日。"
    assert extract_metadata(text).year == 2020


def test_the_sites_name_over_a_title_naming_its_own_body_is_not_the_author():
    # r15_024: 定海區人民政府 / 2022年區人力社保局政府信息公開工作年度報告 — the district portal's
    # name over the bureau's title; the bureau is named only 區人力社保局 (我局), so no name, but
    # still placed in its province by 《2022年定海區政務公開工作要點》
    report = _real("r15_024")
    assert (report.agency, report.province) == (None, "浙江省")
    body = "\n一、总体情况\n2021年,我局认真贯彻…"
    assert (
        extract_metadata("定海区人民政府\n2022年区人力社保局政府信息公开工作年度报告" + body).agency
        is None
    )
    site = "青川县人民政府\n当前位置:首页\n2021年县商务局政府信息公开工作年度报告"
    assert extract_metadata(site + body).agency is None
    # a title broken over two lines is still joined
    assert (
        extract_metadata("盘锦市商务局\n2021年度政府信息公开工作报告" + body).agency
        == "盘锦市商务局"
    )
    assert extract_metadata("宿州市人民政府2016年\n政府信息公开工作年度报告" + body).agency == (
        "宿州市人民政府"
    )


def test_a_period_left_at_last_year_yields_to_the_title_the_body_speaks_of():
    # r15_040: 编制了2021年政府信息公开年度报告 … 统计期限自2020年1月1日起至2020年12月31日止 (a
    # slip), while the body reports 2021年通过门户网站…, 2021年新收… — the 2021 report
    report = _real("r15_040")
    assert (report.year, report.format) == (2021, "v2_2021")
    # the period still wins over a title's slip the body does not bear out (r2_004: 2022度…)
    assert _real("r2_004").year == 2023


@pytest.mark.parametrize(
    ("name", "province"),
    [
        ("r15_034", "四川省"),  # 我局 only; 中江应急微信公众号, 中江应急抖音号
        ("r15_040", "江苏省"),  # name replaced by spam; “淮安自然资源和规划”微信公众号
        ("r18_012", "四川省"),  # 县文旅局 only; a list: 中江图书馆、文化馆、博物馆微信公众号
    ],
)
def test_an_unnamed_body_is_placed_by_the_place_its_own_channels_are_named_by(name, province):
    report = _real(name)
    assert (report.agency, report.province) == (None, province)
    from govsearch.indexer.parse.places import unnamed_province

    assert unnamed_province("我局通过中江应急微信公众号发布").province == "四川省"
    # another place in the channel's name (平安重庆: 平安 is no 平安县 here), a name that is
    # no place, a place alone: none
    assert unnamed_province("我局“平安重庆”官方微博发布信息").province is None
    assert unnamed_province("我局通过学习强国微信公众号发布").province is None
    # a list's first item opens with the place; a list of no place gives none
    assert (
        unnamed_province("完善栏目设置,中江图书馆、文化馆微信公众号增强搜索").province == "四川省"
    )
    assert unnamed_province("通过人民日报、新华社、学习强国微信公众号").province is None


@pytest.mark.parametrize(
    ("name", "agency"),
    [
        # 现公布肃南裕固族自治县2021年度… ; 通过肃南县人民政府门户网站公开发布
        ("r15_009", "肃南县人民政府"),
        # 来源:內蒙古自治區政府網站 under a title naming only 內蒙古自治區
        ("r12_008", "內蒙古自治區政府"),
    ],
)
def test_a_place_standing_for_its_government_is_named_as_the_text_writes_the_government(
    name, agency
):
    assert _real(name).agency == agency


@pytest.mark.parametrize(
    ("name", "agency"),
    [
        ("r15_014", "乌拉特前旗政府"),  # 我旗 only; 截至2021年12月底,乌拉特前旗政府网站…
        ("r8_001", "丽水市人民政府"),  # 我市 only; 丽水市人民政府门户网站, …办公室…中心
    ],
)
def test_a_division_calling_itself_only_wo_shi_is_its_government_named_in_its_portal(name, agency):
    assert _real(name).agency == agency
    from govsearch.indexer.parse.metadata import _self_government

    site = "2021年,我旗认真贯彻…截至12月底,乌拉特前旗政府网站发布信息"
    assert _self_government(site) == "乌拉特前旗政府"
    # a body of another kind speaking (我局) publishes on the portal; it is not the government
    assert _self_government(site + "。我局…") is None
    # a cited document's issuer is not the author (r6_018)
    assert _self_government("我区制定了《海东市乐都区人民政府办公室关于…》") is None
    # the government of another level (我县 on the city's portal): none
    assert _self_government("我县在丽水市人民政府门户网站公开") is None


def test_a_contact_line_naming_the_bodys_request_desk_names_the_body():
    # r16_010: 请与重庆市渝中区医疗保障局政府信息公开申请受理机构联系 (no title, 我局 elsewhere)
    assert _real("r16_010").agency == "重庆市渝中区医疗保障局"
    text = "一、总体情况\n如对本报告有疑问,请与某某县商务局政务公开受理窗口联系(电话:0000)。\n"
    assert extract_metadata(text.replace("某某县", "旺苍县")).agency == "旺苍县商务局"


def test_a_first_sentence_naming_the_body_with_its_short_name_at_once_names_the_body():
    # r16_013: title 市残联政府信息公开工作年度报告 (placeless, no year); the first sentence
    # 2025年,公主岭市残疾人联合会(以下简称 “市残联”)在市委、市政府的坚强领导下…
    assert _real("r16_013").agency == "公主岭市残疾人联合会"
    assert _real("r16_013").county == "公主岭市"


def test_a_yearless_column_label_over_the_reports_own_title_is_not_the_title():
    # r16_016: 北京市西城区人民政府 / 政府信息公开年报 (the portal and its column) over
    # 西城区金融街街道2025年政府信息公开工作年度报告: the street office wrote it, not the district
    report = _real("r16_016")
    assert report.agency == "北京市西城区人民政府金融街街道办事处"
    assert report.year == 2025
    assert report.county == "西城区"


def test_a_first_section_opening_with_the_bodys_name_and_no_year_names_the_body():
    # r16_037: no title; 一、總體情況 / 國家中醫(yī)藥管理局以習(xí)近平…思想為指導 (traditional, pinyin
    # debris): a national body, no province
    report = _real("r16_037")
    assert report.agency == "國家中醫藥管理局"
    assert report.province is None
    text = "一、总体情况\n积石山县商务局认真贯彻落实《条例》,主动公开信息12条。\n"
    assert extract_metadata(text).agency == "积石山县商务局"
    # a placeless body (市医保局) opening the section is no name
    assert extract_metadata("一、总体情况\n市医保局认真贯彻落实《条例》。\n").agency is None


def test_a_contact_line_keeps_the_second_name_before_the_disclosure_office():
    # r16_038, r16_042: 请联系:中国(福建)自由贸易试验区福州片区管理委员会(福州保税港区管理委员会)
    # 政府信息公开办公室: the committee with its second nameplate, as r10_026 and r2_023
    name = "中国(福建)自由贸易试验区福州片区管理委员会(福州保税港区管理委员会)"
    for real in ("r16_038", "r16_042"):
        assert _real(real).agency == name
    # a government's own office stays the author (请与高平市人民政府办公室信息室联系, r16_034)
    assert _real("r16_034").agency == "高平市人民政府办公室"


def test_an_unnamed_body_is_placed_by_the_branded_portal_it_publishes_on():
    # r16_028 (spam mirror, the body's name replaced by a domain): 本年报的电子版可以在
    # “中国永嘉”县政府门户网站…下载 places it in 永嘉县; the name stays unknown
    report = _real("r16_028")
    assert report.agency is None
    assert (report.province, report.city, report.county) == ("浙江省", "温州市", "永嘉县")


def test_a_name_holding_a_spam_mirrors_words_is_no_name():
    # r16_017: the mirror replaced the place before 区人民政府 with gambling words
    # (新葡京博彩官网区人民政府北京街道办事处); no body is named 官网, so no name rather than that one;
    # 北京街道 (越秀区 or 西岗区) does not make it 北京市
    report = _real("r16_017")
    assert report.agency is None
    assert report.province is None


def test_a_page_date_with_its_clock_time_glued_on_is_the_page_date():
    # r17_005/r17_006 (hebei.gov.cn and its mirror): the line under the title is
    # "2021-03-2918:26", the space between the date and its time lost in the copy
    assert _real("r17_005").published == dt.date(2021, 3, 29)
    assert _real("r17_006").published == dt.date(2020, 3, 27)


def test_a_town_the_gazetteer_also_lists_as_a_xiang_elsewhere_is_not_placed_by_its_name():
    # r17_017 (抚远市, 黑龙江): 海青镇 alone is 青岛's in the gazetteer, which still lists
    # 抚远's 海青乡 under its old level word: nothing else in the text places it
    from govsearch.indexer.parse.places import resolve

    assert resolve("海青镇人民政府").province is None
    assert resolve("梁山县馆驿镇人民政府").province == "山东省"
    assert resolve("兴华乡").province == "黑龙江省"  # r11_020: a 乡 of the text stays


def test_the_first_section_opening_with_its_rule_then_the_body_names_the_body():
    # r17_017: 一、总体情况 / 根据上级要求,海青镇扎实做好…; the formal name written later
    report = _real("r17_017")
    assert report.agency == "海青镇人民政府"
    assert report.province is None


def test_a_bare_year_glued_before_a_title_with_its_own_year_is_not_the_name():
    # r17_027: 2025湖口县大垅乡2025年度政府信息公开工作年度报告 (the contact line's misprint
    # 湖口县大垅集镇 is not the name)
    assert _real("r17_027").agency == "湖口县大垅乡"
    assert _title_year("2023政府信息公开工作年度报告") == 2023


def test_a_preamble_making_public_the_reports_own_title_names_the_body():
    # r18_001: 现向社会公开《沙依巴克区人民政府2022年度政府信息公开工作年度报告》, no title line
    report = _real("r18_001")
    assert report.agency == "沙依巴克区人民政府"
    assert report.province == "新疆维吾尔自治区"
    assert report.year == 2022


def test_a_year_clause_whose_body_has_nothing_to_report_gives_the_fragment_its_full_name():
    # r18_006 (traditional mirror): 2023年縣林業和草原局無12345政務服務便民熱線問題反饋, the
    # full name once in prose (規范云縣林業和草原局信息采編); cited 臨滄市/云南省 bureaus are not it
    report = _real("r18_006")
    assert report.agency == "云縣林業和草原局"
    assert report.province == "云南省"
    # r17_031: 2023年度溪下乡未…, the formal name only in the contact address
    assert _real("r17_031").agency == "浙江省永嘉县溪下乡人民政府"


def _title_year(text: str):
    from govsearch.indexer.parse.metadata import _title_match

    found = _title_match(text)
    return found[1] if found else None


def test_a_page_speaking_of_itself_as_this_report_is_a_report():
    # r19_016: no title, (一)总体情况 headings, 本报告中所列数据的统计期限… (and r10_014,
    # 本报告根据《…条例》…编制而成): 本报告 is the report's own word for itself
    report = _real("r19_016")
    assert report.agency == "海口市龙华区司法局"
    assert report.year == 2021
    assert report.province == "海南省"
    assert _real("r10_014").year == 2020


def test_a_leading_verb_of_making_public_is_no_part_of_a_name():
    # r19_030: 现公开区人民政府办公室2023年…年度报告 is no body named 现公开区…; the report,
    # placeless there, is placed by 硚口区 (unique) and the phone 027
    report = _real("r19_030")
    assert report.agency != "现公开区人民政府办公室"
    assert report.province == "湖北省"
