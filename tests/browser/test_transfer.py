"""Carry your details to another device, in Chromium at phone size: the
填写我的信息 panel builds its inputs once, when first opened; 导出 → 导入 moves
the values between two browser contexts by file; 发到手机 draws a QR code
(decoded here with zxing-cpp) whose link imports the same values on
another device after a confirmation and leaves no trace in the address bar
or the history; a link written in Python the way the owner's terminal link
is (hooks/handbook/data/transfer.yml) imports too; malformed, oversized and
HTML-laden payloads are refused with a message and change nothing; nothing
is requested off-site and the QR library loads only when it is used (and
is kept offline from then on, not before)."""

from __future__ import annotations

import base64
import io
import json
import re
from urllib.parse import urlsplit

import pytest
import yaml

from .checks import SCREENSHOTS, Watch, black_hole_off_site, horizontal_overflow, open_panel, small_tap_targets
from .pages import FIELDS, ROOT
from .test_offline import wait_for_offline_copy

pytestmark = pytest.mark.browser

STORAGE = "handbook.profile"
SPEC = yaml.safe_load((ROOT / "hooks/handbook/data/transfer.yml").read_text(encoding="utf-8"))
XSS = '<img src=x onerror="window.__pwned=1">'
FIELDS_JSON = "assets/javascripts/profile-fields.json"
QR_LIBRARY = "vendor/qrcode-generator/qrcode.js"
# What the reader types in the first browser (as the panel stores it).
TYPED = {"name": "韩梅梅", "company": XSS, "monthly_salary": "25", "years": "5", "projects.0": "智能客服",
         "projects.2": "质检平台"}
# The same as the file and the link carry them: typed per field.
PAYLOAD_VALUES = {"name": "韩梅梅", "company": XSS, "years": 5, "projects": ["智能客服", "", "质检平台"],
                  "monthly_salary": 25}


