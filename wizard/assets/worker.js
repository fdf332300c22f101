// Recourse wizard: the Web Worker that runs the Python engine (wizard.core) on the site's own copy of Pyodide.
//
// Everything slow happens here, off the page's main thread: downloading and starting Pyodide, unpacking the
// engine wheel, parsing the procedure JSON and walking the tree. The page talks to this worker with messages:
//
//   page -> worker  {type: "tree", url}                         start fetching a procedure's tree.json
//                   {type: "tree", url, text}                   use this JSON text for url (the playground's preview)
//                   {type: "step", id, url, answers, today, page, note}
//                                                               answers: [[node, value], ...] in order; page: the
//                                                               page's address without fragment; note: "" or "stale"
//   worker -> page  {type: "ready"}                             Python and the engine are loaded
//                   {type: "failed", message}                   Pyodide could not start: the page falls back
//                   {type: "result", id, result}                what the page reads of step()'s result
//                                                               (wizard.core.views.page_step), with `html`:
//                                                               the screen for it
//                   {type: "step-failed", id, message}          this one request could not be worked out
//
// The screen is rendered here, by the same Python renderer (wizard.core.views) that wrote the first question
// into the page at build time, so the page inserts HTML made by one renderer only.
//
// Nothing is sent anywhere: every file comes from this site, and answers stay in this browser. The one thing
// kept between visits is a snapshot of the started engine, made before any answer exists (see keepSnapshot).
// This is a module worker (`new Worker(url, {type: "module"})`), so Pyodide's ES-module loader can be imported.

import { packPages, unpackPages } from "./snapshot-pages.js";
import { fragmentFor } from "./wizard-place.js";

const PYODIDE_URL = new URL("../pyodide/", self.location.href).href;
// Filled in by wizard.browser.bundle with the wheel's name and a digest of its contents.
const ENGINE_URL = new URL("__RECOURSE_ENGINE_WHEEL__", self.location.href).href;
const ENGINE_DIR = "/home/pyodide/recourse-engine";

// The Python side: keeps each tree parsed once, and answers with JSON text so that no Python object ever
// crosses into JavaScript (no proxies to leak, no conversion surprises).
const GLUE = `
import json, sys
sys.path.insert(0, ${JSON.stringify(ENGINE_DIR)})
import datetime
from wizard.core.engine import step
from wizard.core.rehearsal import rehearse
from wizard.core.views import page_step, render_view
from wizard.core.vocabulary import all_languages

# Read the interface's words now, before the snapshot is made, so that a later visit starts with them (reading
# and parsing them is about 30 ms of the first answer in Pyodide). They come from the wheel: no answer is in them.
all_languages()

_trees = {}
_last = {}

def recourse_load_tree(url, text):
    _trees[url] = json.loads(text)

def recourse_step(url, answers_json, today):
    answers = dict(json.loads(answers_json))
    _last.update(url=url, result=step(_trees[url], answers, today))
    # The page reads only this part of the result: the rest is in the screen that recourse_render draws.
    return json.dumps(page_step(_last["result"]), ensure_ascii=False)

def recourse_render(share_url, note):
    return render_view(_trees[_last["url"]], _last["result"], share_url=share_url, note=note)

_rehearsals = {}

def recourse_rehearse(url, today):
    _rehearsals[url] = rehearse(_trees[url], datetime.date.fromisoformat(today))

def recourse_rehearse_step(url):
    # One step of the rehearsal; False once it is over. A rehearsal never fails a reader: whatever goes wrong
    # in it ends it, and the reader's own steps report their own errors.
    try:
        next(_rehearsals[url])
        return True
    except Exception:
        _rehearsals.pop(url, None)
        return False
`;

const trees = new Map(); // url -> Promise<string> (the JSON text)
const provided = new Set(); // urls whose text the page gave (the playground's preview)
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

// A memory snapshot of the started interpreter (engine imported, nothing else) is kept in this browser's
// Cache Storage after the first visit, so that later visits start Python from it instead of from scratch
// (0.6 s instead of 2 s on the benchmark machine). It is made before any tree or answer reaches Python, so it
// holds no answer; it never leaves the browser. Its key names the engine wheel, Pyodide's version and the
// storage format (snapshot-pages.js): a change to any makes it stale, and the stale copy is deleted when the
// new one is kept.
const SNAPSHOT_CACHE = "recourse-engine-snapshot";
const SNAPSHOT_FORMAT = "pages-1";

