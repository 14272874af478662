/* Copy text to the clipboard: shared by 复制链接 (share.js) and 复制回答
 * (copy-answer.js), which load after this file.
 *
 * handbookClipboard.copy(text) resolves true when the text was copied and
 * false when the browser refused. Without the Clipboard API (an insecure
 * context, an old browser) it selects the text in an off-screen textarea and
 * uses the copy command.
 *
 * handbookClipboard.flash(button, label, text, ok) shows `text` (已复制, or
 * why it failed) in place of the button's label for RESET_MS; a copied state
 * is marked .is-done.
 */
(function () {
  "use strict";

  function copyWithSelection(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "clipboard-scratch";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try {
      ok = document.execCommand("copy");
    } catch (e) {
      ok = false;
    }
    document.body.removeChild(area);
    return ok;
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).then(
        function () { return true; },
        function () { return copyWithSelection(text); }
      );
    }
    return Promise.resolve(copyWithSelection(text));
  }

  var RESET_MS = 2000;

  function flash(button, label, text, ok) {
    if (!button.hasAttribute("data-label")) button.setAttribute("data-label", label.textContent);
    label.textContent = text;
    button.classList.toggle("is-done", ok);
    window.clearTimeout(Number(button.getAttribute("data-timer")) || 0);
    button.setAttribute("data-timer", String(window.setTimeout(function () {
      label.textContent = button.getAttribute("data-label");
      button.classList.remove("is-done");
    }, RESET_MS)));
  }

  window.handbookClipboard = { copy: copy, flash: flash };
})();
