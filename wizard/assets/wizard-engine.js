// Recourse wizard: the engine, one Web Worker per tab shared by every page (see worker.js for its messages).
//
// The worker walks the tree and renders the screen: a step's result comes back with its `html`. This file
// starts the worker (or takes over the one start.js started in the page's head), restarts it once if it
// crashes after it worked, and fails every mounted wizard over to "All answers" if it cannot start.

import { AheadLine } from "./wizard-ahead.js";
import { RecentSteps } from "./wizard-recent.js";

/**
 * @typedef {object} StepResult  what the worker sends for a step: wizard.core.contracts.PageStep, plus `html`
 * @property {"question" | "outcome" | "error"} state
 * @property {string | null} node  the question asked, or the outcome reached
 * @property {{message: string} | null} error  an answer refused (its message is in the screen too)
 * @property {{node: string, answer: string}[]} steps  the answers on the path, in order
 * @property {Record<string, string>} answers  the answers the engine kept (the address's `a=`)
 * @property {string[]} ahead  the answers worth working out while the reader reads (a choice's options)
 * @property {string} html  the wizard's body for this result, rendered by wizard.core.views
 */
/** @typedef {{showFailure(): void}} Mounted */
/** @typedef {{resolve(value: any): void, reject(error: Error): void, message: Record<string, unknown>}} Pending */

/** @type {(value: void) => void} */
let settle = () => {};

// Pyodide is about 12 MB; on a slow connection it can take a while. Past this, the page says it failed.
const START_TIMEOUT_MS = 90000;

export const engine = {
  /** @type {Worker | null} */
  worker: null,
  /** @type {"idle" | "starting" | "ready" | "failed"} */
  state: "idle",
  /** Resolved once the engine is first ready or has failed: offline.js waits for it before it fetches the site. */
  settled: new Promise((resolve) => {
    settle = resolve;
  }),
  failure: "",
  workersCreated: 0,
  /** @type {Map<number, Pending>} */
  requests: new Map(),
  nextId: 1,
  timer: 0,
  /** @type {Set<Mounted>} */
  mounts: new Set(),
  restarts: 0,
  assetsURL: "",
};

// Trees given as text rather than fetched (the playground's preview, see provideTree): url -> JSON text.
/** @type {Map<string, string>} */
export const providedTrees = new Map();

/**
 * @typedef {object} EarlyEngine  what start.js leaves in window.__recourseEarlyEngine
 * @property {Worker} worker
 * @property {string} assetsURL
 * @property {MessageEvent[] | null} messages
 * @property {ErrorEvent[] | null} errors
 */

/** @returns {EarlyEngine | null} the worker start.js started, taken (it is used once) */
function takeEarlyEngine() {
  const slot = /** @type {{__recourseEarlyEngine?: EarlyEngine | null}} */ (/** @type {unknown} */ (window));
  const early = slot.__recourseEarlyEngine || null;
  slot.__recourseEarlyEngine = null;
  return early;
}

/**
 * Start the worker, unless it is already running: start.js's when it started one for these assets.
 * @param {string} assetsURL
 */
export function startEngine(assetsURL) {
  if (engine.state !== "idle") return;
  if (typeof WebAssembly !== "object" || typeof Worker !== "function") {
    failEngine("this browser has no WebAssembly or Web Workers");
    return;
  }
  engine.state = "starting";
  engine.assetsURL = assetsURL;
  const early = takeEarlyEngine();
  /** @type {Worker} */
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
  if (early && worker === early.worker) {
    const [messages, errors] = [early.messages || [], early.errors || []];
    early.messages = null;
    early.errors = null;
    for (const event of messages) onWorkerMessage(event);
    for (const event of errors) onWorkerError(event);
    if (isFailed()) return;
  }
  engine.timer = window.setTimeout(() => {
    if (engine.state === "starting") failEngine("it did not start in time");
  }, START_TIMEOUT_MS);
}

/** @returns {boolean} whether the engine has failed (a function: its state changes under the checker's feet) */
export function isFailed() {
  return engine.state === "failed";
}

/** @param {ErrorEvent} event */
function onWorkerError(event) {
  event.preventDefault();
  const reason = `the worker failed: ${event.message || "it could not be loaded"}`;
  // A worker that worked and then crashed (out of memory, say) is started once more and given the
  // requests it had not answered, so the reader keeps their place; one that never started is not.
  if (engine.state === "ready" && engine.restarts < 1) restartEngine(reason);
  else failEngine(reason);
}

/** @param {string} reason */
function restartEngine(reason) {
  engine.restarts += 1;
  console.warn(`Recourse wizard: the Python engine stopped (${reason}); starting it again.`);
  window.clearTimeout(engine.timer);
  if (engine.worker) engine.worker.terminate();
  engine.state = "idle";
  startEngine(engine.assetsURL);
  const worker = engine.worker;
  if (isFailed() || !worker) return;
  for (const [url, text] of providedTrees) worker.postMessage({ type: "tree", url, text });
  for (const [id, request] of engine.requests) worker.postMessage({ ...request.message, id });
}

