// Recourse: keep the whole site for offline use (every page of both editions, the search and the engine).
// Registers the offline worker /sw.js (see sw.js) once the page has loaded and, on a procedure page, once the
// wizard's engine is ready (or has failed), so that its downloads (the whole site, a few MB) never compete with
// the page's own or with the engine's: started at `load`, they made the engine ready 1.7 times later than a bare
// Pyodide (make bench). Then it waits for a pause in the reader's clicks and keys (QUIET_MS): fetched and stored
// while a reader answered at once, the copy cost frames (the bench's answer p95 33 ms, 24 ms without it).
// Nothing happens where the browser has no service workers, where the reader asked it to save data, or on a page
// not served over http(s).
(function () {
  "use strict";
  if (window.__recourseOffline) return; // instant navigation runs this again on each page
  window.__recourseOffline = true;
  var script = document.currentScript;
  if (!script || !("serviceWorker" in navigator) || !window.isSecureContext) return;
  if (navigator.connection && navigator.connection.saveData) return;
  // This file is <site>/assets/wizard/offline.js in both editions (the Chinese one shares the English assets).
  var worker = new URL("../../sw.js", script.src);
  var registered = false;
  function register() {
    if (registered) return;
    registered = true;
    navigator.serviceWorker.register(worker.href, { scope: new URL("./", worker).href }).catch(function () {
      // Storage turned off, a private window...: the site works online as before.
    });
  }
  // wizard.js (a module, run before `load`) puts its engine on the window; "starting" means Pyodide is on its way.
  function engineStarting() {
    var wizard = window.__recourseWizard;
    return Boolean(wizard && wizard.engine && wizard.engine.state === "starting");
  }
  var QUIET_MS = 2000;
  var INPUTS = ["pointerdown", "keydown"];
  function registerAtPause() {
    var timer = 0;
    function wait() {
      clearTimeout(timer);
      timer = setTimeout(done, QUIET_MS);
    }
    function done() {
      INPUTS.forEach(function (type) { window.removeEventListener(type, wait, true); });
      register();
    }
    INPUTS.forEach(function (type) { window.addEventListener(type, wait, true); });
    wait();
  }
  function registerWhenQuiet() {
    if (engineStarting()) window.__recourseWizard.engine.settled.then(registerAtPause);
    else registerAtPause();
  }
  if (document.readyState === "complete") registerWhenQuiet();
  else window.addEventListener("load", registerWhenQuiet, { once: true });
})();
