"""The vocabulary: every language has every word, with the same blanks and the plural forms its rules need."""

from __future__ import annotations

import io
import json
import re
import subprocess
import zipfile
from pathlib import Path

import pytest

from wizard.browser.bundle import build_engine_wheel
from wizard.browser.playground_bundle import build_checker_wheel
from wizard.core import plurals, vocabulary
from wizard.core.messages import days_left_text, format_parts
from wizard.site.form import mount_point

REPO = Path(__file__).resolve().parents[2]
WIZARD_JS = REPO / "wizard" / "assets" / "wizard.js"
ENGLISH = vocabulary.SOURCE_LANGUAGE
OTHERS = [code for code in vocabulary.languages() if code != ENGLISH]


def _forms(word: vocabulary.Word) -> dict[str, str]:
    return word if isinstance(word, dict) else {"": word}


@pytest.mark.parametrize("code", OTHERS)
def test_every_language_has_every_word_in_the_same_section(code: str) -> None:
    english, other = vocabulary.language(ENGLISH), vocabulary.language(code)
    for section in vocabulary.SECTIONS:
        assert set(other.sections[section]) == set(english.sections[section]), (code, section)


@pytest.mark.parametrize("code", vocabulary.languages())
def test_every_word_has_the_blanks_of_the_english_and_is_not_empty(code: str) -> None:
    english = vocabulary.language(ENGLISH).words
    for key, word in vocabulary.word_table(code).items():
        wanted = vocabulary.placeholders(_forms(english[key]).get("other", _forms(english[key]).get("", "")))
        for form, text in _forms(word).items():
            assert text, (code, key, form)
            assert vocabulary.placeholders(text) == wanted, (code, key, form)


@pytest.mark.parametrize("code", vocabulary.languages())
def test_every_plural_word_has_the_forms_its_language_needs(code: str) -> None:
    needed = set(vocabulary.plural_forms_needed(code))
    english = vocabulary.language(ENGLISH).words
    for key, word in vocabulary.word_table(code).items():
        assert isinstance(word, dict) == isinstance(english[key], dict), (code, key, "plural in one language only")
        if isinstance(word, dict):
            assert set(word) == needed, (code, key)


@pytest.mark.parametrize("code", vocabulary.languages())
def test_the_words_the_browser_shows_as_text_hold_no_markup(code: str) -> None:
    for key, text in vocabulary.browser_words(code).items():
        if isinstance(text, str):
            assert not re.search(r"[<>&]", text), (code, key)


def test_the_english_plural_rule_follows_cldr() -> None:
    rules = vocabulary.language(ENGLISH).plural
    assert [plurals.category(rules, n) for n in (0, 1, 2, -1, "1.0", "1.5", 21)] == [
        "other", "one", "other", "one", "other", "other", "other"]
    assert plurals.category({}, 1) == "other"  # Chinese: one form for every number


def test_plural_rules_of_other_languages_need_no_code() -> None:
    # Russian, from CLDR: a language with one, few and many is data only.
    russian = {"one": "v = 0 and i % 10 = 1 and i % 100 != 11",
               "few": "v = 0 and i % 10 = 2..4 and i % 100 != 12..14",
               "many": "v = 0 and i % 10 = 0 or v = 0 and i % 10 = 5..9 or v = 0 and i % 100 = 11..14"}
    assert [plurals.category(russian, n) for n in (1, 21, 11, 2, 24, 12, 5, 100, "1.5")] == [
        "one", "one", "many", "few", "few", "many", "many", "many", "other"]
    french = {"one": "i = 0,1"}
    assert [plurals.category(french, n) for n in (0, 1, "1.5", 2)] == ["one", "one", "one", "other"]


