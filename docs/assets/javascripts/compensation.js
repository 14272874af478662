/* Severance calculator (劳动合同法 第47条), live in the browser.
 *
 * The build renders the calculator (#comp-calc) from profile.yml with
 * hooks/compensation.py; this script recomputes it with the same rules from
 * the reader's own values in localStorage "handbook.profile" (JSON
 * {field_key: "string"}), on every page view and on the document event
 * "handbook:profile". A key missing from the stored profile keeps the value
 * the page was built with. Text is written with textContent only.
 *
 * Money: monthly_salary and local_avg_wage are in K (thousand yuan); the
 * results are shown in yuan, formatted exactly like the Python side.
 */
(function () {
  "use strict";

  var YEARS = "service_years", MONTHS = "service_months",
      PAY = "monthly_salary", AVG = "local_avg_wage";
  var KEYS = [YEARS, MONTHS, PAY, AVG];
  var CAP_FACTOR = 3, CAP_YEARS = 12;
  var NUMBER = /^\s*-?\d+(\.\d+)?\s*$/;

  /* Art. 47: one month per full year; a remainder of six months or more
     counts as a year, a shorter one as half a month. */
  function compensationMonths(totalMonths) {
    var full = Math.floor(totalMonths / 12), rest = totalMonths % 12;
    return full + (rest >= 6 ? 1 : rest > 0 ? 0.5 : 0);
  }

  /* N, N+1 and 2N in yuan; pay and average in K (average may be null). */
  function compute(totalMonths, payK, avgK) {
    var months = compensationMonths(totalMonths);
    var pay = payK * 1000;
    var capped = avgK !== null && avgK !== undefined && pay > CAP_FACTOR * avgK * 1000;
    var base = capped ? CAP_FACTOR * avgK * 1000 : pay;
    if (capped) months = Math.min(months, CAP_YEARS);
    var n = months * base;
    return { months: months, base: base, pay: pay, capped: capped,
             n: n, n_plus_1: n + pay, two_n: 2 * n };
  }

  function yuan(amount) {
    var cents = Math.floor(amount * 100 + 0.5);
    var whole = Math.floor(cents / 100), rest = cents - whole * 100;
    var grouped = String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    return rest === 0 ? grouped + " 元" : grouped + "." + (rest < 10 ? "0" : "") + rest + " 元";
  }

  /* One value as a number, null when unset; throws a message naming the key. */
  function parseNumber(key, label, value, whole, positive) {
    if (value === null || value === undefined || String(value).trim() === "") return null;
    var text = String(value);
    var problem = "资料“" + label + "”（" + key + "）需要填" + (whole ? "整数" : "数字") + "，" +
      (positive ? "大于 0" : "不小于 0") + "，现在是“" + text + "”。";
    if (!NUMBER.test(text)) throw new Error(problem);
    var number = parseFloat(text);
    if ((whole && number !== Math.floor(number)) || number < 0 || (positive && number === 0)) {
      throw new Error(problem);
    }
    return number;
  }

  function readInputs(values, labels) {
    var rules = {};
    rules[YEARS] = [true, false]; rules[MONTHS] = [true, false];
    rules[PAY] = [false, true]; rules[AVG] = [false, true];
    var parsed = {}, problems = [];
    KEYS.forEach(function (key) {
      try {
        parsed[key] = parseNumber(key, labels[key] || key, values[key], rules[key][0], rules[key][1]);
      } catch (err) {
        problems.push(err.message);
      }
    });
    if (problems.length) throw new Error(problems.join(" "));
    var years = parsed[YEARS], months = parsed[MONTHS];
    var total = years === null && months === null ? null : (years || 0) * 12 + (months || 0);
    return { total: total, pay: parsed[PAY], avg: parsed[AVG] };
  }

  function texts(inputs, labels) {
    function ph(key) { return "〔" + (labels[key] || key) + "〕"; }
    var service = inputs.total !== null
      ? Math.floor(inputs.total / 12) + " 年 " + (inputs.total % 12) + " 个月"
      : ph(YEARS) + " 年 " + ph(MONTHS) + " 个月";
    var pay = inputs.pay !== null ? yuan(inputs.pay * 1000) : ph(PAY);
    var avg = inputs.avg !== null ? yuan(inputs.avg * 1000) : "未填写";
    var out = { input: "在本单位工作 " + service + "；月工资 " + pay + "；当地上年度职工月平均工资 " + avg + "。" };
    if (inputs.total === null || inputs.pay === null) {
      out["n-formula"] = "折算月数 × 月工资（" + ph(PAY) + "）"; out.n = "〔N〕";
      out["n1-formula"] = "N + 一个月工资（" + ph(PAY) + "）"; out.n1 = "〔N+1〕";
      out["n2-formula"] = "2 × N"; out.n2 = "〔2N〕";
      out.cap = "填上工作年限和月薪，这里就按你的数算出金额。";
      return out;
    }
    var r = compute(inputs.total, inputs.pay, inputs.avg);
    out["n-formula"] = String(r.months) + " 个月 × " + yuan(r.base); out.n = yuan(r.n);
    out["n1-formula"] = yuan(r.n) + " + " + yuan(r.pay); out.n1 = yuan(r.n_plus_1);
    out["n2-formula"] = "2 × " + yuan(r.n); out.n2 = yuan(r.two_n);
    if (r.capped) {
      out.cap = "月工资高于当地月平均工资的 3 倍：基数按 3 倍即 " + yuan(r.base) + " 计，最多算 " +
        CAP_YEARS + " 年。";
    } else if (inputs.avg !== null) {
      out.cap = "月工资不高于当地月平均工资的 3 倍：不封顶。";
    } else {
      out.cap = "未填当地月平均工资，没有检查封顶：月工资高于它的 3 倍时，基数按 3 倍计、最多算 " +
        CAP_YEARS + " 年。";
    }
    return out;
  }

  function attr(key) { return key.replace(/_/g, "-"); }

  function update() {
    var box = document.getElementById("comp-calc");
    if (!box) return;
    var stored = window.handbookProfile.load(), values = {}, labels = {};
    KEYS.forEach(function (key) {
      values[key] = Object.prototype.hasOwnProperty.call(stored, key)
        ? stored[key] : box.getAttribute("data-" + attr(key));
      labels[key] = box.getAttribute("data-label-" + attr(key)) || key;
    });
    var error = box.querySelector('[data-comp="error"]'), out;
    try {
      out = texts(readInputs(values, labels), labels);
      error.hidden = true;
      error.textContent = "";
    } catch (err) {
      out = texts({ total: null, pay: null, avg: null }, labels);
      error.textContent = err.message;
      error.hidden = false;
    }
    Object.keys(out).forEach(function (slot) {
      var el = box.querySelector('[data-comp="' + slot + '"]');
      if (el) el.textContent = out[slot];
    });
  }

  window.handbookCompensation = { compute: compute, compensationMonths: compensationMonths,
                                  yuan: yuan, readInputs: readInputs, texts: texts, update: update };

  /* profile.js (loaded first) passes changes from other tabs on as this event. */
  document.addEventListener(window.handbookProfile.EVENT, update);
  if (typeof window.document$ !== "undefined") {
    window.document$.subscribe(update);
  } else {
    update();
  }
})();
