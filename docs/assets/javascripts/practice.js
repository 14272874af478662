/* Practice mode: one header toggle hides every answer body and leaves the
   questions; tapping a question (or its 显示回答 button) reveals that answer.
   The choice lives in localStorage (handbook.keys.practice = "on") and on
   <html class="practice-mode">, which instant navigation keeps; handbook.js
   applies it before a reloaded page paints.

   Every answer is one element (.answer: question, tools bar, body), so an
   answer is found from its question or button by structure, never by id:
   the 全部答案 page holds the same answers without ids.

   Also places the header controls (overrides/partials/rehearse.html) into
   Material's header bar. */
(function () {
  "use strict";

  var hb = window.handbook, sel = hb.selectors, states = hb.states;

  function isOn() {
    return document.documentElement.classList.contains(states.practice);
  }

  /* The answers revealed on the page at `path`. Instant navigation may
     render the same page anew (Material fetches it again for the first
     in-page link followed, e.g. a 本页问题 link): they stay revealed then.
     Another page starts with every answer hidden. */
  var revealed = { path: null, ids: [] };

  function remember() {
    revealed.path = location.pathname;
    revealed.ids = Array.prototype.map.call(
      document.querySelectorAll(sel.answer + "." + states.revealed),
      function (answer) { return answer.getAttribute("data-answer"); });
  }

  function setRevealed(answer, shown) {
    answer.classList.toggle(states.revealed, shown);
    var button = answer.querySelector(sel.reveal);
    if (button) {
      button.setAttribute("aria-expanded", String(shown));
      button.textContent = shown ? "隐藏回答" : "显示回答";
    }
  }

  function toggle(answer) {
    setRevealed(answer, !answer.classList.contains(states.revealed));
    remember();
  }

  function hideAll() {
    document.querySelectorAll(sel.answer).forEach(function (answer) { setRevealed(answer, false); });
    remember();
  }

  /* A page just shown: its buttons work now; what was revealed on it stays. */
  function showPage() {
    var keep = revealed.path === location.pathname ? revealed.ids : [];
    document.querySelectorAll(sel.answer).forEach(function (answer) {
      setRevealed(answer, keep.indexOf(answer.getAttribute("data-answer")) !== -1);
      var button = answer.querySelector(sel.reveal);
      if (button) button.hidden = false;
    });
    remember();
  }

  function syncToggle() {
    var toggleButton = document.querySelector(sel.practiceToggle);
    if (toggleButton) toggleButton.setAttribute("aria-pressed", String(isOn()));
  }

  function setMode(on) {
    document.documentElement.classList.toggle(states.practice, on);
    hb.storage("practice", on ? "on" : null);
    hideAll();
    syncToggle();
    hb.announce(on ? "练习模式已开启：回答已隐藏，点问题查看" : "练习模式已关闭");
  }

  /* The controls sit after the header in the HTML; move them into the bar,
     before the search button, once (the header survives instant navigation). */
  function placeControls() {
    var controls = document.querySelector(sel.controls);
    var bar = document.querySelector(".md-header__inner");
    if (!controls || !bar) return;
    if (controls.parentNode !== bar) {
      var anchor = bar.querySelector('label[for="__search"]') || bar.querySelector(".md-search");
      bar.insertBefore(controls, anchor);
    }
    controls.hidden = false;
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!(target instanceof Element)) return;
    if (target.closest(sel.practiceToggle)) {
      setMode(!isOn());
      return;
    }
    var answer = target.closest(sel.answer);
    if (!answer) return;
    if (target.closest(sel.reveal)) {
      toggle(answer);
    } else if (isOn() && !target.closest("a") && target.closest(sel.question)) {
      toggle(answer);
    }
  });

  /* Another tab switched the mode: follow it. */
  window.addEventListener("storage", function (event) {
    if (event.key === hb.keys.practice) {
      document.documentElement.classList.toggle(states.practice, event.newValue === "on");
      hideAll();
      syncToggle();
    }
  });

  hb.onPage(function () {
    placeControls();
    showPage();
    syncToggle();
  });
})();
