// Recourse wizard, first part: start the engine (the Web Worker that loads Pyodide) as soon as the page has
// painted. The plugin links this file at the end of a tree page's <head>, `async`. Pyodide is about 6 MB: fetched
// at once, it competed with the stylesheets and the first question appeared later than a plain page's content.
// So the worker is made once the first frame is painted (the first animation frame, then a task). Measured
// under Lighthouse's mobile throttling against starting at once, after `load` and when idle: see "What was
// changed" in docs/performance.md.
//
// wizard.js adopts the worker from `window.__recourseEarlyEngine`, with any message or error that arrived
// before it. It may do so before the worker exists (it runs before the first paint on a fast machine): it then
// gets a stand-in that keeps its listeners and messages and hands them to the worker when it is made, so the
// order of messages is the same either way. wizard.js starts a worker itself wherever this did not run
// (instant navigation, an old browser, a page built without the plugin's head script).
(function () {
  "use strict";
  if (window.__recourseWizard || window.__recourseEarlyEngine) return; // the engine is already running
  var root = document.currentScript;
  if (!root || typeof Worker !== "function" || typeof WebAssembly !== "object") return;
  var assets = new URL(root.getAttribute("data-wizard-assets") || "../../assets/", window.location.href).href;
  var tree = new URL(root.getAttribute("data-wizard-tree") || "tree.json", window.location.href).href;

  var real = null;
  var stopped = false;
  var queued = []; // messages posted before the worker was made
  var listeners = []; // [type, listener] added before or after
  // A Worker's interface: messages, listeners and events go to the worker once it is made.
  var worker = {
    postMessage: function (message) {
      if (real) real.postMessage(message);
      else if (!stopped) queued.push(message);
    },
    addEventListener: function (type, listener) {
      listeners.push([type, listener]);
      if (real) real.addEventListener(type, listener);
    },
    removeEventListener: function (type, listener) {
      listeners = listeners.filter(function (entry) {
        return entry[0] !== type || entry[1] !== listener;
      });
      if (real) real.removeEventListener(type, listener);
    },
    dispatchEvent: function (event) {
      if (real) return real.dispatchEvent(event);
      listeners.forEach(function (entry) {
        if (entry[0] === event.type) entry[1](event);
      });
      return !event.defaultPrevented;
    },
    terminate: function () {
      stopped = true;
      queued = [];
      if (real) real.terminate();
    },
  };

  function fail(error) {
    // Told to the error listeners as a worker's own error would be: wizard.js decides what the reader sees.
    worker.dispatchEvent(new ErrorEvent("error", { message: String(error), cancelable: true }));
  }

  // wizard.js and the modules it imports, preloaded once the page has painted (see preloaded_modules in
  // wizard/site/form.py): as <link>s in the head they competed with the stylesheets on a slow phone.
  var modules = (root.getAttribute("data-wizard-modules") || "").split(" ").filter(Boolean);
  function preload() {
    modules.forEach(function (address) {
      var link = document.createElement("link");
      link.rel = "modulepreload";
      link.href = new URL(address, assets).href;
      document.head.appendChild(link);
    });
    modules = [];
  }

  function start() {
    preload();
    if (real || stopped) return;
    try {
      real = new Worker(new URL("wizard/worker.js", assets).href, { type: "module", name: "recourse-wizard" });
    } catch (error) {
      fail(error);
      return;
    }
    listeners.forEach(function (entry) {
      real.addEventListener(entry[0], entry[1]);
    });
    queued.forEach(function (message) {
      real.postMessage(message);
    });
    queued = [];
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
  // The first animation frame comes with the first paint; a task queued from it runs after that paint. A tab
  // opened in the background paints nothing until shown: there is nothing to compete with, so start at once.
  if (document.visibilityState === "hidden") {
    start();
  } else {
    requestAnimationFrame(function () {
      setTimeout(start, 0);
    });
    document.addEventListener("visibilitychange", start, { once: true });
  }
})();