def ready(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("[data-profile-open]:not([hidden])", state="attached")


def stored(page) -> dict | None:
    raw = page.evaluate(f"localStorage.getItem({STORAGE!r})")
    return None if raw is None else json.loads(raw)


def store(page, values: dict) -> None:
    page.evaluate(f"v => localStorage.setItem({STORAGE!r}, JSON.stringify(v))", values)


def type_values(panel, values: dict) -> None:
    for key, value in values.items():
        panel.locator(f'[data-profile-input="{key}"]').fill(value)


def message(page) -> tuple[str, bool]:
    """The panel's message and whether it is marked as a problem."""
    box = page.locator("[data-profile-message]")
    box.wait_for(state="visible", timeout=5000)
    return box.inner_text(), "profile-panel__message--problem" in (box.get_attribute("class") or "")


def link_for(site_url: str, payload: object) -> str:
    """An import link as the owner's terminal link is written (transfer.yml)."""
    text = payload if isinstance(payload, str) else json.dumps(payload, ensure_ascii=False)
    encoded = base64.urlsafe_b64encode(text.encode("utf-8")).decode("ascii").rstrip("=")
    return f"{site_url}#{SPEC['fragment_key']}={encoded}"


def payload(values: dict) -> dict:
    return {"format": SPEC["format"], "version": SPEC["version"], "values": values}


def accept_dialogs(page) -> list[str]:
    """Accept every confirm() and keep what it asked."""
    asked: list[str] = []
    page.on("dialog", lambda d: (asked.append(d.message), d.accept()))
    return asked


def opened(page):
    """The panel, opened from its header button unless it is open already."""
    if page.evaluate("document.getElementById('profile-panel').open"):
        return page.get_by_role("dialog", name="填写我的信息")
    return open_panel(page)


def decode_qr(canvas) -> list[str]:
    """The texts of the QR codes in a screenshot of `canvas` (zxing-cpp)."""
    import zxingcpp
    from PIL import Image

    image = Image.open(io.BytesIO(canvas.screenshot()))
    return [result.text for result in zxingcpp.read_barcodes(image)]


# -- the panel is built once, when opened ----------------------------------------------

def panel_inputs(page) -> int:
    return page.locator("#profile-panel [data-profile-input]").count()


def test_the_fields_are_built_when_the_panel_first_opens_and_once(served, new_context):
    page = new_context().new_page()
    fetched: list[str] = []
    page.on("request", lambda r: r.url.endswith(FIELDS_JSON) and fetched.append(r.url))
    ready(page, served.url + "salary/")
    assert panel_inputs(page) == 0 and fetched == []  # nothing of the panel's fields in the page
    panel = opened(page)
    panel.get_by_label("姓名").wait_for()
    slots = sum(f.count if f.type == "list" else 1 for f in FIELDS.values())
    assert panel_inputs(page) >= slots  # a list has one input per slot
    expected = panel_inputs(page)
    page.get_by_role("button", name="关闭").click()
    opened(page)
    assert panel_inputs(page) == expected and len(fetched) == 1
    page.get_by_role("button", name="关闭").click()
    page.evaluate("window.__noReload = true")
    page.locator("a.md-footer__link--next").click()  # instant navigation keeps the panel
    page.wait_for_url("**/ask/")
    assert page.evaluate("window.__noReload") is True
    opened(page)
    assert panel_inputs(page) == expected and len(fetched) == 1


def two_devices(new_context, site_url: str, off_site: list[str]):
    """A laptop's and a phone's page, separate browser contexts; every
    off-site request of either is held and logged in `off_site`."""
    pages = []
    for context in (new_context("desktop"), new_context()):
        black_hole_off_site(context, site_url, off_site)
        pages.append(context.new_page())
    return pages


# -- 导出 → 导入 by file ---------------------------------------------------------------------

def export_file(page, tmp_path) -> dict:
    panel = opened(page)
    with page.expect_download() as download:
        panel.get_by_role("button", name="导出").click()
    assert download.value.suggested_filename == SPEC["file_name"]
    path = tmp_path / SPEC["file_name"]
    download.value.save_as(path)
    return json.loads(path.read_text(encoding="utf-8"))


def test_export_then_import_moves_the_values_to_another_browser(served, new_context, tmp_path):
    off_site: list[str] = []
    laptop, phone = two_devices(new_context, served.url, off_site)
    watch = Watch(laptop, served.url)
    ready(laptop, served.url)
    type_values(opened(laptop), TYPED)
    data = export_file(laptop, tmp_path)
    assert data == payload(PAYLOAD_VALUES)  # numbers as numbers, a list as a list
    assert "已导出 6 项信息" in message(laptop)[0]

    asked = accept_dialogs(phone)
    ready(phone, served.url + "opening/")
    store(phone, {"name": "旧名字", "school": "旧学校"})
    phone.reload()
    opened(phone).locator("[data-profile-file]").set_input_files(str(tmp_path / SPEC["file_name"]))
    text, problem = message(phone)
    assert (text, problem) == ("已导入 6 项信息。", False)
    assert asked == ["导入会替换你在这台设备上已填写的 2 项信息。继续吗？"]  # asked before overwriting
    assert stored(phone) == TYPED == stored(laptop)
    assert phone.locator('[data-profile-input="company"]').input_value() == XSS
    phone.get_by_role("button", name="完成").click()
    names = phone.locator('span.pf[data-profile="name"]')
    assert names.first.inner_text() == "韩梅梅"
    assert phone.evaluate("window.__pwned") is None
    assert watch.problems() == [] and off_site == []


def test_declining_the_overwrite_changes_nothing(served, new_context, tmp_path):
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(payload({"name": "新名字"}), ensure_ascii=False), encoding="utf-8")
    page = new_context().new_page()
    page.on("dialog", lambda d: d.dismiss())
    ready(page, served.url)
    store(page, {"name": "旧名字"})
    opened(page).locator("[data-profile-file]").set_input_files(str(path))
    assert message(page) == ("已取消导入，你的信息没有改动。", False)
    assert stored(page) == {"name": "旧名字"}


# -- 发到手机: a QR code ------------------------------------------------------------------------

def show_code(page, values: dict):
    panel = opened(page)
    type_values(panel, values)
    panel.get_by_role("button", name="发到手机").click()
    return panel


