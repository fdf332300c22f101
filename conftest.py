"""pytest set-up for the whole repository.

Collects every tree's examples as test items (``wizard.pytest_plugin``), and ends each run with the counts of
the reliability checks that ran, by kind (tests carry ``@pytest.mark.reliability("kind")``), as listed in
docs/reliability.md. A passed test counts once, unless it checks many cases in one go and says how many with
``record_property("checks", n)`` (an audit of every state of a walk, say).
"""

from __future__ import annotations

from collections import Counter

import pytest

pytest_plugins = ["wizard.pytest_plugin"]

RELIABILITY_KINDS = {
    "bad-input": "bad inputs rejected with their exact message",
    "property": "property-based tests",
    "injection": "injection attempts that ran nothing",
    "fault": "fault cases survived",
    "audit": "pages and wizard states audited for accessibility",
}

_passed: Counter[str] = Counter()


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Count the passed items of each reliability kind."""
    if report.when == "call" and report.passed:
        checks = sum(int(str(value)) for name, value in report.user_properties if name == "checks") or 1
        for kind in RELIABILITY_KINDS:
            if kind in report.keywords and "reliability" in report.keywords:
                _passed[kind] += checks


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Expose each item's reliability kind as a keyword, so that its report carries it."""
    for item in items:
        marker = item.get_closest_marker("reliability")
        if marker and marker.args:
            item.keywords[str(marker.args[0])] = True


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Print the reliability counts at the end of the run."""
    if not _passed:
        return
    terminalreporter.section("reliability")
    for kind, label in RELIABILITY_KINDS.items():
        terminalreporter.write_line(f"{label}: {_passed[kind]}")
