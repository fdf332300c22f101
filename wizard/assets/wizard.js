// Recourse wizard: one question at a time, worked out by the Python engine running in a Web Worker.
//
// The page already shows the first question (rendered by the site's Python, as links that work without
// JavaScript), so a reader can answer it at once; this script puts its form in their place, starts the
// worker (Pyodide + the engine) in the background, and applies any answer given before the engine was ready
// as soon as it is.
//
// Hooks for tests and styles, on the wizard's root `.rc-wizard`:
//   data-wizard-state  loading | question | outcome | error
//   data-wizard-node   the current question or outcome id
//   data-wizard-today  (optional, set by a test before the wizard starts) the date the engine treats as today,
//                      YYYY-MM-DD. It only changes the date used for deadlines and date checks. Nothing in the
//                      page's address can set it: a shared link must not make a closed deadline look open.
//                      Without it, the reader's local date is used.
//
// A result can be shared as a link: the answers go in the fragment (#a=<url-encoded node=value&...>), which
// browsers never send to the server. Nothing is stored: no cookies, no local storage.
//
// With Material's instant navigation this file runs once per tab; `document$` calls `mountAll` on every page,
// and the one worker is kept in `window.__recourseWizard` and reused from page to page.
(function () {
  "use strict";

  if (window.__recourseWizard) return; // already running in this tab

  // Pyodide is about 12 MB; on a slow connection it can take a while. Past this, the page says it failed.
  const START_TIMEOUT_MS = 90000;
  // Within this time of answering, an empty Continue on the next question is the tail of a double click.
  const DOUBLE_CLICK_MS = 500;
  const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

  // Every text of the wizard's own that a reader sees or hears, in the page's language: the build writes the
  // [shared] and [wizard] words of the language's vocabulary (wizard/core/languages/<code>.toml) into the
  // data-wizard-words attribute (JSON) of the wizard's mount point or the playground's root
  // (wizard.site.form.words_attribute), read when a Wizard is made. Texts from the tree (questions, outcomes) and from the engine (messages, dates, the days
  // left) come already translated.
  function pickUI() {
    const source = document.querySelector("[data-wizard-words]");
    const words = source ? JSON.parse(source.getAttribute("data-wizard-words")) : {};
    const fill = (key, values) => String(words[key] ?? "").replace(/\{(\w+)\}/g, (_, name) => String(values[name]));
    const ui = {};
    for (const [key, text] of Object.entries(words)) ui[key.replace(/_([a-z])/g, (_, letter) => letter.toUpperCase())] = text;
    return Object.assign(ui, {
      date: (year, month, day) => fill("date", { year, month: words.months[month - 1], day }),
      dateParts: String(words.date_parts || "").split(" "),
      datePart: { day: words.date_label_day, month: words.date_label_month, year: words.date_label_year },
      startAgain: words.restart,
      basis: words.sources,
      changeHidden: (question) => fill("change_hidden", { question }),
      questionNumber: (number) => fill("question_number", { number }),
      progressTitle: (answered, remaining) => fill("progress_title", { answered, remaining }),
      yourAnswerUnit: (unit) => fill("your_answer_unit", { unit }),
      reasonAnswer: (question, answer) => fill("reason_answer", { question, answer }),
      reasonBasis: (sources) => fill("based_on", { links: sources.join(words.list_semicolon) }),
      deadlineLabel: (label) => fill("deadline_label", { label }),
      deadlineLeft: (text) => fill("deadline_left", { text }),
      sourceSection: (section) => `${words.list_comma}${section}`,
      printedFrom: (url, date) => fill("printed_from", { url, date }),
      calendarHidden: (label) => fill("calendar_hidden", { label }),
    });
  }

  // The engine: one Web Worker per tab, shared by every page ------------------------------------------------

  const engine = {
    worker: null,
    state: "idle", // idle | starting | ready | failed
    failure: "",
    workersCreated: 0,
    requests: new Map(),
    nextId: 1,
    timer: 0,
    mounts: new Set(),
    restarts: 0,
    assetsURL: "",
  };
  // Trees given as text rather than fetched (the playground's preview, see provideTree): url -> JSON text.
  const providedTrees = new Map();
  window.__recourseWizard = { engine, mountAll, provideTree };

  function startEngine(assetsURL) {
    if (engine.state !== "idle") return;
    if (typeof WebAssembly !== "object" || typeof Worker !== "function") {
      failEngine("this browser has no WebAssembly or Web Workers");
      return;
    }
    engine.state = "starting";
    engine.assetsURL = assetsURL;
    // start.js may have started the worker already, while the page was still loading: take it over, with
    // what it said meanwhile. It is used once: a restart makes a new worker.
    const early = window.__recourseEarlyEngine;
    window.__recourseEarlyEngine = null;
    let worker;
    if (early && early.assetsURL === assetsURL) {
      worker = early.worker;
    } else {
      if (early) early.worker.terminate();
      try {
        worker = new Worker(new URL("wizard/worker.js", assetsURL).href, { type: "module", name: "recourse-wizard" });
      } catch (error) {
        failEngine(String(error));
        return;
      }
    }
    engine.worker = worker;
    engine.workersCreated += 1;
    worker.addEventListener("message", onWorkerMessage);
    worker.addEventListener("error", onWorkerError);
    if (worker === (early && early.worker)) {
      const [messages, errors] = [early.messages, early.errors];
      early.messages = null;
      early.errors = null;
      for (const event of messages) onWorkerMessage(event);
      for (const event of errors) onWorkerError(event);
      if (engine.state === "failed") return;
    }
    engine.timer = window.setTimeout(() => {
      if (engine.state === "starting") failEngine("it did not start in time");
    }, START_TIMEOUT_MS);
  }

  function onWorkerError(event) {
    event.preventDefault();
    const reason = `the worker failed: ${event.message || "it could not be loaded"}`;
    // A worker that worked and then crashed (out of memory, say) is started once more and given the
    // requests it had not answered, so the reader keeps their place; one that never started is not.
    if (engine.state === "ready" && engine.restarts < 1) restartEngine(reason);
    else failEngine(reason);
  }

  function restartEngine(reason) {
    engine.restarts += 1;
    console.warn(`Recourse wizard: the Python engine stopped (${reason}); starting it again.`);
    window.clearTimeout(engine.timer);
    engine.worker.terminate();
    engine.state = "idle";
    startEngine(engine.assetsURL);
    if (engine.state === "failed") return;
    for (const [url, text] of providedTrees) engine.worker.postMessage({ type: "tree", url, text });
    for (const [id, request] of engine.requests) engine.worker.postMessage({ ...request.message, id });
  }

  function failEngine(reason) {
    if (engine.state === "failed") return;
    engine.state = "failed";
    engine.failure = reason;
    window.clearTimeout(engine.timer);
    if (engine.worker) engine.worker.terminate();
    // A warning, not an error: the page goes on working without the wizard.
    console.warn(`Recourse wizard: the Python engine is not available (${reason}); "All answers" still works.`);
    for (const request of engine.requests.values()) request.reject(new Error(reason));
    engine.requests.clear();
    for (const wizard of engine.mounts) wizard.showFailure();
  }

  function onWorkerMessage(event) {
    const message = event.data || {};
    if (message.type === "ready") {
      engine.state = "ready";
      window.clearTimeout(engine.timer);
    } else if (message.type === "failed") {
      failEngine(message.message || "unknown error");
    } else if (message.type === "result" || message.type === "step-failed") {
      const request = engine.requests.get(message.id);
      if (!request) return;
      engine.requests.delete(message.id);
      if (message.type === "result") request.resolve(message.result);
      else request.reject(new Error(message.message));
    }
  }

  function engineRequest(message) {
    if (engine.state === "failed") return Promise.reject(new Error(engine.failure));
    return new Promise((resolve, reject) => {
      const id = engine.nextId++;
      engine.requests.set(id, { resolve, reject, message });
      // Messages posted before the worker is ready wait in its queue: that is how an early answer is kept.
      engine.worker.postMessage({ ...message, id });
    });
  }

  // Steps already asked for (see prefetchOptions): the same request gets the same promise, so a Continue whose
  // answer was worked out while the reader read the question renders at once (the engine is deterministic).
  const stepCache = new Map();

  function engineStep(treeURL, answers, today) {
    const key = JSON.stringify([treeURL, answers, today]);
    let promise = stepCache.get(key);
    if (!promise) {
      if (stepCache.size > 500) stepCache.clear();
      promise = engineRequest({ type: "step", url: treeURL, answers, today });
      promise.catch(() => stepCache.delete(key)); // a failure is not remembered: the next try asks again
      stepCache.set(key, promise);
    }
    return promise;
  }

  // The playground (/playground/) previews an edited tree that is on no server: it gives the compiled tree's
  // JSON text for a made-up address, then mounts a wizard root naming that address. A new text for the same
  // address replaces the old one, and the steps worked out for the old text are forgotten.
  function provideTree(url, text) {
    providedTrees.set(url, text);
    stepCache.clear();
    if (engine.worker) engine.worker.postMessage({ type: "tree", url, text });
  }

  // While the reader looks at a choice, the worker works out the step of every option in advance.
  function prefetchOptions(treeURL, result, today) {
    if (engine.state !== "ready" || result.state !== "question" || result.error) return;
    const before = (result.steps || []).map((step) => [step.node, step.answer]);
    for (const option of (result.question && result.question.options) || []) {
      engineStep(treeURL, [...before, [result.node, option.key]], today).catch(() => {});
    }
  }

  // Small helpers ------------------------------------------------------------------------------------------

  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name === "className") node.className = value;
      else if (name === "text") node.textContent = value;
      else if (name === "html") node.innerHTML = value; // only the site's sanitised *_html fields come here
      else node.setAttribute(name, value === true ? "" : String(value));
    }
    for (const child of children) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child);
    }
    return node;
  }

  function pad(number) {
    return String(number).padStart(2, "0");
  }

  function isRealDate(text) {
    const match = DATE_RE.exec(text || "");
    if (!match) return false;
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const date = new Date(year, month - 1, day);
    return date.getFullYear() === year && date.getMonth() === month - 1 && date.getDate() === day;
  }

  function readableDate(iso, ui) {
    const match = DATE_RE.exec(iso);
    return match ? ui.date(match[1], Number(match[2]), Number(match[3])) : iso;
  }

  // The date the engine uses: the reader's local date, unless a test set another one on the mount point. The
  // address (query or fragment) is never read for it: a link could then show a passed deadline as open.
  function readToday(root) {
    const fromAttribute = root.getAttribute("data-wizard-today");
    if (isRealDate(fromAttribute)) return fromAttribute;
    const now = new Date();
    return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  }

  // Plain text from a short Markdown text, for the few fields that come without rendered HTML: the markup
  // characters go, the words stay (it is inserted as text, never as HTML).
  function markdownToPlain(text) {
    return String(text)
      .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
      .replace(/(\*\*|__)(.+?)\1/g, "$2")
      .replace(/([*_])(\S.*?)\1/g, "$2")
      .replace(/`([^`]+)`/g, "$1");
  }

  function sentence(text, ui) {
    const trimmed = String(text).trim();
    return /[.!?。！？]$/.test(trimmed) ? trimmed : `${trimmed}${ui.fullStop}`;
  }

  // The address's fragment holds the reader's place: `#[section&]a=<answers>[&c=<node>]`.
  //   section  an id of the page (`node-…` from a search result, `flowchart`…), kept so that the page stays there
  //   a=       encodeURIComponent("node=value&node=value"), the answers on the path (a shared link is just this)
  //   c=       the question whose answer is being changed; the later answers are in a= and come back after it
  // Material's instant navigation overwrites history.state with scroll offsets, so the place lives here only.
  const NO_LINK = null;
  const BAD_LINK = "bad";

  function readPlace() {
    const place = { section: "", answers: NO_LINK, changing: "" };
    const parts = window.location.hash.slice(1).split("&");
    parts.forEach((part, index) => {
      if (part.startsWith("a=")) place.answers = readAnswers(part.slice(2));
      else if (part.startsWith("c=")) place.changing = safeDecode(part.slice(2));
      else if (index === 0) place.section = safeDecode(part);
    });
    return place;
  }

  function safeDecode(text) {
    try {
      return decodeURIComponent(text);
    } catch (error) {
      return "";
    }
  }

  function readAnswers(encoded) {
    try {
      const query = decodeURIComponent(encoded);
      const pairs = [];
      const seen = new Set();
      for (const [key, value] of new URLSearchParams(query)) {
        if (!key || seen.has(key) || pairs.length >= 500) return BAD_LINK;
        seen.add(key);
        pairs.push([key, value]);
      }
      return pairs.length ? pairs : BAD_LINK;
    } catch (error) {
      return BAD_LINK; // not valid percent-encoding
    }
  }

  function fragmentFor(answers, section, changing) {
    const parts = [];
    if (section) parts.push(encodeURIComponent(section));
    if (answers.length) parts.push(`a=${encodeURIComponent(new URLSearchParams(answers).toString())}`);
    if (changing && answers.length) parts.push(`c=${encodeURIComponent(changing)}`);
    return parts.length ? `#${parts.join("&")}` : "";
  }

  function hasAnswers() {
    const answers = readPlace().answers;
    return answers !== NO_LINK && answers !== BAD_LINK;
  }

  // Every answer given on each page of this tab. Kept outside the wizard: the theme's instant navigation may
  // fetch the page again on the browser's Back (its first location change counts as a new page) and mount a
  // new wizard, which must still fill in the answers the reader gave.
  const rememberedByPage = new Map();

  function rememberedOn(pathname) {
    if (!rememberedByPage.has(pathname)) rememberedByPage.set(pathname, new Map());
    return rememberedByPage.get(pathname);
  }

  // The address of this page's current history entry, as the browser writes it.
  function currentAddress() {
    return window.location.pathname + window.location.search + window.location.hash;
  }

  // A new place is a new history entry (`push`), so that the browser's Back and Forward move between questions;
  // the place first shown, or one the browser went back to, replaces the entry it is in.
  function setAddress(hash, push) {
    const url = window.location.pathname + window.location.search + hash;
    if (url === currentAddress()) return;
    if (push) window.history.pushState(null, "", url);
    else window.history.replaceState(window.history.state, "", url);
  }

  // A section of the page by its id, scrolled to (and given focus when the reader asked to go there).
  function scrollToSection(section, focus) {
    const target = section ? document.getElementById(section) : null;
    if (!target) return;
    target.scrollIntoView({ block: "start" });
    if (!focus) return;
    if (!target.matches("a[href], button, input, select, textarea, [tabindex]")) target.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: true });
  }

  // The answer in a question's form; a date's three fields as `year-month-day`, each part as typed (the
  // engine says what is wrong with it, and the fields get back what was typed).
  function formValue(form) {
    const parts = form.querySelectorAll("input[data-rc-part]");
    if (parts.length) {
      const typed = {};
      for (const part of parts) typed[part.getAttribute("data-rc-part")] = part.value.trim();
      return typed.year || typed.month || typed.day ? `${typed.year}-${typed.month}-${typed.day}` : "";
    }
    const checked = form.querySelector("input[name='answer']:checked");
    if (checked) return checked.value;
    const field = form.querySelector("input[name='answer']:not([type='radio'])");
    return field ? field.value : "";
  }

  // One wizard on one page -------------------------------------------------------------------------------

  class Wizard {
    constructor(root) {
      this.root = root;
      this.ui = pickUI(); // read here: instant navigation may bring a tab from one language's pages to the other's
      this.treeURL = new URL(root.getAttribute("data-wizard-tree") || "tree.json", window.location.href).href;
      this.assetsURL = new URL(root.getAttribute("data-wizard-assets") || "../../assets/", window.location.href).href;
      this.startNode = root.getAttribute("data-wizard-node") || "";
      this.today = readToday(root);
      this.status = root.querySelector(".rc-wizard__status");
      if (!this.status) {
        this.status = el("div", { className: "rc-wizard__status", role: "status", "aria-live": "polite" });
        root.prepend(this.status);
      }
      this.result = null;
      this.remembered = rememberedOn(window.location.pathname); // every answer given here, to fill forms in again
      this.changing = null; // the question being changed from the summary: later answers are kept
      this.rejected = null; // {node, value}: an answer the engine refused, shown again in its field
      this.note = "";
      this.seq = 0;
      this.lastSubmitted = null; // the question of the last Continue, and when (for double clicks)
      this.lastSubmitAt = -Infinity;
      this.interacted = false;
      root.addEventListener("submit", (event) => this.onSubmit(event));
      root.addEventListener("input", (event) => this.onInput(event));
      root.addEventListener("click", (event) => this.onClick(event));
    }

    begin() {
      engine.mounts.add(this);
      startEngine(this.assetsURL);
      if (engine.state === "failed") {
        this.showFailure();
        return;
      }
      engine.worker.postMessage({ type: "tree", url: this.treeURL, text: providedTrees.get(this.treeURL) });
      const place = readPlace();
      this.section = place.section;
      if (place.answers === BAD_LINK) {
        this.note = this.ui.staleNote;
        setAddress(fragmentFor([], this.section), false);
        this.request([], { initial: true });
      } else if (place.answers === NO_LINK) {
        this.request([], { initial: true });
      } else {
        this.setStatus(this.ui.loadingLink);
        const link = this.resume(place);
        this.request(link, { initial: true, link });
      }
    }

    // The answers to ask the engine for to come back to `place`: all of them, or, when an answer was being
    // changed, those before it (the later ones are remembered, to come back after it).
    resume(place) {
      const answers = place.answers;
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
      const answers = place.answers === NO_LINK || place.answers === BAD_LINK ? [] : place.answers;
      if (JSON.stringify([answers, place.changing || ""]) === this.shownPlace) return;
      this.interacted = true;
      this.note = "";
      this.rejected = null;
      this.section = "";
      this.request(this.resume({ ...place, answers }), { focus: true });
    }

    // A link to a part of this page: the page scrolls there and the wizard stays as it is. The new history
    // entry keeps the answers, so Back, a reload or a shared address still find them.
    jumpTo(section) {
      const place = readPlace();
      const answers = place.answers === NO_LINK || place.answers === BAD_LINK ? [] : place.answers;
      setAddress(fragmentFor(answers, section, place.changing), true);
      scrollToSection(section, true);
    }

    // Where the wizard is now goes into the address (see readPlace): a new entry after the reader acted.
    recordPlace(result, options) {
      let answers = Object.entries(result.answers || {});
      let changing = "";
      if (this.changing && result.state === "question" && result.node === this.changing) {
        answers = this.answersWith(this.changing, this.remembered.get(this.changing));
        changing = this.changing;
      }
      if (!options.initial) this.section = "";
      this.shownPlace = JSON.stringify([answers, changing]);
      setAddress(fragmentFor(answers, this.section, changing), Boolean(options.push));
    }

    alive() {
      if (this.root.isConnected) return true;
      engine.mounts.delete(this); // instant navigation replaced the page
      return false;
    }

    setStatus(text) {
      this.status.textContent = text;
    }

    setState(state, node) {
      this.root.setAttribute("data-wizard-state", state);
      this.root.setAttribute("data-wizard-node", node || "");
    }

    request(answers, options) {
      const seq = ++this.seq;
      const viaEngine = () => {
        if (engine.state !== "ready" && !options.initial) this.setStatus(this.ui.answerKept);
        return engineStep(this.treeURL, answers, this.today);
      };
      // While the engine starts, a place with answers may be one the build worked out (prerendered.js); the
      // start itself is already on the page.
      const early = engine.state === "starting" && (answers.length || !options.initial) ? window.__recoursePrerendered : null;
      (early ? early.view(this.treeURL, answers).then((view) => view || viaEngine()) : viaEngine()).then(
        (result) => {
          if (seq === this.seq && this.alive()) this.show(result, options);
        },
        () => {
          if (seq === this.seq && this.alive()) this.showFailure();
        },
      );
    }

    // Answers on the current path before `node`, in order.
    pathBefore(node) {
      const answers = [];
      for (const step of (this.result && this.result.steps) || []) {
        if (step.node === node) break;
        answers.push([step.node, step.answer]);
      }
      return answers;
    }

    onSubmit(event) {
      const form = event.target.closest("form.rc-question");
      if (!form || !this.root.contains(form)) return;
      event.preventDefault();
      if (engine.state === "failed") return;
      const node = form.getAttribute("data-node");
      const value = formValue(form);
      // The second click of a double click lands on the next question's Continue, before anyone could have
      // read it: an empty answer that soon after the last one is not an attempt, so it shows no error.
      const now = performance.now();
      if (!value && node !== this.lastSubmitted && now - this.lastSubmitAt < DOUBLE_CLICK_MS) return;
      this.lastSubmitted = node;
      this.lastSubmitAt = now;
      this.interacted = true;
      this.note = "";
      this.rejected = { node, value };
      this.request(this.answersWith(node, value), { focus: true, submitted: node, push: true });
    }

    // The answers that Continue sends with ``value`` for ``node``: the path before it, the new answer and,
    // when the answer was changed from the summary, the later answers too (so the reader comes back to where
    // they were, or to the first question the change opens up).
    answersWith(node, value) {
      const answers = [...this.pathBefore(node), [node, value]];
      if (this.changing === node) {
        for (const [key, kept] of this.remembered) {
          if (!answers.some(([known]) => known === key)) answers.push([key, kept]);
        }
      }
      return answers;
    }

    // A number or a date cannot be worked out before it is typed; once it is, the step is asked for at once, so
    // that Continue finds it done (the same request gets the same answer, see engineStep).
    onInput(event) {
      const field = event.target;
      // A number's field, or any of a date's day, month and year fields (named answer-day and so on).
      if (!field || !(field.name === "answer" || field.hasAttribute("data-rc-part")) || field.type === "radio") return;
      const form = field.closest("form.rc-question");
      if (!form || engine.state !== "ready") return;
      // Whether the answer is a number or a date is the engine's to say (one rule, in Python): anything
      // complete enough is worked out in advance, and the engine's verdict is what Continue shows.
      const value = formValue(form);
      const parts = form.querySelectorAll("input[data-rc-part]");
      if (!value || [...parts].some((part) => !part.value.trim())) return;
      engineStep(this.treeURL, this.answersWith(form.getAttribute("data-node"), value), this.today).catch(() => {});
    }

    onClick(event) {
      // The second click of a double-click on Continue is not an answer to the next question, which may already
      // be showing under the pointer (a step worked out in advance renders at once, see prefetchOptions).
      if (event.detail > 1 && event.target.closest(".rc-continue")) {
        event.preventDefault();
        return;
      }
      const target = event.target.closest("[data-rc-action], a[data-rc-field]");
      if (!target || !this.root.contains(target)) return;
      if (target.hasAttribute("data-rc-field")) {
        // Error summary link: focus the field itself, and leave the address alone (it may hold a result
        // link). Material's instant navigation would otherwise record the jump as a new history entry.
        event.preventDefault();
        event.stopPropagation();
        const field = this.root.querySelector(`#${CSS.escape(target.getAttribute("data-rc-field"))}`);
        if (field) {
          const legend = this.root.querySelector(".rc-legend");
          if (legend) legend.scrollIntoView({ block: "start" });
          field.focus({ preventScroll: Boolean(legend) });
        }
        return;
      }
      const action = target.getAttribute("data-rc-action");
      if (action === "back") this.back();
      else if (action === "change") this.goTo(target.getAttribute("data-node"), true);
      else if (action === "restart") this.restart();
      else if (action === "copy") this.copyLink();
      else if (action === "print") window.print();
    }

    // The question before this one, as a new history entry like any other answer. (Going there with the
    // browser's own Back would let Forward return, but the theme's instant navigation then fetches the page
    // again, and focus is lost on the way: left for later.)
    back() {
      const steps = (this.result && this.result.steps) || [];
      if (steps.length) this.goTo(steps[steps.length - 1].node, false);
    }

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

    show(result, options) {
      if (options.link) {
        const used = result.answers || {};
        const fits = options.link.every(([key]) => Object.prototype.hasOwnProperty.call(used, key));
        const reached = result.state === "outcome" || (result.state === "question" && !result.error);
        if (!fits || !reached) {
          this.note = this.ui.staleNote;
          this.changing = null;
          setAddress(fragmentFor([], this.section), false);
          this.request([], { initial: true });
          return;
        }
      }
      this.result = result;
      for (const [key, value] of Object.entries(result.answers || {})) this.remembered.set(key, value);
      if (result.state === "question" && result.error) {
        // Keep the refused answer for its field; keep `changing` so that fixing it still returns the reader.
      } else {
        this.rejected = null;
        if (options.submitted) this.changing = null;
      }
      if (result.state === "outcome" || (result.state === "question" && !result.error)) {
        // Half-way answers live in the address too: a reload, or the browser's back and forward buttons,
        // bring the reader back to this question with their answers (they never leave the browser).
        this.recordPlace(result, options);
      }
      if (result.state === "question") this.showQuestion(result, options);
      else if (result.state === "outcome") this.showOutcome(result, options);
      else this.showEngineError(result, options);
      // Opened at a section (a search result): the wizard's new height must not carry the page away from it.
      if (options.initial && this.section) scrollToSection(this.section, false);
    }

    // Everything but the live status region is replaced on each render.
    replaceBody(...nodes) {
      for (const child of [...this.root.children]) {
        if (child !== this.status) child.remove();
      }
      this.root.append(...nodes.filter(Boolean));
    }

    noteBlock() {
      if (!this.note) return null;
      return el("p", { className: "rc-note", text: this.note });
    }

    backButton() {
      return el("button", { type: "button", className: "rc-linkbutton rc-back", "data-rc-action": "back", text: this.ui.back });
    }

    // Questions ------------------------------------------------------------------------------------------

    showQuestion(result, options) {
      const question = result.question;
      const node = result.node;
      const serverForm = this.root.querySelector(`form.rc-question[data-node="${CSS.escape(node)}"]`);
      if (!this.interacted && !result.error && !this.note && serverForm && node === this.startNode &&
        !this.remembered.has(node)) {
        // The first question as the site rendered it: keep it (and whatever the reader has selected in it).
        serverForm.before(this.progress(result));
      } else {
        const form = this.questionForm(node, question, result.error);
        this.replaceBody(
          this.noteBlock(),
          result.steps.length ? this.backButton() : null,
          result.error ? this.errorSummary(node, question, result.error.message) : null,
          this.progress(result),
          form,
          result.steps.length ? this.answersSoFar(result, this.ui.yourAnswersSoFar, "h2") : null,
        );
      }
      this.setStatus("");
      this.setState("question", node);
      prefetchOptions(this.treeURL, result, this.today);
      if (options.focus) {
        const target = result.error ? this.root.querySelector(".rc-error-summary") : this.root.querySelector(".rc-legend");
        if (target) target.focus();
      }
    }

    progress(result) {
      const { number, remaining } = result.progress;
      const answered = number - 1;
      const total = Math.max(answered + remaining, 1);
      const label = el("p", { className: "rc-progress__label", id: "rc-progress-label",
        text: this.ui.questionNumber(number) });
      const bar = el("progress", {
        className: "rc-progress__bar",
        max: total,
        value: answered,
        "aria-labelledby": "rc-progress-label",
        title: this.ui.progressTitle(answered, remaining),
      });
      return el("div", { className: "rc-progress" }, label, bar);
    }

    // A date as three labelled fields (GOV.UK's date input): day, month and year in the order of the page's
    // language, digits only on phones' keyboards, and what the reader typed put back after a refusal.
    dateFields(node, previous, errorId) {
      const typed = String(previous || "").split("-");
      const values = typed.length === 3 ? { year: typed[0], month: typed[1], day: typed[2] } : {};
      const hintId = `rc-hint-${node}`;
      const fields = this.ui.dateParts.map((part) => {
        const id = `rc-${node}-${part}`;
        return el("div", { className: `rc-date__item rc-date__item--${part}` },
          el("label", { className: "rc-label rc-date__label", for: id, text: this.ui.datePart[part] }),
          el("input", { className: `rc-input rc-date__input rc-date__input--${part}`, id, type: "text",
            name: `answer-${part}`, "data-rc-part": part, inputmode: "numeric", autocomplete: "off",
            maxlength: part === "year" ? 4 : 2, value: values[part] || null,
            "aria-describedby": [hintId, errorId].filter(Boolean).join(" "), "aria-invalid": errorId ? "true" : null }));
      });
      return el("div", { className: errorId ? "rc-field rc-field--error" : "rc-field" },
        el("p", { className: "rc-hint", id: hintId, text: this.ui.dateHint }),
        el("div", { className: "rc-date" }, ...fields));
    }

    fieldId(node, question) {
      if (question.type === "date") return `rc-${node}-${this.ui.dateParts[0]}`;
      if (question.type === "choice" || question.type === "yesno") {
        const first = (question.options || [])[0];
        return first ? `rc-${node}-${first.key}` : `rc-${node}-answer`;
      }
      return `rc-${node}-answer`;
    }

    errorSummary(node, question, message) {
      const link = el("a", { href: `#${this.fieldId(node, question)}`, "data-rc-field": this.fieldId(node, question),
        text: message });
      return el("div", { className: "rc-error-summary", role: "alert", tabindex: "-1",
        "aria-labelledby": "rc-error-summary-title" },
      el("h2", { className: "rc-error-summary__title", id: "rc-error-summary-title", text: this.ui.problem }),
      el("ul", { className: "rc-error-summary__list" }, el("li", {}, link)));
    }

    questionForm(node, question, error) {
      const previous = this.rejected && this.rejected.node === node ? this.rejected.value : this.remembered.get(node);
      const helpId = `rc-help-${node}`;
      const errorId = `rc-error-${node}`;
      const described = [question.help ? helpId : null, error ? errorId : null].filter(Boolean).join(" ");
      const fieldset = el("fieldset", { className: "rc-fieldset", "aria-describedby": described || null },
        el("legend", { className: "rc-legend", tabindex: "-1", text: question.question }));
      if (question.help) {
        const help = question.help_html
          ? el("div", { className: "rc-help", id: helpId, html: question.help_html })
          : el("div", { className: "rc-help", id: helpId }, el("p", { text: question.help }));
        fieldset.append(help);
      }
      if (error) {
        fieldset.append(el("p", { className: "rc-error-message", id: errorId },
          el("span", { className: "rc-visually-hidden", text: this.ui.errorPrefix }), error.message));
      }
      const kind = question.type;
      if (kind === "choice" || kind === "yesno") {
        const radios = el("div", { className: "rc-radios" });
        for (const option of question.options || []) {
          const id = `rc-${node}-${option.key}`;
          radios.append(el("div", { className: "rc-radio" },
            el("input", { className: "rc-radio__input", type: "radio", name: "answer", id, value: option.key,
              checked: previous === option.key }),
            el("label", { className: "rc-radio__label", for: id, text: option.label })));
        }
        fieldset.append(radios);
      } else if (kind === "date") {
        fieldset.append(this.dateFields(node, previous, error ? errorId : null));
      } else {
        const id = `rc-${node}-answer`;
        const input = el("input", { className: "rc-input rc-input--number", id, name: "answer", autocomplete: "off",
          type: "text", inputmode: question.integer === false ? "decimal" : "numeric",
          "aria-describedby": error ? errorId : null, "aria-invalid": error ? "true" : null });
        const unit = question.unit ? el("span", { className: "rc-unit", "aria-hidden": "true", text: question.unit }) : null;
        const label = question.unit ? this.ui.yourAnswerUnit(question.unit) : this.ui.yourAnswer;
        if (previous !== undefined && previous !== null) input.value = previous;
        fieldset.append(el("div", { className: error ? "rc-field rc-field--error" : "rc-field" },
          el("label", { className: "rc-label", for: id, text: label }), input, unit ? " " : null, unit));
      }
      const form = el("form", { className: error ? "rc-question rc-question--error" : "rc-question",
        "data-node": node, novalidate: true }, fieldset,
      el("button", { type: "submit", className: "md-button md-button--primary rc-continue", text: this.ui.continue }));
      return form;
    }

    // `level`: h2 beside a question (no other heading of the wizard above it), h3 under a result's verdict.
    answersSoFar(result, title, level) {
      const list = el("dl", { className: "rc-answers-list" });
      for (const step of result.steps) {
        list.append(el("div", { className: "rc-answers-list__row" },
          el("dt", { className: "rc-answers-list__question", text: step.question }),
          el("dd", { className: "rc-answers-list__answer", text: step.display }),
          el("dd", { className: "rc-answers-list__change" },
            el("button", { type: "button", className: "rc-linkbutton", "data-rc-action": "change", "data-node": step.node },
              this.ui.change,
              el("span", { className: "rc-visually-hidden", text: this.ui.changeHidden(step.question) })))));
      }
      return el("section", { className: "rc-answers", "aria-labelledby": "rc-answers-title" },
        el(level, { id: "rc-answers-title", text: title }), list,
        el("p", { className: "rc-start-again" },
          el("button", { type: "button", className: "rc-linkbutton", "data-rc-action": "restart", text: this.ui.startAgain })));
    }

    // The outcome ------------------------------------------------------------------------------------------

    shareURL() {
      const answers = Object.entries((this.result && this.result.answers) || {});
      return window.location.origin + window.location.pathname + fragmentFor(answers);
    }

    // One line of "Why": what the reader answered (or the rule applied), the reason, and what it rests on.
    reasonItem(item) {
      // A rule is shown by what it found with the reader's answers ("1 day since 21 November 2026"), never by
      // its title, which is often a question nobody asked the reader; its reason then says what that means.
      const step = item.kind === "answer"
        ? this.ui.reasonAnswer(item.question, item.answer)
        : (item.facts || []).map((fact) => sentence(fact, this.ui)).join(" ");
      const basis = (item.basis || []).map((source) => (source.section
        ? `${source.title}${this.ui.sourceSection(source.section)}` : source.title));
      return el("li", { className: "rc-reason", "data-node": item.node },
        step ? el("span", { className: "rc-reason__step", text: step }) : null,
        item.because_html
          ? el("span", { className: "rc-reason__because", html: item.because_html })
          : el("span", { className: "rc-reason__because", text: item.because }),
        basis.length ? el("span", { className: "rc-reason__basis", text: this.ui.reasonBasis(basis) }) : null);
    }

    showOutcome(result, options) {
      const outcome = result.outcome;
      const tone = ["yes", "no", "maybe", "info"].includes(outcome.tone) ? outcome.tone : "info";
      // Named "Your result: <verdict>": the same outcome's section in "All answers" is named by the verdict alone.
      const section = el("section", { className: `rc-outcome rc-outcome--${tone}`,
        "aria-labelledby": "rc-kicker rc-verdict" },
      el("p", { className: "rc-outcome__kicker", id: "rc-kicker", text: this.ui.yourResult }),
        el("h2", { className: "rc-verdict", id: "rc-verdict", tabindex: "-1", text: outcome.verdict }));

      // "Why": each answer or rule that gave a reason, in the order met, with the reason and its sources.
      const reasons = [];
      const seen = new Set();
      for (const item of result.trace || []) {
        if (!item.because || seen.has(item.because)) continue;
        seen.add(item.because);
        reasons.push(item);
      }
      if (reasons.length) {
        section.append(el("h3", { text: this.ui.why }),
          el("ol", { className: "rc-reasons" }, ...reasons.map((item) => this.reasonItem(item))));
      }
      if (outcome.explanation_html) {
        section.append(el("div", { className: "rc-explanation", html: outcome.explanation_html }));
      } else if (outcome.explanation) {
        section.append(el("div", { className: "rc-explanation" }, el("p", { text: outcome.explanation })));
      }
      if ((outcome.next_steps || []).length) {
        section.append(el("h3", { text: this.ui.nextSteps }), el("ol", { className: "rc-next-steps" },
          ...outcome.next_steps.map((item) => (typeof item === "string"
            ? el("li", { text: item })
            : item.text_html ? el("li", { html: item.text_html }) : el("li", { text: item.text })))));
      }
      if ((outcome.deadlines || []).length) {
        section.append(el("h3", { text: this.ui.deadlines }), el("ul", { className: "rc-deadlines" },
          ...outcome.deadlines.map((deadline) => {
            const passed = deadline.days_left < 0;
            let afterwards = null;
            if (passed && deadline.passed_html) {
              afterwards = el("div", { className: "rc-deadline__passed", html: deadline.passed_html });
            } else if (passed && deadline.passed_text) {
              afterwards = el("div", { className: "rc-deadline__passed" },
                el("p", { text: markdownToPlain(deadline.passed_text) }));
            }
            return el("li", { className: passed ? "rc-deadline rc-deadline--passed" : "rc-deadline",
              "data-deadline": deadline.id },
            el("span", { className: "rc-deadline__label", text: this.ui.deadlineLabel(deadline.label) }),
            el("strong", {}, el("time", { datetime: deadline.date,
              text: deadline.date_text || readableDate(deadline.date, this.ui) })),
            el("span", { className: "rc-deadline__left",
              text: this.ui.deadlineLeft(deadline.days_left_text) }),
            afterwards);
          })));
      }
      if ((outcome.basis || []).length) {
        section.append(el("h3", { text: this.ui.basis }), el("ul", { className: "rc-outcome__basis" },
          ...outcome.basis.map((source) => {
            const safeLink = typeof source.link === "string" && /^https?:\/\//i.test(source.link);
            const title = safeLink
              ? el("a", { href: source.link, rel: "noopener noreferrer", text: source.title })
              : el("span", { className: "rc-outcome__source", text: source.title });
            return el("li", {}, title, source.section ? this.ui.sourceSection(source.section) : null,
              source.note ? el("span", { className: "rc-outcome__source-note", text: source.note }) : null);
          })));
      }
      if (result.steps.length) section.append(this.answersSoFar(result, this.ui.yourAnswers, "h3"));
      const url = this.shareURL();
      section.append(
        el("p", { className: "rc-print-meta",
          text: this.ui.printedFrom(url, readableDate(this.today, this.ui)) }),
        el("div", { className: "rc-actions" },
          el("button", { type: "button", className: "md-button rc-print", "data-rc-action": "print",
            text: this.ui.print }), " ",
          el("button", { type: "button", className: "md-button rc-copy", "data-rc-action": "copy",
            text: this.ui.copyLink }),
          el("p", { className: "rc-copy-status", role: "status", "aria-live": "polite" })),
      );
      this.replaceBody(this.noteBlock(), result.steps.length ? this.backButton() : null, section);
      this.setStatus("");
      this.setState("outcome", outcome.id || result.node);
      if (options.focus) section.querySelector(".rc-verdict").focus();
      this.addCalendarLinks(section, outcome, url);
    }

    // "Add to calendar" beside each deadline still ahead: the engine writes the .ics file in this browser, and
    // the link carries it in a data: URL, so nothing is fetched or sent.
    addCalendarLinks(section, outcome, url) {
      const ahead = (outcome.deadlines || []).filter((deadline) => deadline.days_left >= 0);
      if (!ahead.length) return;
      const request = {
        deadlines: ahead.map(({ id, label, date }) => ({ id, label, date })),
        details: outcome.verdict || "",
        link: url,
      };
      engineRequest({ type: "calendar", url: this.treeURL, request }).then((files) => {
        if (!section.isConnected) return;
        const slug = this.root.getAttribute("data-wizard-slug") || "deadline";
        for (const deadline of ahead) {
          const item = section.querySelector(`.rc-deadline[data-deadline="${CSS.escape(deadline.id)}"]`);
          if (!item || !files[deadline.id]) continue;
          const link = el("a", { className: "rc-calendar",
            href: `data:text/calendar;charset=utf-8,${encodeURIComponent(files[deadline.id])}`,
            download: `${slug}-${deadline.id}.ics` },
          this.ui.addToCalendar,
          el("span", { className: "rc-visually-hidden", text: this.ui.calendarHidden(deadline.label) }));
          item.querySelector(".rc-deadline__left").after(" ", link);
        }
      }, () => {}); // without calendar files the deadlines are still there, as dates
    }

    copyLink() {
      const url = this.shareURL();
      const status = this.root.querySelector(".rc-copy-status");
      const copied = () => {
        if (status) status.textContent = this.ui.linkCopied;
      };
      const fallback = () => {
        // No clipboard access (an insecure page, or the permission refused): let the reader copy it by hand.
        if (!status) return;
        const field = el("input", { className: "rc-input rc-copy-field", type: "text", readonly: true, value: url,
          "aria-label": this.ui.linkField });
        status.replaceChildren(this.ui.copyThisLink, field);
        field.focus();
        field.select();
      };
      if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(url).then(copied, fallback);
      else fallback();
    }

    // Failures ---------------------------------------------------------------------------------------------

    showFailure() {
      if (!this.alive()) return;
      const ui = this.ui;
      const message = el("p", { className: "rc-wizard__error", tabindex: "-1" },
        ui.failureBefore, el("a", { href: "#all-answers", text: ui.allAnswers }), ui.failureAfter,
        // The answers stay in the address (see setAddress), so reloading later brings the reader back here.
        hasAnswers() ? ui.failureKept : "");
      this.replaceBody(message);
      this.setStatus("");
      this.setState("error", this.root.getAttribute("data-wizard-node"));
    }

    showEngineError(result, options) {
      const ui = this.ui;
      const message = el("p", { className: "rc-wizard__error", tabindex: "-1" },
        `${sentence(result.message || ui.engineErrorDefault, ui)}${ui.engineErrorBefore}`,
        el("a", { href: "#all-answers", text: ui.allAnswers }), ui.engineErrorAfter);
      this.replaceBody(this.noteBlock(), result.steps.length ? this.backButton() : null, message,
        el("p", { className: "rc-start-again" },
          el("button", { type: "button", className: "rc-linkbutton", "data-rc-action": "restart", text: ui.startAgain })));
      this.setStatus("");
      this.setState("error", result.node);
      if (options.focus) message.focus();
    }
  }

  // Switching language ---------------------------------------------------------------------------------------

  // The header's language selector links to the same page in the other language. Answers given so far (the
  // #a=… fragment) go along, so the reader lands on the same question or result. Capture phase: the link's
  // address is set before Material's own click handlers (instant navigation, on document.body) read it.
  document.addEventListener("click", (event) => {
    const target = event.target;
    const link = target && typeof target.closest === "function" ? target.closest("a.md-select__link[hreflang]") : null;
    if (!link || !hasAnswers()) return;
    const href = link.getAttribute("href");
    if (href === null) return;
    link.setAttribute("href", href.split("#")[0] + window.location.hash);
  }, true);

  // Links to a part of the same page (table of contents, "All answers", the flowchart's lead, the skip link):
  // Material's instant navigation would fetch the page again and the wizard would start over. Caught first
  // (window, capture phase) and done here: the page scrolls and the wizard keeps its place (see jumpTo).
  window.addEventListener("click", (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey ||
      event.altKey) return;
    const target = event.target;
    const link = target && typeof target.closest === "function" ? target.closest("a[href]") : null;
    if (!link || link.target || link.hasAttribute("download") || link.hasAttribute("data-rc-field")) return;
    const url = new URL(link.href, window.location.href);
    const here = window.location;
    if (url.origin !== here.origin || url.pathname !== here.pathname || url.search !== here.search) return;
    if (!url.hash || url.hash === "#") return;
    const wizard = [...engine.mounts].find((mounted) => mounted.alive() && mounted.shownPlace);
    if (!wizard) return;
    event.preventDefault();
    event.stopPropagation();
    const drawer = document.getElementById("__drawer"); // the phone's menu, closed as after any navigation
    if (drawer) drawer.checked = false;
    wizard.jumpTo(safeDecode(url.hash.slice(1)));
  }, true);

  window.addEventListener("popstate", () => {
    for (const wizard of [...engine.mounts]) if (wizard.alive() && wizard.shownPlace) wizard.onHistory();
  });

  // The flowchart's text alternative prints open, even where the browser cannot print a closed <details>.
  window.addEventListener("beforeprint", () => {
    for (const details of document.querySelectorAll("details.rc-flow-list:not([open])")) {
      details.setAttribute("open", "");
      details.setAttribute("data-rc-opened-for-print", "");
    }
  });
  window.addEventListener("afterprint", () => {
    for (const details of document.querySelectorAll("details[data-rc-opened-for-print]")) {
      details.removeAttribute("open");
      details.removeAttribute("data-rc-opened-for-print");
    }
  });

  // Mounting -------------------------------------------------------------------------------------------------

  // The site shows the first question as links into "All answers" (they work without JavaScript and send
  // nothing); its form waits in a <template> beside them. The form takes their place, in the same room.
  function adoptFirstQuestion(root) {
    const template = root.querySelector("template.rc-first-question");
    if (!template) return;
    const links = root.querySelector(".rc-question--links");
    if (links) links.replaceWith(template.content.cloneNode(true));
    template.remove();
  }

  // A page that needs a script of its own names it in `data-playground-script` (only /playground/ does): it is
  // loaded here, once per tab, so that it also starts after Material's instant navigation, and no other page
  // downloads it.
  function loadPageScripts() {
    for (const root of document.querySelectorAll("[data-playground-script]")) {
      const src = new URL(root.getAttribute("data-playground-script"), window.location.href).href;
      if (document.querySelector(`script[src="${CSS.escape(src)}"]`)) continue;
      document.head.append(el("script", { src }));
    }
  }

  function mountAll() {
    loadPageScripts();
    for (const root of document.querySelectorAll(".rc-wizard")) {
      if (root.__recourseWizard) continue;
      adoptFirstQuestion(root);
      const wizard = new Wizard(root);
      root.__recourseWizard = wizard;
      wizard.begin();
    }
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(mountAll); // Material: on the first page and after every instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mountAll);
  } else {
    mountAll();
  }
})();
