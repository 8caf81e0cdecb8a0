/* Schedule editor: places sessions on the rooms x time grid, and sends every change
   (create, move, resize, edit) to the JSON API, which validates it again on the server.
   Native HTML5 drag and drop; no inline script (CSP). */
(function () {
  "use strict";
  var grid = document.getElementById("schedule-grid");
  if (!grid) { return; }
  var dialog = document.getElementById("schedule-dialog");
  var form = document.getElementById("schedule-form");
  var errorsBox = document.getElementById("schedule-errors");
  var statusBox = document.getElementById("schedule-status");
  var moreLink = document.getElementById("schedule-more");
  var csrf = document.querySelector('meta[name="csrf-token"]').getAttribute("content");
  var slotMinutes = parseInt(grid.dataset.slotMinutes, 10);
  var STORAGE_KEY = "schedule-messages";

  /* Layout: header row and time column first, then one column per room. */
  grid.classList.add("is-enhanced");
  grid.style.gridTemplateColumns = "4.5rem repeat(" + grid.dataset.columns + ", minmax(9rem, 1fr))";
  grid.style.gridTemplateRows = "auto repeat(" + grid.dataset.rows + ", 1.6rem)";
  Array.prototype.forEach.call(grid.querySelectorAll("[data-row]"), function (el) {
    var row = parseInt(el.dataset.row, 10) + 2;
    var span = parseInt(el.dataset.span || "1", 10);
    el.style.gridRow = row + " / span " + span;
    el.style.gridColumn = String(parseInt(el.dataset.col, 10) + 2);
  });

  function showStatus(messages, kind) {
    statusBox.textContent = "";
    messages.forEach(function (text) {
      var p = document.createElement("div");
      p.className = "alert alert-" + kind + " py-2 mb-2";
      p.textContent = text;
      statusBox.appendChild(p);
    });
  }

  var stored = sessionStorage.getItem(STORAGE_KEY);
  if (stored) {
    sessionStorage.removeItem(STORAGE_KEY);
    try { showStatus(JSON.parse(stored), "warning"); } catch { /* not ours: ignore */ }
  }

  function errorList(errors) {
    var list = [];
    Object.keys(errors || {}).forEach(function (key) {
      (errors[key] || []).forEach(function (m) { list.push(m); });
    });
    return list;
  }

  function send(id, changes, onError) {
    var url = id ? grid.dataset.updateUrl.replace(/\/0$/, "/" + id) : grid.dataset.createUrl;
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf, "Accept": "application/json" },
      body: JSON.stringify(changes)
    }).then(function (response) {
      return response.json().then(function (data) { return { ok: response.ok, data: data }; });
    }).then(function (result) {
      if (result.ok && result.data.ok) {
        if (result.data.warnings && result.data.warnings.length) {
          sessionStorage.setItem(STORAGE_KEY, JSON.stringify(
            [grid.dataset.msgWarning].concat(result.data.warnings)));
        }
        window.location.reload();
      } else {
        onError([grid.dataset.msgRefused].concat(errorList(result.data.errors)));
      }
    }).catch(function () { onError([grid.dataset.msgNetwork]); });
  }

  function statusError(messages) { showStatus(messages, "danger"); }

  /* Dialog: create in a free slot, or edit a session's details in place. */
  function openDialog(values) {
    errorsBox.classList.add("d-none");
    form.elements.id.value = values.id || "";
    form.elements.title_en.value = values.titleEn || "";
    form.elements.title_es.value = values.titleEs || "";
    form.elements.kind.value = values.kind || "panel";
    form.elements.room_id.value = values.room || "";
    form.elements.starts_at.value = values.start || "";
    form.elements.minutes.value = values.minutes || 60;
    form.elements.capacity.value = values.capacity || "";
    moreLink.classList.toggle("d-none", !values.editUrl);
    if (values.editUrl) { moreLink.href = values.editUrl; }
    dialog.showModal();
    form.elements.title_en.focus();
  }

  form.addEventListener("submit", function (event) {
    if (event.submitter && event.submitter.value === "cancel") { return; }
    event.preventDefault();
    var e = form.elements;
    var changes = {
      title_en: e.title_en.value, title_es: e.title_es.value, kind: e.kind.value,
      room_id: e.room_id.value, starts_at: e.starts_at.value, minutes: e.minutes.value,
      capacity: e.capacity.value
    };
    send(e.id.value, changes, function (messages) {
      errorsBox.textContent = messages.join(" ");
      errorsBox.classList.remove("d-none");
    });
  });

  grid.addEventListener("click", function (event) {
    var cell = event.target.closest(".schedule-cell");
    if (cell) {
      event.preventDefault();
      openDialog({ room: cell.dataset.room, start: cell.dataset.start, minutes: 60 });
      return;
    }
    var block = event.target.closest(".schedule-session");
    if (block && !event.target.closest(".schedule-resize")) {
      event.preventDefault();
      openDialog(Object.assign({}, block.dataset));
    }
  });

  grid.addEventListener("keydown", function (event) {
    var block = event.target.closest(".schedule-session");
    if (block && event.target === block && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      openDialog(Object.assign({}, block.dataset));
    }
  });

  /* Drag and drop: a session moves to the slot it is dropped on; its handle resizes it. */
  var dragging = null;
  grid.addEventListener("dragstart", function (event) {
    var handle = event.target.closest && event.target.closest(".schedule-resize");
    var block = event.target.closest && event.target.closest(".schedule-session");
    if (!block) { return; }
    dragging = { mode: handle ? "resize" : "move", block: block };
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", block.dataset.id);
    window.setTimeout(function () { grid.classList.add("is-dragging"); }, 0);
  });
  grid.addEventListener("dragend", function () {
    grid.classList.remove("is-dragging");
    Array.prototype.forEach.call(grid.querySelectorAll(".is-target"), function (c) {
      c.classList.remove("is-target");
    });
    dragging = null;
  });
  grid.addEventListener("dragover", function (event) {
    var cell = event.target.closest(".schedule-cell");
    if (dragging && cell) {
      event.preventDefault();
      event.dataTransfer.dropEffect = "move";
    }
  });
  grid.addEventListener("dragenter", function (event) {
    var cell = event.target.closest(".schedule-cell");
    if (dragging && cell) { cell.classList.add("is-target"); }
  });
  grid.addEventListener("dragleave", function (event) {
    var cell = event.target.closest(".schedule-cell");
    if (cell) { cell.classList.remove("is-target"); }
  });
  grid.addEventListener("drop", function (event) {
    var cell = event.target.closest(".schedule-cell");
    if (!dragging || !cell) { return; }
    event.preventDefault();
    var block = dragging.block;
    if (dragging.mode === "move") {
      send(block.dataset.id, { room_id: cell.dataset.room, starts_at: cell.dataset.start }, statusError);
    } else {
      var start = new Date(block.dataset.start);
      var end = new Date(cell.dataset.start);
      var minutes = Math.round((end - start) / 60000) + slotMinutes;
      if (minutes > 0) {
        send(block.dataset.id, { minutes: minutes }, statusError);
      }
    }
  });
})();
