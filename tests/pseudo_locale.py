"""A pseudo-locale for tests: accented, lengthened English made from the English texts and vocabulary.

"Where did you buy it?" becomes "[Ŵĥéŕé ďíď ýôû ƀûý íţ? ·····]": still readable, about 40% longer (as many
languages are), and marked, so a page in this language shows at a glance every word that did not come from
the vocabulary or a translation file. It is set up exactly as a real language would be, with data and
configuration only: a vocabulary file (``<code>.toml``, in a folder named by ``RECOURSE_VOCABULARY``), a
translation file per tree (``<slug>.<code>.yaml``, written by ``wizard translate``'s own code) and
``content.toml``'s ``[languages] required``. Nothing of it ships: it is generated into a test's folder.
"""

from __future__ import annotations

import re
import shutil
import tomllib
from html.parser import HTMLParser
from pathlib import Path

from wizard.core import vocabulary
from wizard.loader import load_tree
from wizard.project import Project
from wizard.translation import tree_texts
from wizard.translation_entries import Entry
from wizard.translation_update import update

CODE = "en-XA"  # the code Android and Chrome give their accented English pseudo-locale

_ACCENTED = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "áƀçďéƒĝĥíĵķļɱñôƥʠŕšţûṽŵẋýžÁƁÇĎÉƑĜĤÍĴĶĻṀÑÔƤɊŔŠŢÛṼŴẊÝŽ",
)
# What must stay as written: blanks for values, markup and entities, link targets and addresses, code.
_KEPT = re.compile(r"\{\w+\}|<[^>]*>|&#?\w+;|\]\([^)]*\)|https?://[^\s)>\"]+|`[^`]*`")
# What a text may show in plain letters: a blank not filled in yet, and an address (the page's own, to print).
_BLANKS_AND_ADDRESSES = re.compile(r"\{\w+\}|https?://\S+")
# Letters a pseudo text may not hold: a plain ASCII letter is a text the pseudo-locale did not reach.
UNMARKED = re.compile(r"[A-Za-z]{2,}")


def pseudo(text: str) -> str:
    """``text`` with its letters accented, longer by about 40%, between brackets (blanks and markup kept)."""
    if not text.strip():
        return text
    parts, last = [], 0
    for kept in _KEPT.finditer(text):
        parts.append(text[last:kept.start()].translate(_ACCENTED))
        parts.append(kept.group())
        last = kept.end()
    parts.append(text[last:].translate(_ACCENTED))
    body = "".join(parts)
    lead = len(body) - len(body.lstrip())
    tail = len(body) - len(body.rstrip())
    core = body.strip()
    padding = "·" * max(1, len(core) * 2 // 5)
    return f"{body[:lead]}[{core} {padding}]{body[len(body) - tail:]}"


def _toml_value(value: object) -> str:
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{key} = {_toml_value(item)}" for key, item in value.items()) + " }"
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    text = str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{text}"'


def _pseudo_word(key: str, value: object) -> object:
    if key == "date_parts":
        return value  # the order of the date's fields (day month year), not words
    if isinstance(value, dict):
        return {form: pseudo(text) for form, text in value.items()}
    return pseudo(str(value))


def write_vocabulary(folder: Path) -> Path:
    """Write ``<CODE>.toml`` into ``folder``, made from the English vocabulary's file; returns its path."""
    english = tomllib.loads(vocabulary.language(vocabulary.SOURCE_LANGUAGE).path.read_text(encoding="utf-8"))
    header = english["language"]
    lines = ["[language]", f'code = "{CODE}"', f"name = {_toml_value(pseudo('English (pseudo)'))}",
             'english_name = "Pseudo-English"', f"date = {_toml_value(header['date'])}",
             f"months = {_toml_value([pseudo(month) for month in header['months']])}", "[language.plural]"]
    lines += [f"{name} = {_toml_value(rule)}" for name, rule in header.get("plural", {}).items()]
    for section in vocabulary.SECTIONS:
        lines.append(f"[{section}]")
        lines += [f"{key} = {_toml_value(_pseudo_word(key, value))}" for key, value in english.get(section, {}).items()]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{CODE}.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def make_project(source: Path, target: Path) -> Path:
    """A copy of the project's trees and content rules in ``target`` with the pseudo-locale as its only translation.

    The translation files are written by ``wizard translate``'s code, every text filled with its pseudo form.
    Returns the trees folder.
    """
    trees = target / "trees"
    trees.mkdir(parents=True)
    for tree in sorted((source / "trees").glob("*.yaml")):
        if tree.name.count(".") == 1:
            shutil.copy(tree, trees / tree.name)
    config = tomllib.loads((source / "content.toml").read_text(encoding="utf-8"))
    rules = [f"[sentences]\nmax_words = {config['sentences']['max_words']}",
             f'[languages]\nrequired = ["{CODE}"]',
             # Pseudo texts are longer and accented: the plain-language rules of English do not apply to them.
             f'[languages.{CODE}]\nmax_characters = 100000']
    (target / "content.toml").write_text("\n".join(rules) + "\n", encoding="utf-8")
    for tree in sorted(trees.glob("*.yaml")):
        loaded = load_tree(tree, tree.name)
        entries = {path: Entry(english=text, text=pseudo(text)) for path, text in tree_texts(loaded).items()}
        result = update(tree, tree.name, CODE, loaded, Project.find(tree), entries)
        assert not result.errors, [d.format() for d in result.errors]
    return trees


class VisibleText(HTMLParser):
    """The texts of an HTML fragment a reader sees or hears: text nodes and the attributes read aloud."""

    SKIPPED = frozenset({"script", "style", "code"})
    READ_ALOUD = ("aria-label", "title", "placeholder", "alt")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.skipping: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag in self.SKIPPED or "mermaid" in classes:
            self.skipping.append(tag)
        self.texts += [value for name, value in attrs if name in self.READ_ALOUD and value]

    def handle_endtag(self, tag: str) -> None:
        if self.skipping and self.skipping[-1] == tag:
            self.skipping.pop()

    def handle_data(self, data: str) -> None:
        if not self.skipping and data.strip():
            self.texts.append(data.strip())


def unmarked(texts: list[str]) -> list[str]:
    """The texts with a run of plain (unaccented) Latin letters: words that are not in the pseudo-locale."""
    return sorted({text for text in texts if UNMARKED.search(_BLANKS_AND_ADDRESSES.sub("", text))})


def visible_texts(html: str) -> list[str]:
    """Every text of ``html`` a reader sees or hears (not code, scripts, styles or the flowchart's source)."""
    parser = VisibleText()
    parser.feed(html)
    parser.close()
    return parser.texts
