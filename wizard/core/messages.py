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
        "number_comma": "Write the number without commas, like 1500 or 1.5.",
        "number_whole": "Enter a whole number, like 12.",
        "number_min": "Enter a number of at least {low}{unit}.",
        "number_max": "Enter a number no larger than {high}{unit}.",
        "enter_date": "Enter a date.",
        "date_format": "Enter the date as year-month-day, like 2026-11-22.",
        "date_missing": "The date must include {part}.",
        "part_day": "a day",
        "part_month": "a month",
        "part_year": "a year",
        "date_digits": "Enter the day, month and year in digits, like 22 11 2026.",
        "date_year": "Enter the year with four digits, like 2026.",
        "date_month": "Enter a month from 1 to 12.",
        "date_real": "{date} does not exist. Check the day and the month.",
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
        "days_one": "{count} day",
        "days_many": "{count} days",
        "fact_since": "{count} since {start}",
        "fact_between": "{count} from {start} to {end}",
        "yes": "Yes",
        "no": "No",
    },
    "zh": {
        "select_option": "请选择一个答案。",
        "select_yes_no": "请选择“是”或“否”。",
        "no_answer_here": "这一步不需要回答。",
        "enter_number": "请输入一个数字。",
        "number_digits": "请用阿拉伯数字输入，例如 12{unit}。",
        "number_comma": "数字中请不要用逗号，例如写成 1500 或 1.5。",
        "number_whole": "请输入整数，例如 12。",
        "number_min": "请输入不小于 {low}{unit} 的数字。",
        "number_max": "请输入不大于 {high}{unit} 的数字。",
        "enter_date": "请输入日期。",
        "date_format": "请按“年-月-日”输入日期，例如 2026-11-22。",
        "date_missing": "日期必须包含{part}。",
        "part_day": "“日”",
        "part_month": "“月”",
        "part_year": "“年”",
        "date_digits": "请用阿拉伯数字填写年、月、日，例如 2026 11 22。",
        "date_year": "请用四位数字填写年份，例如 2026。",
        "date_month": "请填写 1 到 12 之间的月份。",
        "date_real": "{date}并不存在。请检查日和月。",
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
        "days_one": "{count} 天",
        "days_many": "{count} 天",
        "fact_since": "自{start}起已过 {count}",
        "fact_between": "从{start}到{end}共 {count}",
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
    return format_parts(value.year, value.month, value.day, language)


def format_parts(year: int, month: int, day: int, language: str = "en") -> str:
    """Year, month (1 to 12) and day as readers write a date, even one that does not exist (31 February)."""
    if language == "zh":
        return f"{year}年{month}月{day}日"
    return f"{day} {_MONTHS[month - 1]} {year}"