def test_dates_and_days_left_read_as_before_in_both_languages() -> None:
    assert format_parts(2026, 2, 31, "en") == "31 February 2026"
    assert format_parts(2026, 11, 25, "zh") == "2026年11月25日"
    english = [days_left_text(days, "en") for days in (5, 1, 0, -1, -3)]
    assert english == ["5 days left", "1 day left", "today is the last day", "passed yesterday",
                       "passed 3 days ago"]
    chinese = [days_left_text(days, "zh") for days in (5, 1, 0, -1, -3)]
    assert chinese == ["还剩 5 天", "还剩 1 天", "今天是最后一天", "昨天已过期", "已过期 3 天"]


def _tiny_tree(language: str) -> dict[str, object]:
    return {"format": 1, "slug": "t", "title": "T", "language": language, "start": "q",
            "nodes": {"q": {"type": "yesno", "question": "Q?", "help": None,
                            "options": [{"key": "yes", "label": "Y", "next": "end"},
                                        {"key": "no", "label": "N", "next": "end"}]},
                      "end": {"type": "outcome", "verdict": "V", "tone": "info"}}}


@pytest.mark.parametrize("code", vocabulary.languages())
def test_the_wizard_mount_carries_the_browser_words_of_its_language(code: str) -> None:
    html = mount_point(_tiny_tree(code))
    found = re.search(r'data-wizard-words="([^"]*)"', html)
    assert found is not None
    carried = json.loads(found.group(1).replace("&quot;", '"').replace("&#x27;", "'").replace("&amp;", "&"))
    assert carried == vocabulary.browser_words(code)


def test_every_word_wizard_js_asks_for_is_carried_by_the_page() -> None:
    # The browser script is wizard.js and its modules; every screen of the wizard is drawn by the renderer, so the
    # script reads only its own few words, each by its vocabulary key: `word("key")`.
    script = "".join(path.read_text(encoding="utf-8") for path in sorted(WIZARD_JS.parent.glob("wizard*.js")))
    carried = set(vocabulary.browser_words(ENGLISH))
    read = set(re.findall(r'\bword\("(\w+)"\)', script))
    assert read and read <= carried, sorted(read - carried)
    # No other way in: the words are only ever looked up through `word(key)`.
    assert re.findall(r"\bwords\[", script) == ["words["], "only Wizard.word reads the table"


@pytest.mark.parametrize("code", vocabulary.languages())
def test_the_page_hands_the_browser_exactly_the_words_its_scripts_read(code: str) -> None:
    # The [browser] section is derived from the scripts, not a second list: each language's own file holds every
    # key a script looks up (`word("key")`) and no key none of them does, and the page carries those and the
    # language's date pattern and months (read by readableDate), nothing more.
    script = "".join(path.read_text(encoding="utf-8") for path in sorted(WIZARD_JS.parent.glob("wizard*.js")))
    read = set(re.findall(r'\bword\("(\w+)"\)', script))
    assert set(vocabulary.language(code).sections["browser"]) == read
    assert {"date", "months"} <= set(re.findall(r"\bwords\.(\w+)", script))
    assert set(vocabulary.browser_words(code)) == read | {"language", "date", "months"}


def test_the_page_writes_the_printed_day_as_the_engine_writes_a_date() -> None:
    # A result's printed line gets its day from the page (wizard-form.js readableDate, from the words the page
    # carries): the same text as the engine's dates, in every declared language, on days of every month.
    days = [(2026, month, day) for month in range(1, 13) for day in (1, 9, 28)] + [(1999, 12, 31)]
    cases = {code: vocabulary.browser_words(code) for code in vocabulary.languages()}
    script = ("import { readableDate } from " + json.dumps((WIZARD_JS.parent / "wizard-form.js").as_uri()) + ";"
              "const input = JSON.parse(require_input());"
              "const out = {};"
              "for (const [code, words] of Object.entries(input.cases))"
              "  out[code] = input.days.map(([y, m, d]) => readableDate("
              "    `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`, words));"
              "process.stdout.write(JSON.stringify(out));")
    script = script.replace("require_input()", "(await import('node:fs')).readFileSync(0, 'utf8')")
    done = subprocess.run(["node", "--input-type=module", "-e", script], input=json.dumps({"cases": cases,
                          "days": days}), capture_output=True, text=True, check=True, timeout=60)
    assert json.loads(done.stdout) == {code: [format_parts(*day, code) for day in days] for code in cases}


