"""``wizard new SLUG``: a small, valid tree with every field explained, for an editor to fill in, and a translation
file for each required language, ready to fill in (so the new tree passes its checks and runs its examples at once;
the unfinished translation is one warning with a count until it is done)."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

from wizard import schema

TEMPLATE = """\
# yaml-language-server: $schema={schema_path}
#
# A new procedure. Every key is explained in a comment; the full guide is docs/authoring.md.
# Check your work with:  wizard check --strict {file}   and   wizard test {file}
# The file name ({slug}.yaml) is the page address: /procedures/{slug}/. Do not rename it once published.

# The question the procedure answers, as a reader would ask it.
title: "Can I ...? (replace with the reader's question)"
# One sentence: what the reader will find out.
summary: Answer a few questions to find out whether ... and what to do next.
# consumers or sellers: where the page is listed.
audience: {audience}
# The day you last checked the content against its sources (YYYY-MM-DD). Update it whenever you check again.
reviewed: {today}

# The laws, rules and documents that outcomes rely on, each under a short id of your choice.
sources:
  main_rule:
    title: Name of the law or rule
    section: Article 1                 # optional: the article or part you rely on
    # link: https://...                # optional: where to read it
    kind: law                          # law, platform_rule, platform_practice or guidance

# The id of the first question.
start: first_question

# The questions, rules and outcomes. Ids are lowercase_with_underscores and never change once published
# (links and examples use them), even when you reword the text.
nodes:
  first_question:
    type: yesno                        # {node_types}
    question: Has ... happened yet?
    help: Optional extra explanation, in *Markdown*, shown under the question.
    options:
      yes:
        next: answer_yes               # the id of the node that comes next
        because: Once ... has happened, ...   # the rule, in one sentence (shown in "why this outcome")
      no:
        next: answer_no
        because: Until ... happens, ...

  answer_yes:
    type: outcome
    verdict: "Yes, you can"            # the answer in a few words
    tone: "yes"                        # yes, no, maybe or info: how the verdict is shown
    explanation: |
      Why, in plain words and short sentences (Markdown).
    next_steps:                        # what to do, in order
      - Do this first.
      - Then this.
    basis: [main_rule]                 # the ids of the sources this outcome rests on

  answer_no:
    type: outcome
    verdict: "No, not yet"
    tone: "no"
    explanation: |
      Why not, in plain words.
    basis: [main_rule]

# Examples are the tree's tests: answers, and the outcome they must reach. Add one for every outcome.
examples:
  - name: it has happened
    answers:
      first_question: "yes"
    outcome: answer_yes
  - name: it has not happened
    answers:
      first_question: "no"
    outcome: answer_no
"""


class ScaffoldError(ValueError):
    """The slug or target file cannot be used; the message says why and what to do."""


def new_tree(slug: str, folder: Path, audience: str = "consumers", today: datetime.date | None = None) -> Path:
    """Write ``folder/<slug>.yaml`` from the template and return its path; never overwrites a file."""
    if not re.match(schema.SLUG_PATTERN, slug):
        suggestion = re.sub(r"[^a-z0-9]+", "-", slug.lower()).strip("-") or "my-procedure"
        raise ScaffoldError(f"`{slug}` cannot be a page address: use lowercase words joined by hyphens, "
                            f"like `{suggestion}`.")
    if audience not in schema.AUDIENCES:
        raise ScaffoldError(f"the audience must be one of {', '.join(schema.AUDIENCES)}, not `{audience}`.")
    path = folder / f"{slug}.yaml"
    if path.exists():
        raise ScaffoldError(f"{path} already exists; choose another slug or edit that file.")
    folder.mkdir(parents=True, exist_ok=True)
    schema_path = Path("../docs/schema/tree.schema.json") if folder.name == "trees" else Path(
        "docs/schema/tree.schema.json")
    # The kinds of node from their registry, so that a new kind is named here without another edit.
    node_types = f"{', '.join(schema.NODE_TYPES[:-1])} or {schema.NODE_TYPES[-1]}"
    path.write_text(TEMPLATE.format(slug=slug, audience=audience, today=(today or datetime.date.today()).isoformat(),
                                    file=path.as_posix(), schema_path=schema_path.as_posix(), node_types=node_types),
                    encoding="utf-8")
    return path


def new_translations(tree_path: Path) -> list[Path]:
    """Write the translation file of a new tree for every required language (``content.toml``), every text empty."""
    from wizard.loader import load_tree
    from wizard.project import Project
    from wizard.sources import display_name
    from wizard.translation import translation_path
    from wizard.translation_update import update

    loaded = load_tree(tree_path, display_name(tree_path))
    written = []
    project = Project.find(tree_path)
    for language in project.required_languages:
        if not translation_path(tree_path, language).exists():
            written.append(update(tree_path, display_name(translation_path(tree_path, language)), language,
                                  loaded, project).path)
    return written
