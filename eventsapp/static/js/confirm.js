// Confirmations as a dialog: a link marked data-confirm (its href is the no-JS
// confirmation page) opens #confirm-dialog, whose button POSTs to data-confirm-action; a
// form marked data-confirm-actions (JSON: action value -> consequence) asks first when the
// chosen action is one of them. See eventsapp/confirm.py.
(function () {
  "use strict";
  var dialog = document.getElementById("confirm-dialog");
  if (!dialog || typeof dialog.showModal !== "function") {
    return; // no <dialog>: the links lead to the confirmation pages
  }
  var text = document.getElementById("confirm-dialog-text");
  var ok = document.getElementById("confirm-dialog-ok");
  var onConfirm = null;

  function open(message, button, confirm) {
    text.textContent = message;
    ok.textContent = button;
    onConfirm = confirm;
    dialog.showModal();
    ok.focus();
  }

  function hidden(form, name, value) {
    var input = document.createElement("input");
    input.type = "hidden";
    input.name = name;
    input.value = value;
    form.appendChild(input);
  }

  dialog.querySelector("[data-confirm-cancel]").addEventListener("click", function () {
    dialog.close();
  });

  ok.addEventListener("click", function () {
    var run = onConfirm;
    onConfirm = null;
    ok.disabled = true;
    if (run) {
      run();
    }
  });

  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-confirm]");
    if (!link) {
      return;
    }
    event.preventDefault();
    ok.disabled = false;
    open(link.dataset.confirm, link.dataset.confirmButton, function () {
      var form = document.createElement("form");
      form.method = "post";
      form.action = link.dataset.confirmAction;
      hidden(form, "csrf_token", link.dataset.csrf || "");
      hidden(form, "confirmed", "1");
      document.body.appendChild(form);
      form.submit();
    });
  });

  document.addEventListener("submit", function (event) {
    var target = event.target;
    if (!target.matches("form[data-confirm-actions]") || target.dataset.confirmedOnce) {
      return;
    }
    var messages = JSON.parse(target.dataset.confirmActions);
    var choice = target.querySelector("[name=action]");
    var message = choice ? messages[choice.value] : null;
    var count = target.querySelectorAll("input[name=ids]:checked").length;
    if (!message || count === 0) {
      return;
    }
    event.preventDefault();
    ok.disabled = false;
    var label = choice.options[choice.selectedIndex].text;
    open(message.replace("%(n)d", String(count)), label, function () {
      hidden(target, "confirmed", "1");
      target.dataset.confirmedOnce = "1";
      dialog.close();
      target.submit();
    });
  });
})();
