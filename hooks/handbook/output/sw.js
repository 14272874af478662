// Service worker of 面试问答速查: after the first visit every page, the search
// and the styles work with no signal.
//
// hooks/handbook/output/pwa.py writes it to the site root as sw.js (so its scope is the
// whole site, also under a sub-path), preceded by VERSION (a hash of this
// build's files), PRECACHE and LATER (their URLs, relative to the site root)
// and ADDRESSES (each answer address "a/<id>/" → the answer it opens, e.g.
// "salary/#expected-salary", relative to the site root).
//
// - install: fetch every PRECACHE URL (what any page needs to render and
//   search, and the home page) into the cache "handbook-<VERSION>", all or
//   nothing.
// - activate: delete the caches of older builds, take control of open pages.
// - then the rest of the offline copy, LATER (the other pages): when a page
//   says it is idle (offline.js posts OFFLINE_MESSAGE after its load), one
//   file at a time, each only while the worker answers none of the reader's
//   own requests, each kept as it arrives, none fetched that this version's
//   cache holds already (the reader may have opened it). A failure (a weak
//   signal) stops the run and touches nothing stored; the next idle page
//   (this visit or the next) goes on. Once every file is kept, every open
//   page is told (OFFLINE_MESSAGE with VERSION): offline.js says so.
// - a page is kept without its inline critical CSS (FIRST_PAINT: the marks of
//   partials/first-paint.html): the same rules are in the stylesheets of this
//   cache, which the kept page links as usual, so it paints from them at once.
// - fetch, same origin and inside the site only (nothing else is touched):
//   * an answer address (the stub page a chat app's link preview reads,
//     hooks/handbook/addresses.py): a redirect to its answer, as the stub's
//     meta refresh would give, online and offline, without fetching the stub
//     (so the stubs are not cached);
//   * pages (also those fetched by instant navigation) may change with a new
//     deployment: network first, and the cached copy when the network fails
//     or takes longer than NETWORK_TIMEOUT_MS;
//   * content-hashed files (Material's bundle, CSS, search worker: name.<hash>.min.*;
//     the site's script bundle site.<hash>.js)
//     never change under their name: cache first, network if missing;
//   * everything else (our own CSS/JS, the search index, sitemap.xml, images,
//     the QR library, kept the first time 发到手机 fetches it):
//     the cached copy at once, refreshed from the network in the background
//     (stale-while-revalidate). A page loads a dozen of these one after the
//     other: waiting NETWORK_TIMEOUT_MS for each on a hanging signal would
//     take half a minute. A new deployment brings a new sw.js, whose install
//     caches the new copies anyway.

"use strict";

const CACHE_PREFIX = "handbook-";
const CACHE = CACHE_PREFIX + VERSION;
const NETWORK_TIMEOUT_MS = 3000;
const ROOT = new URL("./", self.location.href).href;
const HASHED = /\.[0-9a-f]{8}(\.min)?\.(js|css)$/;
const ANSWERS = new Map(Object.entries(ADDRESSES));
const OFFLINE_MESSAGE = "handbook:offline"; // handbook.js events.offline

let activation = Promise.resolve(); // this instance's activate work, if it runs one
let copying = null;                 // the run that fetches LATER, while one is under way
let answering = 0;                  // the reader's requests the worker is answering
const whenQuiet = [];               // what waits for answering to reach 0

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => Promise.all(PRECACHE.map(async (path) => {
        // "reload": take the files from the server, not from the HTTP cache.
        const request = new Request(new URL(path, ROOT).href, { cache: "reload" });
        const response = await fetch(request);
        if (!response.ok) {
          throw new Error(`precache: ${request.url} answered ${response.status}`);
        }
        await cache.put(request, await kept(response));
      })))
      .then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  const done = caches.keys()
    .then((keys) => Promise.all(keys
      .filter((key) => key.startsWith(CACHE_PREFIX) && key !== CACHE)
      .map((key) => caches.delete(key))))
    .then(() => self.clients.claim());
  activation = done.catch(() => undefined);
  event.waitUntil(done);
});

// A page is idle: go on with the rest of the offline copy; tell every page
// once it is complete.
self.addEventListener("message", (event) => {
  if (!event.data || event.data.type !== OFFLINE_MESSAGE) {
    return;
  }
  event.waitUntil(copyTheRest().then(async (complete) => {
    if (!complete) {
      return;
    }
    for (const client of await self.clients.matchAll({ type: "window" })) {
      client.postMessage({ type: OFFLINE_MESSAGE, version: VERSION });
    }
  }));
});

// One run at a time; true once every LATER file is in the cache.
function copyTheRest() {
  if (!copying) {
    copying = activation.then(copyLater).catch(() => false).finally(() => { copying = null; });
  }
  return copying;
}

