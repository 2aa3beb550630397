// The facilitator's phone: every check-in goes into a queue in localStorage first, then to the server.
// Each scan gets its idempotency key when it is made, so however often the queue is sent (a timeout, a
// reload, an hour without signal) the server stores it once and answers "already" to the repeats.
(function () {
  "use strict";
  const root = document.getElementById("checkin");
  if (!root) return;
  const enabled = root.dataset.enabled === "1";
  const syncUrl = root.dataset.syncUrl;
  const storeKey = "bimtek.checkin.queue." + root.dataset.session;
  const csrf = root.querySelector("input[name=csrfmiddlewaretoken]").value;
  const people = JSON.parse(document.getElementById("people-data").textContent);
  const byId = new Map(people.map((p) => [p.id, p]));
  const byToken = new Map(people.map((p) => [p.token, p]));
  const done = new Map(people.map((p) => [p.id, new Set(p.done)]));
  const queueStatus = document.getElementById("queue-status");
  const netStatus = document.getElementById("net-status");
  const last = document.getElementById("last");
  const manual = document.getElementById("manual");
  const reason = document.getElementById("reason");
  let sending = false;

  function load() {
    try { return JSON.parse(localStorage.getItem(storeKey) || "[]"); } catch (e) { return []; }
  }
  function save(queue) { localStorage.setItem(storeKey, JSON.stringify(queue)); }
  function newKey() {
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }
  function part() { return root.querySelector("input[name=part]:checked").value; }

  function render() {
    const queue = load();
    for (const item of queue) if (item.person) (done.get(item.person) || new Set()).add(item.part);
    const waiting = queue.length;
    queueStatus.textContent = waiting ? waiting + " menunggu sinkron" : "Semua tersinkron";
    queueStatus.className = "badge" + (waiting ? " warn" : " ok");
    queueStatus.dataset.waiting = String(waiting);
    netStatus.textContent = navigator.onLine ? "" : "Luring: presensi disimpan di ponsel dan dikirim saat tersambung.";
    const current = part();
    for (const li of document.querySelectorAll("#people li[data-id]")) {
      const parts = done.get(Number(li.dataset.id)) || new Set();
      li.querySelector(".marks").textContent = Array.from(parts).sort().map((p) => "✓ " + p).join(" ");
      const button = li.querySelector("button.check");
      button.disabled = !enabled || parts.has(current);
      button.textContent = parts.has(current) ? "Sudah" : "Hadir";
    }
  }

  function enqueue(person, method) {
    const current = part();
    if ((done.get(person.id) || new Set()).has(current)) {
      last.textContent = person.name + ": sudah tercatat (" + current + ")";
      return;
    }
    const item = { key: newKey(), part: current, method: method, person: person.id, at: new Date().toISOString() };
    if (manual.checked) {
      if (!reason.value.trim()) { last.textContent = "Isi alasan untuk pencatatan manual"; reason.focus(); return; }
      item.method = "manual";
      item.reason = reason.value.trim();
    }
    const queue = load();
    queue.push(item);
    save(queue);
    done.get(person.id).add(current);
    last.textContent = person.name + ": hadir (" + current + ")";
    render();
    flush();
  }

  async function flush() {
    if (sending) return;
    const queue = load();
    if (!queue.length) return;
    sending = true;
    try {
      const batch = queue.slice(0, 200);
      const response = await fetch(syncUrl, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrf, Accept: "application/json" },
        body: JSON.stringify({ items: batch }),
        credentials: "same-origin",
      });
      if (!response.ok) return; // e.g. a proxy error page: keep everything and retry later
      const answers = (await response.json()).answers || [];
      const settled = new Set();
      for (const a of answers) {
        settled.add(a.key); // created, already, or refused for good: either way not to be sent again
        if (a.status === "refused") {
          const item = batch.find((i) => i.key === a.key);
          if (item && item.person && done.has(item.person)) done.get(item.person).delete(item.part);
          last.textContent = (a.name || "Peserta") + ": " + a.message + " [" + a.code + "]";
        }
      }
      save(load().filter((i) => !settled.has(i.key)));
    } catch (e) {
      // offline or the connection dropped: the queue stays as it is
    } finally {
      sending = false;
      render();
    }
    if (load().length && navigator.onLine) setTimeout(flush, 500);
  }

  document.getElementById("people").addEventListener("click", (event) => {
    const button = event.target.closest("button.check");
    if (button) enqueue(byId.get(Number(button.dataset.id)), manual.checked ? "manual" : "search");
  });
  document.getElementById("search").addEventListener("input", (event) => {
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
  setInterval(flush, 10000);

  // Camera: frames go to jsQR on a canvas; a participant's QR holds their signed token.
  const video = document.getElementById("camera");
  const canvas = document.getElementById("frame");
  let lastToken = "";
  document.getElementById("scan-box").addEventListener("toggle", async (event) => {
    if (!event.target.open) {
      if (video.srcObject) video.srcObject.getTracks().forEach((t) => t.stop());
      video.srcObject = null;
      return;
    }
    try {
      video.srcObject = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
      await video.play();
      requestAnimationFrame(tick);
    } catch (e) {
      last.textContent = "Kamera tidak dapat dibuka; cari peserta dengan nama atau NIK.";
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
    if (!person) { last.textContent = "Kode QR tidak dikenal untuk sesi ini [qr_unknown]"; return; }
    enqueue(person, "qr");
  }
  window.bimtekCheckinScanned = scanned; // lets a test feed a decoded QR without a camera

  render();
  flush();
})();