def test_the_qr_code_opens_the_site_on_the_phone_and_imports_the_same_values(served, new_context, tmp_path):
    off_site: list[str] = []
    laptop, phone = two_devices(new_context, served.url, off_site)
    ready(laptop, served.url + "offer/")
    panel = show_code(laptop, TYPED)
    canvas = panel.locator("[data-profile-qr] canvas")
    canvas.wait_for(state="visible")
    assert "任何人扫到这个二维码都能看到这些信息" in panel.inner_text()  # what the code carries, said plainly
    assert "6 项信息" in panel.locator("[data-profile-qr-caption]").inner_text()
    links = decode_qr(canvas)
    assert len(links) == 1 and links[0].startswith(served.url + "#profile=")  # the site's root, not this page
    encoded = links[0].split("#profile=", 1)[1]
    sent = json.loads(base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)))
    assert sent == export_file(laptop, tmp_path)  # the same payload as the file

    asked = accept_dialogs(phone)
    ready(phone, served.url + "ask/")
    phone.goto(links[0])
    assert "已导入 6 项信息。" == message(phone)[0]
    assert asked and asked[0].startswith("这个链接带来了 6 项信息（姓名、现任公司、工作年限、代表项目等）")
    assert stored(phone) == TYPED
    # the details left the address bar and the history entry
    assert phone.evaluate("location.hash") == "" and phone.url == served.url
    phone.go_back()
    phone.wait_for_url(served.url + "ask/")
    phone.go_forward()
    phone.wait_for_url(served.url)
    assert "profile=" not in phone.url
    assert phone.evaluate("window.__pwned") is None and off_site == []


def test_the_qr_code_carries_the_sub_path(served_subpath, new_context):
    page = new_context().new_page()
    ready(page, served_subpath.url + "salary/")
    panel = show_code(page, {"name": "李雷"})
    canvas = panel.locator("[data-profile-qr] canvas")
    canvas.wait_for(state="visible")
    links = decode_qr(canvas)
    assert len(links) == 1 and links[0].startswith(served_subpath.url + "#profile=")
    SCREENSHOTS.mkdir(exist_ok=True)
    canvas.scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "profile-qr-390x844.png"))
    phone = new_context().new_page()
    accept_dialogs(phone)
    phone.goto(links[0])
    assert message(phone)[0] == "已导入 1 项信息。"
    assert stored(phone) == {"name": "李雷"} and phone.url == served_subpath.url


def test_the_panel_with_its_code_fits_a_phone(served, new_context):
    page = new_context("phone-360").new_page()
    ready(page, served.url)
    show_code(page, TYPED).locator("[data-profile-qr] canvas").wait_for(state="visible")
    assert small_tap_targets(page, "#profile-panel button") == []
    assert horizontal_overflow(page) == []
    box = page.locator("[data-profile-qr] canvas").bounding_box()
    assert 250 <= box["width"] <= 360 and box["width"] == box["height"]


QR_FAILED = "二维码工具没能加载，请联网后再试。"


def code_offline(context, served, used_online: bool) -> str:
    """After one visit (with 发到手机 used once online if `used_online`), with
    no network: what 发到手机 gives after a reload, "drawn" (the code, decoded,
    holds the import link) or the panel's message."""
    page = context.new_page()
    ready(page, served.url)
    wait_for_offline_copy(page)
    if used_online:
        show_code(page, {"name": "李雷"}).locator("[data-profile-qr] canvas").wait_for(state="visible")
    with served.switch.off(context):
        page.reload()
        panel = show_code(page, {"name": "李雷"})  # the fields come from the offline copy
        canvas = panel.locator("[data-profile-qr] canvas")
        page.wait_for_function("""() => !document.querySelector('[data-profile-qr]').hidden
            || !document.querySelector('[data-profile-message]').hidden""")
        if not canvas.is_visible():
            return message(page)[0]
        compact = json.dumps(payload({"name": "李雷"}), ensure_ascii=False, separators=(",", ":"))
        return "drawn" if decode_qr(canvas) == [link_for(served.url, compact)] else "a wrong code"


def test_the_qr_library_is_kept_offline_once_used(served, new_context):
    assert code_offline(new_context(), served, used_online=True) == "drawn"


def test_offline_before_any_use_the_code_says_the_qr_tool_needs_the_network(served, new_context):
    # not in the offline copy: cached the first time 发到手机 fetches it
    assert code_offline(new_context(), served, used_online=False) == QR_FAILED


def test_the_qr_offline_check_sees_a_worker_that_precaches_the_library(project, serve_project, new_context):
    from .test_offline import change_worker

    change_worker(project, ("const CACHE = CACHE_PREFIX + VERSION;",
                            f'const CACHE = CACHE_PREFIX + VERSION;\nPRECACHE.push("assets/javascripts/{QR_LIBRARY}");'))
    assert code_offline(new_context(), serve_project(project), used_online=False) == "drawn"


PANEL_SCRIPT = re.compile(r"/assets/javascripts/panel\.[0-9a-f]{8}\.js$")


