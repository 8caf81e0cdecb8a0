// The event's own questions (templates/macros/questions.html): a question marked
// data-show-if="q_<key>" data-show-value="v" shows only while that question's answer is v
// (an option id, "yes"/"no", or the text), one marked data-roles="a b" only while the
// form's role is one of them. A hidden question's inputs are disabled, so they are not
// sent; the server applies the same rules whatever is sent.
(function () {
  "use strict";

  function answers(form, name) {
    var values = [];
    form.querySelectorAll("[name='" + name + "']").forEach(function (input) {
      if (input.disabled) {
        return;
      }
      if (input.type === "checkbox" || input.type === "radio") {
        if (input.checked) {
          // a lone consent checkbox sends "y": its answer is "yes"
          values.push(input.type === "checkbox" && input.value === "y" ? "yes" : input.value);
        }
      } else if (input.value.trim() !== "") {
        values.push(input.value.trim());
      }
    });
    return values;
  }

  function shown(form, box) {
    var roles = box.getAttribute("data-roles");
    var role = form.querySelector("[name='role']");
    if (roles && role && roles.split(" ").indexOf(role.value) === -1) {
      return false;
    }
    var controller = box.getAttribute("data-show-if");
    if (!controller) {
      return true;
    }
    return answers(form, controller).indexOf(box.getAttribute("data-show-value")) !== -1;
  }

  function update(form) {
    var boxes = form.querySelectorAll("[data-question]");
    // a question hidden now may hide those that depend on it: repeat until nothing moves
    for (var pass = 0; pass <= boxes.length; pass += 1) {
      var changed = false;
      boxes.forEach(function (box) {
        var show = shown(form, box);
        if (box.hidden === show) {
          changed = true;
          box.hidden = !show;
          box.querySelectorAll("input, select, textarea").forEach(function (input) {
            input.disabled = !show;
          });
        }
      });
      if (!changed) {
        break;
      }
    }
  }

  document.querySelectorAll("form").forEach(function (form) {
    if (!form.querySelector("[data-show-if], [data-roles]")) {
      return;
    }
    form.addEventListener("change", function () {
      update(form);
    });
    form.addEventListener("input", function () {
      update(form);
    });
    update(form);
  });
})();
