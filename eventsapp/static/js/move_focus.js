/* The up/down buttons (forms with data-move, see templates/questions/_macros.html) post and
   the page comes back: without this, keyboard users start again from the top of the page.
   On submit, remember which row (its closest element with an id) and which direction;
   when the page comes back, put the focus on that row's button again (the other one when
   the row reached the top or the bottom). Nothing happens without JavaScript: the buttons
   work as plain forms. */
(function () {
  "use strict";
  var KEY = "eventsapp.move-focus";

  function buttonOf(row, direction) {
    var input = row.querySelector("form[data-move] input[name=direction][value=" + direction + "]");
    var button = input && input.form.querySelector("button");
    return button && !button.disabled ? button : null;
  }

  var stored;
  try { stored = JSON.parse(sessionStorage.getItem(KEY) || "null"); } catch { stored = null; }
  sessionStorage.removeItem(KEY);
  if (stored && typeof stored.row === "string") {
    var row = document.getElementById(stored.row);
    var other = stored.direction === "up" ? "down" : "up";
    var button = row && (buttonOf(row, stored.direction) || buttonOf(row, other));
    if (button) { button.focus(); }
  }

  Array.prototype.forEach.call(document.querySelectorAll("form[data-move]"), function (form) {
    form.addEventListener("submit", function () {
      var row = form.parentElement && form.parentElement.closest("[id]");
      var direction = form.querySelector("input[name=direction]");
      if (row && direction) {
        sessionStorage.setItem(KEY, JSON.stringify({ row: row.id, direction: direction.value }));
      }
    });
  });
})();
