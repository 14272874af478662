/* The work of the 填写我的信息 panel, fetched by profile.js the first time
   the panel opens or an import link is in the address (with transfer.js
   before it, as one file: hooks/handbook/output/scripts.py): the inputs,
   built from the field list the build wrote (the dialog's
   data-profile-fields-src, fetched once), typing, 清除, and carrying the
   details to another device by file (导出 / 导入) or by QR code (发到手机).
   The import/export format is the dialog's data-profile-transfer (the
   build's copy of data/transfer.yml); checking and encoding are
   transfer.js. The QR library (vendored qrcode-generator) is loaded only
   when 发到手机 is used. Registers as handbook.profile.panel. */
(function () {
  "use strict";

  var hb = window.handbook, sel = hb.selectors, classes = hb.classes, profile = hb.profile;
  var transfer = hb.transfer;
  var load = profile.load, save = profile.save, apply = profile.apply, announce = profile.announce;
  var dialog = profile.dialog, spec = profile.spec, say = profile.say;

  function count(values) {
    return Object.keys(values).length;
  }

  /* -- the fields, fetched once and built into the panel ---------------------- */

  var fieldList = null;

  function fields() {
    if (!fieldList) {
      fieldList = fetch(dialog().getAttribute("data-profile-fields-src"))
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.json();
        })
        .then(function (data) { return data.fields; });
      fieldList.catch(function () { fieldList = null; }); /* try again next time */
    }
    return fieldList;
  }

  /* One input per value a page can show: a list has one per slot. */
  function rows(field) {
    if (field.type !== "list") {
      return [{ key: field.key, label: field.label, type: field.type, unit: field.unit, hint: field.defaults[0] }];
    }
    return field.defaults.map(function (hint, i) {
      return { key: field.key + "." + i, label: field.label + " " + (i + 1), type: "text", unit: "", hint: hint };
    });
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function buildInputs(list) {
    var box = dialog().querySelector(sel.profileFields);
    if (box.hasAttribute("data-built")) return;
    var limit = spec().max_value_chars;
    list.forEach(function (field) {
      rows(field).forEach(function (row) {
        var id = "profile-input-" + row.key.replace(/\./g, "-");
        var wrap = element("div", classes.field);
        var label = element("label", "", row.label);
        label.htmlFor = id;
        if (row.unit) label.appendChild(element("span", classes.unit, "（单位：" + row.unit + "）"));
        var input = element("input");
        input.id = id;
        input.type = "text";
        input.autocomplete = "off";
        input.maxLength = limit;
        input.placeholder = row.hint;
        input.setAttribute("data-profile-input", row.key);
        input.setAttribute("data-type", row.type);
        input.setAttribute("data-unit", row.unit);
        input.setAttribute("aria-describedby", id + "-error");
        if (row.type === "number") input.inputMode = "decimal";
        var error = element("p", classes.error,
          "请填写数字，例如 25" + (row.unit ? "（单位 " + row.unit + " 会自动加上）" : ""));
        error.id = id + "-error";
        error.hidden = true;
        wrap.appendChild(label);
        wrap.appendChild(input);
        wrap.appendChild(error);
        box.appendChild(wrap);
      });
    });
    box.setAttribute("data-built", "");
    box.removeAttribute("aria-busy");
  }

  function fillInputs() {
    var values = load();
    document.querySelectorAll(sel.profileInput).forEach(function (input) {
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
      var number = transfer.normaliseNumber(text, input.getAttribute("data-unit") || "");
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

  /* Open the panel; resolves with the field list once the inputs are built. */
  function open(focusFirst) {
    hb.profile.show();
    return fields().then(function (list) {
      buildInputs(list);
      fillInputs();
      var first = dialog().querySelector(sel.profileInput);
      if (focusFirst && first) first.focus({ preventScroll: true }); /* the panel opens at its top */
      return list;
    }, function (error) {
      profile.unreachable();
      throw error;
    });
  }

  function clearAll() {
    save({});
    fillInputs();
    apply();
    announce();
    say("");
    hideCode();
    hb.announce("已清除你填写的信息");
  }

  /* -- import: a file or a link, checked like typed input --------------------- */

  function labelsOf(values, list) {
    var names = [];
    list.forEach(function (field) {
      var set = rows(field).some(function (row) { return values[row.key]; });
      if (set) names.push(field.label);
    });
    return names;
  }

  /* Store `result` (transfer.read) once the reader agreed; `question` asks
     first (a link), else only overwriting asks. Returns whether it stored. */
  function take(result, source, list, question) {
    if (!result.ok) {
      say("未导入" + source + "：" + result.problems.join("；") + "。你的信息没有改动。", true);
      return false;
    }
    var before = count(load()), incoming = count(result.values);
    if (!incoming) {
      say("未导入" + source + "：里面没有本站能用的信息。你的信息没有改动。", true);
      return false;
    }
    var replace = before ? "导入会替换你在这台设备上已填写的 " + before + " 项信息。" : "";
    var asked = question ? question(incoming, labelsOf(result.values, list)) + replace : replace;
    if (asked && !window.confirm(asked + "继续吗？")) {
      say("已取消导入，你的信息没有改动。");
      return false;
    }
    save(result.values);
    fillInputs();
    apply();
    announce();
    var text = "已导入 " + incoming + " 项信息。";
    if (result.unknown.length) {
      text += "忽略了 " + result.unknown.length + " 个本站不认识的项：" + result.unknown.join("、") + "。";
    }
    say(text);
    return true;
  }

  function importFile(file) {
    var limit = spec().max_payload_bytes;
    var source = "「" + file.name + "」";
    open(false).then(function (list) {
      if (file.size > limit) {
        say("未导入" + source + "：文件太大（" + Math.ceil(file.size / 1024) + " KB，上限 " +
            Math.round(limit / 1024) + " KB），不是本站导出的信息。你的信息没有改动。", true);
        return;
      }
      file.text().then(function (text) {
        take(transfer.read(text, list, spec()), source, list, null);
      }, function () {
        say("未导入" + source + "：读不了这个文件。", true);
      });
    });
  }

  /* A link made by 发到手机 (or the owner's terminal): profile.js took
     `hash` (#profile=…) out of the address already. */
  function importLink(hash) {
    var s = spec();
    open(false).then(function (list) {
      take(transfer.readFragment(hash, list, s), "链接里的信息", list, function (n, names) {
        return "这个链接带来了 " + n + " 项信息（" + names.slice(0, 4).join("、") +
          (names.length > 4 ? "等" : "") + "），要保存到这台设备的浏览器里吗？";
      });
    });
  }

  /* -- export: a file, or a QR code of the import link ------------------------ */

  function current(list) {
    return transfer.payload(load(), list, spec());
  }

  /* How many values a payload carries: a list counts its filled items. */
  function items(data) {
    return Object.keys(data.values).reduce(function (sum, key) {
      var value = data.values[key];
      return sum + (Array.isArray(value) ? value.filter(Boolean).length : 1);
    }, 0);
  }

  function exportFile() {
    open(false).then(function (list) {
      var data = current(list), n = items(data);
      if (!n) {
        say("还没有填写任何信息，没有可导出的内容。", true);
        return;
      }
      var url = URL.createObjectURL(new Blob([transfer.toText(data)], { type: "application/json" }));
      var link = element("a");
      link.href = url;
      link.download = spec().file_name;
      link.hidden = true;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(function () { URL.revokeObjectURL(url); }, 0);
      say("已导出 " + n + " 项信息到文件 " + spec().file_name + "。文件里是你的全部信息，请只传到自己的设备上。");
    });
  }

  /* qrcode-generator, loaded from the site the first time it is needed. */
  function qrLibrary() {
    return hb.loadScript(dialog().getAttribute("data-profile-qr-src"), function () {
      return typeof window.qrcode === "function" ? window.qrcode : null;
    });
  }

  function siteRoot() {
    return window.__md_scope instanceof URL ? window.__md_scope.href : new URL(".", location.href).href;
  }

  function hideCode() {
    var figure = dialog().querySelector(sel.profileQr);
    if (figure) figure.hidden = true;
  }

  /* Black modules on white with a four-module quiet zone, whatever the scheme. */
  function draw(canvas, qrcode, link) {
    var code = qrcode(0, "L");
    code.addData(link, "Byte");
    code.make();
    var modules = code.getModuleCount(), scale = 4, size = (modules + 8) * scale;
    canvas.width = size;
    canvas.height = size;
    var context = canvas.getContext("2d");
    context.fillStyle = "#fff";
    context.fillRect(0, 0, size, size);
    context.fillStyle = "#000";
    for (var row = 0; row < modules; row += 1) {
      for (var col = 0; col < modules; col += 1) {
        if (code.isDark(row, col)) context.fillRect((col + 4) * scale, (row + 4) * scale, scale, scale);
      }
    }
  }

  function sendToPhone() {
    open(false).then(function (list) {
      var s = spec(), data = current(list), n = items(data);
      hideCode();
      if (!n) {
        say("还没有填写任何信息，没有可发送的内容。", true);
        return;
      }
      var link = transfer.toLink(data, siteRoot(), s);
      if (link.length > s.max_link_bytes) {
        say("你的信息太长，一个二维码放不下（链接 " + link.length + " 字节，上限 " + s.max_link_bytes +
            " 字节）。请删减较长的内容，或用「导出」把信息存成文件。", true);
        return;
      }
      qrLibrary().then(function (qrcode) {
        var figure = dialog().querySelector(sel.profileQr);
        draw(figure.querySelector("canvas"), qrcode, link);
        figure.querySelector(sel.profileQrCaption).textContent =
          "用手机相机扫码：打开本站并导入这 " + n + " 项信息（" + labelsOf(load(), list).join("、") + "）。";
        figure.hidden = false;
        say("");
        figure.scrollIntoView({ block: "nearest" });
      }, function () {
        say("二维码工具没能加载，请联网后再试。", true);
      });
    });
  }

  /* -- events ----------------------------------------------------------------- */

  document.addEventListener("input", function (event) {
    var target = event.target;
    if (target instanceof Element && target.matches(sel.profileInput)) onInput(target);
  });

  document.addEventListener("change", function (event) {
    var target = event.target;
    if (!(target instanceof HTMLInputElement) || !target.matches(sel.profileFile)) return;
    var file = target.files && target.files[0];
    target.value = ""; /* the same file may be chosen again */
    if (file) importFile(file);
  });

  window.addEventListener("storage", function (event) {
    if ((event.key === hb.keys.profile || event.key === null) && dialog() && dialog().open) fillInputs();
  });

  /* A button of the open panel (profile.js hands the click over). */
  function act(target) {
    if (target.closest(sel.profileClear)) clearAll();
    else if (target.closest(sel.profileExport)) exportFile();
    else if (target.closest(sel.profileImport)) dialog().querySelector(sel.profileFile).click();
    else if (target.closest(sel.profileSend)) sendToPhone();
  }

  profile.panel = { open: open, importLink: importLink, act: act };
})();
