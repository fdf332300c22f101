// Recourse offline worker (served as /sw.js, scope: the whole site, both language editions).
//
// Written into the built site by wizard.browser.offline, which fills in the build's file list: every file of
// the site (pages of both editions, the theme, the search index, the wizard, Pyodide and the engine wheel),
// each with the SHA-256 of its content. One build is one version, kept in one cache of its own.
//
// - install: fetch every file of this version and check it against its hash (the browser's own Subresource
//   Integrity check); a file that is unchanged since the version already kept is copied from it instead of
//   downloaded again. The version is complete or it is not installed: one failed file fails the install,
//   the old version stays in charge and the browser tries again on a later visit.
// - activate: only when no page of the old version is open any more (no skipWaiting, no clients.claim), so a
//   page, the scripts it loads, its engine worker and the pages reached by instant navigation all come from
//   one version: a new page never runs with an old engine, nor an old page with a new one. Then the caches of
//   older versions are deleted (only this worker's own caches, named CACHE_PREFIX + version; the engine's
//   snapshot cache belongs to worker.js and is never touched).
// - fetch: a file of this version comes from the cache; anything else goes to the network as if there were
//   no worker. Nothing is added at run time and no request or answer is ever stored. Only when the network
//   fails for a page of this site that the build does not have (an old or mistyped address, offline) is the
//   edition's own "page not found" given, with status 404, as the server would: not the browser's error page.
"use strict";

const VERSION = "__RECOURSE_OFFLINE_VERSION__";
// [address relative to this file, "sha256-<base64>"], for every file of this build.
const FILES = __RECOURSE_OFFLINE_FILES__;
const CACHE_PREFIX = "recourse-offline-";
const CACHE = CACHE_PREFIX + VERSION;
// Downloads at a time while installing: enough to keep a connection busy, few enough to leave room for the page.
const PARALLEL = 4;

// A file's key in the cache: its address without query or fragment, `index.html` for a folder. The wizard's
// `?v=<digest>` links name the same file as the one this version holds (both come from this build).
function cacheKey(url) {
  const address = new URL(url, self.location.href);
  address.search = "";
  address.hash = "";
  if (address.pathname.endsWith("/")) address.pathname += "index.html";
  return address.href;
}

const KEYS = new Set(FILES.map(([path]) => cacheKey(path)));
// Each edition's "page not found" (the build writes one at the root of each: 404.html, zh/404.html), longest
// folder first, so that an address is matched to the edition it is under.
const NOT_FOUND_PAGES = FILES.map(([path]) => cacheKey(path))
  .filter((key) => key.endsWith("/404.html"))
  .sort((a, b) => b.length - a.length);

// A response that may be stored and given to a navigation: a host that redirects `a/index.html` to `a/`
// gives a "redirected" response, which a browser refuses to show for a page.
function storable(response) {
  if (!response.redirected) return Promise.resolve(response);
  return response.blob().then((body) => new Response(body, { status: response.status, headers: response.headers }));
}

async function digest(response) {
  const bytes = await response.clone().arrayBuffer();
  const hash = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  let binary = "";
  for (const byte of hash) binary += String.fromCharCode(byte);
  return `sha256-${btoa(binary)}`;
}

// The same file kept by an older version of this worker, if its content is exactly the one wanted.
async function keptCopy(key, integrity) {
  for (const name of await caches.keys()) {
    if (!name.startsWith(CACHE_PREFIX) || name === CACHE) continue;
    const response = await (await caches.open(name)).match(key);
    if (response && (await digest(response)) === integrity) return response;
  }
  return null;
}

// Download a file and let the browser check its hash. The browser's HTTP cache may answer first (pages are
// revalidated, hashed files are current by their name); should it hold an older copy, the check fails and the
// file is asked of the server itself.
async function download(url, integrity) {
  let response;
  try {
    response = await fetch(url, { integrity, credentials: "same-origin" });
  } catch (error) {
    response = await fetch(url, { integrity, credentials: "same-origin", cache: "reload" });
  }
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return storable(response);
}

async function precache() {
  const cache = await caches.open(CACHE);
  const queue = FILES.slice();
  async function work() {
    while (queue.length) {
      const [path, integrity] = queue.shift();
      const key = cacheKey(path);
      if (await cache.match(key)) continue; // kept by an earlier, interrupted install of this version
      const response = (await keptCopy(key, integrity)) || (await download(new URL(path, self.location.href).href, integrity));
      await cache.put(key, response);
    }
  }
  await Promise.all(Array.from({ length: PARALLEL }, work));
}

async function dropOlderVersions() {
  for (const name of await caches.keys()) {
    if (name.startsWith(CACHE_PREFIX) && name !== CACHE) await caches.delete(name);
  }
}

async function answer(request) {
  const cached = await (await caches.open(CACHE)).match(cacheKey(request.url));
  return cached || fetch(request); // evicted by the browser meanwhile: the network, as without a worker
}

// The network's answer for a page the build does not have; offline, the edition's kept "page not found".
async function pageOrNotFound(request) {
  try {
    return await fetch(request);
  } catch (error) {
    const folder = (key) => key.slice(0, -"404.html".length);
    const key = NOT_FOUND_PAGES.find((found) => request.url.startsWith(folder(found)));
    const page = key && (await (await caches.open(CACHE)).match(key));
    if (!page) throw error; // not kept (evicted): the browser's own error, as without a worker
    return new Response(await page.blob(), { status: 404, statusText: "Not Found", headers: page.headers });
  }
}

self.addEventListener("install", (event) => event.waitUntil(precache()));
self.addEventListener("activate", (event) => event.waitUntil(dropOlderVersions()));
self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  if (KEYS.has(cacheKey(request.url))) event.respondWith(answer(request));
  else if (request.mode === "navigate" && request.url.startsWith(self.registration.scope)) {
    event.respondWith(pageOrNotFound(request)); // the network first, exactly as without a worker
  } // anything else is not this build's: the network
});
