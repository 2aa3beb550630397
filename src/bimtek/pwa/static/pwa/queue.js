// The check-in queue, in IndexedDB, shared by the check-in page and the service worker.
// It lives outside every cache on purpose: a new version of the app deletes the old caches, never this.
// Each scan keeps the idempotency key it got when it was made, so a batch sent twice (the page's retry and
// Background Sync at once, a timeout, a restart) is stored once by the server, which answers "already".
/* exported BimtekQueue */
var BimtekQueue = (function () {
  "use strict";
  const DB = "bimtek-field";
  const LOCK = "bimtek-field-sync";
  const BATCH = 200;
  let opening = null;

  function open() {
    if (opening) return opening;
    opening = new Promise((resolve, reject) => {
      const request = indexedDB.open(DB, 1);
      request.onupgradeneeded = () => {
        const db = request.result;
        db.createObjectStore("scans", { keyPath: "key" }).createIndex("session", "session");
        db.createObjectStore("sessions", { keyPath: "session" }); // sync URL and CSRF token per session
        db.createObjectStore("refused", { keyPath: "key" }).createIndex("session", "session");
      };
      request.onsuccess = () => {
        request.result.onversionchange = () => { request.result.close(); opening = null; };
        resolve(request.result);
      };
      request.onerror = () => { opening = null; reject(request.error); };
    });
    return opening;
  }
  async function run(store, mode, work) {
    const db = await open();
    return new Promise((resolve, reject) => {
      // "strict": a scan is on disk before the page says it is queued, even if the browser is closed next.
      const tx = db.transaction(store, mode, { durability: mode === "readwrite" ? "strict" : "default" });
      let result;
      Promise.resolve(work(tx.objectStore(store))).then((r) => { result = r; });
      tx.oncomplete = () => resolve(result);
      tx.onerror = tx.onabort = () => reject(tx.error);
    });
  }
  function all(request) {
    return new Promise((resolve, reject) => {
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }

  const add = (item) => run("scans", "readwrite", (s) => { s.put(item); });
  const list = (session) => run("scans", "readonly", (s) => all(s.index("session").getAll(session)));
  const count = () => run("scans", "readonly", (s) => all(s.count()));
  const remove = (keys) => run("scans", "readwrite", (s) => { for (const k of keys) s.delete(k); });
  const remember = (meta) => run("sessions", "readwrite", (s) => { s.put(meta); });
  const sessions = () => run("sessions", "readonly", (s) => all(s.getAll()));
  const refused = (session) => run("refused", "readonly", (s) => all(s.index("session").getAll(session)));
  const forget = (keys) => run("refused", "readwrite", (s) => { for (const k of keys) s.delete(k); });
  const keepRefusals = (items) => run("refused", "readwrite", (s) => { for (const i of items) s.put(i); });

  // Only one sender at a time across the page, other tabs and the service worker.
  function exclusive(work) {
    if (self.navigator && navigator.locks) return navigator.locks.request(LOCK, work);
    return work();
  }

  // Send one session's queue; answered items (created, already, refused) leave the queue, a refused one is
  // kept in "refused" with the server's words so the page can say why. Returns false when nothing got through.
  async function sendSession(meta) {
    const queue = (await list(meta.session)).sort((a, b) => (a.at < b.at ? -1 : 1));
    if (!queue.length) return true;
    const batch = queue.slice(0, BATCH);
    let answers;
    try {
      const response = await fetch(meta.syncUrl, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-CSRFToken": meta.csrf, Accept: "application/json" },
        body: JSON.stringify({ items: batch.map(wire) }),
        credentials: "same-origin",
        redirect: "error", // signed out: a login page is not an answer
      });
      if (!response.ok) return false; // e.g. a proxy's error page: keep everything and retry later
      answers = (await response.json()).answers || [];
    } catch (e) {
      return false; // offline or the connection dropped: the queue stays as it is
    }
    const byKey = new Map(batch.map((i) => [i.key, i]));
    const settled = [];
    const refusals = [];
    for (const a of answers) {
      const item = byKey.get(a.key);
      if (!item) continue;
      settled.push(a.key);
      if (a.status === "refused") {
        refusals.push({ key: a.key, session: meta.session, person: item.person, part: item.part,
          name: a.name || item.name || "", message: a.message, code: a.code });
      }
    }
    if (refusals.length) await keepRefusals(refusals);
    await remove(settled);
    return settled.length > 0;
  }
  function wire(item) {
    const out = { key: item.key, part: item.part, method: item.method, at: item.at, offline: !!item.offline };
    if (item.person) out.person = item.person;
    if (item.token) out.token = item.token;
    if (item.reason) out.reason = item.reason;
    return out;
  }

  // Every session that has queued scans, each until its queue is empty or the network fails.
  function syncAll() {
    return exclusive(async () => {
      let ok = true;
      for (const meta of await sessions()) {
        for (let round = 0; round < 50 && (await list(meta.session)).length; round++) {
          if (!(await sendSession(meta))) { ok = false; break; }
        }
      }
      return ok;
    });
  }

  // Logout: the phone keeps nothing of this account.
  function wipe() {
    return new Promise((resolve) => {
      const close = opening ? opening.then((db) => db.close()).catch(() => {}) : Promise.resolve();
      opening = null;
      close.then(() => {
        const request = indexedDB.deleteDatabase(DB);
        request.onsuccess = request.onerror = request.onblocked = () => resolve();
      });
    });
  }

  return { add, list, count, remember, refused, forget, syncAll, wipe };
})();
