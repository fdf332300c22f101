"""The playground page (``/playground/``): try a change to a tree in the browser, with nothing installed.

The page is generated, in each language, from the ``[playground]`` words of the language's vocabulary
(``wizard/core/languages/<code>.toml``; every word of its interface: the static ones are written into the
page, the ones its script shows later travel in ``data-playground-words``). The wizard of its preview reads
the same words as a procedure page's, on the root (``wizard.site.form.words_attribute``). Its script
(``wizard.browser.playground_bundle``) is named in ``data-playground-script`` and loaded by ``wizard.js``
only where such a root exists, so procedure pages load nothing new.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from wizard.core import vocabulary
from wizard.core.views.markup import esc
from wizard.site.form import words_attribute

PAGE_PATH = "playground.md"

@dataclass(frozen=True)
class PlaygroundTree:
    """A published tree the page can start from: its slug and its title in the page's language."""

    slug: str
    title: str


def _attributes(values: dict[str, str]) -> str:
    return " ".join(f'{name}="{esc(value)}"' for name, value in values.items())


def playground_markdown(*, language: str, translation_language: str, trees: list[PlaygroundTree], script: str,
                        assets: str, edit_url: str) -> str:
    """The page's Markdown (a heading and one HTML block); ``assets`` and ``script`` are relative to the page."""
    words = vocabulary.words(language, "playground")
    root = _attributes({
        "class": "rc-playground",
        "data-playground-state": "loading",
        "data-playground-script": script,
        "data-playground-assets": assets,
        "data-playground-translation": translation_language,
        "data-playground-edit": edit_url,
        "data-playground-words": json.dumps(words, ensure_ascii=False),
    })
    options = "".join(f'<option value="{esc(tree.slug)}">{esc(tree.title)}</option>' for tree in trees)

    def editor(kind: str, heading: str, label: str) -> str:
        return (f'<section class="rc-playground__pane" aria-labelledby="rc-playground-{kind}-heading">'
                f'<h2 id="rc-playground-{kind}-heading">{esc(words[heading])}</h2>'
                f'<div class="rc-playground__editor" data-playground-editor="{kind}" '
                f'data-playground-label="{esc(words[label])}"></div></section>')

    def section(key: str, body: str) -> str:
        return f'<section class="rc-playground__result" aria-labelledby="rc-playground-{key}">' \
               f'<h2 id="rc-playground-{key}">{esc(words[key])}</h2>{body}</section>'

    body = (
        f'<div {root} {words_attribute(language)}>'
        f'<p class="rc-playground__status" role="status" aria-live="polite">{esc(words["loading"])}</p>'
        f'<p class="rc-playground__choose"><label for="rc-playground-tree">{esc(words["choose_tree"])}</label> '
        f'<select id="rc-playground-tree" class="rc-playground__select">{options}</select> '
        f'<button type="button" class="md-button rc-playground__load">{esc(words["load"])}</button></p>'
        f'<p class="rc-playground__keys" id="rc-playground-keys">{esc(words["keys"])}</p>'
        f'<div class="rc-playground__editors">{editor("tree", "tree_heading", "tree_label")}'
        f'{editor("translation", "translation_heading", "translation_label")}</div>'
        + section("problems", '<p class="rc-playground__summary" data-playground-summary></p>'
                  '<ul class="rc-playground__diagnostics" data-playground-diagnostics aria-live="polite"></ul>')
        + section("examples", '<div data-playground-examples aria-live="polite"></div>')
        + section("changes", '<pre class="rc-playground__diff" data-playground-diff></pre>')
        + section("preview", '<div class="rc-playground__preview" data-playground-preview></div>')
        + section("propose", f'<p>{esc(words["propose_text"])}</p><p class="rc-playground__actions">'
                  f'<button type="button" class="md-button md-button--primary" data-playground-action="download">'
                  f'{esc(words["download"])}</button> '
                  f'<button type="button" class="md-button" data-playground-action="copy-tree">'
                  f'{esc(words["copy_tree"])}</button> '
                  f'<button type="button" class="md-button" data-playground-action="copy-translation">'
                  f'{esc(words["copy_translation"])}</button></p><p class="rc-playground__actions">'
                  f'<a data-playground-edit-link="tree" href="{esc(edit_url)}">{esc(words["edit_tree"])}</a> · '
                  f'<a data-playground-edit-link="translation" href="{esc(edit_url)}">'
                  f'{esc(words["edit_translation"])}</a></p>'
                  '<p class="rc-playground__copy-status" role="status" aria-live="polite"></p>')
        + '</div>'
    )
    return f"# {words['title']} {{#playground}}\n\n{words['intro']}\n\n{body}\n"
