"""The owner's values on the way to the phone (hooks/handbook/transfer.py):
the payload in the format of data/transfer.yml, the link, the file, the
terminal QR code and what a personal build prints."""

from __future__ import annotations

import json
import logging
from dataclasses import asdict
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, transfer_spec
from conftest import decode_link as decode
from conftest import scan_terminal_code as scanned
from handbook import transfer
from handbook.build import DATA_DIR
from handbook import panel
from handbook.build import TRANSFER_SCRIPT
from handbook.output import privacy
from handbook.profile import load_fields, load_profile

SPEC = transfer_spec()
FMT = panel.read_transfer(ROOT / DATA_DIR / "transfer.yml")


def carry(tmp_path: Path, local: str, address: str | None, export: bool = False) -> transfer.Carry:
    """What a build of that profile prints, checked by the panel's transfer.js
    against the public site's fields."""
    fields = [asdict(f) for f in panel.browser_fields(profile_with(tmp_path, None))]
    return transfer.carry(FMT, profile_with(tmp_path, local), address, export, tmp_path,
                          lambda data: transfer.panel_problems(ROOT / "docs" / TRANSFER_SCRIPT, data, fields, FMT))


def profile_with(tmp_path: Path, local: str | None):
    (tmp_path / "profile.yml").write_text((ROOT / "profile.yml").read_text(encoding="utf-8"), encoding="utf-8")
    if local is None:
        (tmp_path / "profile.local.yml").unlink(missing_ok=True)
    else:
        (tmp_path / "profile.local.yml").write_text(local, encoding="utf-8")
    return load_profile(tmp_path, load_fields(ROOT / DATA_DIR / "profile_fields.yml"))


# -- the payload and the link -------------------------------------------------------------

def test_the_payload_holds_what_the_local_profile_sets_typed_as_the_format_says(tmp_path):
    profile = profile_with(tmp_path, "monthly_salary: 15\nname: 李雷\nschool: 2024\nyears: 3.5\n"
                                     "projects: [智能客服, 42]\ncompany: ''\nskills: []\n")
    assert transfer.owner_values(profile) == {  # fields' order; empty values left out
        "name": "李雷", "school": "2024", "years": 3.5, "projects": ["智能客服", "42"], "monthly_salary": 15}
    assert transfer.payload(FMT, {"name": "李雷"}) == {
        "format": SPEC["format"], "version": SPEC["version"], "values": {"name": "李雷"}}


def test_a_public_profile_carries_nothing(tmp_path):
    assert transfer.owner_values(profile_with(tmp_path, None)) == {}


def test_the_link_carries_the_payload_in_the_fragment_only():
    data = transfer.payload(FMT, {"name": "李雷", "projects": ["<b>质检</b> & 平台"], "years": 5})
    url = transfer.link(FMT, "https://owner.example/handbook/#old", data)
    assert url.startswith(f"https://owner.example/handbook/#{SPEC['fragment_key']}=")
    assert decode(url) == data
    assert url.isascii() and url.endswith(transfer.fragment(FMT, data))


def test_one_code_holds_a_link_up_to_max_link_bytes():
    assert transfer.fits_one_code(FMT, "h" * SPEC["max_link_bytes"])
    assert not transfer.fits_one_code(FMT, "h" * (SPEC["max_link_bytes"] + 1))


def test_the_file_is_the_payload_as_json(tmp_path):
    data = transfer.payload(FMT, {"name": "李雷"})
    path = transfer.write_file(tmp_path, FMT, data)
    assert path == tmp_path / "private" / SPEC["file_name"]
    assert json.loads(path.read_text(encoding="utf-8")) == data and "李雷" in path.read_text(encoding="utf-8")


def test_the_terminal_code_scans_as_the_link():
    url = transfer.link(FMT, "https://owner.example/handbook/", transfer.payload(FMT, {"name": "李雷"}))
    assert scanned(transfer.terminal_code(url)) == [url]
    assert scanned(transfer.terminal_code(url)[:-4]) == []  # control: a cut code does not scan


# -- what a personal build prints ------------------------------------------------------------

def test_a_personal_profile_gets_a_line_the_link_and_its_code(tmp_path):
    result = carry(tmp_path, "name: 李雷\n", "https://owner.example/hb/")
    what, url, hint = result.lines
    assert "carry the 1 value of profile.local.yml (姓名) to https://owner.example/hb/" in what and "never written into site/" in what
    assert decode(url)["values"] == {"name": "李雷"} and scanned(result.code) == [url]
    assert "EXPORT_PROFILE=1" in hint and not (tmp_path / "private").exists()


def test_on_request_the_import_file_is_written_too(tmp_path):
    result = carry(tmp_path, "name: 李雷\n", "https://owner.example/", export=True)
    path = tmp_path / "private" / SPEC["file_name"]
    assert f"Import file: {path}" in result.lines[-1]
    assert json.loads(path.read_text(encoding="utf-8"))["values"] == {"name": "李雷"}


