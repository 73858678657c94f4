"""Section 五 split into problems and improvement measures, in each form spec §6 names."""

import pytest

from govsearch.indexer.parse.measures import split_problems_measures


@pytest.mark.parametrize(
    ("section", "problems", "measures"),
    [
        (  # sub-headings, numbered items
            "（一）存在的主要问题\n1.公开不及时。\n2.形式单一。\n（二）改进措施\n1.加强培训。\n2.完善制度。",
            ["公开不及时", "形式单一"],
            ["加强培训", "完善制度"],
        ),
        (  # one paragraph, 一是…二是…, turn phrase 改进措施：
            "主要体现在：一是意识不强；二是机制不全。改进措施：一是加强领导；二是完善机制；三是加强培训。",
            ["意识不强", "机制不全"],
            ["加强领导", "完善机制", "加强培训"],
        ),
        (  # turn word 下一步, no list after it: one measure
            "主要表现在：一是时效性不强；二是内容不全。下一步，我局将加强公开工作，确保再上台阶。",
            ["时效性不强", "内容不全"],
            ["我局将加强公开工作，确保再上台阶"],
        ),
        (  # （一）（二） items after a turn heading, the explanation kept with its headline
            "（一）工作中存在的主要问题和困难\n信息更新不够及时。\n（二）具体解决办法和改进措施\n"
            "（一）加强学习。组织业务培训。\n（二）完善制度。健全审核机制。",
            ["信息更新不够及时"],
            ["加强学习。组织业务培训", "完善制度。健全审核机制"],
        ),
        (  # a legacy list with no turn and no problem words: measures
            "1、加强学习。不断提高认识。\n2、严格按照条例公开信息。",
            [],
            ["加强学习。不断提高认识", "严格按照条例公开信息"],
        ),
        (  # a year-ahead sentence is a turn too
            "信息公开不够及时，公开形式单一。2022年，我局将进一步加强培训，完善制度。",
            ["信息公开不够及时，公开形式单一"],
            ["进一步加强培训，完善制度"],
        ),
        ("", [], []),
    ],
)
def test_split(section, problems, measures):
    assert split_problems_measures(section) == (problems, measures)


def test_a_word_containing_一是_does_not_start_a_list():
    problems, measures = split_problems_measures(
        "改进措施：统一是前提，一是加强领导；二是完善机制。"
    )
    assert measures == ["加强领导", "完善机制"]