function snapshotKey(pyodideVersion) {
  const query =
    `pyodide=${encodeURIComponent(pyodideVersion)}&engine=${encodeURIComponent(ENGINE_URL)}` +
    `&format=${SNAPSHOT_FORMAT}`;
  return new URL(`engine-snapshot?${query}`, self.location.href).href;
}

// The kept snapshot as {bytes}: a promise of its bytes, which Pyodide awaits before it starts compiling its
// WebAssembly (it sizes the memory from them), so reading the copy is on every return visit's critical path;
// null when there is none or storage is off.
async function keptSnapshot(key) {
  try {
    if (typeof caches === "undefined") return null;
    const response = await (await caches.open(SNAPSHOT_CACHE)).match(key);
    if (!response) return null;
    return { bytes: response.arrayBuffer().then(unpackPages) };
  } catch (error) {
    return null; // storage turned off: start from scratch
  }
}

async function keepSnapshot(key, bytes) {
  try {
    if (typeof caches === "undefined") return;
    // Packed first, then stored whole: an entry is never left half-written if the reader leaves meanwhile.
    const packed = packPages(bytes);
    const cache = await caches.open(SNAPSHOT_CACHE);
    for (const old of await cache.keys()) if (old.url !== key) await cache.delete(old);
    await cache.put(key, new Response(packed, { headers: { "Content-Type": "application/octet-stream" } }));
    performance.mark("recourse-snapshot-kept", { detail: { bytes: packed.size } });
  } catch (error) {
    // No room, or storage turned off: the next visit starts from scratch, as this one did.
  }
}

async function forgetSnapshot() {
  try {
    if (typeof caches !== "undefined") await caches.delete(SNAPSHOT_CACHE);
  } catch (error) {
    // nothing to forget
  }
}

let snapshotToKeep = null; // [key, bytes] once made; packed and kept once the page is quiet
let keepTimer = null;
const QUIET_MS = 1500;

// Packing and storing 31 MB takes the worker tens of milliseconds and the browser's storage more, which would
// delay answers: it waits until the page has asked nothing for a while (the reader is reading), and every
// request puts it off again.
function keepSnapshotWhenQuiet() {
  if (!snapshotToKeep) return;
  clearTimeout(keepTimer);
  keepTimer = setTimeout(() => {
    const [key, bytes] = snapshotToKeep;
    snapshotToKeep = null;
    keepSnapshot(key, bytes);
  }, QUIET_MS);
}

async function start() {
  if (typeof WebAssembly !== "object") throw new Error("this browser has no WebAssembly");
  const wasmFailure = watchWebAssembly();
  const wheel = fetch(ENGINE_URL).then((response) => {
    if (!response.ok) throw new Error(`${ENGINE_URL}: HTTP ${response.status}`);
    return response.arrayBuffer();
  });
  wheel.catch(() => {}); // awaited below; this only keeps an early failure from being reported twice
  const { loadPyodide, version } = await import(`${PYODIDE_URL}pyodide.mjs`);
  const key = snapshotKey(version);
  const options = {
    indexURL: PYODIDE_URL,
    // Python's own output is not for the reader; keep it out of the console unless it is an error.
    stdout: () => {},
    stderr: (text) => console.warn(`[wizard] ${text}`),
  };
  const load = (extra) => Promise.race([loadPyodide({ ...options, ...extra }), wasmFailure]);
  const snapshot = await keptSnapshot(key);
  let pyodide = null;
  if (snapshot) {
    snapshot.bytes.catch(() => {}); // a damaged copy fails the load below, which starts from scratch
    try {
      pyodide = await load({ _loadSnapshot: snapshot.bytes });
    } catch (error) {
      await forgetSnapshot(); // a copy this Pyodide cannot read: start from scratch, and do not use it again
    }
  }
  const fromSnapshot = pyodide !== null;
  let canSnapshot = !fromSnapshot;
  if (!fromSnapshot) {
    try {
      pyodide = await load({ _makeSnapshot: true });
    } catch (error) {
      // Making snapshots is Pyodide's private API: should it fail in some browser, start as Pyodide normally
      // does (a failure of its files fails this second try at once, through wasmFailure or the same error).
      canSnapshot = false;
      pyodide = await load({});
    }
  }
  // The engine's files are not part of the snapshot (the file system lives outside Python's memory), and a
  // lazy import needs them: unpack the wheel in either case.
  pyodide.unpackArchive(await wheel, "wheel", { extractDir: ENGINE_DIR });
  pyodide.runPython(GLUE);
  // How this start went, for the benchmark, the tests and anyone looking in the browser's developer tools.
  performance.mark("recourse-engine-started", { detail: { from: fromSnapshot ? "snapshot" : "scratch" } });
  if (canSnapshot) {
    try {
      const bytes = pyodide.makeMemorySnapshot();
      snapshotToKeep = [key, bytes];
      performance.mark("recourse-snapshot-made", { detail: { bytes: bytes.length } });
    } catch (error) {
      snapshotToKeep = null; // this Pyodide cannot make one: every visit starts from scratch
    }
  }
  return {
    loadTree: pyodide.globals.get("recourse_load_tree"),
    step: pyodide.globals.get("recourse_step"),
    render: pyodide.globals.get("recourse_render"),
    rehearseStart: pyodide.globals.get("recourse_rehearse"),
    rehearseStep: pyodide.globals.get("recourse_rehearse_step"),
    loaded: new Set(),
    rehearsed: new Set(),
  };
}