def panel_fetches(page) -> list[str]:
    """The requests of the panel's work (transfer.js + profile-panel.js), as they happen."""
    loaded: list[str] = []
    page.on("request", lambda r: PANEL_SCRIPT.search(urlsplit(r.url).path) and loaded.append(r.url))
    return loaded


def test_a_page_fetches_the_panels_work_only_when_the_panel_opens(served, new_context):
    page = new_context().new_page()
    loaded = panel_fetches(page)
    ready(page, served.url + "salary/")
    store(page, {"name": "李雷", "monthly_salary": "25"})
    ready(page, served.url + "salary/")  # stored values fill the page without it
    page.wait_for_function("() => [...document.querySelectorAll(\"span.pf[data-profile='name']\")]"
                           ".every(s => s.textContent === '李雷')")
    assert "25K" in page.evaluate("[...document.querySelectorAll(\"span.pf[data-profile='monthly_salary']\")]"
                                  ".map(s => s.textContent)")
    page.locator("[data-practice-toggle]").click()  # practice mode without it
    page.wait_for_function("() => document.documentElement.classList.contains('practice-mode')")
    page.wait_for_load_state("networkidle")
    assert loaded == []
    opened(page)  # the check sees the fetch: once, from the site
    assert len(loaded) == 1 and loaded[0].startswith(served.url)


def test_an_import_link_fetches_the_panels_work_and_imports(served, new_context):
    page = new_context().new_page()
    loaded = panel_fetches(page)
    asked = accept_dialogs(page)
    compact = json.dumps(payload({"name": "李雷"}), ensure_ascii=False, separators=(",", ":"))
    page.goto(link_for(served.url, compact))
    page.wait_for_function(f"() => localStorage.getItem({STORAGE!r}) !== null")
    assert asked and stored(page) == {"name": "李雷"}
    assert len(loaded) == 1 and loaded[0].startswith(served.url)


def test_a_panel_whose_work_cannot_be_fetched_says_so_and_tries_again(served, new_context):
    page = new_context().new_page()
    page.route(PANEL_SCRIPT, lambda route: route.abort())
    ready(page, served.url)
    page.get_by_role("button", name="填写我的信息").click()
    assert message(page) == ("暂时读不到信息栏目，请联网后刷新页面再试。", True)
    page.unroute(PANEL_SCRIPT)
    page.keyboard.press("Escape")
    opened(page)  # the next opening fetches it again and builds the inputs
    assert page.locator("[data-profile-input]").count() > 0


def test_the_qr_library_loads_only_when_a_code_is_drawn(served, new_context):
    page = new_context().new_page()
    loaded: list[str] = []
    page.on("request", lambda r: QR_LIBRARY in r.url and loaded.append(r.url))
    ready(page, served.url)
    opened(page)
    assert loaded == []
    show_code(page, {"name": "李雷"}).locator("[data-profile-qr] canvas").wait_for(state="visible")
    assert len(loaded) == 1 and loaded[0].startswith(served.url)


def test_details_too_long_for_one_code_get_a_clear_message_and_no_code(served, new_context):
    page = new_context().new_page()
    ready(page, served.url)
    long = {key: "很长的一段内容" * 25 for key in ("achievement", "specialty", "benefits", "bonus")}
    show_code(page, long)
    text, problem = message(page)
    assert problem and "一个二维码放不下" in text and f"上限 {SPEC['max_link_bytes']} 字节" in text
    assert page.locator("[data-profile-qr]").is_hidden()
    # the check sees a code when there is one
    page.locator('[data-profile-input="achievement"]').fill("短")
    for key in ("specialty", "benefits", "bonus"):
        page.locator(f'[data-profile-input="{key}"]').fill("")
    page.get_by_role("button", name="发到手机").click()
    page.locator("[data-profile-qr] canvas").wait_for(state="visible")


# -- links written elsewhere (the owner's terminal) and refused payloads ---------------------

def test_a_link_written_in_python_imports_and_names_what_it_ignored(served, new_context):
    page = new_context().new_page()
    asked = accept_dialogs(page)
    values = {"name": "张三", "years": 3.5, "skills": ["Python", "PyTorch"], "notice_weeks": "2周",
              "<b>nickname</b>": "小张"}
    page.goto(link_for(served.url, payload(values)))
    text, problem = message(page)
    assert not problem
    assert text == "已导入 5 项信息。忽略了 1 个本站不认识的项：<b>nickname</b>。"
    assert page.locator("[data-profile-message] b").count() == 0  # the key shows as text
    assert stored(page) == {"name": "张三", "years": "3.5", "skills.0": "Python", "skills.1": "PyTorch",
                            "notice_weeks": "2"}
    assert len(asked) == 1 and page.evaluate("location.hash") == ""


