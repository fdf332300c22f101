// Recourse wizard: one wizard on one page. It asks the engine for each step, puts the screen the engine
// rendered in the page, fills the form in again, moves focus, and keeps the reader's place in the address.
//
// Hooks for tests and styles, on the wizard's root `.rc-wizard`:
//   data-wizard-state  loading | question | outcome | error
//   data-wizard-node   the current question or outcome id
//   data-wizard-today  (optional, set by a test before the wizard starts) the date the engine treats as today,
//                      YYYY-MM-DD. Nothing in the page's address can set it.
//   data-wizard-words  the words the script says by itself (the build writes them from the vocabulary)

import { failureNotice, fillPrintLine } from "./wizard-actions.js";
import { el, jsonAttribute, rendered } from "./wizard-dom.js";
import { engine, engineStep, isFailed, loadTree, prefetchOptions, startEngine } from "./wizard-engine.js";
import { stepFor } from "./wizard-steps.js";
import { listen } from "./wizard-events.js";
import { fillForm, readToday, readableDate } from "./wizard-form.js";
import {
  BAD_LINK, NO_LINK, answersOf, fragmentFor, hasAnswers, readPlace, rememberedOn, scrollToSection, setAddress,
} from "./wizard-place.js";

/** @typedef {import("./wizard-engine.js").StepResult} StepResult */
/** @typedef {import("./wizard-engine.js").StepRequest} StepRequest */
/** @typedef {import("./wizard-place.js").Answers} Answers */
/** @typedef {import("./wizard-place.js").Place} Place */
/**
 * @typedef {object} ShowOptions
 * @property {boolean} [initial]  the first screen of this mount
 * @property {Answers} [link]  the answers of the link the page was opened with
 * @property {boolean} [focus]  move focus to the new screen (the reader acted)
 * @property {string} [submitted]  the question whose Continue asked for it
 * @property {boolean} [push]  a new history entry
 */

export class Wizard {
  /** @param {HTMLElement} root */
  constructor(root) {
    this.root = root;
    // Read here: instant navigation may bring a tab from one language's pages to the other's.
    this.words = jsonAttribute(root.closest("[data-wizard-words]"), "data-wizard-words");
    this.treeURL = new URL(root.getAttribute("data-wizard-tree") || "tree.json", window.location.href).href;
    this.assetsURL = new URL(root.getAttribute("data-wizard-assets") || "../../assets/", window.location.href).href;
    this.startNode = root.getAttribute("data-wizard-node") || "";
    this.today = readToday(root);
    let status = root.querySelector(".rc-wizard__status");
    if (!status) {
      status = el("div", { className: "rc-wizard__status", role: "status", "aria-live": "polite" });
      root.prepend(status);
    }
    this.status = status;
    /** @type {StepResult | null} */
    this.result = null;
    this.remembered = rememberedOn(window.location.pathname); // every answer given here, to fill forms in again
    /** @type {string | null} the question being changed from the summary: later answers are kept */
    this.changing = null;
    /** @type {{node: string, value: string} | null} an answer the engine refused, shown again in its field */
    this.rejected = null;
    this.note = "";
    this.section = "";
    /** @type {string} the place shown, to tell the browser's Back from a jump within the page */
    this.shownPlace = "";
    this.seq = 0;
    /** @type {string | null} the question of the last Continue (with its time: double clicks) */
    this.lastSubmitted = null;
    this.lastSubmitAt = -Infinity;
    this.interacted = false;
    listen(this);
  }

  /**
   * A word the page gave the script (see data-wizard-words).
   * @param {string} key
   * @returns {string}
   */
  word(key) {
    return this.words[key] || "";
  }

  begin() {
    engine.mounts.add(this);
    startEngine(this.assetsURL);
    if (isFailed()) {
      this.showFailure();
      return;
    }
    loadTree(this.treeURL);
    const place = readPlace();
    this.section = place.section;
    if (place.answers === BAD_LINK) {
      this.note = "stale";
      setAddress(fragmentFor([], this.section), false);
      this.request([], { initial: true });
    } else if (place.answers === NO_LINK) {
      this.request([], { initial: true });
    } else {
      this.setStatus(this.word("loading_link"));
      const link = this.resume(place);
      this.request(link, { initial: true, link });
    }
  }

  /**
   * The answers to ask the engine for to come back to `place`: all of them, or, when an answer was being
   * changed, those before it (the later ones are remembered, to come back after it).
   * @param {Place} place
   * @returns {Answers}
   */
  resume(place) {
    const answers = answersOf(place);
    const at = place.changing ? answers.findIndex(([key]) => key === place.changing) : -1;
    this.changing = null;
    if (at < 0) return answers;
    for (const [key, value] of answers) this.remembered.set(key, value);
    this.changing = place.changing;
    return answers.slice(0, at);
  }

