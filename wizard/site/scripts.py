"""The site's own copy of Mermaid, and the small loader that fetches it only when a flowchart comes into view.

Material for MkDocs draws ``mermaid`` diagrams with ``window.mermaid`` when it is defined, and otherwise loads
Mermaid from a CDN, which the site must never do. Defining the real Mermaid on every page would make every
visitor download 5 MB of script for the home page too, so every page gets the loader instead: a stand-in
``window.mermaid`` that loads the self-hosted ``mermaid.min.js`` the first time the theme draws a diagram.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from wizard.browser.bundle import BundleError

MERMAID_IN_NODE_MODULES = Path("mermaid", "dist", "mermaid.min.js")
MERMAID_IN_SITE = "assets/vendor/mermaid/mermaid.min.js"
# Beside mermaid.min.js: the loader finds Mermaid relative to its own address.
LOADER_IN_SITE = "assets/vendor/mermaid/load-mermaid.js"

# The stand-in offers what the theme calls (`initialize`, then `render` for each diagram, whose promise it
# awaits), so it needs no change to the theme. Loading the real script replaces `window.mermaid` with it.
LOADER_JS = """\
// Recourse: the theme draws diagrams with window.mermaid when it is defined, and otherwise loads Mermaid from
// a CDN. This stand-in loads the site's own copy (beside this file) once a diagram comes near the screen:
// Mermaid is large and drawing takes the main thread for a while, so a reader who never scrolls to the
// flowchart never pays for it, and the wizard above it stays responsive.
(function () {
  "use strict";
  if (typeof window.mermaid !== "undefined" && !(window.mermaid instanceof Element)) return;
  var source = new URL("mermaid.min.js", document.currentScript.src).href;
  var options = {};
  var loading = null;
  var revealed = false;
  var reveal = null;
  var nearView = new Promise(function (resolve) { reveal = resolve; });
  var observer = null;
  var standIn = {
    initialize: function (config) { options = config; },
    render: function (id, text) {
      return whenNearView().then(load).then(function (mermaid) { return mermaid.render(id, text); });
    }
  };
  function show() {
    revealed = true;
    if (observer !== null) observer.disconnect();
    reveal();
  }
  // Resolves when any diagram of the page (this page or one opened since by instant navigation) is within
  // a screen of being seen, or at once where the browser cannot tell.
  function whenNearView() {
    if (revealed) return nearView;
    if (typeof IntersectionObserver !== "function") {
      show();
      return nearView;
    }
    if (observer === null) {
      observer = new IntersectionObserver(function (entries) {
        if (entries.some(function (entry) { return entry.isIntersecting; })) show();
      }, { rootMargin: "100% 0px" });
      window.addEventListener("beforeprint", show);
    }
    document.querySelectorAll(".mermaid").forEach(function (element) { observer.observe(element); });
    return nearView;
  }
  function load() {
    if (loading === null) {
      loading = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = source;
        script.onload = function () {
          if (window.mermaid !== standIn) resolve(window.mermaid);
          else reject(new Error("Mermaid did not start"));
        };
        script.onerror = function () { reject(new Error("Mermaid could not be loaded")); };
        document.head.appendChild(script);
      }).then(function (mermaid) {
        mermaid.initialize(options);
        return mermaid;
      });
    }
    return loading;
  }
  window.mermaid = standIn;
})();
"""


def mermaid_script(node_modules: Path) -> Path:
    """The npm package's ``mermaid.min.js``.

    Raises ``BundleError`` (the error of every missing front-end package) when ``npm ci`` has not been run:
    a site without it would fetch Mermaid from a CDN.
    """
    path = node_modules / MERMAID_IN_NODE_MODULES
    if not path.is_file():
        raise BundleError(f"{path} is missing. Run `npm ci` in the repository root to install it.")
    return path


def write_mermaid(site_dir: Path, node_modules: Path) -> None:
    """Copy Mermaid and write its loader into ``site_dir`` (``BundleError`` when Mermaid is not installed)."""
    target = site_dir / MERMAID_IN_SITE
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(mermaid_script(node_modules), target)
    (site_dir / LOADER_IN_SITE).write_text(LOADER_JS, encoding="utf-8")
