/* 复制回答: each answer's tools bar gets a button that copies the answer's
   plain text — without the approach box (思路), with the reader's filled-in
   values as the page shows them — ready to paste into a chat or notes app:
   one paragraph per block with a blank line between, list items on their own
   lines ("1. …" / "- …"). Confirms with 已复制. */
(function () {
  "use strict";

  var LABEL = "复制回答";
  var DONE = "已复制";
  var FAILED = "复制失败";
  var CJK = "\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef";
  var CJK_GAP = new RegExp("([" + CJK + "]) (?=[" + CJK + "])", "g");

  /* Inline text on one line; no space is left between two Chinese characters
     (a soft line break inside a Chinese paragraph is not a word gap). */
  function inline(node) {
    return node.textContent.replace(/\s+/g, " ").replace(CJK_GAP, "$1").trim();
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

  /* The blocks of a container, in order, skipping approach boxes. */
  function blocks(container, out) {
    Array.prototype.forEach.call(container.childNodes, function (node) {
      if (node.nodeType === Node.TEXT_NODE) {
        var loose = inline(node);
        if (loose) out.push(loose);
        return;
      }
      if (node.nodeType !== Node.ELEMENT_NODE) return;
      if (node.matches(".admonition, script, style, button, .answer-tools")) return;
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

  function confirm(button, ok) {
    var status = document.querySelector("[data-rehearse-status]");
    window.handbookClipboard.flash(button, button, ok ? DONE : FAILED, ok);
    if (status) status.textContent = ok ? "已复制回答" : "复制失败，请长按文字手动复制";
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    var button = target instanceof Element ? target.closest(".answer-copy") : null;
    if (!button) return;
    var id = button.getAttribute("data-answer");
    var body = document.querySelector('.answer-body[data-answer="' + CSS.escape(id) + '"]');
    if (!body) return;
    window.handbookClipboard.copy(answerText(body)).then(function (ok) {
      confirm(button, ok);
    });
  });

  function addButtons() {
    document.querySelectorAll(".answer-tools[data-answer]").forEach(function (tools) {
      if (tools.querySelector(".answer-copy")) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "answer-tools__button answer-copy";
      button.setAttribute("data-answer", tools.getAttribute("data-answer"));
      button.textContent = LABEL;
      tools.appendChild(button);
    });
  }

  if (typeof window.document$ !== "undefined") {
    window.document$.subscribe(addButtons);
  } else {
    addButtons();
  }
})();
