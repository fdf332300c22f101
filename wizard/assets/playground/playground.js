// Recourse playground: edit a tree and its translation in the browser, checked as you type by the project's own
// Python tools (playground-worker.js), with the wizard running on the edited tree below.
//
// Bundled with CodeMirror 6 into one file by wizard.browser.playground_bundle (esbuild), and loaded by wizard.js
// only on a page with a `[data-playground-script]` root (the /playground/ page). Contract for tests:
//   root [data-playground-state]     loading | ready | failed
//   [data-playground-source]         the editors' text areas ("tree", "translation")
//   [data-playground-diagnostics]    one element per problem, with data-line, data-column, data-file, data-severity
//   [data-playground-preview]        holds the wizard (.rc-wizard, with its data-wizard-state contract)
//   [data-playground-diff]           the readers' difference; data-diff-checks: the check it belongs to
// Timing marks: "recourse-playground-edit" at each edit, the measure "recourse-playground-problems" from the last
// edit to its problems shown, "recourse-playground-update" from the last edit to the preview showing the edited
// tree (or the problems, when it has errors), "recourse-playground-diff" from the last edit to the readers'
// difference shown (it comes after the rest: it is the slow part), and "recourse-playground-check" for the
// worker's check alone (sent to answered).

import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { yaml } from "@codemirror/lang-yaml";
import { defaultHighlightStyle, syntaxHighlighting } from "@codemirror/language";
import { lintGutter, setDiagnostics } from "@codemirror/lint";
import { EditorState } from "@codemirror/state";
import { drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers }
  from "@codemirror/view";
import styles from "./playground.css";

// Long enough to wait for the end of a word, short enough to feel immediate.
const DEBOUNCE_MS = 120;
// Pyodide is about 12 MB; past this, the page says the checker could not start (the texts stay editable).
const START_TIMEOUT_MS = 90000;
const SETTLED = ["question", "outcome", "error"];

let worker = null; // one per tab, kept across instant navigation
const waiting = new Map(); // check id -> callback
let nextId = 1;
let workerState = "starting";
const onWorkerState = new Set();

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "text") node.textContent = value;
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  node.append(...children.filter((child) => child !== null && child !== undefined));
  return node;
}

function format(template, values) {
  return template.replace(/\{(\w+)\}/g, (whole, key) => (key in values ? String(values[key]) : whole));
}

function startWorker(assetsURL, language) {
  if (worker) return worker;
  const url = new URL(`playground/playground-worker.js?language=${encodeURIComponent(language)}`, assetsURL);
  worker = new Worker(url.href, { type: "module", name: "recourse-playground" });
  const settle = (state) => {
    if (workerState === "failed") return; // a late "ready" after the time limit changes nothing
    window.clearTimeout(timer);
    workerState = state;
    for (const callback of onWorkerState) callback(state);
  };
  const timer = window.setTimeout(() => settle("failed"), START_TIMEOUT_MS);
  worker.addEventListener("message", (event) => {
    const message = event.data || {};
    if (message.type === "ready") settle("ready");
    else if (message.type === "failed") {
      console.warn(`Recourse playground: the checker could not start (${message.message}).`);
      settle("failed");
    } else if (["checked", "check-failed", "diffed", "diff-failed"].includes(message.type)) {
      const callback = waiting.get(message.id);
      waiting.delete(message.id);
      if (callback) callback(message);
    }
  });
  worker.addEventListener("error", (event) => {
    event.preventDefault();
    console.warn(`Recourse playground: the checker stopped (${event.message || "it could not be loaded"}).`);
    settle("failed");
  });
  return worker;
}

function fetchText(url) {
  return fetch(url, { credentials: "same-origin" }).then((response) => {
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    return response.text();
  });
}

