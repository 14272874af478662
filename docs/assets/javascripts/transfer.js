/* The reader's details in transit: the one place that checks a value as the
   填写我的信息 panel takes it, and reads and writes the import/export format
   of hooks/handbook/data/transfer.yml (handed over by the build as `spec`:
   format, version, fragment_key, max_payload_bytes, max_value_chars, …):

     {"format": spec.format, "version": spec.version, "values": {key: value}}

   values typed as in profile_fields.yml (text: string, number: number,
   list: list of strings); a file holds that JSON, a link carries it in the
   fragment only: <site>#<fragment_key>=<base64url of the UTF-8 JSON, no padding>.
   The owner's terminal link (hooks/, issue 17) is written in the same format.

   Pure functions, no DOM, no storage: profile.js does the rest. `fields` is
   the list of the build's profile-fields.json: {key, label, type, unit, slots}.
   Stored values are flat strings, as typed: {"name": "…", "years": "5",
   "projects.0": "…"}. Registers as window.handbook.transfer. */
(function (root) {
  "use strict";

  /* -- one value, as the panel takes it ------------------------------------ */

  /* Full-width digits and a trailing unit are accepted: "２５", "25K", "25 K".
     The number as stored ("25"), or null when it is none. */
  function normaliseNumber(text, unit) {
    var value = String(text).replace(/[\uff10-\uff19]/g, function (c) {
      return String.fromCharCode(c.charCodeAt(0) - 0xfee0);
    }).replace(/\uff0e/g, ".").trim();
    if (unit && value.slice(-unit.length).toLowerCase() === unit.toLowerCase()) {
      value = value.slice(0, -unit.length).trim();
    }
    return /^\d+(\.\d+)?$/.test(value) ? value : null;
  }

  function tooLong(text, spec) {
    return text.length > spec.max_value_chars;
  }

  /* -- base64url of UTF-8 ----------------------------------------------------- */

  function toBase64url(text) {
    var bytes = new TextEncoder().encode(text), binary = "";
    for (var i = 0; i < bytes.length; i += 1) binary += String.fromCharCode(bytes[i]);
    return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function fromBase64url(text) {
    if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
    var binary;
    try {
      binary = atob(text.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((text.length + 3) % 4));
    } catch (e) {
      return null;
    }
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
    try {
      return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch (e) {
      return null; /* not UTF-8 */
    }
  }

  /* -- the payload ------------------------------------------------------------ */

  function fail(problem) {
    return { ok: false, problems: [problem] };
  }

  /* JSON text → {ok, payload} or {ok: false, problems}. */
  function parse(text, spec) {
    if (new TextEncoder().encode(text).length > spec.max_payload_bytes) {
      return fail("内容太大（超过 " + Math.round(spec.max_payload_bytes / 1024) + " KB），不是本站导出的信息");
    }
    var data;
    try {
      data = JSON.parse(text);
    } catch (e) {
      return fail("不是本站导出的信息（内容不是 JSON）");
    }
    if (!data || typeof data !== "object" || Array.isArray(data) || data.format !== spec.format) {
      return fail("不是本站导出的信息（缺少 \"format\": \"" + spec.format + "\"）");
    }
    if (data.version !== spec.version) {
      return fail("信息格式版本 " + JSON.stringify(data.version) + " 本站读不了（本站是第 " + spec.version + " 版）");
    }
    if (!data.values || typeof data.values !== "object" || Array.isArray(data.values)) {
      return fail("信息里缺少 \"values\"");
    }
    return { ok: true, payload: data };
  }

  /* The fragment of a link (location.hash) → null when it carries no
     details, else as parse(). */
  function isImportLink(hash, spec) {
    return typeof hash === "string" && hash.indexOf("#" + spec.fragment_key + "=") === 0;
  }

  function fromFragment(hash, spec) {
    if (!isImportLink(hash, spec)) return null;
    var encoded = hash.slice(spec.fragment_key.length + 2);
    if (encoded.length > Math.ceil(spec.max_payload_bytes * 4 / 3)) {
      return fail("链接里的信息太大（超过 " + Math.round(spec.max_payload_bytes / 1024) + " KB）");
    }
    var text = fromBase64url(encoded);
    if (text === null) return fail("链接里的信息不完整或已损坏（可能没有复制全）");
    return parse(text, spec);
  }

  /* One imported value of a field → {stored: its strings by storage key} or {problem}. */
  function checkValue(field, value, spec) {
    var name = "「" + field.label + "」";
    if (value === null || value === "") return { stored: {} };
    if (field.type === "list") {
      if (!Array.isArray(value)) return { problem: name + "应是一组文字（列表）" };
      if (value.length > field.slots) return { problem: name + "最多 " + field.slots + " 项，收到 " + value.length + " 项" };
      var stored = {};
      for (var i = 0; i < value.length; i += 1) {
        if (typeof value[i] !== "string") return { problem: name + "第 " + (i + 1) + " 项应是文字" };
        if (tooLong(value[i], spec)) return { problem: name + "第 " + (i + 1) + " 项超过 " + spec.max_value_chars + " 个字" };
        if (value[i].trim()) stored[field.key + "." + i] = value[i].trim();
      }
      return { stored: stored };
    }
    if (field.type === "number") {
      var number = typeof value === "number" && isFinite(value) ? normaliseNumber(String(value), "")
        : typeof value === "string" ? normaliseNumber(value, field.unit) : null;
      if (number === null) {
        return { problem: name + "应是不小于 0 的数字，收到 " + JSON.stringify(value).slice(0, 40) };
      }
      return { stored: keyed(field.key, number) };
    }
    if (typeof value !== "string") return { problem: name + "应是文字，收到 " + JSON.stringify(value).slice(0, 40) };
    if (tooLong(value, spec)) return { problem: name + "超过 " + spec.max_value_chars + " 个字" };
    return { stored: value.trim() ? keyed(field.key, value.trim()) : {} };
  }

  function keyed(key, value) {
    var out = {};
    out[key] = value;
    return out;
  }

  /* A parsed payload's values → {ok, values (flat, as stored), unknown: [keys
     ignored]} or {ok: false, problems}: all or nothing. */
  function validate(payload, fields, spec) {
    var byKey = {}, values = {}, unknown = [], problems = [];
    fields.forEach(function (field) { byKey[field.key] = field; });
    Object.keys(payload.values).forEach(function (key) {
      var field = Object.prototype.hasOwnProperty.call(byKey, key) ? byKey[key] : null;
      if (!field) {
        unknown.push(key);
        return;
      }
      var result = checkValue(field, payload.values[key], spec);
      if (result.problem) problems.push(result.problem);
      else Object.keys(result.stored).forEach(function (k) { values[k] = result.stored[k]; });
    });
    return problems.length ? { ok: false, problems: problems } : { ok: true, values: values, unknown: unknown };
  }

  /* Text (a file's or a link's) → the flat values to store, or why not. */
  function read(text, fields, spec) {
    var parsed = parse(text, spec);
    return parsed.ok ? validate(parsed.payload, fields, spec) : parsed;
  }

  function readFragment(hash, fields, spec) {
    var parsed = fromFragment(hash, spec);
    return parsed && parsed.ok ? validate(parsed.payload, fields, spec) : parsed;
  }

  /* -- writing ---------------------------------------------------------------- */

  /* Flat stored values → the payload, typed per field; unknown keys are left out. */
  function payload(stored, fields, spec) {
    var values = {};
    fields.forEach(function (field) {
      if (field.type === "list") {
        var items = [];
        for (var i = 0; i < field.slots; i += 1) items.push(stored[field.key + "." + i] || "");
        while (items.length && !items[items.length - 1]) items.pop();
        if (items.length) values[field.key] = items;
      } else if (stored[field.key]) {
        values[field.key] = field.type === "number" ? Number(stored[field.key]) : stored[field.key];
      }
    });
    return { format: spec.format, version: spec.version, values: values };
  }

  function toText(data) {
    return JSON.stringify(data, null, 2) + "\n";
  }

  /* The link that opens the site at `siteRoot` (absolute) and imports `data`. */
  function toLink(data, siteRoot, spec) {
    return siteRoot.split("#")[0] + "#" + spec.fragment_key + "=" + toBase64url(JSON.stringify(data));
  }

  var api = {
    normaliseNumber: normaliseNumber,
    read: read,
    readFragment: readFragment,
    payload: payload,
    toText: toText,
    toLink: toLink,
    isImportLink: isImportLink
  };
  if (root.handbook) root.handbook.transfer = api;
  else root.handbookTransfer = api; /* outside the site (a test): no core to register into */
})(typeof window !== "undefined" ? window : this);
