/* 填写我的信息: the reader's own details replace the profile placeholders.

   Storage contract (shared with other features): localStorage key
   "handbook.profile" holds JSON {"field_key": "string value", ...}, list items
   keyed "projects.0"; whoever changes it dispatches
   document.dispatchEvent(new CustomEvent("handbook:profile")).

   Values are stored as typed (a number field keeps just the number, "25") and
   shown on the page with the field's unit appended ("25K"). They only ever go
   into textContent, never into HTML, and never leave this browser.

   Every <span class="pf" data-profile="KEY"> keeps its build-time text and
   state in data-profile-default / data-profile-default-unset (set on first
   sight), so clearing restores the placeholders such as 〔姓名〕. */
(function () {
  "use strict";

  var STORAGE_KEY = "handbook.profile";
  var EVENT = "handbook:profile";
  var SPANS = "span.pf[data-profile]";

  /* -- storage ------------------------------------------------------------ */

  function load() {
    try {
      var data = JSON.parse(window.localStorage.getItem(STORAGE_KEY) || "{}");
      if (!data || typeof data !== "object" || Array.isArray(data)) return {};
      var clean = {};
      Object.keys(data).forEach(function (key) {
        var value = data[key];
        if (typeof value === "number" && isFinite(value)) value = String(value);
        if (typeof value === "string" && value.trim()) clean[key] = value.trim();
      });
      return clean;
    } catch (e) {
      return {};
    }
  }

  function save(values) {
    try {
      if (Object.keys(values).length) {
        window.localStorage.setItem(STORAGE_KEY, JSON.stringify(values));
      } else {
        window.localStorage.removeItem(STORAGE_KEY);
      }
    } catch (e) {
      /* storage blocked or full: values apply to this page only */
    }
  }

  function announce() {
    document.dispatchEvent(new CustomEvent(EVENT));
  }

  /* -- values ------------------------------------------------------------- */

  function inputFor(key) {
    return document.querySelector('[data-profile-input="' + CSS.escape(key) + '"]');
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
    span.setAttribute("data-profile-default-unset", span.classList.contains("pf-unset") ? "1" : "0");
  }

  /* Show the stored values (or the build-time text) in every span of the page. */
  function apply() {
    var values = load();
    document.querySelectorAll(SPANS).forEach(function (span) {
      remember(span);
      var value = values[span.getAttribute("data-profile")];
      if (value) {
        span.textContent = display(span.getAttribute("data-profile"), value);
        span.classList.remove("pf-unset");
        span.classList.add("pf-reader");
      } else {
        span.textContent = span.getAttribute("data-profile-default");
        span.classList.toggle("pf-unset", span.getAttribute("data-profile-default-unset") === "1");
        span.classList.remove("pf-reader");
      }
    });
  }

  /* -- the panel ---------------------------------------------------------- */

  function dialog() {
    return document.getElementById("profile-panel");
  }

  function fillInputs() {
    var values = load();
    document.querySelectorAll("[data-profile-input]").forEach(function (input) {
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
    var status = document.querySelector("[data-rehearse-status]");
    if (status) status.textContent = "已清除你填写的信息";
  }

  function open() {
    var panel = dialog();
    if (!panel) return;
    fillInputs();
    if (typeof panel.showModal === "function") panel.showModal();
    else panel.setAttribute("open", "");
    var first = panel.querySelector("[data-profile-input]");
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
    if (target instanceof Element && target.matches("[data-profile-input]")) onInput(target);
  });

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!(target instanceof Element)) return;
    if (target.closest("[data-profile-open]")) open();
    else if (target.closest("[data-profile-close]")) close();
    else if (target.closest("[data-profile-clear]")) clearAll();
    else if (target === dialog()) close(); /* a tap on the backdrop */
  });

  /* Another feature (or another tab) changed the values. */
  document.addEventListener(EVENT, apply);
  window.addEventListener("storage", function (event) {
    if (event.key === STORAGE_KEY || event.key === null) {
      if (dialog() && dialog().open) fillInputs();
      announce(); /* re-applies here and tells the other features */
    }
  });

  function start() {
    var button = document.querySelector("[data-profile-open]");
    if (button) button.hidden = false;
    apply();
  }

  /* The one reader of the stored values, for the other features. */
  window.handbookProfile = { load: load, EVENT: EVENT };

  if (typeof window.document$ !== "undefined") {
    window.document$.subscribe(start);
  } else {
    start();
  }
})();
