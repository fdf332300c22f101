"""PO files (gettext) for translators' tools: Poedit, Weblate, Crowdin and most others read and write them.

One message per text of the tree: ``msgctxt`` is the text's path in the tree (``nodes.channel.question``, list
items by their place: ``nodes.done.next_steps.2.text``), ``msgid`` the English, ``msgstr`` the translation, and a
stale translation is ``#, fuzzy`` with the English it was made from as ``#| msgid``. The YAML translation file stays
the one kept in the repository: a PO file is exported from it and imported back into it, and an import goes
through the same matching as the YAML file (list items by their English), so a PO file made before the tree changed
still lands on the right texts, and one whose ``msgid`` is not the tree's English any more comes in stale.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

from babel.core import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, read_po, write_po

from wizard import schema_walk
from wizard.diagnostics import ERROR, Diagnostic
from wizard.loader import LoadedTree, PathKey
from wizard.text_rules import check_text, is_blank
from wizard.translation import Translation, tree_texts
from wizard.translation_entries import STALE, Entry, resolve

FUZZY = "fuzzy"


@dataclass
class Imported:
    """The entries read from a PO file, by their path in the tree, and what stopped the import."""

    entries: dict[PathKey, Entry] = field(default_factory=dict)
    errors: list[Diagnostic] = field(default_factory=list)
    skipped: int = 0  # messages for texts the tree does not have


def context_of(path: PathKey) -> str:
    """The ``msgctxt`` of a text: its path, dotted (ids never contain a dot, list places are numbers)."""
    return ".".join(str(part) for part in path)


def path_of(context: str) -> PathKey:
    """The path a ``msgctxt`` names (node ids start with a letter, so a number is a place in a list)."""
    return tuple(int(part) if part.isdigit() else part for part in context.split("."))


def export_po(translation: Translation | None, tree: LoadedTree, language: str) -> bytes:
    """The PO file of a tree's texts in ``language``, with the translations done so far."""
    catalog = Catalog(locale=language, project=tree.slug, charset="utf-8", fuzzy=False)
    entries = translation.entries if translation else {}
    for path, english in tree_texts(tree).items():
        entry = entries.get(path)
        stale = entry is not None and entry.status(english) == STALE
        catalog.add(english, entry.text if entry and entry.text else "", context=context_of(path),
                    locations=[(tree.file, tree.position(path)[0])], flags=[FUZZY] if stale else [],
                    previous_id=(entry.made_from() or ()) if entry and stale else ())
    out = io.BytesIO()
    write_po(out, catalog, width=100, include_previous=True, sort_output=False)
    return out.getvalue()


def import_po(path: Path, display: str, language: str, tree: LoadedTree) -> Imported:
    """Read a PO file's translations for ``tree``; errors (a broken file, refused characters) stop the import."""
    result = Imported()
    try:
        with path.open("rb") as stream:
            catalog = read_po(stream, abort_invalid=True)
    except (PoFileError, UnicodeDecodeError, ValueError, UnknownLocaleError) as exc:
        line = getattr(exc, "lineno", 1) or 1
        result.errors.append(Diagnostic(display, line, 1, ERROR, f"this is not a PO file that can be read: {exc}",
                                        "Export it again from your translation tool as a gettext PO file."))
        return result
    found = _language(catalog.locale)
    if found not in (None, language):
        result.errors.append(Diagnostic(display, 1, 1, ERROR, f"this PO file is in `{found}`, not `{language}`.",
                                        f"Import it with `--language {found}`, or choose the `{language}` file."))
        return result
    raw: dict[PathKey, Entry] = {}
    kinds = schema_walk.kinds_by_path(tree.data)
    for message in catalog:
        if not message.id or not isinstance(message.id, str) or not message.context:
            continue  # the header, and plural messages, which trees never have
        text_path = path_of(message.context)
        text = str(message.string or "").strip() or None
        position = (message.lineno or 1, 1)
        if text is not None:
            # A text the tree does not have (left over below) is judged by the name of its field.
            kind = kinds.get(text_path)
            markdown = (schema_walk.is_markdown(kind) if kind is not None
                        else text_path[-1] in schema_walk.field_names(schema_walk.is_markdown))
            problem = check_text(text, markdown=markdown)
            if problem is not None or is_blank(text):
                result.errors.append(Diagnostic(
                    display, *position, ERROR, f"the translation of `{message.context}` "
                    + (problem.message if problem else "has no visible character."),
                    problem.hint if problem else "Write a text, or leave it empty."))
                continue
        # Fuzzy: stale. The English it was made from is kept from the YAML file when it knew it (Babel does not
        # read `#|` lines back); otherwise it is not recorded.
        raw[text_path] = Entry(message.id, text, "" if message.fuzzy and text else None, position)
    matched, left_over = resolve(raw, tree_texts(tree))
    result.entries, result.skipped = matched, len(left_over)
    return result


def _language(locale: Locale | str | None) -> str | None:
    if locale is None:
        return None
    return locale.language if isinstance(locale, Locale) else str(locale).split("_")[0]
