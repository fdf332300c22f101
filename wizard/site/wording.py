"""The words the generated pages add around a tree's own texts, in each language of the site.

A tree's texts come translated from its ``<slug>.<language>.yaml`` file (``wizard.translation``); the page's
own headings, labels and connecting phrases come from here. Each language has every key (a test checks it),
and the page of a compiled tree speaks the tree's language (``tree["language"]``, English by default). The
words the page shares with the wizard's screen (labels, headings) live in ``wizard.core.words`` and are added here.
Values are HTML: the few that hold markup (the disclaimer, the no-script note) are written here, never
built from tree text.
"""

from __future__ import annotations

import datetime
from typing import Any

from wizard.core.messages import format_date, language_of
from wizard.core.words import WORDS

_PAGE_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "disclaimer": (
            "<strong>General information, not legal advice.</strong> This page explains how the procedure "
            "usually works. It cannot know every detail of your case; when in doubt, ask the authority or "
            "platform that handles your complaint, or a lawyer."
        ),
        "who_for": "Who it is for",
        "keywords": "Also searched as",
        "last_reviewed": "Last reviewed",
        "audience_consumers": "Consumers: people who bought something and complained, or want to",
        "audience_sellers": "Sellers: people who run a Taobao or Tmall store",
        "all_answers_lead": (
            "Every question and every possible outcome, with links from each answer to where it leads. "
            "Start with the first question and follow the links."
        ),
        "flowchart": "Flowchart",
        "flowchart_lead": (
            'The whole procedure at a glance. The wording is shortened; the full text is in '
            '<a href="#all-answers">All answers</a>.'
        ),
        "flowchart_title": "Flowchart of {title}",
        "flowchart_description": (
            "Every question and outcome of the procedure; the same steps are listed in full under All answers."
        ),
        "kind_law": "Law or regulation",
        "kind_platform_rule": "Platform rule",
        "kind_platform_practice": "How the platform works in practice",
        "kind_guidance": "Official guidance",
        "read_source": "Read the source",
        "relied_on_by": "Relied on by: {links}",
        "choose": "Choose your answer:",
        "number_at_least": "at least {value}",
        "number_at_most": "at most {value}",
        "number_whole": "a whole number",
        "number_answer": "Answer with a number{unit}{limits}.",
        "number_unit": " ({unit})",
        "limits_lead": ": ",
        "list_comma": ", ",
        "date_not_before": "not before {value}",
        "date_not_after": "not after {value}",
        "today": "today",
        "date_answer": "Answer with a date{bounds}.",
        "bounds_lead": ", ",
        "bounds_and": " and ",
        "then": "Then: {link}",
        "if_words": "If {words}:",
        "if_rule": "If: {rule}",
        "otherwise": "Otherwise:",
        "otherwise_edge": "Otherwise",
        "nothing_to_answer": "Nothing to answer here: the next step depends on your earlier answers.",
        "only_some_cases": "Only in some cases: the wizard shows it when it applies to you.",
        "only_if": "Only if {words}.",
        "worked_out_date": "a date the wizard works out from your answers",
        "once_passed": "Once this date has passed:",
        "deadline_line": "{label}: {when}.",
        "start_again": "Start again from the first question",
        "kind_outcome": "Outcome",
        "kind_question": "Question",
        "kind_rule": "Rule",
        "route_title": "Next step, depending on your answers",
        "flow_list": "The flowchart as a list",
        "flow_leads": ": ",
        "start_here": "Start here",
        "answer_in_all_answers": "Answer this question under {link} below.",
        "noscript": (
            "The step-by-step wizard needs JavaScript. Every question and answer is also listed under "
            '<a href="#all-answers">All answers</a> below.'
        ),
        # The page `make dev` shows in place of a procedure whose tree has errors (wizard/site/problems.py).
        "problems_title": "This procedure has errors",
        "problems_lead": (
            "The preview shows this page until the tree file is fixed; the published site is never built "
            "with errors. Save the file after fixing and this page reloads."
        ),
        "problems_fix": "How to fix it:",
    },
    "zh": {
        "disclaimer": (
            "<strong>一般性信息，不是法律意见。</strong>本页说明这一程序通常怎样进行，"
            "但无法了解你案件的每一个细节。拿不准时，请咨询处理你投诉的部门或平台，或者咨询律师。"
        ),
        "who_for": "适用对象",
        "keywords": "也可以搜索",
        "last_reviewed": "最近审核",
        "audience_consumers": "消费者：买了东西并已投诉或打算投诉的人",
        "audience_sellers": "商家：经营淘宝或天猫店铺的人",
        "all_answers_lead": (
            "这里列出每一个问题和每一种可能的结果，每个答案都链接到它的下一步。请从第一个问题开始，顺着链接往下看。"
        ),
        "flowchart": "流程图",
        "flowchart_lead": '整个程序一览。图中文字有删减，完整内容见<a href="#all-answers">全部答案</a>。',
        "flowchart_title": "{title}的流程图",
        "flowchart_description": "程序的每一个问题和结果；同样的步骤在“全部答案”中有完整列出。",
        "kind_law": "法律法规",
        "kind_platform_rule": "平台规则",
        "kind_platform_practice": "平台的实际做法",
        "kind_guidance": "官方指引",
        "read_source": "阅读原文",
        "relied_on_by": "引用此来源的结果：{links}",
        "choose": "请选择你的答案：",
        "number_at_least": "不小于 {value}",
        "number_at_most": "不大于 {value}",
        "number_whole": "整数",
        "number_answer": "请填写一个数字{unit}{limits}。",
        "number_unit": "（{unit}）",
        "limits_lead": "：",
        "list_comma": "，",
        "date_not_before": "不早于{value}",
        "date_not_after": "不晚于{value}",
        "today": "今天",
        "date_answer": "请填写一个日期{bounds}。",
        "bounds_lead": "，",
        "bounds_and": "且",
        "then": "然后：{link}",
        "if_words": "如果{words}：",
        "if_rule": "如果：{rule}",
        "otherwise": "否则：",
        "otherwise_edge": "否则",
        "nothing_to_answer": "这一步不需要回答：下一步取决于你前面的回答。",
        "only_some_cases": "只在部分情况下适用：适用于你时，分步问答会显示。",
        "only_if": "仅当{words}时适用。",
        "worked_out_date": "分步问答根据你的回答算出的日期",
        "once_passed": "如果这个日期已经过了：",
        "deadline_line": "{label}：{when}。",
        "start_again": "从第一个问题重新开始",
        "kind_outcome": "结果",
        "kind_question": "问题",
        "kind_rule": "规则",
        "route_title": "下一步，取决于你的回答",
        "flow_list": "以列表形式查看流程图",
        "flow_leads": "：",
        "start_here": "从这里开始",
        "answer_in_all_answers": "请在下方的{link}中回答这个问题。",
        "noscript": '分步问答需要 JavaScript。每个问题和答案也都列在下方的<a href="#all-answers">全部答案</a>中。',
        "problems_title": "这个程序有错误",
        "problems_lead": (
            "在树文件改好之前，预览显示这一页；正式网站在有错误时不会生成。改好并保存文件后，这一页会自动重新载入。"
        ),
        "problems_fix": "修改方法：",
    },
}


# Words the page says as the wizard does (headings of a result, the Continue button's room): their one home is
# the wizard's table (``wizard.core.words``).
SHARED_WITH_WIZARD = ("all_answers", "continue", "next_steps", "deadlines", "sources", "based_on")
WORDING: dict[str, dict[str, str]] = {
    language: {**{key: WORDS[language][key] for key in SHARED_WITH_WIZARD}, **page_words}
    for language, page_words in _PAGE_WORDS.items()
}


def wording(tree: Any) -> dict[str, str]:
    """The page words in the language of a compiled tree (English for a tree without a known language)."""
    return WORDING.get(language_of(tree), WORDING["en"])


def say(tree: Any, key: str, **values: object) -> str:
    """One page phrase in the tree's language, filled with ``values`` (already escaped by the caller)."""
    return wording(tree)[key].format(**values)


def readable_date_in(tree: Any, iso: str) -> str:
    """An ISO date as readers of the tree's language write it; anything that is not a date, as it is."""
    try:
        day = datetime.date.fromisoformat(iso)
    except ValueError:
        return iso
    return format_date(day, language_of(tree))
