"""Browser tests: the built site in headless Chromium, and the engine under Pyodide."""
