"""Dates of a report (spec §2): digits or Chinese numerals, and which of a page's dates is
its own publication date.

A page shows several dates: its own 发布 date, a 成文 or 生成 date, an 更新时间, a 统计时间, a
re-post date. The page's date is the 发布 one, else an unlabelled one (ISO-written at the page
head, or just before 来源), else 成文/生成; never 更新/统计, and never a date inside the year
reported on (a report is published after its year).
"""

from __future__ import annotations

import datetime as dt
import re

from .agency import HAN
from .numbering import cn_number

DATE = re.compile(
    r"(?P<y>(?:19|20)\d\d|[〇○零一二三四五六七八九O0]{4})\s*[年\-./]\s*(?P<m>\d{1,2}|[一二三四五六七八九十]{1,2})\s*[月\-./]\s*"
    r"(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})\s*日?"
)
# A web page's own date ("发布日期：2017-02-23", "发布时间: 2024-01-22 15:40:00"), with its label.
META_DATE = re.compile(
    rf"(?<![{HAN}])(?P<label>发布|成文|印发|公开|发文|生成|更新|统计|修改|访问)?(?:日期|时间)\s*(?:[:：]|\s)[\s|]*(?P<date>[\d\-./年月日 ]{{8,20}})"
)
NOT_PUBLISHED = re.compile(r"(?:更新|统计|修改|访问)(?:日期|时间)\s*[:：]?\s*$")
# An unlabelled page date: ISO-written at the head of the page (prose writes 年月日), any
# date written just before the page's 来源, or one stamped with its clock time and closing its
# field (a repost's dateline "2013年04月30日17:01 | 中国发展门户网": prose gives no minutes).
# The clock time as 17:01 or, on gov.cn datelines, 15时57分 (15時57分 on its big5 mirror).
CLOCK = r"\d{1,2}(?::\d\d(?::\d\d)?|[时時]\d{1,2}分)"
PAGE_DATE = re.compile(
    r"(?<![\d\-])(?P<date>(?:19|20)\d\d-\d{1,2}-\d{1,2})(?![\d\-])|"
    # the same with its clock time glued on, the space between lost in the copy
    # (r17_005 "2021-03-2918:26" under the title): a two-digit day, then hh:mm
    r"(?<![\d\-])(?P<glued>(?:19|20)\d\d-\d\d-\d\d)(?=[0-2]\d:[0-5]\d(?!\d))|"
    rf"(?P<dated>(?:19|20)\d\d年\d{{1,2}}月\d{{1,2}}日)\s*(?:{CLOCK})?\s*(?:来源|信息来源|來源)|"
    rf"(?P<timed>(?:19|20)\d\d年\d{{1,2}}月\d{{1,2}}日)\s*{CLOCK}(?=\s*(?:[|｜]|$))|"
    # the date line opening the page, its line break lost before the preamble
    # (r14_033 "2019年3月26日本年度报告根据…", as r4_014 writes it on a line of its own)
    r"\A\s*(?P<lead>(?:19|20)\d\d年\d{1,2}月\d{1,2}日)(?=本年度报告|本报告|本年报)",
    re.M,
)


def parse_date(text: str) -> dt.date | None:
    m = DATE.search(text)
    if not m:
        return None
    try:
        return dt.date(cn_number(m["y"]), cn_number(m["m"]), cn_number(m["d"]))
    except (TypeError, ValueError):  # not a number, or not a day of the calendar
        return None


def is_date_line(line: str) -> bool:
    return bool(DATE.fullmatch(line.strip().strip("()（）")))


def after_year(date: dt.date | None, year: int | None) -> dt.date | None:
    """A publication date is never inside (or before) the year reported on."""
    return date if date and (year is None or date.year > year) else None


def page_date(norm: str, year: int | None) -> dt.date | None:
    """The page's own date from its head (chrome), preferring 发布 over the others."""
    dates: dict[str, dt.date] = {}
    for m in META_DATE.finditer(norm[:3000]):
        label = m["label"] or ""
        if label in ("更新", "统计", "修改", "访问"):
            continue
        date = after_year(parse_date(m["date"]), year)
        if date:
            dates.setdefault(label, date)
    for m in PAGE_DATE.finditer(norm[:1500]):
        if NOT_PUBLISHED.search(norm[max(0, m.start() - 8) : m.start()]):
            continue
        if date := after_year(
            parse_date(m["date"] or m["glued"] or m["dated"] or m["timed"] or m["lead"]), year
        ):
            dates.setdefault("page", date)
    for label in ("发布", "", "公开", "印发", "发文", "page", "生成", "成文"):
        if label in dates:
            return dates[label]
    return None