  // The browser's Back or Forward: show the place its entry holds, unless it is the one shown (an entry made
  // by a jump to a section of the page holds the same answers).
  onHistory() {
    const place = readPlace();
    const answers = answersOf(place);
    if (JSON.stringify([answers, place.changing || ""]) === this.shownPlace) return;
    this.interacted = true;
    this.note = "";
    this.rejected = null;
    this.section = "";
    this.request(this.resume({ ...place, answers }), { focus: true });
  }

  /**
   * A link to a part of this page: the page scrolls there and the wizard stays as it is. The new history
   * entry keeps the answers, so Back, a reload or a shared address still find them.
   * @param {string} section
   */
  jumpTo(section) {
    const place = readPlace();
    setAddress(fragmentFor(answersOf(place), section, place.changing), true);
    scrollToSection(section, true);
  }

  /**
   * Where the wizard is now goes into the address (see wizard-place.js): a new entry after the reader acted.
   * @param {StepResult} result
   * @param {ShowOptions} options
   */
  recordPlace(result, options) {
    /** @type {Answers} */
    let answers = Object.entries(result.answers || {});
    let changing = "";
    if (this.changing && result.state === "question" && result.node === this.changing) {
      answers = this.answersWith(this.changing, this.remembered.get(this.changing) || "");
      changing = this.changing;
    }
    if (!options.initial) this.section = "";
    this.shownPlace = JSON.stringify([answers, changing]);
    setAddress(fragmentFor(answers, this.section, changing), Boolean(options.push));
  }

  /** @returns {string} the link to the place shown: this page with the answers the engine kept (the worker puts
   * the same in a result's calendar files) */
  shareLink() {
    const answers = Object.entries((this.result && this.result.answers) || {});
    return window.location.origin + window.location.pathname + fragmentFor(answers);
  }

  alive() {
    if (this.root.isConnected) return true;
    engine.mounts.delete(this); // instant navigation replaced the page
    return false;
  }

  /** @param {string} text */
  setStatus(text) {
    this.status.textContent = text;
  }

  /**
   * @param {string} state
   * @param {string | null} node
   */
  setState(state, node) {
    this.root.setAttribute("data-wizard-state", state);
    this.root.setAttribute("data-wizard-node", node || "");
  }

  /**
   * The step for these answers, as this page asks for it.
   * @param {Answers} answers
   * @returns {StepRequest}
   */
  stepRequest(answers) {
    const page = window.location.origin + window.location.pathname;
    return { url: this.treeURL, answers, today: this.today, page, note: this.note };
  }

  /**
   * @param {Answers} answers
   * @param {ShowOptions} options
   */
  request(answers, options) {
    const seq = ++this.seq;
    const request = this.stepRequest(answers);
    const viaEngine = () => {
      if (engine.state !== "ready" && !options.initial) this.setStatus(this.word("answer_kept"));
      return engineStep(request);
    };
    // A place with answers may be one the build drew (prerendered.js, see stepFor); the start itself is
    // already on the page.
    (answers.length || !options.initial ? stepFor(request, viaEngine) : viaEngine()).then(
      (result) => {
        if (seq === this.seq && this.alive()) this.show(result, request, options);
      },
      () => {
        if (seq === this.seq && this.alive()) this.showFailure();
      },
    );
  }

  /**
   * Work out in advance the step of answers typed or ticked but not sent yet, so that Continue finds it done:
   * from the build's views when they hold it (nothing to do), else by the engine.
   * @param {Answers} answers
   */
  prepare(answers) {
    stepFor({ ...this.stepRequest(answers), note: "" }).catch(() => {});
  }

  /**
   * Answers on the current path before `node`, in order.
   * @param {string} node
   * @returns {Answers}
   */
  pathBefore(node) {
    /** @type {Answers} */
    const answers = [];
    for (const step of (this.result && this.result.steps) || []) {
      if (step.node === node) break;
      answers.push([step.node, step.answer]);
    }
    return answers;
  }

  /**
   * The answers that Continue sends with `value` for `node`: the path before it, the new answer and, when the
   * answer was changed from the summary, the later answers too (so the reader comes back to where they were,
   * or to the first question the change opens up).
   * @param {string} node
   * @param {string} value
   * @returns {Answers}
   */
  answersWith(node, value) {
    /** @type {Answers} */
    const answers = [...this.pathBefore(node), [node, value]];
    if (this.changing === node) {
      for (const [key, kept] of this.remembered) {
        if (!answers.some(([known]) => known === key)) answers.push([key, kept]);
      }
    }
    return answers;
  }

