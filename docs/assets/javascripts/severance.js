/* The severance rules (劳动合同法 第47条, 劳动合同法实施条例 第27条) and every
   text of the calculator, with no DOM: the one implementation. The browser
   recomputes with it as the reader types (calculator.js); the build runs this
   very file with dukpy (hooks/handbook/severance.py; the rules: README,
   劳动权益). ES5, so any interpreter and browser can run it. Money is in K
   (annual_package in 万元); results in yuan.

   The month's wage (第47条 月工资; 实施条例 第27条: 应得工资 including 奖金、
   津贴和补贴, the average of the 12 months before the contract ends, never
   below the local minimum wage):
     monthly_salary set:  (monthly_salary × salary_months (12 if unset)
                           + annual_bonus) ÷ 12 + monthly_allowance
     otherwise:           annual_package ÷ 12
     then at least local_min_wage, when given.
   The "+1" of N+1 (实施条例 第20条: the previous month's pay) is one ordinary
   month: monthly_salary + monthly_allowance (annual_package ÷ 12 without a
   monthly salary); it is never capped.

   handbookSeverance.texts(values, labels) → {ok: true, texts: {slot: text}}
   or {ok: false, problems: [{key, label, value, rule}]} (rule "whole",
   "positive" or "number"); message(problem) is the browser's Chinese
   sentence. */
