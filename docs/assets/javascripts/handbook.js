/* The browser core of 面试问答速查: the one place that names what the
   scripts share (storage keys, event names, selectors, state classes) and
   the one way a script runs on every page, handbook.onPage(fn) (Material's
   document$: the first page and every instant navigation).

   First in the site's deferred bundle (mkdocs.yml extra_javascript,
   hooks/handbook/output/scripts.py); the feature scripts after it read
   window.handbook. Practice mode applies before the first paint, before any
   deferred script, by one inline line the build makes from keys.practice
   and states.practice below (partials/first-paint.html). */
(function () {
  "use strict";

  var keys = {
    profile: "handbook.profile",     // JSON {"name": "…", "projects.0": "…"}
    practice: "handbook.practice",   // "on" while practice mode is on
    offline: "handbook.offline"      // the version of the offline copy the reader was told is complete
  };

  var events = {
    profile: "handbook:profile",     // on document, after the stored values changed
    network: "handbook:network",     // message type from the service worker
    offline: "handbook:offline"      // to the worker: page idle, go on with the offline copy;
                                     // from it: the offline copy is complete (with its version)
  };

  var selectors = {
    answer: ".answer[data-answer]",
    question: ".answer > h2",
    body: ".answer-body",
    reveal: ".answer-reveal",
    share: ".answer-share",
    copy: ".answer-copy",
    profileValue: "span.pf[data-profile]",
    profileInput: "[data-profile-input]",
    profilePanel: "#profile-panel",
    profileOpen: "[data-profile-open]",
    profileClose: "[data-profile-close]",
    profileClear: "[data-profile-clear]",
    profileFields: "[data-profile-fields]",      // where profile-panel.js builds the inputs
    profileMessage: "[data-profile-message]",
    profileExport: "[data-profile-export]",
    profileImport: "[data-profile-import]",
    profileFile: "[data-profile-file]",
    profileSend: "[data-profile-send]",
    profileQr: "[data-profile-qr]",
    profileQrCaption: "[data-profile-qr-caption]",
    practiceToggle: "[data-practice-toggle]",
    controls: "[data-rehearse-controls]",
    status: "[data-rehearse-status]",
    calculator: "[data-calculator]",
    searchShare: '[data-md-component="search-share"]',
    searchResults: ".md-search-result__list"  // Material's result list (snippets hold span.pf too)
  };

  /* The markup profile-panel.js builds for each field of the panel. */
  var classes = {
    field: "profile-panel__field",
    unit: "profile-panel__unit",
    error: "profile-panel__error",
    messageProblem: "profile-panel__message--problem"  // a refused import, too long for a QR code …
  };

  var states = {
    practice: "practice-mode",       // on <html>
    revealed: "is-revealed",         // on an .answer in practice mode
    unset: "pf-unset",               // a profile value not filled in
    reader: "pf-reader"              // a value the reader typed
  };

  function storage(name, value) {
    try {
      if (value === undefined) return window.localStorage.getItem(keys[name]);
      if (value === null) window.localStorage.removeItem(keys[name]);
      else window.localStorage.setItem(keys[name], value);
    } catch (e) {
      /* storage blocked (private mode) or full: the feature works for this page only */
    }
    return null;
  }

  function loadProfile() {
    var clean = {};
    try {
      var data = JSON.parse(storage("profile") || "{}");
      if (!data || typeof data !== "object" || Array.isArray(data)) return clean;
      Object.keys(data).forEach(function (key) {
        var value = data[key];
        if (typeof value === "number" && isFinite(value)) value = String(value);
        if (typeof value === "string" && value.trim()) clean[key] = value.trim();
      });
    } catch (e) {
      /* not JSON: treated as empty */
    }
    return clean;
  }

  function saveProfile(values) {
    storage("profile", Object.keys(values).length ? JSON.stringify(values) : null);
  }

  function onPage(fn) {
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(function () { fn(); });
    } else if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", function () { fn(); });
    } else {
      fn();
    }
  }

  /* A script of the site fetched on first need (the 填写我的信息 panel's
     work, the QR library): resolves with ready() once it ran (at once when
     it already has); after a failure the next call tries again. */
  var fetched = {};
  function loadScript(src, ready) {
    if (ready()) return Promise.resolve(ready());
    if (!fetched[src]) {
      fetched[src] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = src;
        script.onload = function () {
          if (ready()) resolve(ready());
          else reject(new Error(src + " did not load"));
        };
        script.onerror = reject;
        document.head.appendChild(script);
      });
      fetched[src].catch(function () { delete fetched[src]; });
    }
    return fetched[src];
  }

  function announce(text) {
    var status = document.querySelector(selectors.status);
    if (status) status.textContent = text;
  }

  window.handbook = {
    keys: keys,
    events: events,
    selectors: selectors,
    classes: classes,
    states: states,
    storage: storage,
    profile: { load: loadProfile, save: saveProfile },
    onPage: onPage,
    loadScript: loadScript,
    announce: announce
  };

  /* A copy the browser refused. Material copies [data-clipboard-text] (and
     its code blocks' [data-clipboard-target]) with ClipboardJS on the click
     itself, inside the reader's tap: the one moment WebKit (Safari, every
     browser on an iPhone) lets a page write the clipboard. ClipboardJS
     reports success whenever it selected some text, so a refused copy still
     said 已复制. A copy that happened fired a "copy" event during the click;
     when none did, the toast says so instead (and the status region, for
     screen readers). Runs last in the click: on window, bubbling. */
  var COPY_TRIGGER = "[data-clipboard-text], [data-clipboard-target]";
  var COPY_REFUSED = "未能复制：浏览器拒绝了剪贴板操作，请长按选中文字后手动复制";
  var copied = false;
  document.addEventListener("click", function () { copied = false; }, true);
  document.addEventListener("copy", function () { copied = true; }, true);
  window.addEventListener("click", function (event) {
    var trigger = event.target instanceof Element ? event.target.closest(COPY_TRIGGER) : null;
    var toast = document.querySelector(".md-dialog");
    if (!trigger || copied || !toast) return;
    var text = toast.querySelector(".md-typeset") || toast;
    text.textContent = COPY_REFUSED;
    toast.classList.add("md-dialog--active");
    announce(COPY_REFUSED);
  });

})();
