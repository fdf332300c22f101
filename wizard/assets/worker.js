// Recourse wizard: the Web Worker that runs the Python engine (wizard.core) on the site's own copy of Pyodide.
//
// Everything slow happens here, off the page's main thread: downloading and starting Pyodide, unpacking the
// engine wheel, parsing the procedure JSON and walking the tree. The page talks to this worker with messages:
//
//   page -> worker  {type: "tree", url}                         start fetching a procedure's tree.json
//                   {type: "step", id, url, answers, today}     answers: [[node, value], ...] in order
//                   {type: "calendar", id, url, request}        .ics files for an outcome's deadlines
//   worker -> page  {type: "ready"}                             Python and the engine are loaded
//                   {type: "failed", message}                   Pyodide could not start: the page falls back
//                   {type: "result", id, result}                the answer to a step or calendar request
//                   {type: "step-failed", id, message}          this one request could not be worked out
//
// Nothing is sent anywhere: every file comes from this site, and answers stay in this browser.
// This is a module worker (`new Worker(url, {type: "module"})`), so Pyodide's ES-module loader can be imported.

const PYODIDE_URL = new URL("../pyodide/", self.location.href).href;
// Filled in by wizard.browser.bundle with the wheel's name and a digest of its contents.
const ENGINE_URL = new URL("__RECOURSE_ENGINE_WHEEL__", self.location.href).href;
const ENGINE_DIR = "/home/pyodide/recourse-engine";

// The Python side: keeps each tree parsed once, and answers with JSON text so that no Python object ever
// crosses into JavaScript (no proxies to leak, no conversion surprises).
const GLUE = `
import json, sys
sys.path.insert(0, ${JSON.stringify(ENGINE_DIR)})
from wizard.core.engine import step

_trees = {}

def recourse_load_tree(url, text):
    _trees[url] = json.loads(text)

def recourse_step(url, answers_json, today):
    answers = dict(json.loads(answers_json))
    return json.dumps(step(_trees[url], answers, today), ensure_ascii=False)

def recourse_calendar(url, request_json):
    import datetime
    from wizard.core.calendar_file import deadline_calendar
    request = json.loads(request_json)
    title = _trees[url].get("title", "")
    files = {}
    for item in request["deadlines"]:
        files[item["id"]] = deadline_calendar(
            procedure=title, label=item["label"], due=datetime.date.fromisoformat(item["date"]),
            details=request.get("details", ""), url=request.get("link", ""))
    return json.dumps(files, ensure_ascii=False)
`;

const trees = new Map(); // url -> Promise<string> (the JSON text)
let api = null;

function fetchText(url) {
  return fetch(url, { credentials: "same-origin" }).then((response) => {
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    return response.text();
  });
}

function treeText(url) {
  if (!trees.has(url)) {
    const promise = fetchText(url);
    promise.catch(() => trees.delete(url)); // let a later page try again
    trees.set(url, promise);
  }
  return trees.get(url);
}

// Pyodide's loader only logs a warning when its WebAssembly cannot be compiled (a missing file, a wrong
// content type) and then waits for ever. Watching the two WebAssembly entry points it uses turns that into a
// failure the page can act on at once, instead of after the page's time limit.
function watchWebAssembly() {
  let failed;
  const failure = new Promise((resolve, reject) => {
    failed = reject;
  });
  for (const name of ["instantiateStreaming", "instantiate"]) {
    const original = WebAssembly[name];
    if (typeof original !== "function") continue;
    WebAssembly[name] = function (...args) {
      const result = original.apply(this, args);
      result.catch((error) => failed(new Error(`the WebAssembly could not be loaded (${error && error.message})`)));
      return result;
    };
  }
  return failure;
}

async function start() {
  if (typeof WebAssembly !== "object") throw new Error("this browser has no WebAssembly");
  const wasmFailure = watchWebAssembly();
  const wheel = fetch(ENGINE_URL).then((response) => {
    if (!response.ok) throw new Error(`${ENGINE_URL}: HTTP ${response.status}`);
    return response.arrayBuffer();
  });
  wheel.catch(() => {}); // awaited below; this only keeps an early failure from being reported twice
  const { loadPyodide } = await import(`${PYODIDE_URL}pyodide.mjs`);
  const pyodide = await Promise.race([
    loadPyodide({
      indexURL: PYODIDE_URL,
      // Python's own output is not for the reader; keep it out of the console unless it is an error.
      stdout: () => {},
      stderr: (text) => console.warn(`[wizard] ${text}`),
    }),
    wasmFailure,
  ]);
  pyodide.unpackArchive(await wheel, "wheel", { extractDir: ENGINE_DIR });
  pyodide.runPython(GLUE);
  return {
    loadTree: pyodide.globals.get("recourse_load_tree"),
    step: pyodide.globals.get("recourse_step"),
    calendar: pyodide.globals.get("recourse_calendar"),
    loaded: new Set(),
  };
}

const ready = start();
ready.then(
  (loaded) => {
    api = loaded;
    self.postMessage({ type: "ready" });
  },
  (error) => {
    self.postMessage({ type: "failed", message: String((error && error.message) || error) });
  },
);

async function run(message) {
  const engine = await ready;
  if (!engine.loaded.has(message.url)) {
    engine.loadTree(message.url, await treeText(message.url));
    engine.loaded.add(message.url);
  }
  if (message.type === "calendar") return JSON.parse(engine.calendar(message.url, JSON.stringify(message.request)));
  return JSON.parse(engine.step(message.url, JSON.stringify(message.answers), message.today));
}

self.addEventListener("message", (event) => {
  const message = event.data || {};
  if (message.type === "tree") {
    treeText(message.url).catch(() => {});
  } else if (message.type === "step" || message.type === "calendar") {
    run(message).then(
      (result) => self.postMessage({ type: "result", id: message.id, result }),
      (error) => {
        // A failed start is already reported as "failed"; anything else is about this step only.
        if (api === null) return;
        self.postMessage({ type: "step-failed", id: message.id, message: String((error && error.message) || error) });
      },
    );
  }
});