def _write(folder: Path, name: str, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


_HEADER = ('[language]\ncode = "{code}"\nname = "X"\nenglish_name = "X"\ndate = "{{day}}"\n'
           'months = ["1","2","3","4","5","6","7","8","9","10","11","12"]\n')


@pytest.mark.reliability("bad-input")
@pytest.mark.parametrize(("name", "text", "message"), [
    ("fr.toml", _HEADER.format(code="de"), "language.code must be the file's name"),
    ("fr.toml", _HEADER.format(code="fr") + '[language.plural]\none = "n is 1"\n',
     "language.plural.one: cannot read the plural rule part 'n is 1'"),
    ("fr.toml", _HEADER.format(code="fr") + '[engine]\ndays = { one = "{count} jour" }\n',
     "engine.days has plural forms one: use zero, one, two, few, many, other, with `other` always present"),
    ("fr.toml", _HEADER.format(code="fr") + '[engine]\nyes = "Oui"\n[page]\nyes = "Oui"\n',
     "page.yes: the key `yes` is already used in another section"),
    ("fr.toml", _HEADER.format(code="fr").replace('"12"]', '"12", "13"]'),
     "language.months must list the twelve months' names"),
    ("fr.toml", _HEADER.format(code="fr") + "[engine\n", "cannot read this vocabulary"),
])
def test_a_broken_vocabulary_is_refused_naming_its_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str,
                                                        text: str, message: str) -> None:
    _write(tmp_path, name, text)
    monkeypatch.setenv(vocabulary.EXTRA_FOLDERS_VARIABLE, str(tmp_path))
    with pytest.raises(vocabulary.VocabularyError) as caught:
        vocabulary.languages()
    assert str(caught.value).startswith(f"{tmp_path / name}: ")
    assert message in str(caught.value)


def test_a_language_declared_twice_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _write(tmp_path, "zh.toml", _HEADER.format(code="zh"))
    monkeypatch.setenv(vocabulary.EXTRA_FOLDERS_VARIABLE, str(tmp_path))
    with pytest.raises(vocabulary.VocabularyError, match="the language zh is already declared by"):
        vocabulary.languages()


def test_a_language_in_an_extra_folder_is_declared_and_falls_back_to_english(tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    _write(tmp_path, "fr.toml", _HEADER.format(code="fr") + '[engine]\nyes = "Oui"\n')
    monkeypatch.setenv(vocabulary.EXTRA_FOLDERS_VARIABLE, str(tmp_path))
    assert vocabulary.languages() == (ENGLISH, "zh", "fr")
    assert vocabulary.word("fr", "yes") == "Oui"
    assert vocabulary.word("fr", "no") == "No"  # not translated yet: the English word
    monkeypatch.delenv(vocabulary.EXTRA_FOLDERS_VARIABLE)
    assert "fr" not in vocabulary.languages()


def test_every_wheel_that_runs_the_engine_carries_every_vocabulary() -> None:
    wanted = {f"wizard/core/languages/{code}.toml" for code in vocabulary.languages()}
    for wheel in (build_engine_wheel(), build_checker_wheel()):
        names = set(zipfile.ZipFile(io.BytesIO(wheel.data)).namelist())
        assert "wizard/core/vocabulary.py" in names and wanted <= names, wheel.name


def test_every_word_search_js_asks_for_is_carried_by_the_page() -> None:
    script = (REPO / "wizard" / "assets" / "search.js").read_text(encoding="utf-8")
    read = set(re.findall(r"\bcarried\.(\w+)", script))
    assert read and read <= set(vocabulary.search_words(ENGLISH)), sorted(read - set(vocabulary.search_words(ENGLISH)))
    partial = (REPO / "overrides" / "partials" / "search.html").read_text(encoding="utf-8")
    assert "data-search-words='{{ (config.extra.search_words or {}) | tojson }}'" in partial
