"""Reading a tree file into YAML nodes safely: small, UTF-8, one document, no aliases, not too deep.

Everything here fails fast with a positioned message instead of a traceback, because trees arrive as pull
requests from the public: an alias bomb or a 50 MB paste must cost milliseconds, not memory.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from wizard import indentation
from wizard.diagnostics import ERROR, Diagnostic
from wizard.sources import NotReadable, open_regular

MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 40

# The C parser is much faster; the pure-Python one behaves the same where libyaml is missing.
_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[misc]
    """The safe loader, minus tag resolution: the loader reads every scalar's raw text by the schema, so the
    regular expressions that tell YAML's booleans, numbers and dates apart would be wasted time."""

    def resolve(self, kind: type, value: object, implicit: object) -> str:
        """The plain tag of each kind of node."""
        if kind is yaml.ScalarNode:
            return "tag:yaml.org,2002:str"
        return "tag:yaml.org,2002:seq" if kind is yaml.SequenceNode else "tag:yaml.org,2002:map"

    def descend_resolver(self, current_node: object, current_index: object) -> None:
        """Nothing to track: no tag depends on where a node sits (the parser calls this for every node)."""

    def ascend_resolver(self) -> None:
        """Nothing to track (see ``descend_resolver``)."""


# Shapes of text that may be an anchor (`&a`), an alias (`*a`) or a second document; text without them skips
# the slower event scan. `**bold**` and "a & b" do not match; "*emphasis*" does, and only costs the scan.
# The `&` or `*` comes first and what stands before it is looked behind: the regex engine then only stops at
# those two characters, instead of trying every space and line start of the file (five times faster).
_MAYBE_ANCHOR_OR_ALIAS = re.compile(r"[&*](?:(?<=^[&*])|(?<=[\s\[{,:-][&*]))[^\s*&,\]}]", re.MULTILINE)
_MAYBE_DOCUMENT_MARK = re.compile(r"^(?:---|\.\.\.)(?:\s|$)", re.MULTILINE)
# libyaml composes nested collections recursively and crashes on tens of thousands of levels; below this
# bound on the nesting (brackets plus the longest line) composing directly is safe.
_SAFE_NESTING_BOUND = 2000
# Characters YAML does not allow anywhere (its printable set is tab, LF, CR, NEL and everything from space up,
# minus DEL, the C1 controls, surrogates and U+FFFE/U+FFFF). Found before parsing, to report them at their place.
_NOT_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")

# libyaml and the pure-Python parser word their problems differently: match on a common fragment.
_FRIENDLY_PROBLEMS = {
    "mapping values are not allowed": (
        "a colon followed by a space inside a value.",
        "If this line starts a new key, line it up with the keys above it; if it is text, put the whole text "
        "in quotes, like: label: \"Note: this\".",
    ),
    "unexpected end of stream": (
        "the file ends inside a quoted text or a list.",
        "Close the quote or bracket that was opened.",
    ),
}


@dataclass
class ReadResult:
    """The YAML root node of a file (None when it could not be read) and what went wrong."""

    root: yaml.Node | None
    diagnostics: list[Diagnostic] = field(default_factory=list)


