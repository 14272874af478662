// Offline support of 面试问答速查 (see hooks/handbook/output/pwa.py and sw.js there).
//
// - Registers the service worker sw.js of the site root, found from Material's
//   __md_scope (the site's root URL), so it also works under a sub-path; only
//   once the page has loaded and the browser is idle, so the worker's install
//   (it downloads what every page needs) never competes with the first page.
// - Whenever a page is idle (after its load, after each instant navigation),
//   tells the worker so: it then fetches the rest of the offline copy (the
//   other pages) one file at a time.
// - Shows a quiet notice "离线模式 · 内容为上次更新" while the browser is offline
//   or the last page came from the cache because the network failed; it goes
//   away when the network is back.
// - Says "已保存离线副本，没有网络也能阅读" for a few seconds once the worker
//   reports every file of the offline copy kept: only then does every page
//   open offline. Once per version (keys.offline).
(function () {
  "use strict";

  var hb = window.handbook;
  var TEXT = "离线模式 · 内容为上次更新";
  var READY = "已保存离线副本，没有网络也能阅读";
  var READY_MS = 6000;
  var IDLE_MS = 2000;
  // The site root: Material's __md_scope, else two levels above this file
  // (assets/javascripts/offline.js).
  var root = window.__md_scope instanceof URL
    ? window.__md_scope
    : new URL("../../", document.currentScript.src);
  var servedFromCache = false;
  var ready = false; // the offline copy became complete a moment ago

  function banner() {
    var el = document.querySelector(".offline-banner");
    if (!el) {
      // A polite live region that exists before its text changes, so screen
      // readers announce the change; empty means hidden (see offline.css).
      el = document.createElement("div");
      el.className = "offline-banner";
      el.setAttribute("role", "status");
      el.setAttribute("aria-live", "polite");
      document.body.appendChild(el);
    }
    return el;
  }

  function update() {
    var offline = !navigator.onLine || servedFromCache;
    var el = banner();
    var text = offline ? TEXT : ready ? READY : "";
    if (el.textContent !== text) {
      el.textContent = text;
    }
  }

  window.addEventListener("online", function () {
    servedFromCache = false;
    update();
  });
  window.addEventListener("offline", update);

  if ("serviceWorker" in navigator && /^https?:$/.test(location.protocol)) {
    navigator.serviceWorker.addEventListener("message", function (event) {
      var data = event.data || {};
      if (data.type === hb.events.network) {
        servedFromCache = !data.ok;
        update();
      } else if (data.type === hb.events.offline && data.version) {
        complete(data.version);
      }
    });
    whenIdle(function () {
      navigator.serviceWorker.register(new URL("sw.js", root).href).catch(function (error) {
        // No offline copy (e.g. a private window or an insecure origin); the site still works.
        console.warn("offline: service worker not registered:", error);
      });
    });
    hb.onPage(function () {
      whenIdle(function () {
        navigator.serviceWorker.ready.then(function (registration) {
          if (registration.active) registration.active.postMessage({ type: hb.events.offline });
        });
      });
    });
  }

  // The worker kept every file of the offline copy `version`: say so, once.
  function complete(version) {
    if (!navigator.onLine || hb.storage("offline") === version) return;
    hb.storage("offline", version);
    ready = true;
    update();
    setTimeout(function () {
      ready = false;
      update();
    }, READY_MS);
  }

  // After the load event, when the main thread is idle (at most IDLE_MS later).
  function whenIdle(fn) {
    var idle = window.requestIdleCallback
      ? function () { window.requestIdleCallback(fn, { timeout: IDLE_MS }); }
      : function () { setTimeout(fn, 0); };
    if (document.readyState === "complete") idle();
    else window.addEventListener("load", idle, { once: true });
  }

  // Material's instant navigation swaps the page without reloading it.
  hb.onPage(update);
})();
