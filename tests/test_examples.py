"""The examples runner: an example states everything readers get on its way, or it fails."""

from __future__ import annotations

from pathlib import Path

from wizard.compiler import compile_file
from wizard.examples import run_examples

KITCHEN = Path(__file__).parent / "fixtures" / "trees" / "kitchen-sink.yaml"


def test_a_deadline_the_example_does_not_state_fails_it(tmp_path: Path) -> None:
    # docs/authoring.md: an example gives "the deadlines it must compute"; one left out was never checked.
    text = KITCHEN.read_text(encoding="utf-8")
    assert "    deadlines:\n      reply_by: 2026-11-27\n" in text
    path = tmp_path / "tree.yaml"
    path.write_text(text.replace("    deadlines:\n      reply_by: 2026-11-27\n", "", 1), encoding="utf-8")
    compiled = compile_file(path, display="tree.yaml")
    assert compiled.ok, [d.format() for d in compiled.diagnostics]
    failures = [(r.name, r.failure) for r in run_examples(compiled) if not r.passed]
    assert failures == [("large and recent, friday reply",
                         "reaches `large_recent` with deadline `reply_by` on 2026-11-27, which the example does not "
                         "state: add `reply_by: 2026-11-27` under its `deadlines:` once you have checked the date")]