function todayISO() {
  const now = new Date();
  const pad = (number) => String(number).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

class Playground {
  constructor(root) {
    this.root = root;
    this.words = JSON.parse(root.getAttribute("data-playground-words") || "{}");
    this.assetsURL = new URL(root.getAttribute("data-playground-assets") || "../assets/", window.location.href).href;
    this.language = root.getAttribute("data-playground-translation") || "zh";
    this.editURL = root.getAttribute("data-playground-edit") || "";
    const lang = String(document.documentElement.lang || "").toLowerCase();
    this.pageLanguage = lang === this.language || lang.startsWith(`${this.language}-`) ? this.language : "en";
    this.status = root.querySelector(".rc-playground__status");
    this.select = root.querySelector(".rc-playground__select");
    this.slug = "";
    this.timer = 0;
    this.inFlight = false;
    this.again = false;
    this.started = false;
    this.checks = 0;
    this.published = null; // the texts the editors were filled with, to tell whether anything was edited
    this.editors = {};
    for (const box of root.querySelectorAll("[data-playground-editor]")) {
      const kind = box.getAttribute("data-playground-editor");
      this.editors[kind] = this.makeEditor(box, kind);
    }
    root.addEventListener("click", (event) => this.onClick(event));
  }

  makeEditor(box, kind) {
    const attributes = {
      "aria-label": box.getAttribute("data-playground-label") || kind,
      "aria-describedby": "rc-playground-keys",
      "data-playground-source": kind,
    };
    const view = new EditorView({
      parent: box,
      state: EditorState.create({
        doc: "",
        // No `indentWithTab`: Tab must leave the editor (keyboard users would be trapped otherwise).
        extensions: [
          lineNumbers(), highlightActiveLineGutter(), history(), drawSelection(), highlightActiveLine(),
          syntaxHighlighting(defaultHighlightStyle), yaml(), lintGutter(),
          keymap.of([...defaultKeymap, ...historyKeymap]),
          EditorView.contentAttributes.of(attributes),
          EditorView.updateListener.of((update) => {
            if (update.docChanged && this.started) this.edited();
          }),
        ],
      }),
    });
    // The scroll area is a Tab stop of its own (before the text), so that it can be scrolled with the keyboard
    // in browsers that do not scroll a focused contenteditable's container (Safari); axe asks for it.
    view.scrollDOM.setAttribute("tabindex", "0");
    return view;
  }

  text(kind) {
    return this.editors[kind].state.doc.toString();
  }

  setText(kind, text) {
    const view = this.editors[kind];
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
  }

  async begin() {
    const slugs = [...this.select.options].map((option) => option.value);
    const asked = new URLSearchParams(window.location.search).get("tree");
    const slug = slugs.includes(asked) ? asked : slugs[0];
    const ready = new Promise((resolve) => {
      if (workerState !== "starting") resolve(workerState);
      else onWorkerState.add(resolve);
    });
    startWorker(this.assetsURL, this.language);
    const content = fetchText(new URL("playground/content.json", this.assetsURL).href);
    if (!worker) return;
    worker.postMessage({ type: "content", files: JSON.parse(await content) });
    await this.open(slug);
    this.started = true;
    if ((await ready) !== "ready") {
      this.status.textContent = this.words.failed;
      this.root.setAttribute("data-playground-state", "failed");
      return;
    }
    this.status.textContent = this.words.checking;
    await this.check();
    this.status.textContent = this.words.ready;
    this.root.setAttribute("data-playground-state", "ready");
  }

  // Start from a published procedure: its texts in the editors, and its compiled form to compare with.
  async open(slug) {
    const [tree, translation] = await Promise.all([`${slug}.yaml`, `${slug}.${this.language}.yaml`]
      .map((name) => fetchText(new URL(`playground/published/${name}`, this.assetsURL).href)));
    this.slug = slug;
    this.select.value = slug;
    const started = this.started;
    this.started = false; // filling the editors is not an edit
    this.setText("tree", tree);
    this.setText("translation", translation);
    this.started = started;
    this.published = { tree, translation };
    worker.postMessage({ type: "published", slug, tree, translation });
    for (const link of this.root.querySelectorAll("[data-playground-edit-link]")) {
      const name = link.getAttribute("data-playground-edit-link") === "tree" ? `${slug}.yaml` : `${slug}.${this.language}.yaml`;
      if (this.editURL) link.setAttribute("href", this.editURL + name);
      else link.hidden = true;
    }
    const address = new URL(window.location.href);
    address.searchParams.set("tree", slug);
    window.history.replaceState(window.history.state, "", address.pathname + address.search + address.hash);
  }

  changed() {
    return Boolean(this.published) && (this.text("tree") !== this.published.tree
      || this.text("translation") !== this.published.translation);
  }

  edited() {
    performance.mark("recourse-playground-edit");
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => this.check(), DEBOUNCE_MS);
  }

  // One check at a time: an edit made meanwhile is checked as soon as the running one is done.
  check() {
    if (this.inFlight) {
      this.again = true;
      return Promise.resolve();
    }
    if (workerState !== "ready") return Promise.resolve();
    this.inFlight = true;
    const id = nextId++;
    const sent = performance.now();
    return new Promise((resolve) => {
      waiting.set(id, (message) => {
        performance.measure("recourse-playground-check", { start: sent });
        this.inFlight = false;
        if (message.type === "checked" && this.root.isConnected) {
          this.show(message.result);
          // The difference only for the texts in the editors: an edit made meanwhile is checked first.
          if (!this.again && this.comparable(message.result)) this.askDifference();
        } else if (message.type === "check-failed" && this.root.isConnected) this.showCheckFailed(message.message);
        if (this.again) {
          this.again = false;
          this.check().then(resolve);
        } else resolve();
      });
      worker.postMessage({ type: "check", id, slug: this.slug, tree: this.text("tree"),
        translation: this.text("translation"), today: todayISO() });
    });
  }

  comparable(result) {
    return Boolean(result.compiled.en) && Boolean(this.published);
  }

  // The readers' difference of the check just shown, asked for after its problems and preview are on screen.
  askDifference() {
    const id = nextId++;
    const shown = this.checks;
    waiting.set(id, (message) => {
      // A newer check shown or under way makes this difference one of older texts: it is left out.
      if (!this.root.isConnected || this.inFlight || this.checks !== shown) return;
      if (message.type === "diffed") this.showDifference(message.diff === null ? this.words.diff_wait : message.diff);
      else {
        console.warn(`Recourse playground: the comparison stopped (${message.message}).`);
        this.showDifference(format(this.words.check_failed, { detail: message.message }));
      }
    });
    worker.postMessage({ type: "diff", id });
  }

  showDifference(text) {
    const box = this.root.querySelector("[data-playground-diff]");
    box.textContent = text;
    box.setAttribute("data-diff-checks", String(this.checks)); // for tests: the difference of this check
    box.removeAttribute("aria-busy");
    if (performance.getEntriesByName("recourse-playground-edit", "mark").length) {
      performance.measure("recourse-playground-diff", "recourse-playground-edit");
    }
  }

  editorFor(file) {
    return file.endsWith(`.${this.language}.yaml`) ? "translation" : "tree";
  }

  show(result) {
    this.root.querySelector("[data-playground-summary]").removeAttribute("data-check-failed");
    this.showDiagnostics(result.diagnostics);
    this.showExamples(result);
    const diff = this.root.querySelector("[data-playground-diff]");
    diff.removeAttribute("data-diff-checks");
    if (this.comparable(result)) {
      diff.textContent = this.words.diff_pending; // the worker compares next, once this is on screen
      diff.setAttribute("aria-busy", "true");
    } else {
      diff.textContent = this.words.diff_wait;
      diff.removeAttribute("aria-busy");
    }
    this.showPreview(result);
  }

  showDiagnostics(diagnostics) {
    const byEditor = { tree: [], translation: [] };
    const list = this.root.querySelector("[data-playground-diagnostics]");
    const items = diagnostics.map((problem) => {
      const kind = this.editorFor(problem.file);
      const view = this.editors[kind];
      const line = view.state.doc.line(Math.min(Math.max(problem.line, 1), view.state.doc.lines));
      const from = Math.min(line.from + Math.max(problem.column - 1, 0), line.to);
      const text = problem.hint ? `${problem.message} ${problem.hint}` : problem.message;
      byEditor[kind].push({ from, to: Math.min(from + 1, line.to), severity: problem.severity, message: text });
      const severity = this.words[`severity_${problem.severity}`] || problem.severity;
      return el("li", { "data-line": problem.line, "data-column": problem.column, "data-file": problem.file,
        "data-severity": problem.severity },
      el("button", { type: "button", class: "rc-linkbutton rc-playground__where", "data-playground-goto": kind,
        "data-from": from, text: `${problem.file}:${problem.line}:${problem.column}` }),
      `: ${severity}: ${problem.message}`,
      problem.hint ? el("span", { class: "rc-playground__hint", text: problem.hint }) : null);
    });
    for (const [kind, view] of Object.entries(this.editors)) {
      view.dispatch(setDiagnostics(view.state, byEditor[kind] || []));
    }
    list.replaceChildren(...items);
    this.showSummary(diagnostics.length
      ? format(this.words.problem_count, { count: diagnostics.length }) : this.words.no_problems);
    if (performance.getEntriesByName("recourse-playground-edit", "mark").length) {
      performance.measure("recourse-playground-problems", "recourse-playground-edit");
    }
  }

  showSummary(text) {
    const summary = this.root.querySelector("[data-playground-summary]");
    summary.textContent = text;
    this.checks += 1;
    summary.setAttribute("data-checks", String(this.checks)); // for tests: a new check's result is shown
  }

  // The check itself stopped (a fault of ours, not the editor's): say so where the problems go, and show no
  // earlier result as if it were this edit's. The texts stay in the editors, ready to download.
  showCheckFailed(detail) {
    console.warn(`Recourse playground: the check stopped (${detail}).`);
    for (const view of Object.values(this.editors)) view.dispatch(setDiagnostics(view.state, []));
    this.root.querySelector("[data-playground-diagnostics]").replaceChildren();
    this.root.querySelector("[data-playground-examples]").replaceChildren(el("p", { text: this.words.examples_wait }));
    const diff = this.root.querySelector("[data-playground-diff]");
    diff.textContent = this.words.diff_wait;
    diff.removeAttribute("aria-busy");
    diff.removeAttribute("data-diff-checks");
    this.root.querySelector("[data-playground-preview]").replaceChildren(el("p", { text: this.words.preview_wait }));
    this.showSummary(format(this.words.check_failed, { detail }));
    this.root.querySelector("[data-playground-summary]").setAttribute("data-check-failed", "");
  }

  showExamples(result) {
    const box = this.root.querySelector("[data-playground-examples]");
    if (!result.compiled.en) {
      box.replaceChildren(el("p", { text: this.words.examples_wait }));
      return;
    }
    const examples = result.examples;
    const passed = examples.filter((example) => example.failure === null).length;
    const summary = el("p", { "data-passed": passed, "data-total": examples.length,
      text: examples.length ? format(this.words.examples_count, { passed, total: examples.length })
        : this.words.examples_none });
    const list = el("ul", {}, ...examples.map((example) => el("li", { "data-example-passed": example.failure === null },
      example.failure === null ? `✓ ${example.name}` : `✗ ${example.name} (${example.line}): ${example.failure}`)));
    box.replaceChildren(summary, examples.length ? list : null);
  }

  showPreview(result) {
    const box = this.root.querySelector("[data-playground-preview]");
    const tree = result.compiled[this.pageLanguage] || result.compiled.en;
    const api = window.__recourseWizard;
    if (!tree || !api || typeof api.provideTree !== "function") {
      box.replaceChildren(el("p", { text: this.words.preview_wait }));
      this.updated();
      return;
    }
    const url = new URL(`playground-preview-${this.slug}.json`, window.location.href).href;
    api.provideTree(url, JSON.stringify(tree));
    const wizard = el("div", { class: "rc-wizard", "data-wizard-tree": url, "data-wizard-assets": this.assetsURL,
      "data-wizard-slug": this.slug, "data-wizard-state": "loading" });
    box.replaceChildren(wizard);
    const observer = new MutationObserver(() => {
      if (!SETTLED.includes(wizard.getAttribute("data-wizard-state"))) return;
      observer.disconnect();
      this.updated();
    });
    observer.observe(wizard, { attributes: true, attributeFilter: ["data-wizard-state"] });
    api.mountAll();
  }

  updated() {
    if (performance.getEntriesByName("recourse-playground-edit", "mark").length) {
      performance.measure("recourse-playground-update", "recourse-playground-edit");
    }
  }

  onClick(event) {
    const target = event.target.closest("button");
    if (!target || !this.root.contains(target)) return;
    if (target.classList.contains("rc-playground__load")) {
      // Starting again replaces the editors' texts: edits are never dropped without asking.
      if (this.changed() && !window.confirm(this.words.replace_confirm)) return;
      this.open(this.select.value).then(() => this.check());
    } else if (target.hasAttribute("data-playground-goto")) {
      const view = this.editors[target.getAttribute("data-playground-goto")];
      const at = Math.min(Number(target.getAttribute("data-from")) || 0, view.state.doc.length);
      view.dispatch({ selection: { anchor: at }, scrollIntoView: true });
      view.focus();
    } else {
      const action = target.getAttribute("data-playground-action");
      if (action === "download") this.download();
      else if (action === "copy-tree") this.copy("tree");
      else if (action === "copy-translation") this.copy("translation");
    }
  }

  download() {
    const files = [[`${this.slug}.yaml`, this.text("tree")], [`${this.slug}.${this.language}.yaml`, this.text("translation")]];
    for (const [name, text] of files) {
      const url = URL.createObjectURL(new Blob([text], { type: "application/yaml" }));
      const link = el("a", { href: url, download: name, hidden: true });
      document.body.append(link);
      link.click();
      link.remove();
      window.setTimeout(() => URL.revokeObjectURL(url), 60000);
    }
  }

  copy(kind) {
    const status = this.root.querySelector(".rc-playground__copy-status");
    const done = () => { status.textContent = this.words.copied; };
    const failed = () => { status.textContent = this.words.copy_failed; };
    if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(this.text(kind)).then(done, failed);
    else failed();
  }
}

function mountAll() {
  if (!document.getElementById("rc-playground-styles")) {
    document.head.append(el("style", { id: "rc-playground-styles", text: styles }));
  }
  for (const root of document.querySelectorAll(".rc-playground[data-playground-state]")) {
    if (root.__recoursePlayground) continue;
    const playground = new Playground(root);
    root.__recoursePlayground = playground;
    playground.begin().catch((error) => {
      console.warn(`Recourse playground: ${error && error.message}`);
      playground.status.textContent = playground.words.failed;
      root.setAttribute("data-playground-state", "failed");
    });
  }
}

if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(mountAll);
else mountAll();
