"""The public site as a reader gets it (one shared build): every answer once,
on its page, as an answer element with its tools bar and body; the home page
and the navigation from the manifest; the practice controls and the
填写我的信息 panel; nothing from another host."""

from __future__ import annotations

import json
import re

import yaml

from conftest import ROOT, build, url_of
from handbook.build import DATA_DIR
from handbook.profile import load_fields
from handbook.speaking import SELF_INTRO_RANGE, estimate_seconds

FIELDS = load_fields(ROOT / DATA_DIR / "profile_fields.yml")


def test_every_answer_is_on_its_page_once_with_its_question_and_body(site, manifest):
    pages = site.pages()
    for answer in manifest.answers:
        holders = [p for p, soup in pages.items() if soup.find(id=answer.id)]
        assert holders == [url_of(answer.page) + "index.html"], answer.id
        page = pages[holders[0]]
        wrappers = page.select(f'.answer[data-answer="{answer.id}"]')
        assert len(wrappers) == 1, answer.id
        heading = wrappers[0].find("h2", recursive=False)
        assert heading["id"] == answer.id and heading.get_text().rstrip("¶") == answer.title
        bars = wrappers[0].select(":scope > .answer-tools")
        bodies = wrappers[0].select(":scope > .answer-body")
        assert len(bars) == 1 and len(bodies) == 1, answer.id
        spoken = bodies[0].get_text(" ", strip=True)
        assert len(spoken) > 20, answer.id


def test_the_approach_boxes_sit_inside_the_answers(site, manifest):
    boxes = [box for url in {url_of(a.page) for a in manifest.answers}
             for box in site.page(url).select(".answer-approach")]
    assert len(boxes) >= 10
    assert all(box.find_parent(class_="answer-body") is not None for box in boxes)
    titles = {box.select_one(".admonition-title").get_text() for box in boxes}
    assert titles == {"思路", "报价公式", "还价公式", "先分清公司走的是哪条路"}


def test_every_answer_shows_its_speaking_time_without_the_approach(site, manifest):
    for answer in manifest.answers:
        wrapper = site.page(url_of(answer.page)).select_one(f'.answer[data-answer="{answer.id}"]')
        badge = wrapper.select_one(".answer-tools .speaking-time")
        assert re.fullmatch(r"说完约 (\d+ 分 \d+ 秒|\d+ 分钟|\d+ 秒)", badge.get_text()), badge.get_text()
        assert badge["title"] == "按每分钟 220 字的语速估算，思路框不计入"
        body = wrapper.select_one(".answer-body")
        spoken = " ".join(t for t in body.find_all(string=True) if not t.find_parent(class_="answer-approach"))
        assert int(badge["data-seconds"]) == estimate_seconds(spoken, 220), answer.id


def test_the_public_self_intro_takes_one_to_two_minutes(site):
    badge = site.page("opening/").select_one('.answer[data-answer="self-intro"] .speaking-time')
    assert SELF_INTRO_RANGE[0] <= int(badge["data-seconds"]) <= SELF_INTRO_RANGE[1]


def test_why_leave_reuses_the_motivation_answer(site):
    page = site.page("opening/")

    def body(answer_id: str) -> str:
        wrapper = page.select_one(f'.answer[data-answer="{answer_id}"] .answer-body')
        return "".join(p.get_text() for p in wrapper.find_all("p", recursive=False))

    assert body("motivation") and body("why-leave").endswith(body("motivation"))


def test_no_heading_has_a_position_numbered_id(site):
    for path, soup in site.pages().items():
        ids = [h.get("id", "") for h in soup.select("h1, h2, h3, h4, h5, h6")]
        assert not [i for i in ids if re.fullmatch(r"_\d+", i)], path


def test_no_id_is_used_twice_on_a_page(site):
    for path, soup in site.pages().items():
        ids = [el["id"] for el in soup.select("[id]")]
        assert len(ids) == len(set(ids)), (path, sorted(i for i in ids if ids.count(i) > 1))


def test_the_home_page_links_every_answer(site, manifest):
    links = [a["href"] for a in site.page().select("article a[href]")]
    for answer in manifest.answers:
        assert links.count(f"{url_of(answer.page)}#{answer.id}") == 1, answer.id


def test_the_nav_follows_the_manifest(site, manifest):
    nav = [a.get_text(strip=True) for a in site.page().select("nav.md-nav--primary > ul > li > a")]
    assert nav == ["首页"] + [p.title for p in manifest.pages]


def test_the_source_typos_stay_fixed(site):
    text = " ".join(s.get_text() for s in site.pages().values())
    for typo in ("ofr", "offr", "规侧", "你先做一下我介绍", "工资补偿"):
        assert typo not in text
    assert "请先做一下自我介绍" in text and "规则" in text


def test_unset_profile_values_show_as_marked_placeholders(site):
    name = site.page("opening/").select_one('[data-profile="name"]')
    assert name.get_text() == "〔姓名〕" and name["class"] == ["pf", "pf-unset"]
    role = site.page("opening/").select_one('[data-profile="role"]')
    assert role.get_text() == "大模型算法工程师" and role["class"] == ["pf"]


