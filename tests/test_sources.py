"""Only regular tree files inside the folder being checked are read; every other kind of path gets a clear error.

Each case runs the real command in a subprocess with a timeout: a named pipe that blocked the reader would hang
the test instead of failing it, so the timeout is the assertion that it does not.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from wizard.compiler import compile_folder
from wizard.yamlread import read_tree_bytes, read_tree_file

REPO = Path(__file__).resolve().parent.parent
TREE = (REPO / "tests" / "corpus" / "bad" / "unknown-key.yaml").read_text(encoding="utf-8").split("\n", 1)[1]
LINK_HINT = "Replace the link with the tree file itself."


def _check(*paths: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([sys.executable, "-m", "wizard", "check", *paths], capture_output=True, text=True,
                          cwd=cwd, timeout=60, check=False)
    assert "Traceback" not in done.stderr + done.stdout
    return done


@pytest.mark.reliability("bad-input")
@pytest.mark.parametrize("given", ["trees", "trees/x.yaml"], ids=["folder", "file"])
def test_a_named_pipe_is_refused_without_waiting(tmp_path: Path, given: str) -> None:
    (tmp_path / "trees").mkdir()
    os.mkfifo(tmp_path / "trees" / "x.yaml")
    done = _check(given, cwd=tmp_path)
    assert done.returncode == 1
    assert done.stdout == ("trees/x.yaml:1:1: error: this is a named pipe (FIFO), not a regular file; only regular "
                           "files are read. Replace it with the tree file itself.\n")
    assert done.stderr == "checked 0 file(s), 1 path(s) refused: 1 error(s), 0 warning(s)\n"


@pytest.mark.reliability("bad-input")
def test_a_symbolic_link_loop_says_so(tmp_path: Path) -> None:
    (tmp_path / "trees").mkdir()
    (tmp_path / "trees" / "x.yaml").symlink_to("x.yaml")
    (tmp_path / "trees" / "y.yaml").symlink_to("missing.yaml")
    done = _check("trees", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        f"trees/x.yaml:1:1: error: this is a symbolic link that leads to itself. {LINK_HINT}",
        f"trees/y.yaml:1:1: error: this is a symbolic link to a file that does not exist. {LINK_HINT}",
    ]


@pytest.mark.reliability("bad-input")
@pytest.mark.parametrize("given", ["trees", "trees/x.yaml"], ids=["folder", "file"])
def test_a_link_leading_outside_is_not_read(tmp_path: Path, given: str) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("password: hunter2 is here\n", encoding="utf-8")
    (tmp_path / "trees").mkdir()
    (tmp_path / "trees" / "x.yaml").symlink_to(secret)
    done = _check(given, cwd=tmp_path)
    assert done.returncode == 1
    assert done.stdout == ("trees/x.yaml:1:1: error: this is a symbolic link to a file outside the folder being "
                           "checked; it was not read. Put the tree file itself in the folder.\n")
    assert "hunter2" not in done.stdout + done.stderr


def test_a_link_to_a_tree_inside_the_folder_is_read(tmp_path: Path) -> None:
    (tmp_path / "trees").mkdir()
    (tmp_path / "trees" / "real.yaml").write_text(TREE, encoding="utf-8")
    (tmp_path / "trees" / "alias.yaml").symlink_to("real.yaml")
    done = _check("trees", cwd=tmp_path)
    errors = [line for line in done.stdout.splitlines() if ": error: " in line]
    assert [line.split(":")[0] for line in errors] == ["trees/alias.yaml", "trees/real.yaml"]
    assert all("unknown key `qestion`" in line for line in errors)


@pytest.mark.reliability("bad-input")
@pytest.mark.parametrize("given", ["trees", "trees/x.yaml"], ids=["folder", "file"])
def test_a_folder_named_like_a_tree_is_an_error(tmp_path: Path, given: str) -> None:
    (tmp_path / "trees" / "x.yaml").mkdir(parents=True)
    done = _check(given, cwd=tmp_path)
    assert done.returncode == 1
    assert done.stdout == ("trees/x.yaml:1:1: error: this is a folder named like a tree file; only files are read. "
                           "Rename the folder: names ending in .yaml are for tree files.\n")


@pytest.mark.reliability("bad-input")
@pytest.mark.parametrize("given", ["trees", "trees/lost.zh.yaml"], ids=["folder", "file"])
def test_an_orphaned_translation_is_an_error(tmp_path: Path, given: str) -> None:
    (tmp_path / "trees").mkdir()
    (tmp_path / "trees" / "lost.zh.yaml").write_text("title: 标题\n", encoding="utf-8")
    done = _check(given, cwd=tmp_path)
    assert done.returncode == 1
    assert done.stdout == ("trees/lost.zh.yaml:1:1: error: this translation has no tree: `lost.yaml` does not exist. "
                           "Rename it after its tree, or add `lost.yaml`: a translation is checked with its tree.\n")


def test_an_empty_folder_says_that_nothing_was_checked(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.txt").write_text("not a tree\n", encoding="utf-8")
    done = _check("empty", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr == "wizard: empty: no tree files (*.yaml) in this folder; nothing was checked\n"


def test_the_site_build_reports_refused_entries(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.yaml")
    (tmp_path / "lost.zh.yaml").write_text("title: 标题\n", encoding="utf-8")
    errors = [d.message for result in compile_folder(tmp_path) for d in result.diagnostics]
    assert errors == ["this translation has no tree: `lost.yaml` does not exist.",
                      "this is a named pipe (FIFO), not a regular file; only regular files are read."]


@pytest.mark.reliability("bad-input")
def test_a_translation_linked_from_outside_is_not_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("title: hunter2\n", encoding="utf-8")
    (tmp_path / "trees").mkdir()
    (tmp_path / "trees" / "x.yaml").write_text(TREE, encoding="utf-8")
    (tmp_path / "trees" / "x.zh.yaml").symlink_to(secret)
    done = _check("trees", cwd=tmp_path)
    assert ("trees/x.zh.yaml:1:1: error: this is a symbolic link to a file outside the folder being checked; it was "
            "not read.") in done.stdout
    assert "hunter2" not in done.stdout


def test_reading_a_pipe_directly_never_blocks(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "p.yaml")
    found = read_tree_file(tmp_path / "p.yaml", "p.yaml")
    assert found.root is None
    assert [d.format() for d in found.diagnostics] == [
        "p.yaml:1:1: error: this is a named pipe (FIFO), not a regular file; only regular files are read. "
        "Replace it with the tree file itself."]


UTF8_HINT = "Save the file with UTF-8 encoding."


@pytest.mark.reliability("bad-input")
@pytest.mark.parametrize(("encoding", "mark", "name"), [
    ("utf-16-le", b"\xff\xfe", "UTF-16"), ("utf-16-be", b"\xfe\xff", "UTF-16"), ("utf-16-le", b"", "UTF-16"),
    ("utf-16-be", b"", "UTF-16"), ("utf-32-le", b"\xff\xfe\x00\x00", "UTF-32"),
    ("utf-32-be", b"\x00\x00\xfe\xff", "UTF-32"), ("utf-32-le", b"", "UTF-32"), ("utf-32-be", b"", "UTF-32"),
])
def test_utf16_and_utf32_are_refused_at_the_start(encoding: str, mark: bytes, name: str) -> None:
    found = read_tree_bytes(mark + TREE.encode(encoding), "t.yaml")
    assert [d.format() for d in found.diagnostics] == [
        f"t.yaml:1:1: error: the file is {name} text; tree files must be UTF-8. {UTF8_HINT}"]


@pytest.mark.parametrize("newline", ["\r", "\r\n", "\n"], ids=["cr", "crlf", "lf"])
def test_positions_count_every_kind_of_line_ending(newline: str) -> None:
    text = "title: ok\nsummary: caf\xe9\n".replace("\n", newline)
    bad = read_tree_bytes(text.encode("latin-1"), "t.yaml")
    assert [d.format() for d in bad.diagnostics] == [
        f"t.yaml:2:13: error: the file is not UTF-8 text (byte 0xe9 here). {UTF8_HINT}"]
    zero = read_tree_bytes("title: ok\nsummary: a\x00\n".replace("\n", newline).encode(), "t.yaml")
    assert [(d.line, d.column) for d in zero.diagnostics] == [(2, 11)]


def test_a_column_counts_characters_not_bytes() -> None:
    found = read_tree_bytes("title: 投诉\nsummary: 撤回\x00\n".encode(), "t.yaml")
    assert [(d.line, d.column) for d in found.diagnostics] == [(2, 12)]


@pytest.mark.reliability("bad-input")
def test_diff_against_git_refuses_a_pipe_instead_of_waiting(tmp_path: Path) -> None:
    def git(*args: str) -> None:
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=tmp_path,
                       check=True, capture_output=True)

    (tmp_path / "trees").mkdir()
    (tmp_path / "trees" / "x.yaml").write_text(TREE, encoding="utf-8")
    git("init", "-q")
    git("add", ".")
    git("commit", "-qm", "base")
    (tmp_path / "trees" / "x.yaml").unlink()
    os.mkfifo(tmp_path / "trees" / "x.yaml")
    done = subprocess.run([sys.executable, "-m", "wizard", "diff", "--git", "HEAD"], capture_output=True, text=True,
                          cwd=tmp_path, timeout=60, check=False)
    assert done.returncode == 2
    assert done.stderr == ("trees/x.yaml:1:1: error: this is a named pipe (FIFO), not a regular file; only regular "
                           "files are read. Replace it with the tree file itself.\n"
                           "wizard: trees holds files that cannot be read\n")
