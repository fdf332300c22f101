// Recourse wizard: one question at a time, worked out and rendered by the Python engine in a Web Worker.
//
// The page already shows the first question (rendered by the site's Python, as links that work without
// JavaScript), so a reader can answer it at once; this script puts its form in their place, starts the
// worker (Pyodide + the engine) in the background, and applies any answer given before the engine was ready
// as soon as it is. Every later screen is HTML the engine renders (wizard.core.views); this script keeps what
// only a browser can do: talking to the worker (wizard-engine.js), the address and history
// (wizard-place.js), focus and announcements (wizard-view.js).
//
// A result can be shared as a link: the answers go in the fragment (#a=<url-encoded node=value&...>), which
// browsers never send to the server. Nothing is stored: no cookies, no local storage.
//
// With Material's instant navigation this module runs once per tab; `document$` calls `mountAll` on every
// page, and the one worker is kept in `window.__recourseWizard` and reused from page to page.

import { el } from "./wizard-dom.js";
import { engine, provideTree } from "./wizard-engine.js";
import { addressWaiting, dropWaitingAddress, hasAnswers, safeDecode } from "./wizard-place.js";
import { Wizard } from "./wizard-view.js";

/** @typedef {HTMLElement & {__recourseWizard?: Wizard}} WizardRoot */

/**
 * The wizard mounted on the page whose place is shown, if any.
 * @returns {Wizard | undefined}
 */
function shownWizard() {
  return [...engine.mounts].map((mounted) => /** @type {Wizard} */ (mounted))
    .find((wizard) => wizard.alive() && wizard.shownPlace);
}

// Switching language: the header's language selector links to the same page in the other language. Answers
// given so far (the #a=… fragment) go along, so the reader lands on the same question or result. Capture
// phase: the link's address is set before Material's own click handlers (instant navigation) read it.
/** @param {MouseEvent} event */
function onLanguageLink(event) {
  const link = event.target instanceof Element ? event.target.closest("a.md-select__link[hreflang]") : null;
  if (!link || !hasAnswers()) return;
  const href = link.getAttribute("href");
  if (href === null) return;
  link.setAttribute("href", href.split("#")[0] + window.location.hash);
}

// Links to a part of the same page (table of contents, "All answers", the flowchart's lead, the skip link):
// Material's instant navigation would fetch the page again and the wizard would start over. Caught first
// (window, capture phase) and done here: the page scrolls and the wizard keeps its place (see jumpTo).
/** @param {MouseEvent} event */
function onInPageLink(event) {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey ||
    event.altKey) return;
  const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
  if (!(link instanceof HTMLAnchorElement) || link.target || link.hasAttribute("download") ||
    link.hasAttribute("data-rc-field")) return;
  const url = new URL(link.href, window.location.href);
  const here = window.location;
  if (url.origin !== here.origin || url.pathname !== here.pathname || url.search !== here.search) return;
  if (!url.hash || url.hash === "#") return;
  const wizard = shownWizard();
  if (!wizard) return;
  event.preventDefault();
  event.stopPropagation();
  const drawer = document.getElementById("__drawer"); // the phone's menu, closed as after any navigation
  if (drawer instanceof HTMLInputElement) drawer.checked = false;
  wizard.jumpTo(safeDecode(url.hash.slice(1)));
}

function onHistory() {
  dropWaitingAddress();
  for (const mounted of [...engine.mounts]) {
    const wizard = /** @type {Wizard} */ (mounted);
    if (wizard.alive() && wizard.shownPlace) wizard.onHistory();
  }
}

// The flowchart's text alternative prints open, even where the browser cannot print a closed <details>.
function openForPrint() {
  for (const details of document.querySelectorAll("details.rc-flow-list:not([open])")) {
    details.setAttribute("open", "");
    details.setAttribute("data-rc-opened-for-print", "");
  }
}

function closeAfterPrint() {
  for (const details of document.querySelectorAll("details[data-rc-opened-for-print]")) {
    details.removeAttribute("open");
    details.removeAttribute("data-rc-opened-for-print");
  }
}

/**
 * The site shows the first question as links into "All answers" (they work without JavaScript and send
 * nothing); its form waits in a <template> beside them. The form takes their place, in the same room.
 * @param {Element} root
 */
function adoptFirstQuestion(root) {
  const template = root.querySelector("template.rc-first-question");
  if (!(template instanceof HTMLTemplateElement)) return;
  const links = root.querySelector(".rc-question--links");
  if (links) links.replaceWith(template.content.cloneNode(true));
  template.remove();
}

// A page that needs a script of its own names it in `data-playground-script` (only /playground/ does): it is
// loaded here, once per tab, so that it also starts after Material's instant navigation, and no other page
// downloads it.
function loadPageScripts() {
  for (const root of document.querySelectorAll("[data-playground-script]")) {
    const src = new URL(root.getAttribute("data-playground-script") || "", window.location.href).href;
    if (document.querySelector(`script[src="${CSS.escape(src)}"]`)) continue;
    document.head.append(el("script", { src }));
  }
}

function mountAll() {
  loadPageScripts();
  for (const element of document.querySelectorAll(".rc-wizard")) {
    const root = /** @type {WizardRoot} */ (element);
    if (root.__recourseWizard) continue;
    adoptFirstQuestion(root);
    const wizard = new Wizard(root);
    root.__recourseWizard = wizard;
    wizard.begin();
  }
}

function start() {
  const page = /** @type {Window & {__recourseWizard?: object, document$?: {subscribe(f: () => void): void}}} */ (
    window);
  if (page.__recourseWizard) return; // already running in this tab
  page.__recourseWizard = { engine, mountAll, provideTree, addressWaiting };
  document.addEventListener("click", onLanguageLink, true);
  window.addEventListener("click", onInPageLink, true);
  window.addEventListener("popstate", onHistory);
  window.addEventListener("beforeprint", openForPrint);
  window.addEventListener("afterprint", closeAfterPrint);
  if (page.document$ && typeof page.document$.subscribe === "function") {
    page.document$.subscribe(mountAll); // Material: on the first page and after every instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mountAll);
  } else {
    mountAll();
  }
}

start();