(function (root) {
  "use strict";

  var YEARS = "service_years", MONTHS = "service_months",
      PAY = "monthly_salary", PAY_MONTHS = "salary_months",
      BONUS = "annual_bonus", ALLOWANCE = "monthly_allowance",
      PACKAGE = "annual_package", AVG = "local_avg_wage", MIN = "local_min_wage";
  var KEYS = [YEARS, MONTHS, PAY, PAY_MONTHS, BONUS, ALLOWANCE, PACKAGE, AVG, MIN];
  var RULES = {};
  RULES[YEARS] = "whole";       // whole numbers, 0 or more
  RULES[MONTHS] = "whole";
  RULES[PAY] = "positive";      // numbers above 0
  RULES[PAY_MONTHS] = "positive";
  RULES[PACKAGE] = "positive";
  RULES[AVG] = "positive";
  RULES[MIN] = "positive";
  RULES[BONUS] = "number";      // numbers, 0 or more
  RULES[ALLOWANCE] = "number";
  var K = 1000, WAN = 10000;    // yuan per K, per 万元
  var YEAR_MONTHS = 12;         // salary_months when unset; the divisor of a year's pay
  var CAP_FACTOR = 3;           // pay above 3× the local average: base capped at 3× ...
  var CAP_YEARS = 12;           // ... and at most 12 years (months of pay) counted
  // Without the local average: from this wage (yuan) on, ask for it plainly.
  // 3 × 5,000 yuan: local monthly averages lie above 5,000 yuan almost
  // everywhere, so from here on the cap may bind somewhere.
  var ASK_AVERAGE_FROM = 15 * K;
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

  function given(value) { return value !== null && value !== undefined; }

  /* The month's wage in yuan from read inputs (null when neither the
     monthly salary nor the annual package is known):
     {wage, computed (before the floor), from: "pay" | "package", payMonths,
     floored, month}. */
  function wageOf(inputs) {
    var wage, month, from, payMonths = null;
    if (given(inputs.pay)) {
      payMonths = given(inputs.payMonths) ? inputs.payMonths : YEAR_MONTHS;
      var allowance = given(inputs.allowance) ? inputs.allowance * K : 0;
      var bonus = given(inputs.bonus) ? inputs.bonus * K : 0;
      wage = (inputs.pay * K * payMonths + bonus) / YEAR_MONTHS + allowance;
      month = inputs.pay * K + allowance;
      from = "pay";
    } else if (given(inputs["package"])) {
      wage = inputs["package"] * WAN / YEAR_MONTHS;
      month = wage;
      from = "package";
    } else {
      return null;
    }
    var computed = wage, floored = given(inputs.min) && wage < inputs.min * K;
    if (floored) wage = inputs.min * K;
    return { wage: wage, computed: computed, from: from, payMonths: payMonths, floored: floored,
             month: month };
  }

  /* N, N+1 and 2N in yuan from read inputs that give the service and a
     wage. */
  function compute(inputs) {
    var w = wageOf(inputs);
    var months = compensationMonths(inputs.total);
    var capped = given(inputs.avg) && w.wage > CAP_FACTOR * inputs.avg * K;
    var base = capped ? CAP_FACTOR * inputs.avg * K : w.wage;
    if (capped) months = Math.min(months, CAP_YEARS);
    var n = months * base;
    return { months: months, base: base, wage: w.wage, from: w.from, payMonths: w.payMonths,
             floored: w.floored, month: w.month, capped: capped,
             n: n, n_plus_1: n + w.month, two_n: 2 * n };
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

  /* {ok: true, inputs: {total, pay, payMonths, bonus, allowance, package,
     avg, min}} (null where unset) or {ok: false, problems: [...]}, every bad
     key at once. */
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
    return { ok: true, inputs: {
      total: total, pay: parsed[PAY], payMonths: parsed[PAY_MONTHS], bonus: parsed[BONUS],
      allowance: parsed[ALLOWANCE], "package": parsed[PACKAGE], avg: parsed[AVG], min: parsed[MIN] } };
  }

  /* The browser's sentence for a problem (the build phrases its own, in
     English, in hooks/handbook/severance.py). */
  function message(problem) {
    var whole = problem.rule === "whole", positive = problem.rule === "positive";
    return "资料“" + problem.label + "”（" + problem.key + "）需要填" + (whole ? "整数" : "数字") +
      "，" + (positive ? "大于 0" : "不小于 0") + "，现在是“" + String(problem.value) + "”。";
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

  /* How the month's wage was found, in one sentence: the figures used, the
     result, and what was assumed (the page states the rule). */
  function baseText(inputs, w, labels) {
    if (w === null) {
      return "月工资 =（" + placeholder(labels, PAY) + " × " + placeholder(labels, PAY_MONTHS) + " + " +
        placeholder(labels, BONUS) + "）÷ 12 + " + placeholder(labels, ALLOWANCE) + "；只知道年薪总包时，用 " +
        placeholder(labels, PACKAGE) + " ÷ 12。";
    }
    var formula, notes = [];
    if (w.from === "package") {
      formula = "年薪总包 " + inputs["package"] + " 万元 ÷ 12";
      notes.push("没填月薪，用年薪总包；总包里的股票、期权一般不算工资，有的话请改填月薪和薪数");
    } else {
      var months = "月薪 " + yuan(inputs.pay * K) + " × " + w.payMonths + " 薪";
      formula = given(inputs.bonus) && inputs.bonus > 0
        ? "（" + months + " + 薪数之外的年奖金 " + yuan(inputs.bonus * K) + "）÷ 12"
        : months + " ÷ 12";
      if (given(inputs.allowance) && inputs.allowance > 0) {
        formula += " + 每月津贴补贴 " + yuan(inputs.allowance * K);
      }
      if (!given(inputs.payMonths)) notes.push("未填每年发薪月数，按 12 薪算");
    }
    var text = "月工资 =" + (formula.charAt(0) === "（" ? "" : " ") + formula + " = " + yuan(w.floored ? w.computed : w.wage) +
      (notes.length ? "（" + notes.join("；") + "）" : "");
    if (w.floored) text += "，低于当地月最低工资标准，按最低工资 " + yuan(w.wage) + "算";
    return text + "。";
  }

  function capText(inputs, r) {
    if (r.capped) {
      return "月工资高于当地月平均工资的 3 倍：基数按 3 倍即 " + yuan(r.base) + " 计，最多算 " +
        CAP_YEARS + " 年。";
    }
    if (given(inputs.avg)) return "月工资不高于当地月平均工资的 3 倍：不封顶。";
    if (r.wage > ASK_AVERAGE_FROM) {
      return "请填上“当地上年度职工月平均工资”（当地人社部门每年公布）：月工资 " + yuan(r.wage) +
        "在一些城市已高于它的 3 倍，那时基数按 3 倍计、最多算 " + CAP_YEARS + " 年，这里的金额会偏高。";
    }
    return "未填当地月平均工资，没有检查封顶：月工资高于它的 3 倍时，基数按 3 倍计、最多算 " +
      CAP_YEARS + " 年。";
  }

  var AVERAGE_NOTE = "法律按解除或终止前 12 个月的平均应得工资算（实施条例第27条）；这里按你填的数估算，" +
    "和工资条、银行流水对不上时，以实际发放的为准。";
  var SHORT_NOTE = "在本单位不满 12 个月：法律按实际工作月数的平均工资算（实施条例第27条）；" +
    "年终多发的月数或奖金还没发的，实际平均可能比这里低，以工资条为准。";

  /* Every text from read inputs; placeholders 〔…〕 stand in for what the
     values do not give. */
  function textsOf(inputs, labels) {
    var service = inputs.total !== null
      ? serviceText(inputs.total)
      : placeholder(labels, YEARS) + " 年 " + placeholder(labels, MONTHS) + " 个月";
    var avg = given(inputs.avg) ? yuan(inputs.avg * K) : "未填写";
    var min = given(inputs.min) ? yuan(inputs.min * K) : "未填写";
    var w = wageOf(inputs);
    var out = {
      input: "在本单位工作 " + service + "；当地上年度职工月平均工资 " + avg + "；当地月最低工资标准 " + min + "。",
      base: baseText(inputs, w, labels),
      note: inputs.total !== null && inputs.total < YEAR_MONTHS ? SHORT_NOTE : AVERAGE_NOTE
    };
    if (inputs.total === null || w === null) {
      out["n-formula"] = "折算月数 × 月工资";
      out.n = "〔N〕";
      out["n1-formula"] = "N + 一个月工资（" + placeholder(labels, PAY) + "）";
      out.n1 = "〔N+1〕";
      out["n2-formula"] = "2 × N";
      out.n2 = "〔2N〕";
      out.cap = "填上工作年限和月薪（或年薪总包），这里就按你的数算出金额。";
      return out;
    }
    var r = compute(inputs);
    out["n-formula"] = monthsText(r.months) + " × " + yuan(r.base);
    out.n = yuan(r.n);
    out["n1-formula"] = yuan(r.n) + " + " + yuan(r.month);
    out.n1 = yuan(r.n_plus_1);
    out["n2-formula"] = "2 × " + yuan(r.n);
    out.n2 = yuan(r.two_n);
    out.cap = capText(inputs, r);
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
    return textsOf({ total: null, pay: null, payMonths: null, bonus: null, allowance: null,
                     "package": null, avg: null, min: null }, labels);
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
