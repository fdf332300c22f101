// Recourse wizard: what a reader does in the wizard's screens: Continue, typing an answer, and the buttons and
// links of a screen (Back, Change, Start again, Print, Copy link, an error summary's link).

import { copyLink, focusField } from "./wizard-actions.js";
import { engine, isFailed } from "./wizard-engine.js";
import { formValue, untickOthers } from "./wizard-form.js";

/** @typedef {import("./wizard-view.js").Wizard} Wizard */

// Within this time of answering, an empty Continue on the next question is the tail of a double click.
const DOUBLE_CLICK_MS = 500;

/**
 * Answer the wizard's forms and buttons.
 * @param {Wizard} wizard
 */
export function listen(wizard) {
  wizard.root.addEventListener("submit", (event) => onSubmit(wizard, event));
  wizard.root.addEventListener("input", (event) => onInput(wizard, event));
  wizard.root.addEventListener("click", (event) => onClick(wizard, event));
}

/**
 * @param {Wizard} wizard
 * @param {Event} event
 */
function onSubmit(wizard, event) {
  const form = event.target instanceof Element ? event.target.closest("form.rc-question") : null;
  if (!form || !wizard.root.contains(form)) return;
  event.preventDefault();
  if (isFailed()) return;
  const node = form.getAttribute("data-node") || "";
  const value = formValue(form);
  // The second click of a double click lands on the next question's Continue, before anyone could have
  // read it: an empty answer that soon after the last one is not an attempt, so it shows no error.
  const now = performance.now();
  if (!value && node !== wizard.lastSubmitted && now - wizard.lastSubmitAt < DOUBLE_CLICK_MS) return;
  wizard.lastSubmitted = node;
  wizard.lastSubmitAt = now;
  wizard.interacted = true;
  wizard.note = "";
  wizard.rejected = { node, value };
  wizard.request(wizard.answersWith(node, value), { focus: true, submitted: node, push: true });
}

/**
 * A number or a date cannot be worked out before it is typed; once it is, the step is asked for at once, so
 * that Continue finds it done (the same request gets the same answer, see engineStep and Wizard.prepare).
 * @param {Wizard} wizard
 * @param {Event} event
 */
function onInput(wizard, event) {
  const field = event.target;
  // A number's field, a box ticked or unticked, or any of a date's day, month and year fields (answer-day...).
  if (!(field instanceof HTMLInputElement) || field.type === "radio") return;
  if (!(field.name === "answer" || field.hasAttribute("data-rc-part"))) return;
  const form = field.closest("form.rc-question");
  if (form && field.type === "checkbox") untickOthers(form, field);
  if (!form || engine.state !== "ready") return;
  // Whether the answer is a number or a date is the engine's to say (one rule, in Python): anything
  // complete enough is worked out in advance, and the engine's verdict is what Continue shows.
  const value = formValue(form);
  const parts = [...form.querySelectorAll("input[data-rc-part]")];
  if (!value || parts.some((part) => part instanceof HTMLInputElement && !part.value.trim())) return;
  wizard.prepare(wizard.answersWith(form.getAttribute("data-node") || "", value));
}

/**
 * @param {Wizard} wizard
 * @param {MouseEvent} event
 */
function onClick(wizard, event) {
  const clicked = event.target instanceof Element ? event.target : null;
  if (!clicked) return;
  // The second click of a double-click on Continue is not an answer to the next question, which may already
  // be showing under the pointer (a step worked out in advance renders at once, see prefetchOptions).
  if (event.detail > 1 && clicked.closest(".rc-continue")) {
    event.preventDefault();
    return;
  }
  const target = clicked.closest("[data-rc-action], a[data-rc-field]");
  if (!target || !wizard.root.contains(target)) return;
  if (target.hasAttribute("data-rc-field")) {
    // Error summary link: focus the field itself, and leave the address alone (it may hold a result
    // link). Material's instant navigation would otherwise record the jump as a new history entry.
    event.preventDefault();
    event.stopPropagation();
    focusField(wizard.root, target.getAttribute("data-rc-field") || "");
    return;
  }
  const action = target.getAttribute("data-rc-action");
  if (action === "back") wizard.back();
  else if (action === "change") wizard.goTo(target.getAttribute("data-node") || "", true);
  else if (action === "restart") wizard.restart();
  else if (action === "copy") {
    copyLink(wizard.root, wizard.shareLink(), (key) => wizard.word(key));
  }
  else if (action === "print") window.print();
}