def read_tree_file(path: Path, display: str | None = None) -> ReadResult:
    """Read ``path`` into YAML nodes, or explain why it cannot be read. ``display`` names it in messages."""
    name = display if display is not None else str(path)
    try:
        descriptor = open_regular(path)  # never blocks on a pipe, never reads a device
    except NotReadable as reason:
        return ReadResult(None, [_error(name, 1, 1, reason.message, reason.hint)])
    try:
        with os.fdopen(descriptor, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > MAX_FILE_BYTES:
                return ReadResult(None, [_too_big(name, size)])
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        return ReadResult(None, [_error(name, 1, 1, f"cannot read the file: {exc.strerror or exc}.")])
    return read_tree_bytes(data, name)


def read_tree_bytes(data: bytes, name: str) -> ReadResult:
    """Read the bytes of a tree file into YAML nodes, or explain why they cannot be read."""
    if len(data) > MAX_FILE_BYTES:
        return ReadResult(None, [_too_big(name, len(data))])
    if data.startswith(b"\xef\xbb\xbf"):
        # A byte-order mark is harmless and some Windows editors add it: accept it quietly.
        data = data[3:]
    other = _other_encoding(data)
    if other is not None:
        # Refused as a whole (at 1:1, where the mark or the first character is), not at its first zero byte.
        return ReadResult(None, [_error(name, 1, 1, f"the file is {other} text; tree files must be UTF-8.",
                                        "Save the file with UTF-8 encoding.")])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        # Everything before the bad byte decoded: its position is counted in characters, as editors show it.
        line, column = text_position(data[: exc.start].decode("utf-8"), exc.start)
        bad = data[exc.start : exc.start + 1].hex()
        return ReadResult(None, [_error(
            name, line, column, f"the file is not UTF-8 text (byte 0x{bad} here).",
            "Save the file with UTF-8 encoding.",
        )])
    control = _NOT_PRINTABLE.search(text)
    if control is not None:
        line, column = text_position(text, control.start())
        code = ord(control.group())
        what = "a zero byte" if code == 0 else f"the control character U+{code:04X}"
        return ReadResult(None, [_error(name, line, column, f"the file holds {what} here; a tree file is plain "
                                        "text.", "Delete it (editors often do not show it).")])
    problem = _scan_events(text, name) if _needs_event_scan(text) else None
    if problem is not None:
        return ReadResult(None, [problem])
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        return ReadResult(None, [_syntax_error(name, exc, text)])
    except yaml.YAMLError as exc:  # errors without a position (rare): still no traceback
        return ReadResult(None, [_error(name, 1, 1, f"YAML error: {exc}.")])
    if root is None:
        return ReadResult(None, [_error(
            name, 1, 1, "the file is empty.",
            "A tree needs at least title, summary, audience, reviewed, sources, start and nodes.",
        )])
    too_deep = _first_too_deep(root)
    if too_deep is not None:
        mark = too_deep.start_mark
        return ReadResult(None, [_error(name, mark.line + 1, mark.column + 1,
                                        f"the file is nested more than {MAX_DEPTH} levels deep.",
                                        "Trees never need this much nesting; check the indentation.")])
    tagged = _first_foreign_tag(root) if "!" in text else None  # a tag is always written with a `!`
    if tagged is not None:
        mark = tagged.start_mark
        return ReadResult(None, [_error(name, mark.line + 1, mark.column + 1,
                                        f"the YAML tag `{_short_tag(tagged.tag)}` is not allowed in a tree file.",
                                        "Remove the tag: the tree's format decides what each value is.")])
    return ReadResult(root)


# What the reader gives every node itself; an explicit `!!str`, `!!seq` or `!!map` says the same and is fine.
_PLAIN_TAGS = frozenset({"tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"})


def _first_foreign_tag(root: yaml.Node) -> yaml.Node | None:
    """The first node carrying a tag other than the plain ones (`!!binary`, `!!python/...`, `!local`).

    The loader reads every value by the schema, so a tag would be silently ignored: an editor who wrote
    `!!binary` or `!!int` expects something the tree will not do. Iterative, like ``_first_too_deep``.
    """
    stack: list[yaml.Node] = [root]
    while stack:
        node = stack.pop()
        if node.tag not in _PLAIN_TAGS:
            return node
        if isinstance(node, yaml.MappingNode):
            stack.extend(child for pair in reversed(node.value) for child in reversed(pair))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))
    return None


def _short_tag(tag: str) -> str:
    """``tag:yaml.org,2002:binary`` as an editor wrote it: ``!!binary``."""
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag


def _needs_event_scan(text: str) -> bool:
    """False when the text cannot hold an anchor, an alias, a second document or dangerous nesting."""
    if _MAYBE_ANCHOR_OR_ALIAS.search(text) or _MAYBE_DOCUMENT_MARK.search(text):
        return True
    if len(text) <= _SAFE_NESTING_BOUND:
        return False
    longest_line = max(map(len, text.split("\n")))
    return text.count("[") + text.count("{") + longest_line > _SAFE_NESTING_BOUND


def _first_too_deep(root: yaml.Node) -> yaml.Node | None:
    """The first collection nested deeper than ``MAX_DEPTH`` (iteratively: no recursion on input)."""
    # Level by level, each level in document order (a parent's children follow those of the parents before it):
    # the first collection of the first level too deep is the first such one in the file. Only collections are
    # kept (most nodes are scalars), and no tuple is made per node, as a stack of (node, depth) would.
    scalar, mapping = yaml.ScalarNode, yaml.MappingNode
    level = [root] if type(root) is not scalar else []
    depth = 1
    while level:
        if depth > MAX_DEPTH:
            return level[0]
        below: list[yaml.Node] = []
        for node in level:
            if type(node) is mapping:
                for key, value in node.value:
                    if type(key) is not scalar:
                        below.append(key)
                    if type(value) is not scalar:
                        below.append(value)
            else:
                below.extend([child for child in node.value if type(child) is not scalar])
        level = below
        depth += 1
    return None


