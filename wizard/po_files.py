"""PO files (gettext) for translators' tools: Poedit, Weblate, Crowdin and most others read and write them.

One message per text of the tree: ``msgctxt`` is the text's path in the tree (``nodes.channel.question``, list
items by their place: ``nodes.done.next_steps.2.text``), ``msgid`` the English, ``msgstr`` the translation, and a
stale translation is ``#, fuzzy`` with the English it was made from as ``#| msgid``. The YAML translation file stays
the one kept in the repository: a PO file is exported from it and imported back into it, and an import goes
through the same matching as the YAML file (list items by their English), so a PO file made before the tree changed
still lands on the right texts, and one whose ``msgid`` is not the tree's English any more comes in stale. Messages
for texts the tree no longer has at their ``msgctxt`` (and obsolete ``#~`` ones) are left over, and carried over or
kept under ``unused:`` like the YAML file's own (``translation_carry``): an import never drops a translation. A file
that would lose one (two messages for one text, a message without ``msgctxt``) is refused, and nothing is written.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from babel.core import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import PoFileError, PoFileParser, write_po

from wizard import schema, schema_walk
from wizard.diagnostics import ERROR, Diagnostic
from wizard.escaping import for_terminal
from wizard.loader import LoadedTree, PathKey
from wizard.text_rules import check_text, is_blank
from wizard.translation import Translation, tree_texts
from wizard.translation_entries import STALE, Entry, context_of, path_of, resolve

FUZZY = "fuzzy"


@dataclass
class Imported:
    """The entries read from a PO file, by their path in the tree, and what stopped the import."""

    entries: dict[PathKey, Entry] = field(default_factory=dict)
    # Translations of texts the tree does not have at the message's place (and obsolete ``#~`` messages): (where
    # each was, the entry), for ``wizard translate`` to carry over or keep under ``unused:``, as it does its own.
    left_over: list[tuple[PathKey, Entry]] = field(default_factory=list)
    errors: list[Diagnostic] = field(default_factory=list)


class _Recording(Catalog):
    """A catalog that also keeps every message in the order read: Babel's merges two messages with the same
    ``msgctxt`` and ``msgid`` into one, and the import must see both to refuse the file rather than drop one."""

    def __init__(self) -> None:
        super().__init__(charset="utf-8")
        self.read: list[Message] = []

    def __setitem__(self, key: str | tuple[str, ...] | list[str], message: Message) -> None:
        self.read.append(message)
        super().__setitem__(key, message)


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
    """Read a PO file's translations for ``tree``; errors (a broken file, two messages for one text, a message
    without its place, refused characters) stop the import, so that nothing of the file is half taken."""
    result = Imported()
    catalog = _Recording()
    try:
        with path.open("rb") as stream:
            PoFileParser(catalog, abort_invalid=True).parse(stream)
    except (PoFileError, UnicodeDecodeError, ValueError, UnknownLocaleError) as exc:
        result.errors.append(_unreadable(display, exc))
        return result
    found = _language(catalog.locale)
    if found not in (None, language):
        result.errors.append(Diagnostic(display, 1, 1, ERROR, f"this PO file is in `{found}`, not `{language}`.",
                                        f"Import it with `--language {found}`, or choose the `{language}` file."))
        return result
    raw: dict[PathKey, Entry] = {}
    first_line: dict[PathKey, int] = {}
    kinds = schema_walk.kinds_by_path(tree.data)
    for message in catalog.read:
        if not message.id:
            continue  # the header
        entry = _entry(message, display, kinds, result.errors)
        if entry is None:
            continue
        text_path = path_of(str(message.context))
        if text_path in first_line:
            result.errors.append(Diagnostic(
                display, *entry.position, ERROR, f"a second message for `{message.context}` (the first is at line "
                f"{first_line[text_path]}): a text has one translation.",
                "Keep the one you mean and delete the other, then import again."))
            continue
        first_line[text_path] = entry.position[0]
        raw[text_path] = entry
    # A translator's tool keeps what a newer template no longer has as obsolete (`#~`): kept, never dropped.
    obsolete = [(path_of(str(m.context)), e) for m in catalog.obsolete.values()
                if (e := _entry(m, display, kinds, result.errors)) is not None and e.text is not None
                and path_of(str(m.context)) not in raw]
    matched, left_over = resolve(raw, tree_texts(tree))
    result.entries, result.left_over = matched, [*left_over.items(), *obsolete]
    return result


def _unreadable(display: str, exc: Exception) -> Diagnostic:
    """The error for a file Babel cannot read, at its line (Babel counts lines from 0 and appends " on N")."""
    line, reason = 1, str(exc)
    if isinstance(exc, PoFileError):
        line, reason = exc.lineno + 1, reason.removesuffix(f" on {exc.lineno}")
    elif isinstance(exc, UnicodeDecodeError):
        reason = "it is not in UTF-8"
    return Diagnostic(display, line, 1, ERROR, f"this is not a PO file that can be read: {reason[:1].lower()}"
                      f"{reason[1:].rstrip('.')}.", "Export it again from your translation tool as a gettext PO file "
                      "(UTF-8).")


def _entry(message: Message, display: str, kinds: Mapping[PathKey, schema.Kind],
           errors: list[Diagnostic]) -> Entry | None:
    """One message as an entry (the English, the translation, stale if fuzzy), or None after adding to
    ``errors`` what is wrong with it (or for a message without a translation or place: nothing to keep)."""
    position = (message.lineno or 1, 1)
    text = message.string.strip() if isinstance(message.string, str) and message.string.strip() else None
    if not isinstance(message.id, str) or not message.context:
        if text is not None or not isinstance(message.id, str):
            what = "has plural forms, which no text of a tree has" if not isinstance(message.id, str) else \
                "has no `msgctxt`, so its place in the tree is unknown"
            errors.append(Diagnostic(display, *position, ERROR, f"the message for `{_one_line(message.id)}` {what}.",
                                     "Translate the PO file `wizard translate --export-po` writes: each message has "
                                     "its text's place as `msgctxt`."))
        return None
    if text is not None:
        # A text the tree does not have (left over below) is judged by the name of its field.
        text_path = path_of(message.context)
        kind = kinds.get(text_path)
        markdown = (schema_walk.is_markdown(kind) if kind is not None
                    else text_path[-1] in schema_walk.field_names(schema_walk.is_markdown))
        problem = check_text(text, markdown=markdown)
        if problem is not None or is_blank(text):
            errors.append(Diagnostic(
                display, *position, ERROR, f"the translation of `{message.context}` "
                + (problem.message if problem else "has no visible character."),
                problem.hint if problem else "Write a text, or leave it empty."))
            return None
    # Fuzzy: stale. The English it was made from is kept from the YAML file when it knew it (Babel does not read
    # `#|` lines back); otherwise it is not recorded.
    return Entry(message.id, text, "" if message.fuzzy and text else None, position)


def _one_line(msgid: str | tuple[str, ...] | list[str]) -> str:
    first = msgid if isinstance(msgid, str) else msgid[0]
    return for_terminal(first, one_line=True)


def _language(locale: Locale | str | None) -> str | None:
    if locale is None:
        return None
    return locale.language if isinstance(locale, Locale) else str(locale).split("_")[0]