const ready = start();
ready.then(
  (loaded) => {
    api = loaded;
    self.postMessage({ type: "ready" });
    keepSnapshotWhenQuiet();
  },
  (error) => {
    self.postMessage({ type: "failed", message: String((error && error.message) || error) });
  },
);

// The tree of `url` in Python, parsed once.
async function loadedTree(url) {
  const engine = await ready;
  const text = await treeText(url);
  if (!engine.loaded.has(url)) {
    engine.loadTree(url, text);
    engine.loaded.add(url);
  }
  return engine;
}

// The worker's own date (the rehearsal's answers need one; the reader's steps bring the page's).
function localToday() {
  const now = new Date();
  const pad = (number) => String(number).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

// A fresh worker runs each part of the engine slowly the first time (on a quiet machine the first date answer's
// round trip took 8 to 14 ms, 3 to 6 ms once rehearsed): while the reader reads the first question, the engine rehearses the tree with answers
// of its own (wizard.core.rehearsal), so that the reader's answers find that code already run. One step per
// task: a reader's request, which arrives as a message, waits for one step at most. Trees given as text (the
// playground's preview, sent again at each edit) are not rehearsed.
async function rehearse(url) {
  const engine = await loadedTree(url);
  if (engine.rehearsed.has(url) || provided.has(url)) return;
  engine.rehearsed.add(url);
  engine.rehearseStart(url, localToday());
  let steps = 0;
  const next = () => {
    let more;
    try {
      more = engine.rehearseStep(url);
    } catch (error) {
      more = false; // as in Python: a rehearsal that fails only ends
    }
    if (more) {
      steps += 1;
      setTimeout(next, 0);
    } else {
      // For the benchmark, the tests and anyone looking in the browser's developer tools.
      performance.mark("recourse-rehearsed", { detail: { url, steps } });
    }
  };
  setTimeout(next, 0);
}

async function run(message) {
  const engine = await loadedTree(message.url);
  const result = JSON.parse(engine.step(message.url, JSON.stringify(message.answers), message.today));
  // The link printed on a result (and put in its calendar files): the page with the answers the engine kept.
  const shareURL = String(message.page || "") + fragmentFor(Object.entries(result.answers || {}));
  result.html = engine.render(shareURL, message.note || "");
  return result;
}

self.addEventListener("message", (event) => {
  const message = event.data || {};
  keepSnapshotWhenQuiet();
  if (message.type === "tree" && typeof message.text === "string") {
    trees.set(message.url, Promise.resolve(message.text)); // replaces an earlier text for the same address
    provided.add(message.url);
    if (api !== null) api.loaded.delete(message.url);
  } else if (message.type === "tree") {
    treeText(message.url).catch(() => {});
    rehearse(message.url).catch(() => {}); // a tree that cannot be fetched or started is reported by its steps
  } else if (message.type === "step") {
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
