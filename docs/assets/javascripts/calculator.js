/* The severance calculator, live in the browser.

   The build renders every calculator ([data-calculator], from
   overrides/partials/calculator.html) with the texts of severance.js; this
   script recomputes them with the same file from the reader's own values
   (handbook.profile.load()), on every page and on handbook.events.profile.
   severance.js is fetched only on a page that has a calculator (a script of
   the site's own origin, in the offline copy like every file). A key missing
   from the stored profile keeps the value the page was built with (its data-*
   attribute). Text is written with textContent only; a value the rules refuse
   shows the placeholders and a Chinese sentence per bad key. ES5. */
(function () {
  "use strict";

  var handbook = window.handbook;
  var here = document.currentScript && document.currentScript.src;  // severance.js lies beside it

  function attribute(key) { return key.replace(/_/g, "-"); }

  /* Calls back with window.handbookSeverance, fetching it the first time
     (handbook.loadScript: once; after a failure the next update tries again). */
  function withRules(callback) {
    if (window.handbookSeverance) return callback(window.handbookSeverance);  // at once: no frame later
    handbook.loadScript(new URL("severance.js", here).href, function () { return window.handbookSeverance; })
      .then(callback, function () { /* no signal: the page keeps the values it was built with */ });
  }

  function update(box, severance) {
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
    if (!boxes.length) return;
    withRules(function (severance) {
      for (var i = 0; i < boxes.length; i++) update(boxes[i], severance);
    });
  }

  document.addEventListener(handbook.events.profile, updateAll);
  handbook.onPage(updateAll);
})();
