"""The owner's values on the way to their phone, in the one import format of
data/transfer.yml (what the 填写我的信息 panel's 导入 reads; panel.py reads
the file): as a payload, a link to the public site with the payload in its
fragment, a file, and a QR code for the terminal. Before any of it, the
panel's own transfer.js (run with dukpy) checks the payload, so the phone
never refuses what the terminal offers.

A build or `mkdocs serve` with profile.local.yml prints, after the build, the
link for the site's public address (`site_url`, or `SITE_URL`) and the same
link as a QR code: on a logger of its own (never a warning, so `--strict` is
not concerned), and only into the terminal, never into site/ (the leak scan
refuses a site holding the payload). With EXPORT_PROFILE=1 the payload is also
written as the panel's import file to private/ (git-ignored); a link too long
for one code writes that file anyway and says so.
"""

from __future__ import annotations

import base64
import io
import json
import logging
import shutil
import sys
from dataclasses import dataclass
from ipaddress import ip_address
from pathlib import Path
from typing import Any, Callable, Mapping
from urllib.parse import urlsplit

import dukpy
import segno

from .profile import Profile, format_scalar, is_unset

EXPORT_DIR = Path("private")  # beside mkdocs.yml; git-ignored, outside site/
EXPORT_VARIABLE = "EXPORT_PROFILE"
# The owner's lines: plain text on the terminal, at the level the mkdocs
# logger shows (`-q` hides them), never through a handler of site output.
TERMINAL = logging.getLogger("handbook.terminal")
# Light modules as bright white blocks on black: the code reads the same on a
# dark or a light terminal theme.
ANSI_CODE, ANSI_RESET = "\x1b[97;40m", "\x1b[0m"


# The format is the dict of panel.read_transfer (data/transfer.yml, checked
# there): the one reading of it, which the panel gets too.
Format = Mapping[str, Any]


# transfer.js counts a payload's UTF-8 bytes with TextEncoder, which dukpy's
# JavaScript lacks: the same count from its ES5 functions.
TEXT_ENCODER = """var TextEncoder = function () {};
TextEncoder.prototype.encode = function (text) {
  var binary = unescape(encodeURIComponent(text)), bytes = [];
  for (var i = 0; i < binary.length; i += 1) bytes.push(binary.charCodeAt(i));
  return bytes;
};
"""


def panel_problems(script: Path, data: dict[str, Any], fields: list[dict[str, Any]], fmt: Format) -> list[str]:
    """Why the 填写我的信息 panel would refuse `data` (its messages), judged by
    its own transfer.js run with dukpy: `fields` are the public site's
    (profile-fields.json), so a list longer than its inputs counts too."""
    interpreter = dukpy.JSInterpreter()
    interpreter.evaljs(TEXT_ENCODER + script.read_text(encoding="utf-8"))
    result = interpreter.evaljs("handbookTransfer.read(dukpy.text, dukpy.fields, dukpy.spec)",
                                text=file_text(data), fields=fields, spec=dict(fmt))
    return [] if result["ok"] else list(result["problems"])


# -- the payload ---------------------------------------------------------------------

def typed(kind: str, value: Any) -> Any:
    """A profile value as the format types it: text a string, number a number,
    list a list of strings."""
    if kind == "list":
        return [format_scalar(item) for item in value]
    if kind == "number":
        return int(value) if float(value).is_integer() else value
    return format_scalar(value)


def owner_values(profile: Profile) -> dict[str, Any]:
    """What profile.local.yml sets (empty values left out), in the fields' order:
    the public site already shows every other value."""
    return {key: typed(spec.type, profile.values[key]) for key, spec in profile.fields.items()
            if key in profile.local_keys and not is_unset(profile.values.get(key))}


def payload(fmt: Format, values: dict[str, Any]) -> dict[str, Any]:
    return {"format": fmt["format"], "version": fmt["version"], "values": values}


def link(fmt: Format, address: str, data: dict[str, Any]) -> str:
    """`<address>#<fragment_key>=<base64url of the JSON, no padding>`."""
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    encoded = base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")
    return f"{address.split('#', 1)[0]}#{fmt['fragment_key']}={encoded}"


def fragment(fmt: Format, data: dict[str, Any]) -> str:
    """The link's fragment alone (what the leak scan looks for in site/)."""
    return link(fmt, "", data)[1:]


def fits_one_code(fmt: Format, url: str) -> bool:
    return len(url.encode("utf-8")) <= fmt["max_link_bytes"]


