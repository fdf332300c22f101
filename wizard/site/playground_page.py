"""The playground page (``/playground/``): try a change to a tree in the browser, with nothing installed.

The page is generated, in each language, from the words below (every word of its interface: the static ones
are written into the page, the ones its script shows later travel in ``data-playground-words``). Its script
(``wizard.browser.playground_bundle``) is named in ``data-playground-script`` and loaded by ``wizard.js``
only where such a root exists, so procedure pages load nothing new.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass

from wizard.core.words import browser_words

PAGE_PATH = "playground.md"

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Playground",
        "intro": "Change a procedure and see at once what the checks say, how the wizard behaves and what "
                 "changes for readers. Nothing is installed and nothing is sent: it all runs in this browser.",
        "choose": "Procedure to start from",
        "load": "Start from this procedure",
        "tree_heading": "The procedure (English)",
        "translation_heading": "Its Chinese texts",
        "tree_label": "Procedure file, YAML",
        "translation_label": "Chinese texts file, YAML",
        "keys": "Tab leaves the editor. To indent a line, type spaces. Ctrl+A selects all the text, Ctrl+Z undoes.",
        "problems": "Problems",
        "examples": "Examples",
        "changes": "What changes for readers",
        "preview": "Preview",
        "propose": "Propose the change",
        "propose_text": "Download the two files and attach them to an issue, or open GitHub's editor for each "
                        "file: it cannot be filled in from here, so copy the text, then paste it over the old text.",
        "download": "Download files",
        "copy_tree": "Copy the procedure text",
        "copy_translation": "Copy the Chinese texts",
        "edit_tree": "Edit the procedure on GitHub",
        "edit_translation": "Edit the Chinese texts on GitHub",
        "loading": "Starting the checker (Python in your browser). This takes a few seconds the first time…",
        "ready": "Ready: the checks run as you type.",
        "checking": "Checking…",
        "failed": "The checker could not start in this browser. You can still edit and download the files.",
        "no_problems": "No problems found.",
        "problem_count": "Problems found: {count}.",
        "examples_none": "This procedure has no examples yet.",
        "examples_wait": "The examples run once the problems above are fixed.",
        "examples_count": "{passed} of {total} examples pass.",
        "diff_wait": "The changes are shown once the problems above are fixed.",
        "preview_wait": "The preview starts once the problems above are fixed.",
        "copied": "Copied. Now paste it in GitHub's editor.",
        "replace_confirm": "Replace your changes with the published texts of this procedure? Download them first "
                           "to keep them.",
        "copy_failed": "Copying is not allowed here: select the text in the editor (Ctrl+A) and copy it.",
        "severity_error": "error",
        "severity_warning": "warning",
    },
    "zh": {
        "title": "试用编辑",
        "intro": "修改一个流程，立即看到检查结果、分步问答的表现，以及读者会看到哪些变化。无需安装任何东西，"
                 "也不会发送任何内容：一切都在这个浏览器里运行。",
        "choose": "从哪个流程开始",
        "load": "从这个流程开始",
        "tree_heading": "流程（英文）",
        "translation_heading": "流程的中文文本",
        "tree_label": "流程文件，YAML",
        "translation_label": "中文文本文件，YAML",
        "keys": "按 Tab 键离开编辑框。要缩进一行，请输入空格。Ctrl+A 全选文本，Ctrl+Z 撤销。",
        "problems": "问题",
        "examples": "示例",
        "changes": "读者会看到的变化",
        "preview": "预览",
        "propose": "提交修改建议",
        "propose_text": "下载这两个文件并附在一个 issue 里，或者为每个文件打开 GitHub 的编辑器：它无法从这里自动填入，"
                        "所以请先复制文本，再粘贴替换原来的文本。",
        "download": "下载文件",
        "copy_tree": "复制流程文本",
        "copy_translation": "复制中文文本",
        "edit_tree": "在 GitHub 上编辑流程",
        "edit_translation": "在 GitHub 上编辑中文文本",
        "loading": "正在启动检查工具（在你的浏览器中运行 Python）。第一次需要几秒钟……",
        "ready": "已就绪：输入时会自动检查。",
        "checking": "正在检查……",
        "failed": "检查工具无法在这个浏览器中启动。你仍然可以编辑和下载文件。",
        "no_problems": "没有发现问题。",
        "problem_count": "发现 {count} 个问题。",
        "examples_none": "这个流程还没有示例。",
        "examples_wait": "修正上面的问题后，示例才会运行。",
        "examples_count": "{total} 个示例中有 {passed} 个通过。",
        "diff_wait": "修正上面的问题后，才会显示变化。",
        "preview_wait": "修正上面的问题后，预览才会启动。",
        "copied": "已复制。现在请粘贴到 GitHub 的编辑器中。",
        "replace_confirm": "要用这个流程已发布的文本替换你的修改吗？如果想保留修改，请先下载。",
        "copy_failed": "这里不允许复制：请在编辑框中选中文本（Ctrl+A）再复制。",
        "severity_error": "错误",
        "severity_warning": "警告",
    },
}


@dataclass(frozen=True)
class PlaygroundTree:
    """A published tree the page can start from: its slug and its title in the page's language."""

    slug: str
    title: str


def _attributes(values: dict[str, str]) -> str:
    return " ".join(f'{name}="{html.escape(value, quote=True)}"' for name, value in values.items())


def playground_markdown(*, language: str, translation_language: str, trees: list[PlaygroundTree], script: str,
                        assets: str, edit_url: str) -> str:
    """The page's Markdown (a heading and one HTML block); ``assets`` and ``script`` are relative to the page."""
    words = WORDS.get(language, WORDS["en"])
    esc = html.escape
    root = _attributes({
        "class": "rc-playground",
        "data-playground-state": "loading",
        "data-playground-script": script,
        "data-playground-assets": assets,
        "data-playground-translation": translation_language,
        "data-playground-edit": edit_url,
        "data-playground-words": json.dumps(words, ensure_ascii=False),
        # The preview's wizard (wizard-view.js) reads the words it says by itself from here.
        "data-wizard-words": json.dumps(browser_words(language), ensure_ascii=False),
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
        f'<div {root}>'
        f'<p class="rc-playground__status" role="status" aria-live="polite">{esc(words["loading"])}</p>'
        f'<p class="rc-playground__choose"><label for="rc-playground-tree">{esc(words["choose"])}</label> '
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
