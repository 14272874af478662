"""The personal profile: load, merge, validate, and prepare for the pages.

profile.yml (committed, neutral) is read first; profile.local.yml (git-ignored,
the owner's real data) overrides it key by key when present. Every value
reaches a page as escaped text (Markdown, HTML and Jinja in a value show as
typed) through the template partials/profile-value.html, which marks it so
scripts in the browser can find the value again.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping

import yaml
from markupsafe import Markup

FIELDS_FILE = Path(__file__).with_name("data") / "profile_fields.yml"
PUBLIC_PROFILE = "profile.yml"
LOCAL_PROFILE = "profile.local.yml"
TYPES = ("text", "number", "list")


class ProfileError(ValueError):
    """A profile file is missing or holds a value the site cannot use."""


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    type: str
    unit: str = ""
    count: int = 1

    @property
    def placeholder(self) -> str:
        return placeholder(self.label)


def placeholder(label: str) -> str:
    """What a page shows for a value not filled in: 〔姓名〕."""
    return f"〔{label}〕"


@dataclass(frozen=True)
class Profile:
    values: dict[str, Any]
    files: tuple[Path, ...]  # the profile files read, public first
    fields: dict[str, Field] = field(default_factory=dict)


def load_fields(path: Path = FIELDS_FILE) -> dict[str, Field]:
    data = read_mapping(path)
    fields = {}
    for key, spec in data.items():
        if not isinstance(spec, dict) or spec.get("type") not in TYPES or not spec.get("label"):
            raise ProfileError(f"{path}: field {key!r} needs a label and a type out of {TYPES}")
        fields[key] = Field(key=key, label=str(spec["label"]), type=spec["type"],
                            unit=str(spec.get("unit", "")), count=int(spec.get("count", 1)))
    return fields


def read_mapping(path: Path, error: type[ValueError] = ProfileError, what: str = "") -> dict[str, Any]:
    """Read a YAML data file that must hold a mapping (an empty file is an
    empty one); a problem raises `error` naming the file (and `what` it is)."""
    if not path.is_file():
        raise error(f"{path}: file not found{f' ({what})' if what else ''}")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise error(f"{path}: not valid YAML: {exc}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise error(f"{path}: expected 'key: value' lines, got a {type(data).__name__}")
    return data


def is_unset(value: Any) -> bool:
    return value is None or value == "" or value == []


def type_problem(spec: Field, value: Any) -> str | None:
    """Why `value` does not fit the field, or None when it does."""
    if is_unset(value):
        return None
    scalar = isinstance(value, (str, int, float)) and not isinstance(value, bool)
    if spec.type == "number" and (isinstance(value, bool) or not isinstance(value, (int, float))):
        return f"must be a number (for example 15), got {value!r}"
    if spec.type == "text" and not scalar:
        return f"must be a single text value, got a {type(value).__name__}"
    if spec.type == "list":
        if not isinstance(value, list):
            return f"must be a list ('- item' lines), got {value!r}"
        if not all(isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in value):
            return "must be a list of text items"
    return None


def validate(values: Mapping[str, Any], fields: Mapping[str, Field], source: str) -> list[str]:
    """Every problem of one profile file, each naming the file and the key."""
    problems = []
    for key, value in values.items():
        spec = fields.get(key)
        if spec is None:
            close = difflib.get_close_matches(str(key), fields, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            problems.append(f"{source}: unknown key {key!r}{hint}")
            continue
        problem = type_problem(spec, value)
        if problem:
            problems.append(f"{source}: key {key!r} ({spec.label}) {problem}")
    return problems


def merge(public: Mapping[str, Any], local: Mapping[str, Any]) -> dict[str, Any]:
    """Key by key: a key set in the local profile wins, even when set to empty."""
    return {**public, **local}


def local_profile(project_dir: Path) -> Path | None:
    """The private profile (profile.local.yml) beside mkdocs.yml, when present."""
    path = project_dir / LOCAL_PROFILE
    return path if path.is_file() else None


def load_profile(project_dir: Path, fields: Mapping[str, Field] | None = None) -> Profile:
    """Read profile.yml, then profile.local.yml over it; raise naming all problems."""
    fields = dict(fields or load_fields())
    public_path = project_dir / PUBLIC_PROFILE
    if not public_path.is_file():
        raise ProfileError(
            f"{public_path}: file not found. The site needs the public profile "
            f"{PUBLIC_PROFILE} beside mkdocs.yml (restore it with 'git checkout {PUBLIC_PROFILE}')."
        )
    local = local_profile(project_dir)
    files = [public_path] + ([local] if local else [])
    layers = [read_mapping(p) for p in files]
    problems = [msg for path, data in zip(files, layers) for msg in validate(data, fields, str(path))]
    if problems:
        raise ProfileError("profile problems:\n  - " + "\n  - ".join(problems))
    values = {key: None for key in fields}
    for layer in layers:
        values = merge(values, layer)
    return Profile(values=values, files=tuple(files), fields=fields)


# -- rendering ---------------------------------------------------------------

def escape_text(text: str) -> str:
    """HTML-escape and neutralise Markdown/Jinja/attr-list syntax.

    ASCII punctuation becomes a numeric character reference, which Markdown
    leaves alone and the browser shows as the original character.
    """
    return "".join(f"&#{ord(c)};" if (c.isascii() and not c.isalnum() and c != " ") else c
                   for c in text)


def format_scalar(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


# How one value becomes HTML: (span key, escaped text, unset, unit of a number
# field: the browser shows a reader's number with it) → markup.
SpanRenderer = Callable[[str, str, bool, str], Markup]


def render_field(spec: Field, value: Any, span: SpanRenderer) -> Markup | list[Markup]:
    """One field as inert HTML: its value (with unit) or its placeholder."""
    if spec.type == "list":
        if is_unset(value):
            return [span(f"{spec.key}.{i}", escape_text(placeholder(f"{spec.label} {i + 1}")), True, "")
                    for i in range(spec.count)]
        return [span(f"{spec.key}.{i}", escape_text(format_scalar(v)), False, "") for i, v in enumerate(value)]
    unit = spec.unit if spec.type == "number" else ""
    if is_unset(value):
        return span(spec.key, escape_text(spec.placeholder), True, unit)
    return span(spec.key, escape_text(format_scalar(value) + spec.unit), False, unit)


class UnknownField(ValueError):
    """A page used {{ me.<key> }} with a key the profile does not define."""


class RenderedProfile(dict):
    """The rendered fields; a missing key names itself and the fields file."""

    def __missing__(self, key: str):
        close = difflib.get_close_matches(str(key), self, n=1)
        hint = f" (did you mean me.{close[0]}?)" if close else ""
        raise UnknownField(f"the profile has no field {key!r}{hint}; fields are listed in {FIELDS_FILE.name}")


def render_profile(profile: Profile, span: SpanRenderer) -> RenderedProfile:
    return RenderedProfile(
        {key: render_field(spec, profile.values.get(key), span) for key, spec in profile.fields.items()}
    )