def file_text(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def write_file(project_dir: Path, fmt: Format, data: dict[str, Any]) -> Path:
    """The panel's import file under private/; rewritten only when it changed."""
    path = project_dir / EXPORT_DIR / fmt["file_name"]
    text = file_text(data)
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return path


def is_this_machine(address: str) -> bool:
    host = urlsplit(address).hostname or ""
    if host == "localhost":
        return True
    try:
        return ip_address(host).is_loopback or ip_address(host).is_unspecified
    except ValueError:
        return False


# -- the terminal --------------------------------------------------------------------

def terminal_code(url: str) -> list[str]:
    """The QR code of `url` in Unicode half blocks (one line per two rows of
    modules), light modules drawn, dark ones left blank."""
    out = io.StringIO()
    segno.make(url, error="l").terminal(out=out, compact=True)
    return out.getvalue().rstrip("\n").split("\n")


def what_it_carries(profile: Profile, values: dict[str, Any], named: int = 4) -> str:
    """For example: the 3 values of profile.local.yml (姓名、代表项目、当前月薪)."""
    labels = [profile.fields[key].label for key in values]
    shown = "、".join(labels[:named]) + ("…" if len(labels) > named else "")
    count = f"the {len(values)} values" if len(values) != 1 else "the 1 value"
    return f"{count} of {profile.files[-1].name}" + (f" ({shown})" if shown else "")


@dataclass(frozen=True)
class Carry:
    """What a personal build tells its owner."""
    lines: list[str]
    code: list[str]  # the QR code's lines, or none
    fragment: str    # the link's fragment: it must never be in site/


def carry(fmt: Format, profile: Profile, address: str | None, export: bool, project_dir: Path,
          refusals: Callable[[dict[str, Any]], list[str]]) -> Carry:
    """The owner's lines: what the link carries, the link, its code (or why
    not), and the import file when asked for or when the code cannot hold it;
    or what the panel would refuse (`refusals` of the payload) instead."""
    values = owner_values(profile)
    data = payload(fmt, values)
    lines: list[str] = []
    code: list[str] = []
    local = profile.files[-1].name
    if not values:
        return Carry([f"{local} sets no value: nothing to carry to your phone."], [], fragment(fmt, data))
    refused = refusals(data)
    if refused:
        return Carry([f"No link to your phone: 填写我的信息 would refuse these values of {local} "
                      f"({'; '.join(refused)}). Change them there to get a link."], [], fragment(fmt, data))
    if not address:
        lines.append("No link to your phone: the site has no address (set site_url in mkdocs.yml or SITE_URL).")
    else:
        url = link(fmt, address, data)
        lines += [f"To your phone: this link and code carry {what_it_carries(profile, values)} to "
                  f"{address}, which imports them into the phone's browser only; printed here, never "
                  "written into site/.", url]
        if is_this_machine(address):
            lines.append(f"{address} is this computer, which a phone cannot open: set SITE_URL to the "
                         "address the public site is published at (README 发布 / Deploy) for a code to scan.")
        elif not fits_one_code(fmt, url):
            lines.append(f"Too long for one QR code ({len(url.encode('utf-8')):,} bytes, at most "
                         f"{fmt['max_link_bytes']:,}): send the import file to your phone instead.")
            export = True
        else:
            code = terminal_code(url)
    if export:
        path = write_file(project_dir, fmt, data)
        lines.append(f"Import file: {path} (git-ignored; open it on the phone with 填写我的信息 → 导入).")
    else:
        lines.append(f"{EXPORT_VARIABLE}=1 also writes the import file {EXPORT_DIR / fmt['file_name']} "
                     "(填写我的信息 → 导入).")
    return Carry(lines, code, fragment(fmt, data))


class _Stderr(logging.StreamHandler):
    """Whatever sys.stderr is at the time (a test may swap it)."""

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, value) -> None:
        pass


def terminal() -> logging.Logger:
    """TERMINAL with its one plain handler, quiet when `mkdocs -q` is."""
    if not TERMINAL.handlers:
        handler = _Stderr()
        handler.setFormatter(logging.Formatter("%(message)s"))
        handler.addFilter(lambda record: logging.getLogger("mkdocs").isEnabledFor(record.levelno))
        TERMINAL.addHandler(handler)
        TERMINAL.setLevel(logging.INFO)
        TERMINAL.propagate = False
    return TERMINAL


_printed: Carry | None = None  # under `mkdocs serve`: print again only what changed


def announce(result: Carry | None) -> None:
    """Print the owner's lines once per change; None (a public build) prints nothing."""
    global _printed
    if result == _printed:
        return
    _printed = result
    if result is None:
        return
    tty = sys.stderr.isatty()
    code = [f"{ANSI_CODE}{line}{ANSI_RESET}" if tty else line for line in result.code]
    width, columns = len(result.code[0]) if result.code else 0, shutil.get_terminal_size((0, 0)).columns
    notes = ([f"The code is {width} columns wide, this terminal {columns}: widen the window or "
              "zoom out to scan it."] if tty and 0 < columns < width else [])
    terminal().info("\n".join(result.lines + notes + code))
