// @ts-check
// Recourse wizard: answers at once, from the views the build worked out (while the engine loads, and after).
//
// On a first visit Pyodide takes seconds (tens of seconds on a slow phone) to arrive. The build ran the same
// engine over every answer made only of choices from the start, up to where the day or a typed answer matters
// (wizard.site.prerender), drew each view with the renderer the worker uses (wizard.core.views), and wrote them
// beside the page as views.json. This module fetches that table as soon as it runs, after the page is parsed (a
// few KB: fetched after the first paint, it came a round trip too late for a reader who answers at once on a
// slow phone, 370 ms instead of 91), and gives wizard.js the worker's answer for answers it holds (the engine's
// result and the screen's HTML); wizard.js shows it exactly as it shows the worker's (same address, history
// entry, focus and announcement), before and after the engine is ready (wizard-steps.js). Answers it does not
// hold go to the engine. The plugin links this file in a tree page's <head> with the table's address in its
// `data-wizard-views` (with a digest of the table: a page never meets a table of another build).

/**
 * @typedef {import("./wizard-engine.js").StepResult} StepResult
 * @typedef {{html: string, result: Omit<StepResult, "html">}} View
 * @typedef {Map<string, View>} Table  views by their answers, as `URLSearchParams` writes them in the address
 */

const VIEWS_FORMAT = 1;

/** @type {Map<string, Promise<Table | null>>} tree.json's address -> its table (null: none could be read) */
const tables = new Map();
/** @type {Set<string>} the addresses of tree.json whose table has arrived (or failed) */
const arrived = new Set();

/**
 * The table at `url`, checked for its format; null when it cannot be fetched or read (the engine answers).
 * @param {string} url
 * @returns {Promise<Table | null>}
 */
async function fetchTable(url) {
  try {
    const response = await fetch(url, { credentials: "same-origin" });
    if (!response.ok) return null;
    const table = await response.json();
    if (!table || table.format !== VIEWS_FORMAT || typeof table.views !== "object" || table.views === null) return null;
    return new Map(Object.entries(table.views));
  } catch (error) {
    return null;
  }
}

/**
 * The worker's answer for `answers` on the tree at `treeURL` (the engine's result and its screen's HTML), from
 * its table; null when the table does not hold it (or there is none). Waits for a table still on its way,
 * unless `wait` is false (the engine is ready: a table that is late, or never comes, must not hold it up).
 * @param {string} treeURL  the absolute address of tree.json, as wizard.js resolves it
 * @param {Array<[string, string]>} answers  the answers on the path, in order
 * @param {boolean} [wait]
 * @returns {Promise<StepResult | null>}
 */
async function view(treeURL, answers, wait = true) {
  if (!wait && !arrived.has(treeURL)) return null;
  const table = await (tables.get(treeURL) || Promise.resolve(null));
  const found = table ? table.get(new URLSearchParams(answers).toString()) : undefined;
  // A copy: the wizard keeps the result it shows, and the next reader of the same view must get it unchanged.
  return found ? { ...structuredClone(found.result), html: found.html } : null;
}

const script = document.querySelector("script[data-wizard-views]");
if (script) {
  const treeURL = new URL(script.getAttribute("data-wizard-tree") || "tree.json", window.location.href).href;
  const viewsURL = new URL(script.getAttribute("data-wizard-views") || "views.json", window.location.href).href;
  tables.set(treeURL, fetchTable(viewsURL).finally(() => arrived.add(treeURL)));
}
// @ts-ignore: the page's own global, read by wizard.js
window.__recoursePrerendered = { view };
