// Recourse wizard, first part: start the engine (the Web Worker that loads Pyodide) while the page is still
// loading. The plugin links this file at the end of a tree page's <head>, `async`: the browser fetches it beside
// the stylesheets and runs it as soon as it arrives, before the body is parsed, the theme's scripts run and the
// page is laid out, so the worker's seconds of loading begin sooner (engine ready about 190 ms sooner over an
// emulated mobile connection; see docs/performance.md). It reads what it needs from its own data- attributes
// (the mount point is not parsed yet). wizard.js adopts the worker, with any
// message or error that arrived before it, and starts one itself wherever this did not run (instant
// navigation, an old browser, a page built without the plugin's head script).
(function () {
  "use strict";
  if (window.__recourseWizard || window.__recourseEarlyEngine) return; // the engine is already running
  var root = document.currentScript;
  if (!root || typeof Worker !== "function" || typeof WebAssembly !== "object") return;
  var assets = new URL(root.getAttribute("data-wizard-assets") || "../../assets/", window.location.href).href;
  var tree = new URL(root.getAttribute("data-wizard-tree") || "tree.json", window.location.href).href;
  var worker;
  try {
    worker = new Worker(new URL("wizard/worker.js", assets).href, { type: "module", name: "recourse-wizard" });
  } catch (error) {
    return; // wizard.js tries again and reports the failure
  }
  var early = { worker: worker, assetsURL: assets, messages: [], errors: [] };
  worker.addEventListener("message", function (event) {
    if (early.messages) early.messages.push(event);
  });
  worker.addEventListener("error", function (event) {
    if (!early.errors) return;
    event.preventDefault(); // kept for wizard.js, which decides what the reader sees
    early.errors.push(event);
  });
  worker.postMessage({ type: "tree", url: tree });
  window.__recourseEarlyEngine = early;
})();