def _scan_events(text: str, name: str) -> Diagnostic | None:
    """Reject aliases, anchors, several documents and deep nesting before anything is built.

    The event stream is produced without recursion, so this is safe on hostile input; composing nodes is
    recursive and expanding aliases is exponential, so both wait until this scan has passed.
    """
    depth = 0
    documents = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent):
                return _at(name, event, "an alias (`*name`) is not allowed in a tree file.",
                           "Write the value out in full instead of referring to an anchor.")
            if isinstance(event, yaml.NodeEvent) and event.anchor is not None:
                return _at(name, event, f"an anchor (`&{event.anchor}`) is not allowed in a tree file.",
                           "Remove the anchor and write each value out in full.")
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    return _at(name, event, "the file holds more than one YAML document (a second `---`).",
                               "Keep one procedure per file; remove the extra `---`.")
            elif isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return _at(name, event, f"the file is nested more than {MAX_DEPTH} levels deep.",
                               "Trees never need this much nesting; check the indentation.")
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        return _syntax_error(name, exc, text)
    except yaml.YAMLError as exc:
        return _error(name, 1, 1, f"YAML error: {exc}.")
    return None


def _syntax_error(name: str, exc: yaml.MarkedYAMLError, text: str) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    if exc.context_mark is not None and "end of stream" in (exc.problem or ""):
        # The end of the file is not where the mistake is: point at the quote or bracket left open.
        mark = exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    problem = (exc.problem or "invalid YAML").strip()
    if _char_at(text, line, column) == "\t":
        return _error(name, line, column, "YAML syntax error: a tab character here; YAML must be indented with spaces.",
                      "Replace the tab with spaces.")
    explained = indentation.explain(text, line, column, problem)
    if explained is not None:
        return _error(name, explained.line, explained.column, indentation.PREFIX + explained.message,
                      explained.hint)
    for fragment, (message, hint) in _FRIENDLY_PROBLEMS.items():
        if fragment in problem:
            return _error(name, line, column, f"YAML syntax error: {message}", hint)
    context = f" ({exc.context})" if exc.context else ""
    return _error(name, line, column, f"YAML syntax error: {problem}{context}.",
                  "Check the indentation and quotes on this line and the one before.")


def _char_at(text: str, line: int, column: int) -> str:
    """The character at a 1-based line and column (libyaml's marks carry no buffer to look in)."""
    lines = text.splitlines()
    if 1 <= line <= len(lines) and 1 <= column <= len(lines[line - 1]):
        return lines[line - 1][column - 1]
    return ""


def _at(name: str, event: yaml.Event, message: str, hint: str) -> Diagnostic:
    mark = event.start_mark
    if mark is None:  # events from a file always carry a mark; this satisfies the type of PyYAML's API
        return _error(name, 1, 1, message, hint)
    return _error(name, mark.line + 1, mark.column + 1, message, hint)


def _too_big(name: str, size: int) -> Diagnostic:
    return _error(
        name, 1, 1,
        f"the file is {size / 1_000_000:.1f} MB; a tree file may be at most {MAX_FILE_BYTES // 1_000_000} MB.",
        "Split the procedure into smaller trees or remove pasted material.",
    )


def text_position(text: str, index: int) -> tuple[int, int]:
    """Line and column (from 1) of character ``index``, counting line breaks as YAML does: CR LF, LF and a lone
    CR (old Mac files) each end a line, as do NEL, LS and PS."""
    before = text[:index]
    breaks = list(_LINE_BREAK.finditer(before))
    if not breaks:
        return 1, index + 1
    return len(breaks) + 1, index - breaks[-1].end() + 1


def _other_encoding(data: bytes) -> str | None:
    """``UTF-16`` or ``UTF-32`` when the bytes are text in one of those (with or without a byte-order mark)."""
    for mark, name in ((b"\x00\x00\xfe\xff", "UTF-32"), (b"\xff\xfe\x00\x00", "UTF-32"), (b"\xfe\xff", "UTF-16"),
                       (b"\xff\xfe", "UTF-16")):
        if data.startswith(mark):
            return name
    # Without a mark, YAML's own rule: a file starting with ASCII has zero bytes beside its first characters.
    head = data[:8]
    if len(head) == 8 and (head[0:3] == b"\0\0\0" or head[1:4] == b"\0\0\0"):
        return "UTF-32"
    if len(head) >= 4 and (not any(head[0::2]) or not any(head[1::2])):
        return "UTF-16"
    return None


def _error(name: str, line: int, column: int, message: str, hint: str | None = None) -> Diagnostic:
    return Diagnostic(name, line, column, ERROR, message, hint)
