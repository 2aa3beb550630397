// Poll a running job's progress; reload once it has finished so the report appears.
(function () {
  const box = document.getElementById("job");
  if (!box || box.dataset.finished === "1") return;
  const bar = document.getElementById("job-progress");
  const message = document.getElementById("job-message");
  async function poll() {
    try {
      const response = await fetch(box.dataset.statusUrl, { headers: { Accept: "application/json" } });
      if (response.ok) {
        const job = await response.json();
        if (job.finished) { window.location.reload(); return; }
        if (job.total) { bar.max = job.total; bar.value = job.done; }
        message.textContent = job.message + (job.percent !== null ? " (" + job.percent + "%)" : "");
      }
    } catch (e) { /* a dropped connection: try again on the next tick */ }
    setTimeout(poll, 1000);
  }
  poll();
})();
