// The facilitator's phone: every check-in goes into the queue on the phone first (IndexedDB, queue.js),
// then to the server. Each scan gets its idempotency key when it is made, so however often the queue is
// sent (a timeout, a reload, Background Sync and this page at once) the server stores it once.
// The page itself works offline: the service worker keeps it, and the roster in it holds masked NIKs and
// the last six digits to search by, never a full NIK or a phone number.
/* global BimtekQueue, jsQR */
(function () {
  "use strict";
  const root = document.getElementById("checkin");
  if (!root) return;
  const session = Number(root.dataset.session);
  const enabled = root.dataset.enabled === "1";
  const syncUrl = root.dataset.syncUrl;
  const csrf = root.querySelector("input[name=csrfmiddlewaretoken]").value;
  const people = JSON.parse(document.getElementById("people-data").textContent);
  const byId = new Map(people.map((p) => [p.id, p]));
  const byToken = new Map(people.map((p) => [p.token, p]));
  const done = new Map(people.map((p) => [p.id, new Set(p.done)]));
  const $ = (id) => document.getElementById(id);
  // The page's words in its language (the view writes them in); "%(name)s" marks where a value goes.
  const words = JSON.parse($("checkin-words").textContent);
  const partLabel = (part) => words.parts[part] || part;
  const phrase = (key, values) => words[key].replace(/%\((\w+)\)s/g, (_, name) => String(values[name]));
  const queueStatus = $("queue-status");
  const netStatus = $("net-status");
  const last = $("last");
  const manual = $("manual");
  const reason = $("reason");
  let waiting = 0;
  const undone = new Set();
  let unreachable = false; // the last send failed: no signal, whatever navigator.onLine says

  // After the session's day only a late entry (with a reason) is accepted: judged by the phone's date,
  // shifted as the server shifts its own (a demo of a past election), so it holds offline too.
  function today() {
    const d = new Date(Date.now() + Number(root.dataset.dayOffset || 0) * 86400000);
    return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" + String(d.getDate()).padStart(2, "0");
  }
  const over = today() > root.dataset.lastDay;
  $("over").hidden = !over;
  if (over) { manual.checked = true; manual.disabled = true; reason.hidden = false; }

  function newKey() {
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }
  function part() { return root.querySelector("input[name=part]:checked").value; }
  function say(text, code) { last.textContent = text; last.dataset.code = code || ""; }

  async function render() {
    const queue = await BimtekQueue.list(session);
    for (const item of queue) if (done.has(item.person)) done.get(item.person).add(item.part);
    waiting = queue.length;
    queueStatus.textContent = waiting ? phrase("waiting", { count: waiting }) : words.synced;
    queueStatus.className = "badge" + (waiting ? " warn" : " ok");
    queueStatus.dataset.waiting = String(waiting);
    netStatus.textContent = navigator.onLine && !unreachable ? "" : words.offline;
    const current = part();
    for (const li of document.querySelectorAll("#people li[data-id]")) {
      const parts = done.get(Number(li.dataset.id)) || new Set();
      li.querySelector(".marks").textContent = Array.from(parts).sort().map((p) => "✓ " + partLabel(p)).join(" ");
      const button = li.querySelector("button.check");
      button.disabled = !enabled || parts.has(current);
      button.textContent = parts.has(current) ? words.checked : words.check;
    }
    await showRefused();
  }

  // A scan the server refused has left the queue; the facilitator is told which, and why, until they close it.
  async function showRefused() {
    const list = $("refused");
    const items = await BimtekQueue.refused(session);
    list.hidden = !items.length;
    list.querySelector("ul").replaceChildren(...items.map((r) => {
      const li = document.createElement("li");
      li.dataset.code = r.code;
      li.textContent = (r.name || (byId.get(r.person) || {}).name || words.participant) + " (" + partLabel(r.part).toLowerCase() + "): " + (words.refusals[r.code] || r.message);
      if (!undone.has(r.key) && done.has(r.person)) done.get(r.person).delete(r.part);
      undone.add(r.key); // its mark goes once: a later late entry for the same person may set it again
      return li;
    }));
  }
  $("refused-clear").addEventListener("click", async () => {
    await BimtekQueue.forget((await BimtekQueue.refused(session)).map((r) => r.key));
    render();
  });

  async function enqueue(person, method) {
    const current = part();
    if ((done.get(person.id) || new Set()).has(current)) {
      say(phrase("already", { name: person.name, part: partLabel(current).toLowerCase() }), "already");
      return;
    }
    const item = { key: newKey(), session: session, part: current, method: method, person: person.id,
      name: person.name, at: new Date().toISOString(), offline: !navigator.onLine };
    if (manual.checked) {
      if (!reason.value.trim()) { say(words.reason_required, "reason_required"); reason.focus(); return; }
      item.method = "manual";
      item.reason = reason.value.trim();
    }
    done.get(person.id).add(current);
    await BimtekQueue.add(item);
    say(phrase("queued", { name: person.name, part: partLabel(current).toLowerCase() }), "queued");
    await render();
    askForBackgroundSync();
    flush();
  }

  async function askForBackgroundSync() {
    try {
      const registration = await navigator.serviceWorker.ready;
      if (registration.sync) await registration.sync.register("bimtek-checkin");
    } catch (e) { /* no Background Sync here: the page's own retry below does it */ }
  }

  let flushing = null;
  async function flush() {
    if (flushing) return flushing;
    flushing = (async () => {
      try {
        // A scan that could not be sent at once was made without a connection, whatever navigator.onLine said.
        const ok = await BimtekQueue.syncAll();
        unreachable = !ok;
        if (!ok) await markOffline();
      } finally {
        flushing = null;
        await render();
      }
    })();
    return flushing;
  }
  async function markOffline() {
    for (const item of await BimtekQueue.list(session)) if (!item.offline) await BimtekQueue.add({ ...item, offline: true });
  }

  // A queue left by an older version of this page (localStorage) moves into the phone's queue once.
  async function adoptOldQueue() {
    const old = "bimtek.checkin.queue." + session;
    let items = [];
    try { items = JSON.parse(localStorage.getItem(old) || "[]"); } catch (e) { items = []; }
    for (const item of items) await BimtekQueue.add({ ...item, session: session, offline: true });
    localStorage.removeItem(old);
  }

  $("people").addEventListener("click", (event) => {
    const button = event.target.closest("button.check");
    if (button) enqueue(byId.get(Number(button.dataset.id)), manual.checked ? "manual" : "search");
  });
  $("search").addEventListener("input", (event) => {
    const q = event.target.value.trim().toLowerCase();
    const digits = /^\d{1,6}$/.test(q);
    for (const li of document.querySelectorAll("#people li[data-id]")) {
      const p = byId.get(Number(li.dataset.id));
      li.hidden = q !== "" && !(digits ? p.tail.endsWith(q) : p.name.toLowerCase().includes(q));
    }
  });
  manual.addEventListener("change", () => { reason.hidden = !manual.checked; });
  for (const radio of root.querySelectorAll("input[name=part]")) radio.addEventListener("change", render);
  window.addEventListener("online", () => { render(); flush(); });
  window.addEventListener("offline", render);
  if (navigator.serviceWorker) navigator.serviceWorker.addEventListener("message", (e) => { if (e.data && e.data.type === "synced") render(); });
  setInterval(() => { if (waiting) flush(); }, 10000);

  // Camera: frames go to jsQR on a canvas; a participant's QR holds their signed token. jsQR is loaded
  // when the camera opens (the page stays light); the service worker keeps it for offline use.
  const video = $("camera");
  const canvas = $("frame");
  let lastToken = "";
  function loadDecoder() {
    if (window.jsQR) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = root.dataset.decoder;
      script.onload = resolve;
      script.onerror = reject;
      document.head.appendChild(script);
    });
  }
  $("scan-box").addEventListener("toggle", async (event) => {
    if (!event.target.open) {
      if (video.srcObject) video.srcObject.getTracks().forEach((t) => t.stop());
      video.srcObject = null;
      return;
    }
    try {
      await loadDecoder();
      video.srcObject = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
      await video.play();
      requestAnimationFrame(tick);
    } catch (e) {
      say(words.camera, "camera");
    }
  });
  function tick() {
    if (!video.srcObject) return;
    if (video.readyState === video.HAVE_ENOUGH_DATA) {
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      const context = canvas.getContext("2d", { willReadFrequently: true });
      context.drawImage(video, 0, 0, canvas.width, canvas.height);
      const code = jsQR(context.getImageData(0, 0, canvas.width, canvas.height).data, canvas.width, canvas.height);
      if (code && code.data !== lastToken) {
        lastToken = code.data;
        scanned(code.data);
      }
    }
    requestAnimationFrame(tick);
  }
  function scanned(token) {
    const person = byToken.get(token);
    if (!person) { say(words.qr_unknown, "qr_unknown"); return Promise.resolve(); }
    return enqueue(person, "qr");
  }
  window.bimtekCheckinScanned = scanned; // lets a test feed a decoded QR without a camera

  BimtekQueue.remember({ session: session, syncUrl: syncUrl, csrf: csrf })
    .then(adoptOldQueue)
    .then(render)
    .then(flush);
})();
