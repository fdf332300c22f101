// Recourse wizard, first part: start the engine (the Web Worker that loads Pyodide) as soon as the page's
// mount point is parsed. This file is linked right after the mount point, `async`, so it runs before the
// theme's scripts, the page's layout and wizard.js (which runs last, deferred): the worker's several seconds of
// loading begin a few hundred milliseconds sooner. wizard.js adopts the worker, with any message or error that
// arrived before it, and starts one itself wherever this did not run (instant navigation, an old browser).
(function () {
  "use strict";
  if (window.__recourseWizard || window.__recourseEarlyEngine) return; // the engine is already running
  var root = document.getElementById("wizard");
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