def test_values_too_long_for_one_code_say_so_and_go_to_the_file(tmp_path):
    long = {key: "负责整体方案设计与工程落地" * 12 for key in ("past_roles", "achievement", "specialty", "benefits")}
    result = carry(tmp_path, yaml.safe_dump(long, allow_unicode=True), "https://owner.example/")
    assert result.code == []
    assert any(line.startswith("Too long for one QR code (") and f"at most {SPEC['max_link_bytes']:,}" in line
               for line in result.lines)
    assert json.loads((tmp_path / "private" / SPEC["file_name"]).read_text(encoding="utf-8"))["values"] == long


@pytest.mark.parametrize(("local", "refused"), [
    (f"name: {'李' * 201}\n", f"「姓名」超过 {SPEC['max_value_chars']} 个字"),
    ("projects: [一, 二, 三, 四]\n", "「代表项目」最多 3 项，收到 4 项"),  # the public site has 3 inputs
    ("years: -1\n", "「工作年限」应是不小于 0 的数字，收到 -1"),
])
def test_values_the_panel_would_refuse_get_no_link_but_its_reason(tmp_path, local, refused):
    result = carry(tmp_path, local, "https://owner.example/", export=True)
    assert result.code == [] and not (tmp_path / "private").exists()
    assert result.lines == [f"No link to your phone: 填写我的信息 would refuse these values of profile.local.yml "
                            f"({refused}). Change them there to get a link."]


def test_values_the_panel_takes_get_their_link(tmp_path):
    """Control: at the limits the panel takes them."""
    result = carry(tmp_path, f"name: {'李' * 200}\nprojects: [一, 二, 三]\nyears: 0\n", "https://owner.example/")
    assert decode(result.lines[1])["values"] == {"name": "李" * 200, "years": 0, "projects": ["一", "二", "三"]}


@pytest.mark.parametrize("address", ["http://127.0.0.1:8000/", "http://localhost:8000/hb/"])
def test_an_address_of_this_computer_gets_no_code_but_says_what_to_set(tmp_path, address):
    result = carry(tmp_path, "name: 李雷\n", address)
    assert result.code == [] and decode(result.lines[1])["values"] == {"name": "李雷"}
    assert "is this computer" in result.lines[2] and "SITE_URL" in result.lines[2]


def test_a_local_profile_setting_nothing_prints_no_link(tmp_path):
    result = carry(tmp_path, "name: ''\n", "https://owner.example/", export=True)
    assert result.lines == ["profile.local.yml sets no value: nothing to carry to your phone."]
    assert result.code == [] and not (tmp_path / "private").exists()


def test_no_address_no_link(tmp_path):
    result = carry(tmp_path, "name: 李雷\n", None)
    assert result.code == [] and not any("#profile=" in line for line in result.lines)
    assert "set site_url" in result.lines[0]


@pytest.fixture
def printed(capsys, monkeypatch):
    monkeypatch.setattr(transfer, "_printed", None)
    mkdocs = logging.getLogger("mkdocs")
    level = mkdocs.level
    mkdocs.setLevel(logging.INFO)
    yield lambda: capsys.readouterr().err
    mkdocs.setLevel(level)


def test_the_lines_are_printed_once_per_change(printed):
    one, two = transfer.Carry(["one"], ["█▀"], "f1"), transfer.Carry(["two"], [], "f2")
    transfer.announce(one)
    transfer.announce(one)  # a rebuild with the same values
    assert printed() == "one\n█▀\n"
    transfer.announce(two)
    transfer.announce(None)  # a public build: nothing, and the next personal one prints again
    transfer.announce(two)
    assert printed() == "two\ntwo\n"


def test_mkdocs_quiet_hides_the_lines(printed):
    logging.getLogger("mkdocs").setLevel(logging.ERROR)  # what `mkdocs build -q` sets
    transfer.announce(transfer.Carry(["quiet"], [], "f"))
    assert printed() == ""


# -- the leak scan ---------------------------------------------------------------------------

def test_the_leak_scan_finds_the_owners_link_and_an_import_file(tmp_path):
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "a" / "index.html").write_text("<p>#profile=eyJhIjoxfQ</p>", encoding="utf-8")
    (site / "b.html").write_text("<p>clean</p>", encoding="utf-8")
    (site / SPEC["file_name"]).write_text("{}", encoding="utf-8")
    assert privacy.leaks(site, [], ["profile=eyJhIjoxfQ"], SPEC["file_name"]) == [
        "a/index.html: holds the owner's import link (the values of profile.local.yml: terminal only)",
        f"{SPEC['file_name']}: an import file of someone's values would be published "
        "(keep it out of docs/: it is for 填写我的信息 → 导入 only)"]
    assert privacy.leaks(site, [], ["profile=other"], "other.json") == []