  // The question before this one, as a new history entry like any other answer. (Going there with the
  // browser's own Back would let Forward return, but the theme's instant navigation then fetches the page
  // again, and focus is lost on the way: left for later.)
  back() {
    const steps = (this.result && this.result.steps) || [];
    if (steps.length) this.goTo(steps[steps.length - 1].node, false);
  }

  /**
   * @param {string} node
   * @param {boolean} changing
   */
  goTo(node, changing) {
    this.interacted = true;
    this.note = "";
    this.rejected = null;
    this.changing = changing ? node : null;
    this.request(this.pathBefore(node), { focus: true, push: true });
  }

  restart() {
    this.interacted = true;
    this.note = "";
    this.rejected = null;
    this.changing = null;
    this.remembered.clear();
    this.request([], { focus: true, push: true });
  }

  /**
   * @param {StepResult} result
   * @param {StepRequest} request
   * @param {ShowOptions} options
   */
  show(result, request, options) {
    if (options.link) {
      const used = result.answers || {};
      const fits = options.link.every(([key]) => Object.prototype.hasOwnProperty.call(used, key));
      const reached = result.state === "outcome" || (result.state === "question" && !result.error);
      if (!fits || !reached) {
        this.note = "stale";
        this.changing = null;
        setAddress(fragmentFor([], this.section), false);
        this.request([], { initial: true });
        return;
      }
    }
    this.result = result;
    for (const [key, value] of Object.entries(result.answers || {})) this.remembered.set(key, value);
    if (!(result.state === "question" && result.error)) {
      // (A refused answer is kept for its field, and `changing` too, so that fixing it still returns the reader.)
      this.rejected = null;
      if (options.submitted) this.changing = null;
    }
    if (result.state === "outcome" || (result.state === "question" && !result.error)) {
      // Half-way answers live in the address too: a reload, or the browser's back and forward buttons,
      // bring the reader back to this question with their answers (they never leave the browser).
      this.recordPlace(result, options);
    }
    if (result.state === "question") this.showQuestion(result, request, options);
    else this.showScreen(result, options);
    // Opened at a section (a search result): the wizard's new height must not carry the page away from it.
    if (options.initial && this.section) scrollToSection(this.section, false);
  }

  /**
   * Everything but the live status region is replaced on each screen.
   * @param {...Node} nodes
   */
  replaceBody(...nodes) {
    for (const child of [...this.root.children]) {
      if (child !== this.status) child.remove();
    }
    this.root.append(...nodes);
  }

  /**
   * @param {StepResult} result
   * @param {StepRequest} request
   * @param {ShowOptions} options
   */
  showQuestion(result, request, options) {
    const node = result.node || "";
    const screen = rendered(result.html);
    const serverForm = this.root.querySelector(`form.rc-question[data-node="${CSS.escape(node)}"]`);
    if (!this.interacted && !result.error && !this.note && serverForm && node === this.startNode &&
      !this.remembered.has(node)) {
      // The first question as the site rendered it (the same HTML): keep it, with whatever the reader has
      // selected in it, and add the progress the engine worked out.
      const progress = screen.querySelector(".rc-progress");
      if (progress) serverForm.before(progress);
    } else {
      const form = screen.querySelector("form.rc-question");
      const previous = this.rejected && this.rejected.node === node ? this.rejected.value : this.remembered.get(node);
      if (form) fillForm(form, previous);
      this.replaceBody(screen);
    }
    this.setStatus("");
    this.setState("question", node);
    prefetchOptions(request, result, (ahead) => stepFor(ahead, () => engineStep(ahead, true)));
    if (options.focus) {
      const target = this.root.querySelector(result.error ? ".rc-error-summary" : ".rc-legend");
      if (target instanceof HTMLElement) target.focus();
    }
  }

  /**
   * An outcome, or the engine's error.
   * @param {StepResult} result
   * @param {ShowOptions} options
   */
  showScreen(result, options) {
    this.replaceBody(rendered(result.html));
    fillPrintLine(this.root, this.shareLink(), this.today, readableDate(this.today, this.words));
    this.setStatus("");
    const outcome = result.state === "outcome";
    this.setState(outcome ? "outcome" : "error", result.node);
    const target = this.root.querySelector(outcome ? ".rc-verdict" : ".rc-wizard__error");
    if (options.focus && target instanceof HTMLElement) target.focus();
  }

  // The engine could not start: the page says so and points to "All answers", which works without it.
  showFailure() {
    if (!this.alive()) return;
    // The answers stay in the address (see recordPlace), so reloading later brings the reader back here.
    this.replaceBody(failureNotice((key) => this.word(key), hasAnswers()));
    this.setStatus("");
    this.setState("error", this.root.getAttribute("data-wizard-node"));
  }
}


