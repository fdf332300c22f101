"""Plural categories by CLDR rules, as a language's vocabulary writes them (standard library only).

A vocabulary names, for each category a language has besides ``other``, the rule that selects it, in CLDR's
syntax (https://unicode.org/reports/tr35/tr35-numbers.html#Language_Plural_Rules): English says
``one = "i = 1 and v = 0"``, Chinese says nothing (every number is ``other``). So a language with other forms
(``few``, ``many``...) is added as data, without code. The subset read here covers the rules of CLDR's
integer and decimal forms: the operands ``n i v w f t``, ``%``, ``=`` and ``!=`` with values and ranges
(``2..4``) separated by commas, ``and`` binding tighter than ``or``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

CATEGORIES = ("zero", "one", "two", "few", "many", "other")

_RELATION = re.compile(r"^([nivwft])(?:\s*%\s*(\d+))?\s*(!=|=)\s*([\d.,\s]+)$")


class PluralRuleError(ValueError):
    """A plural rule that is not CLDR syntax this module reads."""


def _operands(number: float | int | str) -> dict[str, Decimal]:
    """CLDR's operands of a number as it is written (``1.50`` has two visible fraction digits)."""
    text = str(number).strip().lstrip("-")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise PluralRuleError(f"{number} is not a number") from None
    if not value.is_finite():
        raise PluralRuleError(f"{number} is not a finite number")
    text = format(value, "f") if "e" in text.lower() else text
    fraction = text.partition(".")[2]
    stripped = fraction.rstrip("0")
    return {"n": abs(value), "i": Decimal(int(abs(value))), "v": Decimal(len(fraction)), "w": Decimal(len(stripped)),
            "f": Decimal(int(fraction or "0")), "t": Decimal(int(stripped or "0"))}


def _matches(relation: str, operands: Mapping[str, Decimal]) -> bool:
    found = _RELATION.match(relation.strip())
    if found is None:
        raise PluralRuleError(f"cannot read the plural rule part {relation.strip()!r}")
    name, modulo, operator, values = found.groups()
    operand = operands[name] % int(modulo) if modulo else operands[name]
    inside = False
    for item in values.split(","):
        low, _, high = item.strip().partition("..")
        if not low or not low.isdigit() or (high and not high.isdigit()):
            raise PluralRuleError(f"cannot read the plural rule values {values.strip()!r}")
        inside = inside or (Decimal(low) <= operand <= Decimal(high) and operand == int(operand) if high
                            else operand == Decimal(low))
    return inside if operator == "=" else not inside


def rule_holds(rule: str, number: float | int | str) -> bool:
    """Whether ``number`` satisfies one CLDR rule such as ``i = 1 and v = 0``."""
    operands = _operands(number)
    return any(all(_matches(part, operands) for part in alternative.split(" and "))
               for alternative in rule.split(" or "))


def check_rule(rule: str) -> None:
    """Raise ``PluralRuleError`` unless ``rule`` is CLDR syntax this module reads."""
    operands = _operands(0)
    for alternative in rule.split(" or "):
        for part in alternative.split(" and "):
            _matches(part, operands)


def category(rules: Mapping[str, str], number: float | int | str) -> str:
    """The plural category of ``number`` under a language's ``rules`` (category -> rule); ``other`` if none holds."""
    for name in CATEGORIES:
        rule = rules.get(name)
        if rule is not None and rule_holds(rule, number):
            return name
    return "other"
