// The theme's helpers for its own settings (palette, tabs) in localStorage, served as a file instead of the
// theme's inline script so that pages allow no inline script at all (Content-Security-Policy). The site's
// root is three folders above this file, which is what the theme's `__md_scope` holds.
/* eslint-disable no-var */
var __md_scope = new URL("../../..", document.currentScript.src);
var __md_hash = function (e) {
  return [...e].reduce(function (h, c) { return (h << 5) - h + c.charCodeAt(0); }, 0);
};
var __md_get = function (e, _ = localStorage, t = __md_scope) {
  return JSON.parse(_.getItem(t.pathname + "." + e));
};
var __md_set = function (e, _, t = localStorage, a = __md_scope) {
  try { t.setItem(a.pathname + "." + e, JSON.stringify(_)); } catch (error) { /* storage may be disabled */ }
};
