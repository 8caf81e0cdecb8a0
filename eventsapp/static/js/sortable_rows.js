/* Rows ordered by dragging: a <tbody data-sortable="FORM-ID"> whose rows carry data-id.
   Dropping a row (the end of a drag) moves it, writes the ids (top first, comma-separated) into the form's
   text input and submits the form; the server checks the order again. Native HTML5 drag
   and drop; no inline script (CSP). Without JavaScript, or with a keyboard, the up/down
   buttons of each row do the same. */
(function () {
  "use strict";
  Array.prototype.forEach.call(document.querySelectorAll("tbody[data-sortable]"), function (body) {
    var form = document.getElementById(body.dataset.sortable);
    if (!form) { return; }
    var input = form.querySelector("input[name=order]");
    var rows = body.querySelectorAll("tr[data-id]");
    if (rows.length < 2) { return; }
    var dragged = null;

    function order() {
      return Array.prototype.map.call(body.querySelectorAll("tr[data-id]"), function (row) {
        return row.dataset.id;
      }).join(",");
    }
    var initial = order();

    Array.prototype.forEach.call(rows, function (row) {
      row.draggable = true;
      row.classList.add("sortable-row");
      var handle = row.querySelector(".drag-handle");
      if (handle) { handle.classList.remove("d-none"); }

      row.addEventListener("dragstart", function (event) {
        dragged = row;
        row.classList.add("is-dragged");
        event.dataTransfer.effectAllowed = "move";
        event.dataTransfer.setData("text/plain", row.dataset.id);
      });
      row.addEventListener("dragend", function () {
        row.classList.remove("is-dragged");
        dragged = null;
        var now = order();
        if (now !== initial) {
          input.value = now;
          form.submit();
        }
      });
      row.addEventListener("dragover", function (event) {
        if (!dragged || dragged === row) { return; }
        event.preventDefault();
        event.dataTransfer.dropEffect = "move";
        var box = row.getBoundingClientRect();
        var after = event.clientY > box.top + box.height / 2;
        body.insertBefore(dragged, after ? row.nextSibling : row);
      });
      row.addEventListener("drop", function (event) {
        event.preventDefault();
      });
    });
  });
})();
