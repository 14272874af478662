/* 复制回答: each answer's button copies the answer's plain text — without
   the approach boxes (思路), with the reader's filled-in values as the page
   shows them — ready to paste into a chat or notes app: one paragraph per
   block with a blank line between, list items on their own lines
   ("1. …" / "- …"). */
(function () {
  "use strict";

  var hb = window.handbook, sel = hb.selectors;
  var SKIPPED = ".answer-approach, script, style, button, .headerlink";
  var CJK = "\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef";
  var CJK_GAP = new RegExp("([" + CJK + "]) (?=[" + CJK + "])", "g");

  /* Inline text on one line; no space is left between two Chinese characters
     (a soft line break inside a Chinese paragraph is not a word gap). */
  function inline(node) {
    var text = node.textContent;
    if (node.nodeType === Node.ELEMENT_NODE && node.querySelector(SKIPPED)) {
      var clone = node.cloneNode(true);
      clone.querySelectorAll(SKIPPED).forEach(function (el) { el.remove(); });
      text = clone.textContent;
    }
    return text.replace(/\s+/g, " ").replace(CJK_GAP, "$1").trim();
  }

  function listText(list) {
    var ordered = list.tagName === "OL";
    var start = parseInt(list.getAttribute("start") || "1", 10) || 1;
    var lines = [];
    Array.prototype.forEach.call(list.children, function (item, i) {
      if (item.tagName !== "LI") return;
      var text = inline(item);
      if (text) lines.push((ordered ? start + i + ". " : "- ") + text);
    });
    return lines.join("\n");
  }

  function tableText(table) {
    return Array.prototype.map.call(table.querySelectorAll("tr"), function (row) {
      return Array.prototype.map.call(row.children, inline).join(" | ");
    }).join("\n");
  }

  /* The blocks of a container, in order, skipping approach boxes. Headings
     (a part such as 依据) stay: they are part of what is said. */
  function blocks(container, out) {
    Array.prototype.forEach.call(container.childNodes, function (node) {
      if (node.nodeType === Node.TEXT_NODE) {
        var loose = inline(node);
        if (loose) out.push(loose);
        return;
      }
      if (node.nodeType !== Node.ELEMENT_NODE) return;
      if (node.matches(SKIPPED)) return;
      if (node.matches("ol, ul")) out.push(listText(node));
      else if (node.matches("table")) out.push(tableText(node));
      else if (node.matches("div, section, blockquote, details, figure")) blocks(node, out);
      else {
        var text = inline(node);
        if (text) out.push(text);
      }
    });
    return out;
  }

  function answerText(body) {
    return blocks(body, []).filter(Boolean).join("\n\n");
  }

  /* Capture phase: the text is read from the page as it is now (the reader's
     values included) and handed to Material's clipboard, which copies
     [data-clipboard-text] on this same click and confirms with 已复制. */
  document.addEventListener("click", function (event) {
    var target = event.target;
    var button = target instanceof Element ? target.closest(sel.copy) : null;
    var answer = button && button.closest(sel.answer);
    var body = answer && answer.querySelector(sel.body);
    if (body) button.setAttribute("data-clipboard-text", answerText(body));
  }, true);

  hb.onPage(function () {
    document.querySelectorAll(sel.copy).forEach(function (button) { button.hidden = false; });
  });
})();
