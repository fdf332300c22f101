// Recourse offline worker, switched off: the kill switch (written as /sw.js when the plugin's `offline` option
// is false). A browser that kept the site for offline use finds this new worker at its next visit. It takes
// over at once (it answers no request: everything goes to the network, as on a site that never had a worker),
// deletes the copies the offline worker kept (only its own caches: the engine's snapshot cache is left alone),
// unregisters itself, and reloads the site's open pages from the network (answers are in the address, so a
// reader keeps their place).
"use strict";

const CACHE_PREFIX = "recourse-offline-";

async function switchOff() {
  for (const name of await caches.keys()) {
    if (name.startsWith(CACHE_PREFIX)) await caches.delete(name);
  }
  await self.registration.unregister();
  for (const client of await self.clients.matchAll({ type: "window" })) {
    client.navigate(client.url).catch(() => {}); // a page that cannot be reloaded keeps the network anyway
  }
}

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(switchOff()));
