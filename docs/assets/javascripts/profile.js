/* 填写我的信息: the reader's own details replace the profile placeholders.

   Storage contract (handbook.js owns the names): localStorage
   handbook.keys.profile holds JSON {"field_key": "string value", ...}, list
   items keyed "projects.0"; whoever changes it dispatches handbook.events.profile
   on document.

   Values are stored as typed (a number field keeps just the number, "25") and
   shown on the page with the field's unit appended ("25K"). They only ever go
   into textContent, never into HTML, and never leave this browser.

   Every <span class="pf" data-profile="KEY"> keeps its build-time text and
   state in data-profile-default / data-profile-default-unset (set on first
   sight), so clearing restores the placeholders such as 〔姓名〕.

   The search index holds the same spans in the answers' text
   (handbook/output/search.py), so the result snippets Material draws show
   the reader's values too: each new result is filled in as it appears. */
(function () {
  "use strict";

  var hb = window.handbook, sel = hb.selectors, states = hb.states;
  var load = hb.profile.load, save = hb.profile.save;

  function announce() {
    document.dispatchEvent(new CustomEvent(hb.events.profile));
  }

  /* -- values ------------------------------------------------------------- */

  function inputFor(key) {
    return document.querySelector("[data-profile-input=\"" + CSS.escape(key) + "\"]");
  }

  /* Full-width digits and a trailing unit are accepted: "２５", "25K", "25 K". */
  function normaliseNumber(text, unit) {
    var value = text.replace(/[\uff10-\uff19]/g, function (c) {
      return String.fromCharCode(c.charCodeAt(0) - 0xfee0);
    }).replace(/\uff0e/g, ".").trim();
    if (unit && value.slice(-unit.length).toLowerCase() === unit.toLowerCase()) {
      value = value.slice(0, -unit.length).trim();
    }
    return /^\d+(\.\d+)?$/.test(value) ? value : null;
  }

  /* The text a stored value shows as on the page. */
  function display(key, value) {
    var input = inputFor(key);
    var unit = input ? input.getAttribute("data-unit") || "" : "";
    if (!unit || input.getAttribute("data-type") !== "number") return value;
    var number = normaliseNumber(value, unit);
    return number === null ? value : number + unit;
  }

  function remember(span) {
    if (span.hasAttribute("data-profile-default")) return;
    span.setAttribute("data-profile-default", span.textContent);
    span.setAttribute("data-profile-default-unset", span.classList.contains(states.unset) ? "1" : "0");
  }

  /* Show the stored values (or the build-time text) in every span of the
     page, or of `spans`. */
  function apply(spans) {
    var values = load();
    (spans || document.querySelectorAll(sel.profileValue)).forEach(function (span) {
      remember(span);
      var value = values[span.getAttribute("data-profile")];
      if (value) {
        span.textContent = display(span.getAttribute("data-profile"), value);
        span.classList.remove(states.unset);
        span.classList.add(states.reader);
      } else {
        span.textContent = span.getAttribute("data-profile-default");
        span.classList.toggle(states.unset, span.getAttribute("data-profile-default-unset") === "1");
        span.classList.remove(states.reader);
      }
    });
  }

  /* -- the panel ---------------------------------------------------------- */

  function dialog() {
    return document.querySelector(sel.profilePanel);
  }

  function fillInputs() {
    var values = load();
    document.querySelectorAll(sel.profileInput).forEach(function (input) {
      input.value = values[input.getAttribute("data-profile-input")] || "";
      markValid(input, true);
    });
  }

  function markValid(input, valid) {
    var error = document.getElementById(input.id + "-error");
    if (valid) input.removeAttribute("aria-invalid");
    else input.setAttribute("aria-invalid", "true");
    if (error) error.hidden = valid;
  }

  function onInput(input) {
    var key = input.getAttribute("data-profile-input");
    var text = input.value.trim();
    var values = load();
    var valid = true;
    if (text && input.getAttribute("data-type") === "number") {
      var number = normaliseNumber(text, input.getAttribute("data-unit") || "");
      valid = number !== null;
      text = number || "";
    }
    markValid(input, valid);
    if (text) values[key] = text;
    else delete values[key];
    save(values);
    apply();
    announce();
  }

  function clearAll() {
    save({});
    fillInputs();
    apply();
    announce();
    hb.announce("已清除你填写的信息");
  }

  function open() {
    var panel = dialog();
    if (!panel) return;
    fillInputs();
    if (typeof panel.showModal === "function") panel.showModal();
    else panel.setAttribute("open", "");
    var first = panel.querySelector(sel.profileInput);
    if (first) first.focus();
  }

  function close() {
    var panel = dialog();
    if (!panel) return;
    if (typeof panel.close === "function") panel.close();
    else panel.removeAttribute("open");
  }

  document.addEventListener("input", function (event) {
    var target = event.target;
    if (target instanceof Element && target.matches(sel.profileInput)) onInput(target);
  });

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!(target instanceof Element)) return;
    if (target.closest(sel.profileOpen)) open();
    else if (target.closest(sel.profileClose)) close();
    else if (target.closest(sel.profileClear)) clearAll();
    else if (target === dialog()) close(); /* a tap on the backdrop */
  });

  /* Another feature (or another tab) changed the values. */
  document.addEventListener(hb.events.profile, function () { apply(); });
  window.addEventListener("storage", function (event) {
    if (event.key === hb.keys.profile || event.key === null) {
      if (dialog() && dialog().open) fillInputs();
      announce(); /* re-applies here and tells the other features */
    }
  });

  /* Search results: Material replaces the list's items as the reader types;
     fill in the spans of the values the reader typed, as they appear. Nothing
     typed: the build's text stays and nothing is touched (the results draw
     at full speed). A filled span is marked by remember(): no loop. */
  function watchResults() {
    var list = document.querySelector(sel.searchResults);
    if (!list || list.hasAttribute("data-profile-watched")) return;
    list.setAttribute("data-profile-watched", "");
    new MutationObserver(function () {
      var values = load();
      if (!Object.keys(values).length) return;
      var fresh = [].filter.call(list.querySelectorAll(sel.profileValue), function (span) {
        return !span.hasAttribute("data-profile-default") && values[span.getAttribute("data-profile")];
      });
      if (fresh.length) apply(fresh);
    }).observe(list, { childList: true, subtree: true });
  }

  hb.onPage(function () {
    var button = document.querySelector(sel.profileOpen);
    if (button) button.hidden = false;
    apply();
    watchResults();
  });
})();
