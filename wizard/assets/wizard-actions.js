// Recourse wizard: what the browser does for a button or link of the wizard's screens that the engine cannot
// (the clipboard, focus) and the notice shown when the engine cannot start at all.

import { el } from "./wizard-dom.js";

/** @typedef {(key: string) => string} Words  the words the page gave the script (data-wizard-words) */

/**
 * Copy a result's link; where the clipboard is not available, show the link in a field to copy by hand.
 * @param {Element} root  the wizard
 * @param {string} url
 * @param {Words} word
 */
export function copyLink(root, url, word) {
  const status = root.querySelector(".rc-copy-status");
  const copied = () => {
    if (status) status.textContent = word("link_copied");
  };
  const fallback = () => {
    // No clipboard access (an insecure page, or the permission refused): let the reader copy it by hand.
    if (!status) return;
    const field = el("input", { className: "rc-input rc-copy-field", type: "text", readonly: true, value: url,
      "aria-label": word("link_field") });
    status.replaceChildren(word("copy_this_link"), field);
    if (field instanceof HTMLInputElement) {
      field.focus();
      field.select();
    }
  };
  if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(url).then(copied, fallback);
  else fallback();
}

/**
 * A result's printed line ("Printed from … on …"): the renderer writes its words and leaves the page's address
 * and the day to the page, so that a result's screen is the same at any address and on any day (a view drawn
 * at build time is then the worker's).
 * @param {Element} root  the wizard
 * @param {string} link  the link to the result
 * @param {string} today  YYYY-MM-DD
 * @param {string} day  the same day as the language writes it
 */
export function fillPrintLine(root, link, today, day) {
  const url = root.querySelector(".rc-print-meta__url");
  if (url) url.textContent = link;
  const date = root.querySelector(".rc-print-meta__date");
  if (!date) return;
  date.textContent = day;
  date.setAttribute("datetime", today);
}

/**
 * An error summary's link: focus the field itself, with the question's legend in view.
 * @param {Element} root  the wizard
 * @param {string} id  the field's id
 */
export function focusField(root, id) {
  const field = root.querySelector(`#${CSS.escape(id)}`);
  if (!(field instanceof HTMLElement)) return;
  const legend = root.querySelector(".rc-legend");
  if (legend) legend.scrollIntoView({ block: "start" });
  field.focus({ preventScroll: Boolean(legend) });
}

/**
 * The engine could not start: the notice points to "All answers", which works without it.
 * @param {Words} word
 * @param {boolean} answersKept  whether the address holds the reader's answers (a reload brings them back)
 * @returns {HTMLElement}
 */
export function failureNotice(word, answersKept) {
  return el("p", { className: "rc-wizard__error", tabindex: "-1" },
    word("failure_before"), el("a", { href: "#all-answers", text: word("all_answers") }), word("failure_after"),
    answersKept ? word("failure_kept") : "");
}
