/* The severance calculator, live in the browser.

   The build renders every calculator ([data-calculator], from
   overrides/partials/calculator.html) with the texts of severance.js; this
   script recomputes them with the same file (window.handbookSeverance, loaded
   before it) from the reader's own values (handbook.profile.load()), on every
   page and on the document event handbook.events.profile. A key missing from
   the stored profile keeps the value the page was built with (its data-*
   attribute). Text is written with textContent only; a value the rules refuse
   shows the placeholders and, in the error paragraph, a Chinese sentence per
   bad key. ES5, like severance.js. */
(function () {
  "use strict";

  var handbook = window.handbook, severance = window.handbookSeverance;
  if (!handbook || !severance) return;  // loaded without its modules: the built texts stay

  function attribute(key) { return key.replace(/_/g, "-"); }

  function update(box) {
    var stored = handbook.profile.load(), values = {}, labels = {};
    severance.KEYS.forEach(function (key) {
      values[key] = Object.prototype.hasOwnProperty.call(stored, key)
        ? stored[key] : box.getAttribute("data-" + attribute(key));
      labels[key] = box.getAttribute("data-label-" + attribute(key)) || key;
    });
    var result = severance.texts(values, labels);
    var texts = result.ok ? result.texts : severance.placeholders(labels);
    var error = box.querySelector('[data-comp="error"]');
    if (error) {
      error.textContent = result.ok ? "" : result.problems.map(severance.message).join(" ");
      error.hidden = result.ok;
    }
    Object.keys(texts).forEach(function (slot) {
      var el = box.querySelector('[data-comp="' + slot + '"]');
      if (el) el.textContent = texts[slot];
    });
  }

  function updateAll() {
    var boxes = document.querySelectorAll(handbook.selectors.calculator);
    for (var i = 0; i < boxes.length; i++) update(boxes[i]);
  }

  document.addEventListener(handbook.events.profile, updateAll);
  handbook.onPage(updateAll);
})();
