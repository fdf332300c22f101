"""Our pages must be written in our own words: no long run of words copied from a source article.

Every seed article in ``../shared/seeds/`` (relative to the repository root, or the folder named by the
``RECOURSE_SEEDS`` environment variable) is cut into runs of ``RUN_LENGTH`` consecutive words. A page in
``docs/`` (Markdown) or ``trees/`` (YAML, comments included) that contains any such run fails, with the file
and the copied phrase. Ten words is long enough that ordinary phrases ("the 12315 platform") never trip it,
and short enough to catch a copied sentence.

The seeds are not part of this repository. When their folder is absent (a fresh clone) the check is skipped
and says why; a folder that exists but holds no article is an error, so the check cannot pass by accident.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

RUN_LENGTH = 10
REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SEEDS = REPO_ROOT.parent / "shared" / "seeds"
SCANNED = (("docs", "*.md"), ("trees", "*.yaml"))

# A word is a run of letters, digits and apostrophes. Curly apostrophes count as straight ones, and quotes
# at the edges of a word are dropped, so that 'platform' in a formula still matches platform in prose.
_WORD = re.compile(r"(?:[^\W_]|')+")


def words(text: str) -> list[str]:
    """The normalised words of ``text``: lower-case runs of letters, digits and inner apostrophes."""
    found = _WORD.findall(text.lower().replace("\u2019", "'").replace("\u2018", "'"))
    return [word for word in (w.strip("'") for w in found) if word]


def runs(text: str, length: int = RUN_LENGTH) -> set[tuple[str, ...]]:
    """Every run of ``length`` consecutive words in ``text``."""
    tokens = words(text)
    return {tuple(tokens[i : i + length]) for i in range(len(tokens) - length + 1)}


def copied_phrases(text: str, source_runs: set[tuple[str, ...]], length: int = RUN_LENGTH) -> list[str]:
    """The phrases of ``text`` that repeat a run of a source, longest stretch first merged into one phrase.

    Overlapping matching runs are joined, so a copied sentence is reported once, whole.
    """
    tokens = words(text)
    phrases: list[str] = []
    start = end = -1  # the current stretch of copied words is tokens[start:end]
    for i in range(len(tokens) - length + 1):
        if tuple(tokens[i : i + length]) not in source_runs:
            continue
        if i <= end:
            end = i + length
        else:
            if end > 0:
                phrases.append(" ".join(tokens[start:end]))
            start, end = i, i + length
    if end > 0:
        phrases.append(" ".join(tokens[start:end]))
    return phrases


def find_copies(sources: Iterable[Path], pages: Iterable[Path], root: Path) -> list[str]:
    """One line ``page: "phrase"`` for every copied phrase of every page, paths relative to ``root``."""
    source_runs: set[tuple[str, ...]] = set()
    for source in sources:
        source_runs |= runs(source.read_text(encoding="utf-8"))
    problems = []
    for page in pages:
        for phrase in copied_phrases(page.read_text(encoding="utf-8"), source_runs):
            problems.append(f'{page.relative_to(root)}: copies "{phrase}"')
    return problems


def pages_under(root: Path) -> Iterator[Path]:
    """The Markdown pages under ``root/docs`` and the trees under ``root/trees``."""
    for folder, pattern in SCANNED:
        yield from sorted((root / folder).rglob(pattern))


def seeds_folder() -> Path:
    """Where the seed articles are."""
    return Path(os.environ.get("RECOURSE_SEEDS", DEFAULT_SEEDS))


def test_no_page_copies_a_seed_article() -> None:
    """No page in docs/ or trees/ repeats ten consecutive words of a seed article."""
    folder = seeds_folder()
    if not folder.is_dir():
        pytest.skip(f"the seed articles' folder {folder} is absent, so originality cannot be checked "
                    "(it is ../shared/seeds/ beside the repository, or set RECOURSE_SEEDS)")
    seeds = sorted(folder.glob("*.txt"))
    assert seeds, f"{folder} exists but holds no seed article (*.txt)"
    pages = list(pages_under(REPO_ROOT))
    assert pages, "no pages found to check"
    problems = find_copies(seeds, pages, REPO_ROOT)
    assert not problems, "Rewrite these passages in your own words:\n" + "\n".join(problems)


def test_detector_reports_a_planted_copy(tmp_path: Path) -> None:
    """A page that copies ten words of a source is reported with its file and the copied phrase."""
    seed = tmp_path / "seeds" / "article.txt"
    seed.parent.mkdir()
    seed.write_text(
        "Intro. If the complaint has been resolved, you can explain the situation to the staff and stop.",
        encoding="utf-8",
    )
    (tmp_path / "docs").mkdir()
    (tmp_path / "trees").mkdir()
    copied = tmp_path / "docs" / "copied.md"
    # Different case, punctuation and line breaks must not hide the copy.
    copied.write_text("# Page\n\nNote: IF the complaint has been\nresolved, you can EXPLAIN the situation!\n")
    own_words = tmp_path / "trees" / "own.yaml"
    # Nine words in a row of the source, then a change: below the limit.
    own_words.write_text("text: the complaint has been resolved, you can explain the matter to staff\n")

    problems = find_copies([seed], pages_under(tmp_path), tmp_path)

    expected = 'docs/copied.md: copies "if the complaint has been resolved you can explain the situation"'
    assert problems == [expected]


def test_detector_merges_overlapping_runs_and_handles_apostrophes() -> None:
    """A long copied stretch is one phrase; curly and straight apostrophes match."""
    source = "one two three four five six seven eight nine ten eleven twelve consumer’s rights"
    page = "start one two three four five six seven eight nine ten eleven twelve consumer's rights end"
    assert copied_phrases(page, runs(source)) == [
        "one two three four five six seven eight nine ten eleven twelve consumer's rights"
    ]
    assert copied_phrases("one two three four five six seven eight nine", runs(source)) == []
