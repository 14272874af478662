/* 复制链接: copy one answer's absolute address and say 已复制.
 *
 * The buttons are built by hooks/share.py with the address in
 * data-share-url (the page's canonical URL + "#id"). One delegated listener
 * serves every page, including pages swapped in by instant navigation.
 */
(function () {
  "use strict";

  var DONE = "已复制";
  var FAILED = "复制失败，请长按地址栏复制";

  function answerUrl(button) {
    var url = button.getAttribute("data-share-url");
    if (url) return url;
    // No site_url at build time: fall back to the address bar.
    return location.href.split("#")[0] + "#" + button.getAttribute("data-answer");
  }

  // Material's search share button (search.share) hands its clipboard the
  // address from before the last query update: "?q=" for a query typed in
  // one go. Give it the current address before the copy runs.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest('[data-md-component="search-share"]');
    if (link && /^https?:/.test(link.href)) {
      link.setAttribute("data-clipboard-text", link.href);
    }
  }, true);

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".answer-share");
    if (!button) return;
    event.preventDefault();
    var url = answerUrl(button);
    window.handbookClipboard.copy(url).then(function (ok) {
      var label = button.querySelector(".answer-share__label") || button;
      window.handbookClipboard.flash(button, label, ok ? DONE : FAILED, ok);
      // Put the answer's address in the address bar to copy by hand.
      if (!ok) history.replaceState(history.state, "", "#" + button.getAttribute("data-answer"));
    });
  });
})();
