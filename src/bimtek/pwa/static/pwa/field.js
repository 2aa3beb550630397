// On every signed-in page: install the field app's service worker, ask it to keep the coming sessions
// for offline use, and make logout leave nothing of this account on the phone.
/* global BimtekQueue */
(function () {
  "use strict";
  const me = document.currentScript;
  const keep = me.dataset.keep; // the list of field pages to keep, for a facilitator; absent otherwise

  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register(me.dataset.worker, { scope: "/" }).catch(() => {});
    navigator.serviceWorker.ready.then((registration) => {
      // A page opened while the worker was still activating is not yet under it: ask to be taken.
      if (!navigator.serviceWorker.controller && registration.active) registration.active.postMessage({ type: "claim" });
      if (keep && navigator.onLine && registration.active) registration.active.postMessage({ type: "prefetch", url: keep });
    });
  }

  // Logout: queued check-ins are sent first; if some cannot be, the facilitator decides, knowingly.
  let leaving = false;
  for (const form of document.querySelectorAll("form[data-logout]")) form.addEventListener("submit", (event) => logout(event, form));
  async function logout(event, form) {
    if (leaving) return;
    event.preventDefault();
    let waiting = 0;
    try {
      if (navigator.onLine) await BimtekQueue.syncAll();
      waiting = await BimtekQueue.count();
    } catch (e) {
      waiting = 0; // no IndexedDB at all: nothing can be queued
    }
    if (waiting && !window.confirm(form.dataset.warn.replace("%s", waiting))) return;
    await clear();
    leaving = true;
    form.submit();
  }

  async function clear() {
    try {
      for (const name of await caches.keys()) if (name.startsWith("bimtek-")) await caches.delete(name);
    } catch (e) { /* no Cache Storage here */ }
    for (const key of Object.keys(localStorage)) if (key.startsWith("bimtek.")) localStorage.removeItem(key);
    await BimtekQueue.wipe();
    const registration = "serviceWorker" in navigator && (await navigator.serviceWorker.getRegistration());
    if (registration) await registration.unregister();
  }
})();
