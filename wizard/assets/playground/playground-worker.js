// Recourse playground: the Web Worker that checks an edited tree with the project's own Python tools.
//
// It loads the site's Pyodide, then two wheels written by wizard.browser.playground_bundle: the checker side of
// the `wizard` package (loader, checker, compiler, translation, examples, semdiff: `wizard.playground`) and
// PyYAML's pure-Python code. It is separate from the readers' worker (assets/wizard/worker.js), which stays
// small: procedure pages never load this file. Messages:
//
//   page -> worker  {type: "content", files}                           the site's content rules (content.json)
//                   {type: "published", slug, tree, translation}       the published texts, to compare with
//                   {type: "check", id, slug, tree, translation, today} an edit
//                   {type: "diff", id}                                 the readers' difference of the last check
//   worker -> page  {type: "ready"} | {type: "failed", message}
//                   {type: "checked", id, result}                      see wizard.playground.check_edit (no diff)
//                   {type: "check-failed", id, message}
//                   {type: "diffed", id, diff} | {type: "diff-failed", id, message}
//
// The difference is the slow part of a check (it tries answer combinations): it is computed only when the page
// asks for it, after it has shown the problems and the preview, and not at all when another edit came meanwhile.
//
// Nothing is sent anywhere: the texts stay in this browser, in Pyodide's in-memory file system.

const PYODIDE_URL = new URL("../pyodide/", self.location.href).href;
// Filled in by wizard.browser.playground_bundle: the wheels' addresses, relative to this file.
const WHEELS = __RECOURSE_PLAYGROUND_WHEELS__.map((url) => new URL(url, self.location.href).href);
const LIBRARY_DIR = "/home/pyodide/recourse-playground";
const WORKSPACE_DIR = "/tmp/recourse-playground";
const LANGUAGE = new URL(self.location.href).searchParams.get("language") || "zh";

const GLUE = `
import datetime, json, sys
from pathlib import Path
sys.path.insert(0, ${JSON.stringify(LIBRARY_DIR)})
from wizard import playground

_workspace = playground.Workspace(Path(${JSON.stringify(WORKSPACE_DIR)}))

def recourse_content(files_json):
    playground.install_content(_workspace, json.loads(files_json))

def recourse_publish(slug, tree, translation):
    return playground.publish(_workspace, slug, ${JSON.stringify(LANGUAGE)}, tree, translation)

def recourse_check(slug, tree, translation, today):
    day = datetime.date.fromisoformat(today) if today else None
    result = playground.check_edit(_workspace, slug, ${JSON.stringify(LANGUAGE)}, tree, translation, day, diff=False)
    return json.dumps(result, ensure_ascii=False)

def recourse_diff():
    return json.dumps(playground.edit_difference(_workspace), ensure_ascii=False)
`;

function fetchBytes(url) {
  return fetch(url, { credentials: "same-origin" }).then((response) => {
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    return response.arrayBuffer();
  });
}

async function start() {
  if (typeof WebAssembly !== "object") throw new Error("this browser has no WebAssembly");
  const wheels = WHEELS.map(fetchBytes);
  wheels.forEach((promise) => promise.catch(() => {})); // awaited below; reported once
  // Pyodide's loader only logs a warning when its WebAssembly cannot be compiled and then waits for ever (the
  // readers' worker watches WebAssembly for this; here, asking for the file first is enough): fail at once.
  const wasm = await fetch(`${PYODIDE_URL}pyodide.asm.wasm`, { method: "HEAD", credentials: "same-origin" });
  const type = wasm.headers.get("Content-Type") || "";
  if (!wasm.ok || !type.startsWith("application/wasm")) {
    throw new Error(`pyodide.asm.wasm: HTTP ${wasm.status}, ${type || "no content type"}`);
  }
  const { loadPyodide } = await import(`${PYODIDE_URL}pyodide.mjs`);
  const pyodide = await loadPyodide({
    indexURL: PYODIDE_URL,
    stdout: () => {},
    stderr: (text) => console.warn(`[playground] ${text}`),
  });
  for (const wheel of wheels) pyodide.unpackArchive(await wheel, "wheel", { extractDir: LIBRARY_DIR });
  pyodide.runPython(GLUE);
  performance.mark("recourse-playground-started");
  return {
    content: pyodide.globals.get("recourse_content"),
    publish: pyodide.globals.get("recourse_publish"),
    check: pyodide.globals.get("recourse_check"),
    diff: pyodide.globals.get("recourse_diff"),
  };
}

const ready = start();
ready.then(
  () => self.postMessage({ type: "ready" }),
  (error) => self.postMessage({ type: "failed", message: String((error && error.message) || error) }),
);

// Messages are handled one at a time, in order: the content rules and the published texts are in place
// before the first check that needs them.
let queue = Promise.resolve();

function handle(message) {
  return ready.then((python) => {
    if (message.type === "content") python.content(JSON.stringify(message.files || {}));
    else if (message.type === "published") python.publish(message.slug, message.tree, message.translation);
    else if (message.type === "check") {
      const result = JSON.parse(python.check(message.slug, message.tree, message.translation, message.today || ""));
      self.postMessage({ type: "checked", id: message.id, result });
    } else if (message.type === "diff") {
      self.postMessage({ type: "diffed", id: message.id, diff: JSON.parse(python.diff()) });
    }
  }).catch((error) => {
    const detail = String((error && error.message) || error);
    if (message.type === "check") self.postMessage({ type: "check-failed", id: message.id, message: detail });
    else if (message.type === "diff") self.postMessage({ type: "diff-failed", id: message.id, message: detail });
  });
}

self.addEventListener("message", (event) => {
  const message = event.data || {};
  queue = queue.then(() => handle(message));
});
