"""What the 填写我的信息 panel needs in the browser, handed over by the build.

- The fields, once for the whole site: FIELDS_ASSET, a small JSON file the
  panel fetches when it is first opened (profile.js builds the inputs from
  it), instead of the inputs repeated in every page's HTML. Built generically
  from profile_fields.yml and the profile (a build-time value is shown as the
  input's placeholder).
- The import/export format of data/transfer.yml (the one place it is
  written), as a data attribute of the panel in every page: the page must
  recognise an import link (`#profile=…`) before anything is fetched.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from .profile import Profile, format_scalar, is_unset, read_mapping

FIELDS_ASSET = "assets/javascripts/profile-fields.json"
TRANSFER_FILE = "transfer.yml"
# transfer.yml's keys and their types; the browser reads exactly these.
TRANSFER_KEYS = {"format": str, "version": int, "fragment_key": str, "file_name": str,
                 "max_link_bytes": int, "max_value_chars": int, "max_payload_bytes": int}


class TransferError(ValueError):
    """data/transfer.yml is missing a key or holds a value of the wrong type."""


def read_transfer(path: Path) -> dict[str, Any]:
    data = read_mapping(path, TransferError, "the import/export format of 填写我的信息")
    problems = [f"{key!r} must be {kind.__name__}" for key, kind in TRANSFER_KEYS.items()
                if not isinstance(data.get(key), kind) or isinstance(data.get(key), bool)]
    problems += [f"{key!r} must be positive" for key, kind in TRANSFER_KEYS.items()
                 if kind is int and isinstance(data.get(key), int) and data[key] <= 0]
    if problems:
        raise TransferError(f"{path}: " + "; ".join(problems))
    return {key: data[key] for key in TRANSFER_KEYS}


@dataclass(frozen=True)
class BrowserField:
    key: str                 # the profile key, e.g. "projects"
    label: str
    type: str                # text | number | list
    unit: str
    slots: int               # inputs of a list (1 otherwise): its count, or more when the build set more
    defaults: list[str]      # what the build shows while unset, per slot ("" = the placeholder)


def browser_fields(profile: Profile) -> list[BrowserField]:
    """Every field of profile_fields.yml, in its order."""
    fields = []
    for key, spec in profile.fields.items():
        value = profile.values.get(key)
        if spec.type == "list":
            items = [] if is_unset(value) else [format_scalar(v) for v in value]
            slots = max(spec.count, len(items))
            defaults = items + [""] * (slots - len(items))
        else:
            slots = 1
            defaults = ["" if is_unset(value) else format_scalar(value) + spec.unit]
        fields.append(BrowserField(key, spec.label, spec.type, spec.unit, slots, defaults))
    return fields


def fields_json(profile: Profile) -> str:
    return json.dumps({"fields": [asdict(f) for f in browser_fields(profile)]},
                      ensure_ascii=False, separators=(",", ":")) + "\n"
