/* 复制链接: each answer's button copies the answer's address with Material's
   own clipboard (its bundle runs ClipboardJS on [data-clipboard-text] and
   confirms with 已复制). The build writes the address (the page's canonical
   URL + "#id"); without site_url it is empty and the button's
   data-share-path (the answer's page and id, from the site root) is resolved
   against the site's root address (Material's __md_scope): right on the
   全部答案 page too, which shows the answer away from its page.

   Also makes Material's search share button (search.share) copy the current
   address: its own copy carries the address from before the last query
   update ("?q=" for a query typed in one go). */
(function () {
  "use strict";

  var hb = window.handbook, sel = hb.selectors;

  /* Capture phase: runs before ClipboardJS's listener reads the attribute. */
  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!(target instanceof Element)) return;
    var search = target.closest(sel.searchShare);
    if (search && /^https?:/.test(search.href)) {
      search.setAttribute("data-clipboard-text", search.href);
      return;
    }
    var button = target.closest(sel.share);
    if (button && !button.getAttribute("data-clipboard-text")) {
      var root = window.__md_scope instanceof URL ? window.__md_scope : new URL(".", location.href);
      button.setAttribute("data-clipboard-text",
        new URL(button.getAttribute("data-share-path"), root).href);
    }
  }, true);

  hb.onPage(function () {
    document.querySelectorAll(sel.share).forEach(function (button) { button.hidden = false; });
  });
})();
