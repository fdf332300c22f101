"""The words of the wizard's screen, in each language of the site (standard library only, runs in the browser).

One table for every word the reader sees around a tree's own texts in the wizard: the question form, the outcome,
the answers summary and the "why" list (``wizard.core.views`` renders them on both sides), and the few words only
the browser script says (``BROWSER_WORDS``: announcements, the copy-link field, the failure notice), which the
build hands to the page. The site's page wording (``wizard.site.wording``) starts from this table, so that a word
shared by the page and the wizard has one home. Values are plain text with ``{name}`` places; a test checks that
each language has every key. Words are read through ``word`` only, so that moving them into data files is one
change.
"""

from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "continue": "Continue",
        "back": "Back",
        "change": "Change",
        "change_hidden": " your answer to: {question}",
        "restart": "Start again",
        "question_number": "Question {number}",
        "progress_title": "{answered} answered, at most {remaining} to go",
        "problem": "There is a problem",
        "error_prefix": "Error: ",
        "your_answer": "Your answer",
        "your_answer_unit": "Your answer ({unit})",
        "date_parts": "day month year",
        "date_day": "Day",
        "date_month": "Month",
        "date_year": "Year",
        "date_hint": "For example, 27 3 2026",
        "stale_note": ("The link you followed no longer matches the questions of this procedure, so the wizard has "
                       "started again."),
        "print": "Print this result",
        "your_answers_so_far": "Your answers so far",
        "your_answers": "Your answers",
        "your_result": "Your result",
        "why": "Why",
        "reason_answer": "{question} You answered: {answer}.",
        "based_on": "Based on: {links}.",
        "list_semicolon": "; ",
        "full_stop": ".",
        "next_steps": "What to do next",
        "deadlines": "Deadlines",
        "deadline_label": "{label}: ",
        "deadline_left": " ({left})",
        "days_left_many": "{days} days left",
        "days_left_one": "1 day left",
        "days_left_zero": "today is the last day",
        "days_passed_one": "passed yesterday",
        "days_passed_many": "passed {days} days ago",
        "sources": "Legal basis and sources",
        "source_section": ", {section}",
        "printed_from": "Printed from {url} on {date}.",
        "copy_link": "Copy link to this result",
        "add_to_calendar": "Add to calendar",
        "calendar_hidden": ": {label}",
        "all_answers": "All answers",
        "engine_error_default": "This procedure could not be worked out",
        "engine_error_before": " Use ",
        "engine_error_after": " below instead.",
        # Said by the browser script alone (BROWSER_WORDS), handed to it by the page.
        "loading_link": "Loading the result from your link…",
        "answer_kept": "Your answer is kept. The wizard is still starting and will go on by itself in a moment.",
        "link_copied": ("Link copied. Your answers are in the link itself (after the #), which is never sent to "
                        "the server."),
        "link_field": "Link to this result",
        "copy_this_link": "Copy this link: ",
        "failure_before": ("The step-by-step wizard could not start in this browser, but every question and where "
                           "each answer leads is listed under "),
        "failure_after": " below.",
        "failure_kept": " Your answers are kept in this page's address: reload the page to try the wizard again.",
    },
    "zh": {
        "continue": "继续",
        "back": "返回",
        "change": "修改",
        "change_hidden": "你对这个问题的回答：{question}",
        "restart": "重新开始",
        "question_number": "第 {number} 题",
        "progress_title": "已回答 {answered} 题，最多还剩 {remaining} 题",
        "problem": "出现问题",
        "error_prefix": "错误：",
        "your_answer": "你的回答",
        "your_answer_unit": "你的回答（{unit}）",
        "date_parts": "year month day",
        "date_day": "日",
        "date_month": "月",
        "date_year": "年",
        "date_hint": "例如 2026 3 27",
        "stale_note": "你打开的链接已经和这个流程现在的问题对不上，所以分步问答已重新开始。",
        "print": "打印此结果",
        "your_answers_so_far": "你目前的回答",
        "your_answers": "你的回答",
        "your_result": "你的结果",
        "why": "原因",
        "reason_answer": "{question}你的回答：{answer}。",
        "based_on": "依据：{links}。",
        "list_semicolon": "；",
        "full_stop": "。",
        "next_steps": "下一步怎么做",
        "deadlines": "截止日期",
        "deadline_label": "{label}：",
        "deadline_left": "（{left}）",
        "days_left_many": "还剩 {days} 天",
        "days_left_one": "还剩 1 天",
        "days_left_zero": "今天是最后一天",
        "days_passed_one": "昨天已过期",
        "days_passed_many": "已过期 {days} 天",
        "sources": "法律依据和来源",
        "source_section": "，{section}",
        "printed_from": "本页打印自 {url}，打印日期：{date}。",
        "copy_link": "复制此结果的链接",
        "add_to_calendar": "添加到日历",
        "calendar_hidden": "：{label}",
        "all_answers": "全部答案",
        "engine_error_default": "无法得出这个流程的结果",
        "engine_error_before": "请改用下方的",
        "engine_error_after": "。",
        "loading_link": "正在按你的链接载入结果……",
        "answer_kept": "你的回答已保留。分步问答还在启动，稍后会自动继续。",
        "link_copied": "链接已复制。你的回答就在链接里（# 号后面的部分），这部分不会发送到服务器。",
        "link_field": "此结果的链接",
        "copy_this_link": "请复制这个链接：",
        "failure_before": "分步问答无法在这个浏览器中启动。你可以查看下方的",
        "failure_after": "，那里列出了每个问题，以及每个回答会通向哪里。",
        "failure_kept": "你的回答保存在本页地址里：重新载入页面，就能再试一次分步问答。",
    },
}

# The words the browser script says without the engine (it may not have started): the build writes them into
# the wizard's mount point (``data-wizard-words``), so the script holds no table of its own.
BROWSER_WORDS = ("loading_link", "answer_kept", "link_copied", "link_field", "copy_this_link", "failure_before",
                 "failure_after", "failure_kept", "all_answers")


def word(language: str, key: str, **values: object) -> str:
    """The word ``key`` in ``language`` (English when the language is unknown), as plain text filled with ``values``."""
    return WORDS.get(language, WORDS["en"])[key].format(**values)


def browser_words(language: str) -> dict[str, str]:
    """The words the browser script says by itself, in ``language`` (``BROWSER_WORDS``)."""
    return {key: word(language, key) for key in BROWSER_WORDS}
