// Recourse offline worker, switched off: the kill switch (written as /sw.js when the plugin's `offline` option
// is false). A browser that kept the site for offline use finds this new worker at its next visit; it takes
// over at once, deletes the copies the offline worker kept (only its own caches: the engine's snapshot cache
// is left alone), and unregisters itself. It answers no request, so from then on every request goes to the
// network, as on a site that never had a worker.
"use strict";

const CACHE_PREFIX = "recourse-offline-";

async function switchOff() {
  for (const name of await caches.keys()) {
    if (name.startsWith(CACHE_PREFIX)) await caches.delete(name);
  }
  // Open pages stop being served by a worker (this one has no fetch handler), then the registration goes.
  await self.clients.claim();
  await self.registration.unregister();
}

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(switchOff()));
