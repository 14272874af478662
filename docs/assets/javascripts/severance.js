/* The severance rules (劳动合同法 第47条) and every text of the calculator,
   with no DOM: the one implementation. The browser recomputes with it as the
   reader types (calculator.js); the build runs this very file with dukpy
   (hooks/handbook/severance.py; the rules: README, 劳动权益). ES5, so any
   interpreter and browser can run it. Pay is in K; results in yuan.

   handbookSeverance.texts(values, labels) → {ok: true, texts: {slot: text}}
   or {ok: false, problems: [{key, label, value, rule}]} (rule "whole" or
   "positive"); message(problem) is the browser's Chinese sentence. */
(function (root) {
  "use strict";

  var YEARS = "service_years", MONTHS = "service_months",
      PAY = "monthly_salary", AVG = "local_avg_wage";
  var KEYS = [YEARS, MONTHS, PAY, AVG];
  var RULES = {};
  RULES[YEARS] = "whole";
  RULES[MONTHS] = "whole";
  RULES[PAY] = "positive";
  RULES[AVG] = "positive";
  var CAP_FACTOR = 3;   // pay above 3× the local average: base capped at 3× ...
  var CAP_YEARS = 12;   // ... and at most 12 years (months of pay) counted
  var NUMBER = /^\s*-?\d+(\.\d+)?\s*$/;

  function own(object, key) {
    return object !== null && object !== undefined &&
      Object.prototype.hasOwnProperty.call(object, key);
  }

  function labelOf(labels, key) {
    var label = own(labels, key) ? labels[key] : null;
    return typeof label === "string" && label !== "" ? label : key;
  }

  function placeholder(labels, key) {
    return "〔" + labelOf(labels, key) + "〕";
  }

  /* -- the rules ------------------------------------------------------------ */

  /* Art. 47: one month per full year; a remainder of six months or more
     counts as a year, a shorter one as half a month. */
  function compensationMonths(totalMonths) {
    var full = Math.floor(totalMonths / 12), rest = totalMonths - full * 12;
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

  /* -- reading the values ------------------------------------------------- */

  function unset(value) {
    return value === null || value === undefined ||
      (typeof value === "string" && value.trim() === "");
  }

  /* One value as a number; undefined when the rule refuses it (a value that
     is unset is handled before). Strings must look like a decimal number;
     numbers must be finite; anything else (a boolean, an object) is refused. */
  function parseNumber(value, rule) {
    var number;
    if (typeof value === "number") {
      number = value;
    } else if (typeof value === "string" && NUMBER.test(value)) {
      number = parseFloat(value);
    } else {
      return undefined;
    }
    if (!isFinite(number) || number < 0) return undefined;
    if (rule === "whole" && number !== Math.floor(number)) return undefined;
    if (rule === "positive" && number === 0) return undefined;
    return number === 0 ? 0 : number;  // -0 → 0
  }

  /* {ok: true, inputs: {total, pay, avg}} (null where unset) or
     {ok: false, problems: [...]}, every bad key at once. */
  function read(values, labels) {
    var parsed = {}, problems = [], i, key, value, number;
    for (i = 0; i < KEYS.length; i++) {
      key = KEYS[i];
      value = own(values, key) ? values[key] : null;
      if (unset(value)) {
        parsed[key] = null;
        continue;
      }
      number = parseNumber(value, RULES[key]);
      if (number === undefined) {
        problems.push({ key: key, label: labelOf(labels, key), value: value, rule: RULES[key] });
      } else {
        parsed[key] = number;
      }
    }
    if (problems.length) return { ok: false, problems: problems };
    var years = parsed[YEARS], months = parsed[MONTHS];
    var total = years === null && months === null ? null : (years || 0) * 12 + (months || 0);
    return { ok: true, inputs: { total: total, pay: parsed[PAY], avg: parsed[AVG] } };
  }

  /* The browser's sentence for a problem (the build phrases its own, in
     English, in hooks/handbook/severance.py). */
  function message(problem) {
    var whole = problem.rule === "whole";
    return "资料“" + problem.label + "”（" + problem.key + "）需要填" + (whole ? "整数" : "数字") +
      "，" + (whole ? "不小于 0" : "大于 0") + "，现在是“" + String(problem.value) + "”。";
  }

  /* -- the texts ------------------------------------------------------------ */

  /* Yuan with thousands separators; cents only when there are any, rounded
     half up. */
  function yuan(amount) {
    var cents = Math.floor(amount * 100 + 0.5);
    var whole = Math.floor(cents / 100), rest = cents - whole * 100;
    var grouped = String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    return rest === 0 ? grouped + " 元" : grouped + "." + (rest < 10 ? "0" : "") + rest + " 元";
  }

  /* 0.5 → "0.5 个月", 2 → "2 个月". */
  function monthsText(months) {
    return String(months) + " 个月";
  }

  function serviceText(totalMonths) {
    var years = Math.floor(totalMonths / 12);
    return years + " 年 " + (totalMonths - years * 12) + " 个月";
  }

  /* Every text from read inputs; placeholders 〔…〕 stand in for what the
     values do not give. */
  function textsOf(inputs, labels) {
    var service = inputs.total !== null
      ? serviceText(inputs.total)
      : placeholder(labels, YEARS) + " 年 " + placeholder(labels, MONTHS) + " 个月";
    var pay = inputs.pay !== null ? yuan(inputs.pay * 1000) : placeholder(labels, PAY);
    var avg = inputs.avg !== null ? yuan(inputs.avg * 1000) : "未填写";
    var out = { input: "在本单位工作 " + service + "；月工资 " + pay +
                       "；当地上年度职工月平均工资 " + avg + "。" };
    if (inputs.total === null || inputs.pay === null) {
      out["n-formula"] = "折算月数 × 月工资（" + placeholder(labels, PAY) + "）";
      out.n = "〔N〕";
      out["n1-formula"] = "N + 一个月工资（" + placeholder(labels, PAY) + "）";
      out.n1 = "〔N+1〕";
      out["n2-formula"] = "2 × N";
      out.n2 = "〔2N〕";
      out.cap = "填上工作年限和月薪，这里就按你的数算出金额。";
      return out;
    }
    var r = compute(inputs.total, inputs.pay, inputs.avg);
    out["n-formula"] = monthsText(r.months) + " × " + yuan(r.base);
    out.n = yuan(r.n);
    out["n1-formula"] = yuan(r.n) + " + " + yuan(r.pay);
    out.n1 = yuan(r.n_plus_1);
    out["n2-formula"] = "2 × " + yuan(r.n);
    out.n2 = yuan(r.two_n);
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

  function texts(values, labels) {
    var result = read(values, labels);
    if (!result.ok) return result;
    return { ok: true, texts: textsOf(result.inputs, labels) };
  }

  /* The texts with nothing filled in (what the calculator shows beside an
     error). */
  function placeholders(labels) {
    return textsOf({ total: null, pay: null, avg: null }, labels);
  }

  root.handbookSeverance = {
    KEYS: KEYS,
    RULES: RULES,
    CAP_FACTOR: CAP_FACTOR,
    CAP_YEARS: CAP_YEARS,
    compensationMonths: compensationMonths,
    compute: compute,
    read: read,
    texts: texts,
    placeholders: placeholders,
    message: message,
    yuan: yuan
  };
})(typeof window !== "undefined" ? window : this);
