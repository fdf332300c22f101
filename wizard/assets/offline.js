// Recourse: keep the whole site for offline use (every page of both editions, the search and the engine).
// Registers the offline worker /sw.js (see sw.js) once the page has loaded, so that its downloads never
// compete with the page's own. Nothing happens where the browser has no service workers, where the reader
// asked it to save data, or on a page not served over http(s).
(function () {
  "use strict";
  if (window.__recourseOffline) return; // instant navigation runs this again on each page
  window.__recourseOffline = true;
  var script = document.currentScript;
  if (!script || !("serviceWorker" in navigator) || !window.isSecureContext) return;
  if (navigator.connection && navigator.connection.saveData) return;
  // This file is <site>/assets/wizard/offline.js in both editions (the Chinese one shares the English assets).
  var worker = new URL("../../sw.js", script.src);
  function register() {
    navigator.serviceWorker.register(worker.href, { scope: new URL("./", worker).href }).catch(function () {
      // Storage turned off, a private window...: the site works online as before.
    });
  }
  if (document.readyState === "complete") register();
  else window.addEventListener("load", register, { once: true });
})();