async function copyLater() {
  const cache = await caches.open(CACHE);
  for (const path of LATER) {
    const url = new URL(path, ROOT).href;
    if (await cache.match(url)) {
      continue; // kept already: by an earlier run, or when the reader opened it
    }
    await quiet();
    if (self.registration.installing || self.registration.waiting) {
      return false; // a newer version is coming, with its own copy
    }
    // "no-cache": the server's current copy, revalidating what the browser has.
    const response = await fetch(new Request(url, { cache: "no-cache" }));
    if (!response.ok) {
      return false; // e.g. a deployment under way: the next idle page tries again
    }
    await cache.put(url, await kept(response));
  }
  return true;
}

// Resolves when the worker answers none of the reader's requests.
function quiet() {
  return answering === 0 ? Promise.resolve() : new Promise((resolve) => whenQuiet.push(resolve));
}

// `promise` answers the reader: the rest of the offline copy waits for it.
function reader(promise) {
  answering += 1;
  const settled = () => {
    answering -= 1;
    if (answering === 0) {
      whenQuiet.splice(0).forEach((resolve) => resolve());
    }
  };
  promise.then(settled, settled);
  return promise;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(ROOT)) {
    return; // another origin or outside the site: the browser handles it
  }
  const url = new URL(request.url);
  const answer = addressTarget(url);
  if (answer) {
    event.respondWith(Response.redirect(new URL(answer, ROOT).href, 302));
  } else if (isPage(request, url)) {
    event.respondWith(reader(networkFirst(event, url)));
  } else if (HASHED.test(url.pathname)) {
    event.respondWith(reader(cacheFirst(request)));
  } else {
    event.respondWith(reader(staleWhileRevalidate(event, url)));
  }
});

// What the cache keeps of a response: a page without its inline critical CSS.
async function kept(response) {
  if (!(response.headers.get("Content-Type") || "").startsWith("text/html")) {
    return response;
  }
  const text = (await response.text())
    .replace(new RegExp(`<style ${FIRST_PAINT.style}>[\\s\\S]*?</style>`), "")
    .split(`media="print" ${FIRST_PAINT.sheet}`).join(FIRST_PAINT.sheet);
  const headers = new Headers(response.headers);
  headers.delete("Content-Length");
  return new Response(text, { status: response.status, statusText: response.statusText, headers });
}

// Where an answer address ("a/<id>/", also "a/<id>" or "a/<id>/index.html")
// leads, relative to the site root; undefined for any other URL.
function addressTarget(url) {
  const path = (url.origin + url.pathname).slice(ROOT.length).replace(/index\.html$/, "");
  try {
    return ANSWERS.get(decodeURIComponent(path.endsWith("/") ? path : path + "/"));
  } catch (error) {
    return undefined; // not a well-formed address: none of ours
  }
}

function isPage(request, url) {
  return request.mode === "navigate" || /(\/|\.html)$/.test(url.pathname);
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request, { ignoreSearch: true });
  if (cached) {
    return cached;
  }
  const response = await fetch(request);
  if (response.ok && response.type === "basic") {
    await cache.put(request, await kept(response.clone()));
  }
  return response;
}

// The network's answer, kept in the cache under `key` when it is a good one.
function fetchAndKeep(event, cache, key) {
  const network = fetch(event.request).then(async (response) => {
    if (response.ok && response.type === "basic") {
      await cache.put(key, await kept(response.clone())); // keep the latest copy for later
    }
    return response;
  });
  event.waitUntil(reader(network).catch(() => undefined));
  return network;
}

async function staleWhileRevalidate(event, url) {
  const cache = await caches.open(CACHE);
  const key = url.origin + url.pathname;
  const network = fetchAndKeep(event, cache, key);
  return (await cache.match(key)) || network;
}

async function networkFirst(event, url) {
  const cache = await caches.open(CACHE);
  const key = url.origin + url.pathname; // "?q=…" of a shared search: same file
  const network = fetchAndKeep(event, cache, key);
  try {
    const response = await Promise.race([network, timeout(NETWORK_TIMEOUT_MS)]);
    tell(event, true);
    return response;
  } catch (error) {
    const cached = await cache.match(key);
    if (cached) {
      tell(event, false);
      return cached;
    }
    return network; // nothing cached: wait for the network after all
  }
}

function timeout(ms) {
  return new Promise((resolve, reject) => setTimeout(() => reject(new Error("timeout")), ms));
}

// Tell the page whether a page came from the network or from the cache, so
// it can show its offline notice also when the signal is there but useless.
function tell(event, fromNetwork) {
  const id = event.resultingClientId || event.clientId;
  if (!id) {
    return;
  }
  const message = self.clients.get(id).then((client) => {
    if (client) {
      client.postMessage({ type: "handbook:network", ok: fromNetwork }); // handbook.js events.network
    }
  });
  try {
    event.waitUntil(message);
  } catch (error) {
    // the event is already settled: the message is sent anyway
  }
}