def test_pages_are_chinese(site):
    for path, soup in site.pages().items():
        assert soup.html["lang"].startswith("zh"), path


def test_the_site_references_no_other_host(site):
    pattern = re.compile(r"""(?:src|href)=["'](?:https?:)?//(?!127\.0\.0\.1[:/])([^"'/]+)""")
    offenders = set()
    for path in site.site.rglob("*"):
        if path.suffix in {".html", ".css", ".js"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            offenders |= {(path.name, host) for host in pattern.findall(text)}
            if path.suffix == ".css":
                offenders |= {(path.name, u) for u in re.findall(r"url\(['\"]?(?:https?:)?//([^)'\"]+)", text)}
            assert "fonts.googleapis.com" not in text and "fonts.gstatic.com" not in text, path
    assert not offenders


def test_every_script_is_a_file_of_the_site(site):
    for path, soup in site.pages().items():
        for script in soup.select("script[src]"):
            src = script["src"]
            assert not src.startswith(("http:", "https:", "//")), (path, src)
            target = (site.site / path).parent / src if not src.startswith("/") else None
            assert target is None or target.resolve().is_file(), (path, src)


def test_scripts_after_materials_config_are_deferred(site):
    for name in ("index.html", "salary/index.html", "404.html"):
        config = site.page(name).find("script", id="__config")
        scripts = [s for s in config.find_all_next("script") if s.get("src")]
        assert scripts and all(s.has_attr("defer") or s.has_attr("async") for s in scripts), name


# -- practice mode and the 填写我的信息 panel ---------------------------------------------

def test_every_page_has_the_named_panel_and_its_fields_once_for_the_site(site):
    transfer = yaml.safe_load((ROOT / DATA_DIR / "transfer.yml").read_text(encoding="utf-8"))
    for path, page in site.pages(stubs=False).items():
        dialog = page.select_one("dialog#profile-panel")
        assert dialog is not None, path
        assert page.find(id=dialog["aria-labelledby"]).get_text(strip=True) == "填写我的信息"
        assert dialog.select("input[data-profile-input]") == [], path  # built by profile.js when opened
        assert dialog.select_one("[data-profile-fields]") is not None, path
        if path != "404.html":  # which links from the site's root path
            src = (site.site / path).parent / dialog["data-profile-fields-src"]
            assert src.resolve() == site.site / "assets/javascripts/profile-fields.json", path
        assert json.loads(dialog["data-profile-transfer"]) == transfer, path  # transfer.yml, handed over whole
        assert not dialog.select("script") and not dialog.select("[style]")
    fields = site.panel_fields()
    assert list(fields) == list(FIELDS)  # every field of profile_fields.yml, in its order
    for key, field in FIELDS.items():
        got = fields[key]
        assert (got["label"], got["type"], got["unit"]) == (field.label, field.type, field.unit), key
        assert got["slots"] >= (field.count if field.type == "list" else 1) and \
            got["slots"] == len(got["defaults"]), key


def test_a_field_added_to_profile_fields_yml_reaches_the_panel(project):
    with (project / DATA_DIR / "profile_fields.yml").open("a", encoding="utf-8") as fields:
        fields.write("hometown: {label: 籍贯, type: text}\nlanguages: {label: 语言, type: list, count: 2}\n")
    result = build(project)
    assert result.ok, result.log
    panel = result.panel_fields()
    assert panel["hometown"] == {"key": "hometown", "label": "籍贯", "type": "text", "unit": "", "slots": 1,
                                 "defaults": [""]}
    assert panel["languages"]["slots"] == 2 and list(panel)[-2:] == ["hometown", "languages"]


def test_the_panel_shows_the_public_profile_as_defaults(site):
    fields = site.panel_fields()
    assert fields["role"]["defaults"] == ["大模型算法工程师"]
    assert fields["notice_weeks"]["defaults"] == ["3周"]
    assert fields["name"]["defaults"] == [""]
    assert fields["skills"]["slots"] == 4  # the public profile lists four: one input each


def test_a_number_value_carries_its_unit_for_the_browser(site):
    page = site.page("salary/")
    assert {s.get("data-unit") for s in page.select('span.pf[data-profile="monthly_salary"]')} == {"K"}
    assert {s.get("data-unit") for s in page.select('span.pf[data-profile="bonus"]')} == {None}  # text


def test_the_controls_are_labelled_and_hidden_until_their_script_runs(site):
    controls = site.page("opening/").select_one("[data-rehearse-controls]")
    assert controls.has_attr("hidden")
    toggle = controls.select_one("[data-practice-toggle]")
    assert toggle["aria-label"] == "练习模式" and toggle["aria-pressed"] == "false"
    assert controls.select_one("[data-profile-open]")["aria-label"] == "填写我的信息"
    for button in site.page("opening/").select(".answer-tools button"):
        assert button.has_attr("hidden") and button["type"] == "button"


def test_the_search_dialog_is_named(site):
    for name in ("index.html", "salary/index.html", "404.html"):
        assert site.page(name).find("div", class_="md-search")["aria-label"] == "搜索", name
