/* Practice mode, before the page paints: loaded synchronously right after the
   header (overrides/partials/rehearse.html), so hidden answers never flash. */
(function () {
  "use strict";
  try {
    if (window.localStorage.getItem("handbook.practice") === "on") {
      document.documentElement.classList.add("practice-mode");
    }
  } catch (e) {
    /* storage blocked (private mode): practice mode starts off */
  }
})();
