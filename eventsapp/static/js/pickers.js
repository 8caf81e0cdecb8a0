// Type-to-search pickers: a <select data-picker> (time zones, speakers, heads of
// delegation) becomes a searchable box with tom-select (vendor/tom-select), usable with the
// keyboard; accents and case are ignored while searching ("gomez" finds "Gómez").
// Without JavaScript, or if the library did not load, the plain <select> works as before.
// A new event's form also fills the short name from the English title until it is edited.
(function () {
  "use strict";

  function slugify(text) {
    return text
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 80);
  }

  function followTitle(form) {
    var slug = form.querySelector("#slug");
    var title = form.querySelector("#title_en");
    if (!slug || !title) {
      return;
    }
    var edited = slug.value !== "";
    slug.addEventListener("input", function () {
      edited = slug.value !== "";
    });
    title.addEventListener("input", function () {
      if (!edited) {
        slug.value = slugify(title.value);
      }
    });
  }

  document.querySelectorAll("form[data-slug-from-title]").forEach(followTitle);

  if (typeof window.TomSelect !== "function") {
    return;
  }
  document.querySelectorAll("select[data-picker]").forEach(function (select) {
    // tom-select points the <label> at its own input; the original <select>, kept for the
    // form, keeps the label's text as its name (screen readers and axe look for one).
    var label = select.id ? document.querySelector('label[for="' + select.id + '"]') : null;
    if (label && !select.hasAttribute("aria-label")) {
      select.setAttribute("aria-label", label.textContent.trim());
    }
    new window.TomSelect(select, {
      plugins: select.multiple ? ["remove_button"] : [],
      maxOptions: null,
      allowEmptyOption: true,
      diacritics: true,
    });
  });
})();
