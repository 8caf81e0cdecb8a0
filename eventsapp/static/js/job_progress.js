/* A background job's status page: poll its JSON status every second, move the progress
   bar, and reload the page (which then shows the result) once the job has finished. */
(function () {
  "use strict";
  var box = document.getElementById("job-progress");
  if (!box || box.dataset.finished === "true") { return; }
  var PERIOD_MS = 1000;
  var bar = document.getElementById("job-bar");
  var label = document.getElementById("job-status");
  var count = document.getElementById("job-count");

  function refresh() {
    fetch(box.dataset.url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { if (!response.ok) { throw new Error(); } return response.json(); })
      .then(function (job) {
        if (job.finished) { window.location.reload(); return; }
        bar.value = job.percent;
        bar.textContent = job.percent + "%";
        label.textContent = job.status_label;
        count.textContent = job.total ? "· " + job.done + " / " + job.total : "";
        window.setTimeout(refresh, PERIOD_MS);
      })
      .catch(function () { window.setTimeout(refresh, PERIOD_MS * 5); });
  }
  window.setTimeout(refresh, PERIOD_MS);
})();
