"""What the engine says to readers, in each language of the site (standard library only, runs in the browser).

Messages follow the GOV.UK pattern for errors: say what to do, not what went wrong. Each language has every key:
a test checks it.
"""

from __future__ import annotations

import datetime

MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "select_option": "Select one of the answers.",
        "select_yes_no": "Select yes or no.",
        "no_answer_here": "This step does not take an answer.",
        "enter_number": "Enter a number.",
        "number_digits": "Enter a number using digits, like 12{unit}.",
        "number_whole": "Enter a whole number, like 12.",
        "number_min": "Enter a number of at least {low}{unit}.",
        "number_max": "Enter a number no larger than {high}{unit}.",
        "enter_date": "Enter a date.",
        "date_format": "Enter the date as year-month-day, like 2026-11-22.",
        "date_real": "Enter a real date, like 2026-11-22.",
        "date_min": "Enter a date on or after {low}.",
        "date_future": "The date cannot be in the future.",
        "date_max": "Enter a date on or before {high}.",
        "bad_today": "The date of today could not be read.",
        "bad_answers": "The answers could not be read. Start again.",
        "bad_tree": "This procedure could not be read. Reload the page.",
        "old_format": "This procedure was built for another version of the wizard. Reload the page.",
        "missing_step": "The procedure refers to a missing step ({node}).",
        "rule_failed": "A rule of this procedure could not be worked out: {detail}",
        "outcome_failed": "A date or condition of this result could not be worked out: {detail}",
        "unknown_kind": "The procedure has a step of an unknown kind ({kind}).",
        "loop": "The procedure goes round in a loop.",
        "yes": "Yes",
        "no": "No",
    },
    "zh": {
        "select_option": "请选择一个答案。",
        "select_yes_no": "请选择“是”或“否”。",
        "no_answer_here": "这一步不需要回答。",
        "enter_number": "请输入一个数字。",
        "number_digits": "请用阿拉伯数字输入，例如 12{unit}。",
        "number_whole": "请输入整数，例如 12。",
        "number_min": "请输入不小于 {low}{unit} 的数字。",
        "number_max": "请输入不大于 {high}{unit} 的数字。",
        "enter_date": "请输入日期。",
        "date_format": "请按“年-月-日”输入日期，例如 2026-11-22。",
        "date_real": "请输入真实存在的日期，例如 2026-11-22。",
        "date_min": "请输入 {low} 或之后的日期。",
        "date_future": "日期不能晚于今天。",
        "date_max": "请输入 {high} 或之前的日期。",
        "bad_today": "无法读取今天的日期。",
        "bad_answers": "无法读取这些回答。请重新开始。",
        "bad_tree": "无法读取此流程。请刷新页面。",
        "old_format": "此流程是为另一版本的向导生成的，请刷新页面。",
        "missing_step": "此流程引用了一个不存在的步骤（{node}）。",
        "rule_failed": "无法计算此流程的一条规则：{detail}",
        "outcome_failed": "无法计算此结果的日期或条件：{detail}",
        "unknown_kind": "此流程包含未知类型的步骤（{kind}）。",
        "loop": "此流程出现了循环。",
        "yes": "是",
        "no": "否",
    },
}

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def language_of(tree: object) -> str:
    """The language of a compiled tree (``en`` unless a translation set another one we know)."""
    language = tree.get("language") if isinstance(tree, dict) else None
    return language if isinstance(language, str) and language in MESSAGES else "en"


def message(language: str, key: str, **values: object) -> str:
    """The message ``key`` in ``language`` (English when the language is unknown), filled with ``values``."""
    table = MESSAGES.get(language, MESSAGES["en"])
    return table[key].format(**values)


def format_date(value: datetime.date, language: str = "en") -> str:
    """A date as readers write it: ``25 November 2026``, ``2026年11月25日``."""
    if language == "zh":
        return f"{value.year}年{value.month}月{value.day}日"
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"
