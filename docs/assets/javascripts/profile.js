/* 填写我的信息: the reader's own details replace the profile placeholders,
   on every page at load; the panel's work is profile-panel.js, fetched the
   first time it is needed.

   Storage contract (handbook.js owns the names): localStorage
   handbook.keys.profile holds JSON {"field_key": "string value", ...}, list
   items keyed "projects.0"; whoever changes it dispatches handbook.events.profile
   on document.

   Values are stored as typed (a number field keeps just the number, "25":
   the panel and an import store it so, transfer.normaliseNumber) and
   shown on the page with the unit its span carries (data-unit: "25K"). They
   only ever go into textContent, never into HTML, and leave this browser only
   when the reader exports them or shows their QR code.

   Every <span class="pf" data-profile="KEY"> keeps its build-time text and
   state in data-profile-default / data-profile-default-unset (set on first
   sight), so clearing restores the placeholders such as 〔姓名〕.

   The panel's inputs, the import/export format (transfer.js) and the QR code
   are not needed to read a page: the first time the panel opens, or an
   import link (#profile=…) is in the address, this script fetches the
   panel's script (the dialog's data-profile-panel-src: transfer.js and
   profile-panel.js as one file, hooks/handbook/output/scripts.py), which
   registers as handbook.profile.panel. The search index holds the same
   spans in the answers' text (handbook/output/search.py), so the result
   snippets Material draws show the reader's values too: each new result is
   filled in as it appears. */
(function () {
  "use strict";

  var hb = window.handbook, sel = hb.selectors, states = hb.states, classes = hb.classes;
  var load = hb.profile.load;
  var NUMBER = /^\d+(\.\d+)?$/;  /* a number value as stored */

  function announce() {
    document.dispatchEvent(new CustomEvent(hb.events.profile));
  }

  function dialog() {
    return document.querySelector(sel.profilePanel);
  }

  function spec() {
    return JSON.parse(dialog().getAttribute("data-profile-transfer"));
  }

  /* -- values on the page ----------------------------------------------------- */

  /* The text a stored value shows as in `span`. */
  function display(span, value) {
    var unit = span.getAttribute("data-unit");
    return unit && NUMBER.test(value) ? value + unit : value;
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
        span.textContent = display(span, value);
        span.classList.remove(states.unset);
        span.classList.add(states.reader);
      } else {
        span.textContent = span.getAttribute("data-profile-default");
        span.classList.toggle(states.unset, span.getAttribute("data-profile-default-unset") === "1");
        span.classList.remove(states.reader);
      }
    });
  }

  /* -- the panel -------------------------------------------------------------- */

  /* A message in the panel, always as text (it may quote what a file held). */
  function say(text, problem) {
    var box = dialog().querySelector(sel.profileMessage);
    box.textContent = text || "";
    box.hidden = !text;
    box.classList.toggle(classes.messageProblem, !!problem);
    if (text) hb.announce(text);
  }

  function show() {
    var panel = dialog();
    if (panel.open) return;
    if (typeof panel.showModal === "function") panel.showModal();
    else panel.setAttribute("open", "");
  }

  function close() {
    var panel = dialog();
    if (typeof panel.close === "function") panel.close();
    else panel.removeAttribute("open");
  }

  function unreachable() {
    say("暂时读不到信息栏目，请联网后刷新页面再试。", true);
  }

  /* `fn` with the panel's functions, once its script is there (fetched once). */
  function withWork(fn) {
    hb.loadScript(dialog().getAttribute("data-profile-panel-src"), function () {
      return hb.profile.panel;
    }).then(fn, unreachable);
  }

  /* A link made by 发到手机 (or the owner's terminal): #profile=… in the
     address. The details are taken out of the address bar and this history
     entry at once, whatever the reader decides. */
  function importFromLink() {
    var panel = dialog();
    if (!panel) return;
    var hash = location.hash;
    if (hash.indexOf("#" + spec().fragment_key + "=") !== 0) return;
    history.replaceState(history.state, "", location.pathname + location.search);
    show();
    withWork(function (work) { work.importLink(hash); });
  }

  hb.profile.apply = apply;
  hb.profile.announce = announce;
  hb.profile.dialog = dialog;
  hb.profile.spec = spec;
  hb.profile.say = say;
  hb.profile.show = show;
  hb.profile.unreachable = unreachable;

  /* -- events ----------------------------------------------------------------- */

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!(target instanceof Element)) return;
    if (target.closest(sel.profileOpen)) {
      say("");
      show(); /* at once; the inputs follow */
      withWork(function (work) { work.open(true); });
    } else if (target.closest(sel.profileClose)) close();
    else if (target === dialog()) close(); /* a tap on the backdrop */
    else if (target.closest([sel.profileClear, sel.profileExport, sel.profileImport, sel.profileSend].join(","))) {
      withWork(function (work) { work.act(target); });
    }
  });

  /* Another feature (or another tab) changed the values. */
  document.addEventListener(hb.events.profile, function () { apply(); });
  window.addEventListener("storage", function (event) {
    if (event.key === hb.keys.profile || event.key === null) announce(); /* re-applies here and tells the other features */
  });
  window.addEventListener("hashchange", importFromLink);

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
    importFromLink();
    watchResults();
  });
})();
