// The field app's service worker. The server prepends VERSION, SHELL (the app's own files) and OFFLINE
// (the page shown for a page never cached), so a new release changes this file and replaces the old worker.
//
// What it keeps, and for how long:
// - the shell (styles, scripts, icons, the offline page): in a cache named after VERSION, deleted when a
//   newer worker activates;
// - field pages (a session's check-in and delivery pages, a participant's test page): network first, the
//   copy kept for offline use only when the server marks it cacheable (header X-Bimtek-Offline-Until,
//   the end of the session's day by the phone's clock) or it is a test page (a day);
//   an expired copy is deleted, never shown;
// - the check-in queue is not here: it is in IndexedDB (queue.js), which no new version deletes.
/* global VERSION, SHELL, OFFLINE, BimtekQueue */
importScripts(SHELL.find((u) => u.endsWith("/pwa/queue.js")));

const SHELL_CACHE = "bimtek-shell-" + VERSION;
const PAGES_CACHE = "bimtek-pages";
const UNTIL = "X-Bimtek-Offline-Until";
const TEST_PAGE = /^\/asesmen\/t\/[^/]+\/$/;
const TEST_PAGE_HOURS = 24;

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(SHELL_CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith("bimtek-shell-") && name !== SHELL_CACHE) await caches.delete(name);
    }
    await expire();
    await self.clients.claim();
  })());
});

async function expire() {
  const cache = await caches.open(PAGES_CACHE);
  for (const request of await cache.keys()) {
    const response = await cache.match(request);
    if (!response || expired(response)) await cache.delete(request);
  }
}
function expired(response) {
  const until = Number(response.headers.get(UNTIL));
  return !until || until < Date.now();
}

function cacheable(url, response) {
  if (!response.ok || response.redirected || response.type !== "basic") return null;
  if (response.headers.get(UNTIL)) return response.clone();
  if (!TEST_PAGE.test(url.pathname)) return null;
  const headers = new Headers(response.headers);
  headers.set(UNTIL, String(Date.now() + TEST_PAGE_HOURS * 3600 * 1000));
  return response.clone().blob().then((body) => new Response(body, { status: response.status, headers }));
}

async function page(request) {
  const url = new URL(request.url);
  try {
    const response = await fetch(request);
    const copy = await cacheable(url, response);
    if (copy) await (await caches.open(PAGES_CACHE)).put(url.pathname, copy);
    return response;
  } catch (e) {
    const cached = await (await caches.open(PAGES_CACHE)).match(url.pathname);
    if (cached && !expired(cached)) return cached;
    if (cached) await (await caches.open(PAGES_CACHE)).delete(url.pathname);
    return (await caches.match(OFFLINE)) || Response.error();
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(page(request));
  } else if (SHELL.includes(url.pathname)) {
    event.respondWith(caches.match(url.pathname).then((hit) => hit || fetch(request)));
  }
});

// While online, the page asks for the facilitator's coming sessions to be kept (the server lists them).
let lastPrefetch = 0;
async function prefetch(listUrl) {
  if (Date.now() - lastPrefetch < 60 * 1000) return;
  lastPrefetch = Date.now();
  const response = await fetch(listUrl, { credentials: "same-origin", redirect: "error" });
  if (!response.ok) return;
  const cache = await caches.open(PAGES_CACHE);
  for (const path of (await response.json()).pages || []) {
    try {
      const page = await fetch(path, { credentials: "same-origin", redirect: "error" });
      const copy = await cacheable(new URL(path, self.location.origin), page);
      if (copy) await cache.put(path, copy);
    } catch (e) {
      return; // the signal went: what is kept so far stays
    }
  }
  await expire();
}

self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type === "claim") event.waitUntil(self.clients.claim());
  if (data.type === "prefetch") event.waitUntil(prefetch(data.url).catch(() => {}));
  if (data.type === "sync") event.waitUntil(BimtekQueue.syncAll().then(() => tell({ type: "synced" })));
});

// Background Sync: the browser wakes the worker when the signal returns, even with the page closed.
self.addEventListener("sync", (event) => {
  if (event.tag === "bimtek-checkin") {
    event.waitUntil(BimtekQueue.syncAll().then(async (ok) => {
      await tell({ type: "synced" });
      if (!ok) throw new Error("offline"); // the browser tries again later
    }));
  }
});

async function tell(message) {
  for (const client of await self.clients.matchAll({ type: "window" })) client.postMessage(message);
}
