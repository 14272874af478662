// Runs Material's search worker (the file the site ships, or Material's
// original) in Node, the way the browser runs it: the worker's own code on a
// stand-in for the worker global, the built search index as its SETUP
// message, then one QUERY message per query.
//
//   node run_worker.js WORKER INDEX < queries.json  →  JSON on stdout:
//   [{"query": "…", "groups": [[{"location", "score", "terms"}…]…]}…]
//   (terms: each word the worker searched for → whether the item holds it)
//
// Each group is one page's results in the worker's order (Material's bundle
// shows the page's own entry as the group's heading, then its sections).
"use strict";
const fs = require("fs");
const vm = require("vm");

const [workerPath, indexPath] = process.argv.slice(2);
const queries = JSON.parse(fs.readFileSync(0, "utf8"));
const index = JSON.parse(fs.readFileSync(indexPath, "utf8"));

const listeners = [];
const replies = [];
const scope = {
  console, setTimeout, clearTimeout, TextEncoder, TextDecoder, URL, Promise,
  addEventListener: (type, fn) => type === "message" && listeners.push(fn),
  postMessage: message => replies.push(message),
  importScripts: () => { throw new Error("the index asks for a lunr language file"); },
};
scope.self = scope;
vm.createContext(scope);
vm.runInContext(fs.readFileSync(workerPath, "utf8"), scope, { filename: workerPath });

async function send(message) {
  replies.length = 0;
  for (const fn of listeners) await fn({ data: message });
  while (!replies.length) await new Promise(done => setTimeout(done, 0));
  return replies[0];
}

(async () => {
  // Message types of Material's worker: 0 SETUP, 1 READY, 2 QUERY, 3 RESULT
  await send({ type: 0, data: { ...index, options: { suggest: false } } });
  const out = [];
  for (const query of queries) {
    const reply = await send({ type: 2, data: query });
    out.push({
      query,
      groups: reply.data.items.map(group => group.map(item => ({
        location: item.location, score: item.score, terms: item.terms,
      }))),
    });
  }
  process.stdout.write(JSON.stringify(out));
})().catch(error => { console.error(error); process.exit(1); });
