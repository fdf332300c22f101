"""pytest set-up for the whole repository: collect every tree's examples as test items."""

pytest_plugins = ["wizard.pytest_plugin"]
