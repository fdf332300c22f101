"""The static site: a compiled tree turned into a page that works without JavaScript.

``wizard.site.page`` writes the Markdown page (title, first question as a form, every question and outcome
as linked sections, flowchart, sources), ``wizard.site.mermaid`` the flowchart, and ``wizard.site.pages``
writes pages and JSON for any static site generator. The MkDocs plugin (``wizard.mkdocs_plugin``) is a thin
adapter over these.
"""