/** Say that the engine's download is over (ready or failed): offline.js then starts the offline copy. */
function announceSettled() {
  settle();
}

/** @param {string} reason */
function failEngine(reason) {
  if (isFailed()) return;
  engine.state = "failed";
  engine.failure = reason;
  window.clearTimeout(engine.timer);
  if (engine.worker) engine.worker.terminate();
  announceSettled();
  // A warning, not an error: the page goes on working without the wizard.
  console.warn(`Recourse wizard: the Python engine is not available (${reason}); "All answers" still works.`);
  for (const request of engine.requests.values()) request.reject(new Error(reason));
  engine.requests.clear();
  for (const wizard of engine.mounts) wizard.showFailure();
}

/** @param {MessageEvent} event */
function onWorkerMessage(event) {
  const message = event.data || {};
  if (message.type === "ready") {
    engine.state = "ready";
    window.clearTimeout(engine.timer);
    announceSettled();
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

/**
 * Send a request to the worker; the promise of its answer.
 * @param {Record<string, unknown>} message
 * @returns {Promise<any>}
 */
function engineRequest(message) {
  if (isFailed() || !engine.worker) return Promise.reject(new Error(engine.failure));
  const worker = engine.worker;
  return new Promise((resolve, reject) => {
    const id = engine.nextId++;
    engine.requests.set(id, { resolve, reject, message });
    // Messages posted before the worker is ready wait in its queue: that is how an early answer is kept.
    worker.postMessage({ ...message, id });
  });
}

/**
 * Ask the worker to fetch a tree (or to take the playground's text for it), ahead of its first step.
 * @param {string} url
 */
export function loadTree(url) {
  if (engine.worker) engine.worker.postMessage({ type: "tree", url, text: providedTrees.get(url) });
}

/**
 * @typedef {object} StepRequest
 * @property {string} url  the tree's address
 * @property {[string, string][]} answers
 * @property {string} today  YYYY-MM-DD
 * @property {string} page  this page's address without its fragment, for the link printed on a result
 * @property {string} note  "stale" when a link's answers no longer fit and the wizard started again, else ""
 */

// Steps already asked for (see prefetchOptions): the same request gets the same promise, so a Continue whose
// answer was worked out while the reader read the question renders at once (the engine is deterministic). The
// most recently used are kept, up to about this many characters of screens (a few hundred KB of memory): the
// options of the question shown and the reader's way back, on any procedure.
const RECENT_SCREENS_CHARS = 200000;
/** @type {RecentSteps<StepResult>} */
const stepCache = new RecentSteps(RECENT_SCREENS_CHARS, (result) => (typeof result.html === "string" ? result.html.length : 0));

// Steps worked out in advance go to the worker one at a time, behind the steps a reader waits for.
const aheadLine = new AheadLine(engineRequest);

/**
 * The result of a step, with its screen.
 * @param {StepRequest} request
 * @param {boolean} [ahead]  worked out in advance (no reader waits for it yet): it waits its turn (AheadLine)
 * @returns {Promise<StepResult>}
 */
export function engineStep(request, ahead = false) {
  const key = JSON.stringify([request.url, request.answers, request.today, request.page, request.note]);
  const cached = stepCache.get(key);
  if (cached) {
    if (!ahead) aheadLine.promote(key);
    return cached;
  }
  const message = { type: "step", ...request };
  const promise = /** @type {Promise<StepResult>} */ (ahead ? aheadLine.ahead(key, message) : engineRequest(message));
  stepCache.set(key, promise); // a failure is not remembered: the next try asks again
  return promise;
}

/**
 * The playground (/playground/) previews an edited tree that is on no server: it gives the compiled tree's JSON
 * text for a made-up address, then mounts a wizard root naming that address. A new text for the same address
 * replaces the old one, and the steps worked out for the old text are forgotten.
 * @param {string} url
 * @param {string} text
 */
export function provideTree(url, text) {
  providedTrees.set(url, text);
  stepCache.clear();
  aheadLine.forget();
  if (engine.worker) engine.worker.postMessage({ type: "tree", url, text });
}

/**
 * While the reader looks at a choice, the worker works out the step of every option in advance (`ahead`: the
 * engine says which answers are worth it; boxes are worked out as they are ticked, see wizard-events.js).
 * @param {StepRequest} request  the request that gave `result`
 * @param {StepResult} result
 * @param {(request: StepRequest) => Promise<StepResult>} step  how a step is asked for (wizard-view.js asks the
 *   build's views first: the worker then works out only the options they do not hold)
 */
export function prefetchOptions(request, result, step) {
  if (engine.state !== "ready" || result.state !== "question" || result.error || !result.node) return;
  const node = result.node;
  /** @type {[string, string][]} */
  const before = (result.steps || []).map((step) => [step.node, step.answer]);
  for (const answer of result.ahead || []) {
    step({ ...request, answers: [...before, [node, answer]], note: "" }).catch(() => {});
  }
}
