// Taking a test on a phone with a weak signal. Every answer goes to localStorage first, then to the
// server one by one; what could not be sent waits in `pending` and goes on reconnect. The final
// submission carries every answer the phone holds, so nothing is lost if a save never arrived.
(function () {
  "use strict";
  var root = document.getElementById("take");
  if (!root) return;
  var key = "bimtek-tes-" + root.dataset.code;
  var total = Number(root.dataset.total);
  var net = document.getElementById("net");
  var progress = document.getElementById("progress");
  var note = document.getElementById("submit-note");
  // The page's words in its language (the view writes them in); "%(name)s" marks where a value goes.
  var words = JSON.parse(document.getElementById("take-words").textContent);
  function phrase(key, values) {
    return words[key].replace(/%\((\w+)\)s/g, function (_, name) { return String(values[name]); });
  }
  var state;
  try { state = JSON.parse(localStorage.getItem(key) || "{}"); } catch (e) { state = {}; }
  state.answers = state.answers || {};
  state.pending = state.pending || [];
  var flushing = false, submitting = false, warned = false;

  function save() { try { localStorage.setItem(key, JSON.stringify(state)); } catch (e) { /* storage full: the server copy remains */ } }
  function show(kind, text) { net.className = "net " + kind; net.textContent = text; }
  function field(pos) { return root.querySelector('fieldset.q[data-position="' + pos + '"]'); }

  function restore() {
    Object.keys(state.answers).forEach(function (pos) {
      var f = field(pos), value = state.answers[pos];
      if (!f || value === null) return;
      var number = f.querySelector("input[type=number]");
      if (number) { number.value = value; return; }
      var radio = f.querySelector('input[type=radio][value="' + value + '"]');
      if (radio) radio.checked = true;
    });
  }
  function answered() {
    var n = 0;
    root.querySelectorAll("fieldset.q").forEach(function (f) {
      var number = f.querySelector("input[type=number]");
      if (number ? number.value !== "" : f.querySelector("input:checked")) n++;
    });
    return n;
  }
  function count() { progress.textContent = phrase("answered", { answered: answered(), total: total }); }

  function post(url, body) {
    return fetch(url, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": root.dataset.csrf },
      body: JSON.stringify(body)
    });
  }
  function waiting() { show("wait", phrase("waiting", { count: state.pending.length })); }

  function flush() {
    if (flushing || !state.pending.length) return;
    flushing = true;
    var pos = state.pending[0];
    post(root.dataset.answerUrl, { position: Number(pos), value: state.answers[pos] })
      .then(function (r) {
        if (r.status >= 500) throw new Error("server");
        return r.json().then(function (data) {
          state.pending = state.pending.filter(function (p) { return p !== pos; });
          save();
          flushing = false;
          if (!data.ok && data.code === "attempt_closed") { location.reload(); return; }
          if (!data.ok && data.code === "attempt_expired") { submit(); return; }
          if (state.pending.length) { flush(); } else { show("ok", words.saved); }
        });
      })
      .catch(function () { flushing = false; waiting(); });
  }

  function answer(pos, value) {
    state.answers[pos] = value;
    state.pending = state.pending.filter(function (p) { return p !== pos; });
    state.pending.push(pos);
    save(); count();
    if (navigator.onLine === false) { waiting(); return; }
    show("wait", words.saving);
    flush();
  }

  function submit() {
    if (submitting) return;
    submitting = true;
    state.submitWanted = true; save();
    note.textContent = words.sending;
    post(root.dataset.submitUrl, { answers: state.answers })
      .then(function (r) { if (r.status >= 500) throw new Error("server"); return r.json(); })
      .then(function (data) {
        if (data.ok || data.code === "attempt_closed") {
          localStorage.removeItem(key);
          location.href = data.next || location.href;
        } else { submitting = false; note.textContent = data.message; show("err", words.not_sent); }
      })
      .catch(function () {
        submitting = false;
        note.textContent = words.sent_later;
        waiting();
      });
  }

  root.addEventListener("change", function (e) {
    var f = e.target.closest("fieldset.q");
    if (!f) return;
    var raw = e.target.value;
    answer(f.dataset.position, raw === "" ? null : Number(raw));
  });
  document.getElementById("submit").addEventListener("click", function () {
    var left = total - answered();
    if (left > 0 && !warned) {
      warned = true;
      note.textContent = phrase("blank_left", { count: left });
      return;
    }
    submit();
  });
  window.addEventListener("online", function () { if (state.submitWanted) { submit(); } else { flush(); } });
  window.addEventListener("offline", waiting);
  setInterval(function () { if (state.submitWanted) { submit(); } else if (state.pending.length) { flush(); } }, 4000);

  if (root.dataset.deadline) {
    var end = new Date(root.dataset.deadline).getTime();
    var timer = document.getElementById("timer");
    var tick = function () {
      var left = Math.max(0, Math.round((end - Date.now()) / 1000));
      timer.textContent = Math.floor(left / 60) + ":" + String(left % 60).padStart(2, "0");
      if (left === 0) { clearInterval(handle); submit(); }
    };
    var handle = setInterval(tick, 1000);
    tick();
  }

  restore(); count();
  if (state.submitWanted) { submit(); } else if (state.pending.length) { flush(); }
})();
