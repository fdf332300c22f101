"""The browser wizard: the files that run the engine on self-hosted Pyodide in the reader's browser.

``wizard.browser.bundle`` writes them into a built site; the scripts themselves live in ``wizard/assets``.
"""
