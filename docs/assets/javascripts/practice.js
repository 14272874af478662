/* Practice mode: one header toggle hides every answer body and leaves the
   questions; tapping a question (or its 显示回答 button) reveals that answer.
   The choice lives in localStorage ("handbook.practice" = "on") and on
   <html class="practice-mode">, which instant navigation keeps; the early
   script practice-early.js applies it before a reloaded page paints.

   Also places the header controls (.rehearse-controls, rendered by
   overrides/partials/rehearse.html) into Material's header bar. */
(function () {
  "use strict";

  var STORAGE_KEY = "handbook.practice";
  var ROOT_CLASS = "practice-mode";
  var REVEALED = "is-revealed";

  function isOn() {
    return document.documentElement.classList.contains(ROOT_CLASS);
  }

  function remember(on) {
    try {
      if (on) window.localStorage.setItem(STORAGE_KEY, "on");
      else window.localStorage.removeItem(STORAGE_KEY);
    } catch (e) {
      /* storage blocked: the mode still works until the page is closed */
    }
  }

  function bodyOf(answerId) {
    return document.querySelector('.answer-body[data-answer="' + CSS.escape(answerId) + '"]');
  }

  function revealButton(answerId) {
    return document.querySelector('.answer-reveal[data-answer="' + CSS.escape(answerId) + '"]');
  }

  function setRevealed(answerId, shown) {
    var body = bodyOf(answerId);
    var button = revealButton(answerId);
    if (body) body.classList.toggle(REVEALED, shown);
    if (button) {
      button.setAttribute("aria-expanded", String(shown));
      button.textContent = shown ? "隐藏回答" : "显示回答";
    }
  }

  function hideAll() {
    document.querySelectorAll(".answer-body[data-answer]").forEach(function (body) {
      setRevealed(body.getAttribute("data-answer"), false);
    });
  }

  function syncToggle() {
    var toggle = document.querySelector("[data-practice-toggle]");
    if (toggle) toggle.setAttribute("aria-pressed", String(isOn()));
  }

  function setMode(on) {
    document.documentElement.classList.toggle(ROOT_CLASS, on);
    remember(on);
    hideAll();
    syncToggle();
    var status = document.querySelector("[data-rehearse-status]");
    if (status) status.textContent = on ? "练习模式已开启：回答已隐藏，点问题查看" : "练习模式已关闭";
  }

  /* The controls sit after the header in the HTML; move them into the bar,
     before the search button, once (the header survives instant navigation). */
  function placeControls() {
    var controls = document.querySelector("[data-rehearse-controls]");
    var bar = document.querySelector(".md-header__inner");
    if (!controls || !bar) return;
    if (controls.parentNode !== bar) {
      var anchor = bar.querySelector('label[for="__search"]') || bar.querySelector(".md-search");
      bar.insertBefore(controls, anchor);
    }
    controls.hidden = false;
  }

  /* Per page: a 显示回答 button in each tools bar, the questions made tappable. */
  function preparePage() {
    document.querySelectorAll(".answer-tools[data-answer]").forEach(function (tools) {
      var answerId = tools.getAttribute("data-answer");
      if (!tools.querySelector(".answer-reveal")) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "answer-tools__button answer-reveal";
        button.setAttribute("data-answer", answerId);
        tools.insertBefore(button, tools.firstChild);
      }
      var question = tools.previousElementSibling;
      if (question && question.tagName === "H2") question.classList.add("answer-question");
      setRevealed(answerId, false);
    });
    syncToggle();
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!(target instanceof Element)) return;
    if (target.closest("[data-practice-toggle]")) {
      setMode(!isOn());
      return;
    }
    var button = target.closest(".answer-reveal");
    if (button) {
      var id = button.getAttribute("data-answer");
      setRevealed(id, !bodyOf(id).classList.contains(REVEALED));
      return;
    }
    if (!isOn() || target.closest("a")) return;
    var question = target.closest("h2.answer-question");
    if (question && question.id) {
      setRevealed(question.id, !bodyOf(question.id).classList.contains(REVEALED));
    }
  });

  /* Another tab switched the mode: follow it. */
  window.addEventListener("storage", function (event) {
    if (event.key === STORAGE_KEY) {
      document.documentElement.classList.toggle(ROOT_CLASS, event.newValue === "on");
      hideAll();
      syncToggle();
    }
  });

  function start() {
    placeControls();
    preparePage();
  }

  if (typeof window.document$ !== "undefined") {
    window.document$.subscribe(start);
  } else {
    start();
  }
})();
