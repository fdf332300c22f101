"""The small, safe formula language of conditions and deadlines.

A formula is tokenised and parsed by hand into a tiny tree of dataclasses, type-checked against the questions
of a tree, and evaluated by walking that tree. Nothing is ever passed to Python's ``eval``: a formula can only
compare, combine and compute with answers, ``today``, literals and the functions in ``wizard.core.functions``.

Grammar (lowest binding first)::

    formula    := or
    or         := and ("or" and)*
    and        := not ("and" not)*
    not        := "not" not | comparison
    comparison := sum (("==" | "!=" | "<" | "<=" | ">" | ">=") sum | "not"? "in" (list | sum))?
    sum        := product (("+" | "-") product)*
    product    := unary (("*" | "/") unary)*
    unary      := "-" unary | primary
    primary    := NUMBER | STRING | "true" | "false" | NAME | NAME "(" args ")" | "(" formula ")"
    list       := "[" (sum ("," sum)*)? "]"

Standard library only: this file runs in the reader's browser too.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from wizard.core import functions


def _close_matches(word: str, candidates: list[str] | tuple[str, ...], n: int = 1) -> list[str]:
    """difflib's close matches, imported only when a suggestion is wanted.

    difflib takes tens of milliseconds to import under Pyodide, and the browser only evaluates checked
    formulas, where no suggestion is ever needed; the checker and the command line pay for it when they ask.
    """
    import difflib

    return difflib.get_close_matches(word, candidates, n=n)

TYPE_NUMBER = functions.NUMBER
TYPE_DATE = functions.DATE
TYPE_TEXT = functions.TEXT
TYPE_BOOL = functions.BOOL
TYPE_LIST = "list"
TYPE_SET = functions.SET  # the options ticked in a checkbox question

MAX_LENGTH = 1000
MAX_DEPTH = 32
# Evaluation recurses once per level; this keeps it far below Python's (and Pyodide's) recursion limit.
MAX_TREE_DEPTH = 100
MAX_DIGITS = 15

KEYWORDS = {"and", "or", "not", "in", "true", "false"}
COMPARISONS = ("==", "!=", "<=", ">=", "<", ">")


class ExprError(ValueError):
    """A formula that is not in the language, or does not fit its questions; ``offset`` points into the text.

    ``replacement``, when the fix is evident, is the text to put in place of the ``length`` characters at
    ``offset`` (the answer a misspelt name probably meant, an option's key for its label...): the checker
    applies it and shows the whole corrected formula.
    """

    def __init__(self, message: str, offset: int = 0, length: int = 1, replacement: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset
        self.length = length
        self.replacement = replacement


class EvalError(ValueError):
    """A formula that is well formed but cannot be worked out for these answers (a missing answer, 1/0...)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class VarInfo:
    """What the checker knows of an answer: its type and, for a choice, its option keys (and their labels, in
    the same order, to recognise a label written where the key belongs)."""

    type: str
    options: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()


# The syntax tree ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Expr:
    """A node of a parsed formula; ``offset`` and ``length`` locate it in the source text."""

    offset: int
    length: int


@dataclass(frozen=True)
class Literal(Expr):
    """A number, a quoted text or true/false."""

    value: object


@dataclass(frozen=True)
class Name(Expr):
    """An answer by its question id, or ``today``."""

    name: str


@dataclass(frozen=True)
class Negate(Expr):
    """``-x``."""

    operand: Expr


@dataclass(frozen=True)
class Not(Expr):
    """``not x``."""

    operand: Expr


@dataclass(frozen=True)
class Binary(Expr):
    """Arithmetic, a comparison, ``and`` or ``or``: ``left op right``."""

    op: str
    left: Expr
    right: Expr


@dataclass(frozen=True)
class Member(Expr):
    """``item in [a, b]`` (or ``not in``)."""

    item: Expr
    choices: tuple[Expr, ...]
    negated: bool = False


@dataclass(frozen=True)
class Within(Expr):
    """``'dated' in details`` (or ``not in``): whether an option is among those ticked in a checkbox question."""

    item: Expr
    ticked: Expr
    negated: bool = False


@dataclass(frozen=True)
class Call(Expr):
    """``name(arg, ...)`` for a function of ``wizard.core.functions``."""

    name: str
    args: tuple[Expr, ...] = field(default=())


# Tokens -------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Token:
    """One token: ``kind`` is number, string, name, op or end."""

    kind: str
    text: str
    offset: int
    value: object = None


_SINGLE_OPS = set("+-*/()[],<>")
_MISTAKES = {
    "=": "use `==` to compare, not `=`",
    "&": "write `and` instead of `&` or `&&`",
    "|": "write `or` instead of `|` or `||`",
    "!": "write `not` or `!=` instead of `!`",
    ".": "dots are not part of formulas; refer to an answer by its question id",
    "%": "`%` is not part of formulas",
    "{": "braces are not part of formulas",
    "}": "braces are not part of formulas",
    ":": "colons are not part of formulas",
    ";": "semicolons are not part of formulas",
}


def tokenize(source: str) -> list[Token]:
    """Split a formula into tokens, or raise ``ExprError`` at the first character that does not belong."""
    tokens: list[Token] = []
    i = 0
    length = len(source)
    while i < length:
        ch = source[i]
        if ch in " \t\r\n":
            i += 1
            continue
        if (ch.isascii() and ch.isdigit()) or (ch == "." and i + 1 < length and source[i + 1].isdigit()):
            start = i
            while i < length and source[i].isascii() and source[i].isdigit():
                i += 1
            if i < length and source[i] == ".":
                i += 1
                while i < length and source[i].isascii() and source[i].isdigit():
                    i += 1
            text = source[start:i]
            if i < length and (source[i].isalpha() or source[i] == "_"):
                raise ExprError(f"`{text}{source[i]}` is not a number or a name", start, i - start + 1)
            if sum(c.isdigit() for c in text) > MAX_DIGITS:
                raise ExprError(f"numbers can have at most {MAX_DIGITS} digits", start, i - start)
            value: object = float(text) if "." in text else int(text)
            tokens.append(Token("number", text, start, value))
            continue
        if ch in "'\"":
            end = source.find(ch, i + 1)
            if end < 0:
                raise ExprError(f"this text has no closing {ch}", i, length - i)
            tokens.append(Token("string", source[i:end + 1], i, source[i + 1:end]))
            i = end + 1
            continue
        if ch.isalpha() or ch == "_":
            start = i
            while i < length and (source[i].isalnum() or source[i] == "_"):
                i += 1
            text = source[start:i]
            if not text.isascii():
                raise ExprError(f"`{text}` is not a name: use letters a-z, digits and _", start, i - start)
            tokens.append(Token("name", text, start))
            continue
        two = source[i:i + 2]
        if two in ("==", "!=", "<=", ">="):
            tokens.append(Token("op", two, i))
            i += 2
            continue
        if two == "**":
            raise ExprError("`**` (powers) is not part of formulas", i, 2)
        if ch in _SINGLE_OPS:
            tokens.append(Token("op", ch, i))
            i += 1
            continue
        hint = _MISTAKES.get(ch, f"`{ch}` is not part of formulas")
        raise ExprError(hint, i, 1)
    tokens.append(Token("end", "", length))
    return tokens


# Parser -------------------------------------------------------------------------------------------------------


class _Parser:
    def __init__(self, source: str) -> None:
        self.source = source
        self.tokens = tokenize(source)
        self.index = 0
        self.depth = 0

    @property
    def current(self) -> Token:
        return self.tokens[self.index]

    def advance(self) -> Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def at(self, kind: str, text: str | None = None) -> bool:
        token = self.current
        return token.kind == kind and (text is None or token.text == text)

    def expect_op(self, text: str, what: str) -> Token:
        if not self.at("op", text):
            raise ExprError(f"expected `{text}` {what}, found {_describe(self.current)}", self.current.offset,
                            max(1, len(self.current.text)))
        return self.advance()

    def nested(self, offset: int) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExprError(f"this formula nests more than {MAX_DEPTH} levels deep; split it up", offset)

    def span(self, start: int, node: Expr) -> tuple[int, int]:
        return start, node.offset + node.length - start

    def parse(self) -> Expr:
        if self.at("end"):
            raise ExprError("the formula is empty", 0)
        node = self.parse_or()
        if not self.at("end"):
            token = self.current
            hint = ""
            if token.kind in ("name", "number", "string") or token.text == "(":
                hint = "; is an `and`, `or` or operator missing before it?"
            elif token.text == "[":
                hint = "; square brackets only hold the list after `in`"
            raise ExprError(f"unexpected {_describe(token)}{hint}", token.offset, max(1, len(token.text)))
        return node

    def parse_or(self) -> Expr:
        left = self.parse_and()
        while self.at("name", "or"):
            self.advance()
            right = self.parse_and()
            left = Binary(*self.span(left.offset, right), "or", left, right)
        return left

    def parse_and(self) -> Expr:
        left = self.parse_not()
        while self.at("name", "and"):
            self.advance()
            right = self.parse_not()
            left = Binary(*self.span(left.offset, right), "and", left, right)
        return left

    def parse_not(self) -> Expr:
        if self.at("name", "not"):
            token = self.advance()
            self.nested(token.offset)
            operand = self.parse_not()
            self.depth -= 1
            return Not(*self.span(token.offset, operand), operand)
        return self.parse_comparison()

    def parse_comparison(self) -> Expr:
        left = self.parse_sum()
        token = self.current
        if token.kind == "op" and token.text in COMPARISONS:
            self.advance()
            right = self.parse_sum()
            node: Expr = Binary(*self.span(left.offset, right), token.text, left, right)
            following = self.current
            if following.kind == "op" and following.text in COMPARISONS:
                raise ExprError("compare two values at a time: write `a < b and b < c`", following.offset,
                                len(following.text))
            return node
        negated = False
        if self.at("name", "not") and self.tokens[self.index + 1].kind == "name" and \
                self.tokens[self.index + 1].text == "in":
            self.advance()
            negated = True
        if self.at("name", "in"):
            self.advance()
            if not self.at("op", "["):  # `'dated' in details`: the options ticked in a checkbox question
                ticked = self.parse_sum()
                return Within(*self.span(left.offset, ticked), left, ticked, negated)
            choices, end = self.parse_list()
            return Member(left.offset, end - left.offset, left, choices, negated)
        return left

    def parse_list(self) -> tuple[tuple[Expr, ...], int]:
        start = self.expect_op("[", "after `in`, like `channel in ['phone', 'letter']`")
        items: list[Expr] = []
        if not self.at("op", "]"):
            items.append(self.parse_sum())
            while self.at("op", ","):
                self.advance()
                items.append(self.parse_sum())
        end = self.expect_op("]", "to close the list")
        del start
        return tuple(items), end.offset + 1

    def parse_sum(self) -> Expr:
        left = self.parse_product()
        while self.current.kind == "op" and self.current.text in "+-" and self.current.text:
            op = self.advance().text
            right = self.parse_product()
            left = Binary(*self.span(left.offset, right), op, left, right)
        return left

    def parse_product(self) -> Expr:
        left = self.parse_unary()
        while self.current.kind == "op" and self.current.text in ("*", "/"):
            op = self.advance().text
            right = self.parse_unary()
            left = Binary(*self.span(left.offset, right), op, left, right)
        return left

    def parse_unary(self) -> Expr:
        if self.at("op", "-"):
            token = self.advance()
            self.nested(token.offset)
            operand = self.parse_unary()
            self.depth -= 1
            return Negate(*self.span(token.offset, operand), operand)
        return self.parse_primary()

    def parse_primary(self) -> Expr:
        token = self.current
        if token.kind == "number":
            self.advance()
            return Literal(token.offset, len(token.text), token.value)
        if token.kind == "string":
            self.advance()
            return Literal(token.offset, len(token.text), token.value)
        if token.kind == "name":
            if token.text in ("true", "false"):
                self.advance()
                return Literal(token.offset, len(token.text), token.text == "true")
            if token.text in KEYWORDS:
                raise ExprError(f"`{token.text}` needs a value before it", token.offset, len(token.text))
            self.advance()
            if self.at("op", "("):
                return self.parse_call(token)
            if self.at("op", "["):
                raise ExprError("square brackets only hold the list after `in`", self.current.offset)
            return Name(token.offset, len(token.text), token.text)
        if token.kind == "op" and token.text == "(":
            self.advance()
            self.nested(token.offset)
            inner = self.parse_or()
            self.depth -= 1
            close = self.expect_op(")", "to close the bracket opened here" if self.at("end") else "")
            # Widen the span to include the brackets, so errors underline what the editor wrote.
            return _with_span(inner, token.offset, close.offset + 1 - token.offset)
        if token.kind == "end":
            raise ExprError("the formula ends too soon: a value is missing at the end", token.offset)
        raise ExprError(f"expected a value, found {_describe(token)}", token.offset, max(1, len(token.text)))

    def parse_call(self, name: Token) -> Expr:
        self.advance()  # (
        self.nested(name.offset)
        args: list[Expr] = []
        if not self.at("op", ")"):
            args.append(self.parse_or())
            while self.at("op", ","):
                self.advance()
                args.append(self.parse_or())
        close = self.expect_op(")", f"to close `{name.text}(`")
        self.depth -= 1
        return Call(name.offset, close.offset + 1 - name.offset, name.text, tuple(args))


def _with_span(node: Expr, offset: int, length: int) -> Expr:
    values = {f: getattr(node, f) for f in node.__dataclass_fields__}
    values["offset"], values["length"] = offset, length
    return type(node)(**values)


def _describe(token: Token) -> str:
    if token.kind == "end":
        return "the end of the formula"
    return f"`{token.text}`"


def parse(source: str) -> Expr:
    """Parse a formula, or raise ``ExprError`` with the offset of the first problem."""
    if not isinstance(source, str):
        raise ExprError("a formula must be text", 0)
    if len(source) > MAX_LENGTH:
        raise ExprError(f"this formula is longer than {MAX_LENGTH} characters; split it up", MAX_LENGTH)
    node = _Parser(source).parse()
    if _depth(node) > MAX_TREE_DEPTH:
        raise ExprError("this formula is too long a chain of operations; split it up", node.offset, node.length)
    return node


def _depth(node: Expr) -> int:
    """How deep the parsed formula is; long chains like ``a + b + c + ...`` are deep on the left."""
    deepest = 0
    stack = [(node, 1)]
    while stack:
        current, level = stack.pop()
        deepest = max(deepest, level)
        if isinstance(current, (Negate, Not)):
            stack.append((current.operand, level + 1))
        elif isinstance(current, Binary):
            stack.extend(((current.left, level + 1), (current.right, level + 1)))
        elif isinstance(current, Member):
            stack.extend((child, level + 1) for child in (current.item, *current.choices))
        elif isinstance(current, Within):
            stack.extend(((current.item, level + 1), (current.ticked, level + 1)))
        elif isinstance(current, Call):
            stack.extend((child, level + 1) for child in current.args)
    return deepest


@functools.lru_cache(maxsize=2048)
def compile_expression(source: str) -> Expr:
    """``parse`` with a cache: the engine evaluates the same few formulas for every step."""
    return parse(source)


# Names ----------------------------------------------------------------------------------------------------------


def walk(node: Expr) -> Iterator[Expr]:
    """Every node of a formula, parents first."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        if isinstance(current, (Negate, Not)):
            stack.append(current.operand)
        elif isinstance(current, Binary):
            stack.extend((current.right, current.left))
        elif isinstance(current, Member):
            stack.extend(reversed(current.choices))
            stack.append(current.item)
        elif isinstance(current, Within):
            stack.extend((current.ticked, current.item))
        elif isinstance(current, Call):
            stack.extend(reversed(current.args))


def names(node: Expr) -> set[str]:
    """The question ids a formula reads (``today`` is not one)."""
    return {n.name for n in walk(node) if isinstance(n, Name) and n.name != "today"}


def reads_today(node: Expr) -> bool:
    """Whether a formula reads ``today``, so that its value may change from one day to the next."""
    return any(isinstance(n, Name) and n.name == "today" for n in walk(node))


# Type checking ------------------------------------------------------------------------------------------------


def check(node: Expr, env: Mapping[str, VarInfo]) -> str:
    """The type a formula gives, or ``ExprError`` if it mixes types or names an unknown answer or function."""
    return _Checker(env).type_of(node)


def as_kind(node: Expr, want: str, env: Mapping[str, VarInfo]) -> str | None:
    """The evident way to write ``node`` as a value of kind ``want`` (see ``_Checker.as_kind``), or None."""
    return _Checker(env).as_kind(node, want)


def describe_type(kind: str) -> str:
    """A type as editors say it, with its article: ``a number``, ``a yes/no condition``."""
    return _article(kind)


def _article(kind: str) -> str:
    return {TYPE_NUMBER: "a number", TYPE_DATE: "a date", TYPE_TEXT: "a text", TYPE_BOOL: "a yes/no condition",
            TYPE_LIST: "a list", TYPE_SET: "a checkbox question's answer"}.get(kind, kind)


class _Checker:
    def __init__(self, env: Mapping[str, VarInfo]) -> None:
        self.env = env

    def type_of(self, node: Expr) -> str:
        if isinstance(node, Literal):
            if isinstance(node.value, bool):
                return TYPE_BOOL
            if isinstance(node.value, (int, float)):
                return TYPE_NUMBER
            return TYPE_TEXT
        if isinstance(node, Name):
            return self.name_type(node)
        if isinstance(node, Negate):
            self.expect(node.operand, TYPE_NUMBER, "after `-`")
            return TYPE_NUMBER
        if isinstance(node, Not):
            self.expect(node.operand, TYPE_BOOL, "after `not`")
            return TYPE_BOOL
        if isinstance(node, Member):
            return self.member_type(node)
        if isinstance(node, Within):
            return self.within_type(node)
        if isinstance(node, Call):
            return self.call_type(node)
        if isinstance(node, Binary):
            return self.binary_type(node)
        raise ExprError("this formula could not be read", node.offset)  # pragma: no cover - all nodes above

    def name_type(self, node: Name) -> str:
        if node.name == "today":
            return TYPE_DATE
        info = self.env.get(node.name)
        if info is None:
            known = [*self.env, "today"]
            close = _close_matches(node.name, known, n=1)
            hint = f"; did you mean `{close[0]}`?" if close else ""
            raise ExprError(f"there is no question `{node.name}`{hint}", node.offset, node.length,
                            close[0] if close else None)
        return info.type

    def expect(self, node: Expr, want: str, where: str) -> None:
        got = self.type_of(node)
        if got != want:
            raise ExprError(f"{_article(want)} is needed {where}, but this is {_article(got)}", node.offset,
                            node.length, self.as_kind(node, want))

    def as_kind(self, node: Expr, want: str) -> str | None:
        """The evident way to write ``node`` as a value of kind ``want``, if there is one: a yes/no answer as the
        condition ``accepted == 'yes'``, a number or date written in quotes without them."""
        if want == TYPE_BOOL and isinstance(node, Name):
            info = self.env.get(node.name)
            return f"{node.name} == 'yes'" if info is not None and info.options == ("yes", "no") else None
        if not (isinstance(node, Literal) and isinstance(node.value, str)):
            return None
        text = node.value.strip()
        if want == TYPE_NUMBER and text.isascii() and text.replace(".", "", 1).isdigit():
            return text
        if want == TYPE_DATE:
            try:
                functions.parse_date(text)
            except functions.FunctionError:
                return None
            return f"date('{text}')"
        return None

    def binary_type(self, node: Binary) -> str:
        op = node.op
        if op in ("and", "or"):
            self.expect(node.left, TYPE_BOOL, f"on the left of `{op}`")
            self.expect(node.right, TYPE_BOOL, f"on the right of `{op}`")
            return TYPE_BOOL
        if op in ("==", "!=", "<", "<=", ">", ">="):
            self.unquoted_answer(node.left, node.right)
            self.unquoted_answer(node.right, node.left)
        left, right = self.type_of(node.left), self.type_of(node.right)
        if op in COMPARISONS:
            self.quoted_date(node.left, left, node.right, right)
            self.quoted_date(node.right, right, node.left, left)
        if op in ("==", "!="):
            self.yes_no_as_boolean(node.left, node.right)
            self.yes_no_as_boolean(node.right, node.left)
            if TYPE_SET in (left, right):
                raise ExprError(f"`{op}` cannot compare the options ticked in a checkbox question: test one "
                                "option with `in`, like `'dated' in details` or `'dated' not in details`",
                                node.offset, node.length, _as_membership(node))
            if left != right:
                raise ExprError(f"`{op}` compares {_article(left)} with {_article(right)}; both sides must be "
                                "of the same kind", node.offset, node.length)
            self.option_keys(node.left, node.right)
            self.option_keys(node.right, node.left)
            return TYPE_BOOL
        if op in ("<", "<=", ">", ">="):
            if left != right or left not in (TYPE_NUMBER, TYPE_DATE):
                raise ExprError(f"`{op}` compares two numbers or two dates, not {_article(left)} with "
                                f"{_article(right)}", node.offset, node.length)
            return TYPE_BOOL
        if op == "+":
            if (left, right) == (TYPE_NUMBER, TYPE_NUMBER):
                return TYPE_NUMBER
            if (left, right) in ((TYPE_DATE, TYPE_NUMBER), (TYPE_NUMBER, TYPE_DATE)):
                return TYPE_DATE
        elif op == "-":
            if (left, right) == (TYPE_NUMBER, TYPE_NUMBER):
                return TYPE_NUMBER
            if (left, right) == (TYPE_DATE, TYPE_NUMBER):
                return TYPE_DATE
            if (left, right) == (TYPE_DATE, TYPE_DATE):
                return TYPE_NUMBER
        elif (left, right) == (TYPE_NUMBER, TYPE_NUMBER):  # * and /
            return TYPE_NUMBER
        hint = {"+": "add a number of days to a date, like `received + 3`",
                "-": "subtract two dates for the days between them, or a number of days from a date"}.get(
                    op, "multiply and divide numbers only")
        raise ExprError(f"`{op}` cannot combine {_article(left)} with {_article(right)}: {hint}", node.offset,
                        node.length)

    def unquoted_answer(self, name: Expr, other: Expr) -> None:
        """``channel == phone``: an answer's key written without quotes reads as an unknown question."""
        if not (isinstance(other, Name) and other.name not in self.env and other.name != "today"
                and isinstance(name, Name)):
            return
        info = self.env.get(name.name)
        if info is not None and other.name in info.options:
            raise ExprError(f"`{other.name}` is an answer of `{name.name}`, not a question: answers are written in "
                            "quotes", other.offset, other.length, f"'{other.name}'")

    def quoted_date(self, side: Expr, kind: str, other: Expr, other_kind: str) -> None:
        """``received < '2026-12-01'``: a date in quotes is a text; ``date('2026-12-01')`` is the date."""
        if kind != TYPE_TEXT or other_kind != TYPE_DATE or not isinstance(side, Literal):
            return
        try:
            functions.parse_date(str(side.value))
        except functions.FunctionError:
            return
        raise ExprError(f"'{side.value}' in quotes is a text, not a date: a date is written date('{side.value}')",
                        side.offset, side.length, f"date('{side.value}')")

    def yes_no_as_boolean(self, name: Expr, other: Expr) -> None:
        """``accepted == true``: a yes/no answer is the text 'yes' or 'no'."""
        if not (isinstance(name, Name) and isinstance(other, Literal) and isinstance(other.value, bool)):
            return
        info = self.env.get(name.name)
        if info is not None and info.options == ("yes", "no"):
            answer = "yes" if other.value else "no"
            raise ExprError(f"the answer to `{name.name}` is the text 'yes' or 'no', not {str(other.value).lower()}",
                            other.offset, other.length, f"'{answer}'")

    def option_keys(self, name: Expr, other: Expr) -> None:
        """``channel == 'letr'`` is almost certainly a typo: check text literals against the option keys."""
        if not (isinstance(name, Name) and isinstance(other, Literal) and isinstance(other.value, str)):
            return
        info = self.env.get(name.name)
        if info is None or not info.options or other.value in info.options:
            return
        key = _key_of_label(other.value, info)
        if key is not None:
            raise ExprError(f"'{other.value}' is the label of answer '{key}' of `{name.name}`; formulas use the "
                            "answer's key", other.offset, other.length, f"'{key}'")
        close = _close_matches(other.value, info.options, n=1)
        hint = f"; did you mean '{close[0]}'?" if close else f"; its answers are {_listing(info.options)}"
        raise ExprError(f"`{name.name}` has no answer '{other.value}'{hint}", other.offset, other.length,
                        f"'{close[0]}'" if close else None)

    def member_type(self, node: Member) -> str:
        self.member_answers(node)
        item = self.type_of(node.item)
        if item == TYPE_BOOL:
            raise ExprError("`in` checks a value against a list; a yes/no condition cannot be in a list",
                            node.item.offset, node.item.length)
        if not node.choices:
            raise ExprError("the list after `in` is empty", node.offset, node.length)
        for choice in node.choices:
            got = self.type_of(choice)
            if got != item:
                raise ExprError(f"this list holds {_article(got)}, but it is checked against {_article(item)}",
                                choice.offset, choice.length)
            self.option_keys(node.item, choice)
        return TYPE_BOOL

    def within_type(self, node: Within) -> str:
        """``'dated' in details``: an option's key, in quotes, among the options ticked in a checkbox question."""
        if self.type_of(node.ticked) != TYPE_SET:
            raise ExprError("after `in` comes a list like `['phone', 'letter']` or a checkbox question, like "
                            "`'dated' in details`", node.ticked.offset, node.ticked.length)
        self.unquoted_answer(node.ticked, node.item)
        self.expect(node.item, TYPE_TEXT, "before `in`")
        self.option_keys(node.ticked, node.item)
        return TYPE_BOOL

    def member_answers(self, node: Member) -> None:
        """``channel in [phone, letter]``: answers' keys in the list need quotes too."""
        for choice in node.choices:
            self.unquoted_answer(node.item, choice)

    def call_type(self, node: Call) -> str:
        spec = functions.FUNCTIONS.get(node.name)
        if spec is None:
            close = _close_matches(node.name, list(functions.FUNCTIONS), n=1)
            hint = f"; did you mean `{close[0]}`?" if close else \
                f"; the functions are {', '.join(f'`{name}`' for name in functions.function_names())}"
            raise ExprError(f"there is no function `{node.name}`{hint}", node.offset, len(node.name),
                            close[0] if close else None)
        if spec.variadic:
            if not node.args:
                raise ExprError(f"`{node.name}` needs at least one value", node.offset, node.length)
            kinds = [self.type_of(arg) for arg in node.args]
            first = kinds[0]
            if first not in spec.params:
                raise ExprError(f"`{node.name}` works on numbers or dates, not {_article(first)}",
                                node.args[0].offset, node.args[0].length)
            for arg, kind in zip(node.args, kinds, strict=True):
                if kind != first:
                    raise ExprError(f"`{node.name}` needs values of one kind, but this is {_article(kind)}",
                                    arg.offset, arg.length)
            return first
        if len(node.args) != len(spec.params):
            wanted = ", ".join(_article(p) for p in spec.params)
            raise ExprError(f"`{node.name}` takes {len(spec.params)} value(s) ({wanted}), not {len(node.args)}",
                            node.offset, node.length)
        for index, (arg, want) in enumerate(zip(node.args, spec.params, strict=True), start=1):
            self.expect(arg, want, f"as value {index} of `{node.name}`")
        if node.name == "date":
            arg = node.args[0]
            if not isinstance(arg, Literal):
                raise ExprError("`date` takes a date written in quotes, like date('2026-11-22')", arg.offset,
                                arg.length)
            try:
                functions.parse_date(str(arg.value))
            except functions.FunctionError as exc:
                raise ExprError(str(exc), arg.offset, arg.length) from None
        return spec.returns


def _as_membership(node: Binary) -> str | None:
    """``details == 'dated'`` as the membership test it evidently means (``'dated' in details``), or None."""
    sides = (node.left, node.right)
    ticked = next((side for side in sides if isinstance(side, Name)), None)
    box = next((side for side in sides if isinstance(side, Literal) and isinstance(side.value, str)), None)
    if ticked is None or box is None:
        return None
    return f"'{box.value}' {'not in' if node.op == '!=' else 'in'} {ticked.name}"


def _key_of_label(text: str, info: VarInfo) -> str | None:
    """The key of the option whose label (or key, in other letter case) is ``text``, compared loosely."""
    wanted = " ".join(text.split()).casefold()
    for key, label in zip(info.options, info.labels or info.options, strict=False):
        if wanted and wanted in (" ".join(label.split()).casefold(), key.casefold()):
            return key
    return None


def _listing(items: object) -> str:
    return ", ".join(f"'{item}'" for item in items)  # type: ignore[attr-defined]


# Evaluation -----------------------------------------------------------------------------------------------------


def evaluate(node: Expr, values: Mapping[str, object], today: datetime.date) -> object:
    """Work a formula out with the reader's answers (typed values) and date.

    Raises ``EvalError`` when it cannot be worked out: an answer it needs is missing, a division by zero, a date
    out of range. A checked tree never meets a type mismatch, but stale data fails cleanly here too.
    """
    try:
        return _Evaluator(values, today).run(node)
    except functions.FunctionError as exc:
        raise EvalError(str(exc)) from None
    except (OverflowError, ZeroDivisionError, TypeError, ValueError) as exc:
        if isinstance(exc, EvalError):
            raise
        raise EvalError(_runtime_message(exc)) from None


def _runtime_message(exc: Exception) -> str:
    if isinstance(exc, ZeroDivisionError):
        return "a division by zero"
    if isinstance(exc, OverflowError):
        return "a number or date out of range"
    return "values of different kinds were combined"


class _Evaluator:
    def __init__(self, values: Mapping[str, object], today: datetime.date) -> None:
        self.values = values
        self.today = today

    def run(self, node: Expr) -> object:
        if isinstance(node, Literal):
            return node.value
        if isinstance(node, Name):
            if node.name == "today":
                return self.today
            if node.name not in self.values:
                raise EvalError(f"the answer to `{node.name}` is missing")
            return self.values[node.name]
        if isinstance(node, Negate):
            return -_number(self.run(node.operand))
        if isinstance(node, Not):
            return not _boolean(self.run(node.operand))
        if isinstance(node, Member):
            item = self.run(node.item)
            found = any(item == self.run(choice) for choice in node.choices)
            return found != node.negated
        if isinstance(node, Within):
            item, ticked = self.run(node.item), self.run(node.ticked)
            if not isinstance(ticked, frozenset):
                raise TypeError("in")
            return (item in ticked) != node.negated
        if isinstance(node, Call):
            spec = functions.FUNCTIONS.get(node.name)
            if spec is None:
                raise EvalError(f"there is no function `{node.name}`")
            return spec.impl(*(self.run(arg) for arg in node.args))
        if isinstance(node, Binary):
            return self.binary(node)
        raise EvalError("this formula could not be worked out")  # pragma: no cover

    def binary(self, node: Binary) -> object:
        op = node.op
        if op == "and":  # short-circuit, so `x and y` does not need y's answer when x is false
            return _boolean(self.run(node.left)) and _boolean(self.run(node.right))
        if op == "or":
            return _boolean(self.run(node.left)) or _boolean(self.run(node.right))
        left, right = self.run(node.left), self.run(node.right)
        if op == "==":
            return left == right
        if op == "!=":
            return left != right
        if op in ("<", "<=", ">", ">="):
            if isinstance(left, datetime.date) != isinstance(right, datetime.date):
                raise TypeError(op)
            return {"<": left < right, "<=": left <= right,  # type: ignore[operator]
                    ">": left > right, ">=": left >= right}[op]  # type: ignore[operator]
        if isinstance(left, datetime.date) or isinstance(right, datetime.date):
            return _date_arithmetic(op, left, right)
        a, b = _number(left), _number(right)
        if op == "+":
            return a + b
        if op == "-":
            return a - b
        if op == "*":
            return a * b
        return a / b


def _date_arithmetic(op: str, left: object, right: object) -> object:
    if op == "-" and isinstance(left, datetime.date) and isinstance(right, datetime.date):
        return (left - right).days
    if op == "+" and isinstance(right, datetime.date):
        left, right = right, left
    if isinstance(left, datetime.date) and op in "+-" and not isinstance(right, datetime.date):
        days = _number(right)
        if isinstance(days, float) and not days.is_integer():
            raise EvalError("a date can only move by whole days")
        return functions.add_days(left, days if op == "+" else -days)
    raise TypeError(op)


def _number(value: object) -> int | float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError("number")
    return value


def _boolean(value: object) -> bool:
    if not isinstance(value, bool):
        raise TypeError("bool")
    return value