HOSTILE_KEY = {XSS: "x"}
REFUSED = {
    "not base64": ("#profile=%%%", "不完整或已损坏"),
    "not JSON": (None, "内容不是 JSON"),
    "another format": ({"format": "other", "version": 1, "values": {}}, "缺少 \"format\""),
    "a newer version": ({"format": SPEC["format"], "version": 99, "values": {}}, "版本 99"),
    "markup in a number": (payload({"name": "新", "years": XSS}), "「工作年限」应是不小于 0 的数字"),
    "a negative number": (payload({"years": -1}), "「工作年限」应是不小于 0 的数字"),
    "text that is a list": (payload({"name": ["a"]}), "「姓名」应是文字"),
    "too many list items": (payload({"projects": ["a"] * 9}), "「代表项目」最多"),
    "a value too long": (payload({"name": "长" * (SPEC["max_value_chars"] + 1)}),
                         f"「姓名」超过 {SPEC['max_value_chars']} 个字"),
    "oversized": (payload({"name": "x", "pad": "y" * SPEC["max_payload_bytes"]}), "太大"),
    "nothing usable": (payload(HOSTILE_KEY), "里面没有本站能用的信息"),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_a_bad_link_is_refused_with_a_message_and_changes_nothing(served, new_context, case):
    data, expected = REFUSED[case]
    if data is None:
        link = link_for(served.url, "<html><body>not the export</body></html>")
    elif isinstance(data, str):
        link = served.url + data
    else:
        link = link_for(served.url, data)
    page = new_context().new_page()
    watch = Watch(page, served.url)
    asked = accept_dialogs(page)
    ready(page, served.url + "salary/")
    store(page, {"name": "原来的名字"})
    page.goto(link)
    text, problem = message(page)
    assert problem and text.startswith("未导入链接里的信息：") and expected in text, text
    assert text.endswith("你的信息没有改动。")
    assert stored(page) == {"name": "原来的名字"} and asked == []
    assert page.evaluate("location.hash") == ""
    assert page.evaluate("window.__pwned") is None and page.locator("#profile-panel img").count() == 0
    assert watch.problems() == []


def test_a_bad_file_is_refused_with_a_message_and_changes_nothing(served, new_context, tmp_path):
    page = new_context().new_page()
    asked = accept_dialogs(page)
    ready(page, served.url)
    store(page, {"name": "原来的名字"})
    files = {
        "page.json": ("<!doctype html><script>window.__pwned=1</script>", "内容不是 JSON"),
        "big.json": (json.dumps(payload({"name": "x" * SPEC["max_payload_bytes"]})), "文件太大"),
        f"{XSS}.json": (json.dumps(payload({"monthly_salary": XSS})), "「当前月薪」应是不小于 0 的数字"),
    }
    panel = opened(page)
    for name, (content, expected) in files.items():
        path = tmp_path / name.replace("/", "_")
        path.write_text(content, encoding="utf-8")
        panel.locator("[data-profile-file]").set_input_files(str(path))
        page.wait_for_function("e => document.querySelector('[data-profile-message]').textContent.includes(e)",
                               arg=expected)
        text, problem = message(page)
        assert problem and expected in text and text.endswith("你的信息没有改动。"), text
        assert stored(page) == {"name": "原来的名字"}, name
    assert asked == [] and page.evaluate("window.__pwned") is None
    assert page.locator("[data-profile-message] *").count() == 0  # a file name with markup shows as text


def test_the_trace_check_sees_a_fragment_left_in_the_address(served, new_context):
    page = new_context().new_page()
    page.add_init_script("history.replaceState = () => {}")  # a site that forgot to take it out
    accept_dialogs(page)
    page.goto(link_for(served.url, payload({"name": "新名字"})))
    assert message(page)[0] == "已导入 1 项信息。"
    assert page.evaluate("location.hash").startswith("#profile=")


def test_the_refusal_check_sees_an_import_that_went_through(served, new_context):
    page = new_context().new_page()
    accept_dialogs(page)
    ready(page, served.url)
    store(page, {"name": "原来的名字"})
    page.goto(link_for(served.url, payload({"name": "新名字"})))
    text, problem = message(page)
    assert not problem and not text.startswith("未导入")
    assert stored(page) != {"name": "原来的名字"}
