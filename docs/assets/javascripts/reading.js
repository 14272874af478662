/* Reading aids that need the live page.
 *
 * Material's search overlay is a role="dialog" without a name; screen readers
 * then announce an anonymous dialog. Name every unnamed dialog after the
 * control that opens it, in Chinese. Runs on every page instant navigation
 * swaps in (the header is part of the swap).
 */
(function () {
  "use strict";

  var NAMES = { search: "搜索" };

  function nameDialogs() {
    var dialogs = document.querySelectorAll('[role="dialog"]:not([aria-label]):not([aria-labelledby])');
    Array.prototype.forEach.call(dialogs, function (dialog) {
      var component = dialog.getAttribute("data-md-component");
      dialog.setAttribute("aria-label", NAMES[component] || document.title);
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(nameDialogs);
  } else {
    document.addEventListener("DOMContentLoaded", nameDialogs);
  }
})();
