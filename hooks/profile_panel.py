"""MkDocs hook: the fields of the 填写我的信息 panel, for the theme templates.

overrides/partials/rehearse.html renders one input per profile field (each
list item its own input, keyed like the page's spans: "projects.0") from the
template global `handbook_profile_fields`; docs/assets/javascripts/profile.js
reads the inputs' data attributes. The field schema stays in
hooks/profile_fields.yml: no .yml file is copied into the site.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from personal import Profile, ProfileError, format_scalar, is_unset, load_profile

TEMPLATE_GLOBAL = "handbook_profile_fields"


@dataclass(frozen=True)
class PanelField:
    key: str      # the data-profile key of the spans it fills, e.g. "name", "projects.0"
    label: str    # Chinese label shown beside the input
    type: str     # text | number (a list item is text)
    unit: str     # appended to a typed number, e.g. "K"
    default: str  # what the build shows while the reader has typed nothing ("" = placeholder)


def panel_fields(profile: Profile) -> list[PanelField]:
    """One input per span key the pages can hold, in the schema's order."""
    rows: list[PanelField] = []
    for key, spec in profile.fields.items():
        value = profile.values.get(key)
        if spec.type == "list":
            items = [] if is_unset(value) else list(value)
            for i in range(max(spec.count, len(items))):
                default = format_scalar(items[i]) if i < len(items) else ""
                rows.append(PanelField(f"{key}.{i}", f"{spec.label} {i + 1}", "text", "", default))
            continue
        default = "" if is_unset(value) else format_scalar(value) + spec.unit
        rows.append(PanelField(key, spec.label, spec.type, spec.unit, default))
    return rows


def on_env(env, config: MkDocsConfig, files):
    try:
        profile = load_profile(Path(config.config_file_path).parent)
    except ProfileError as exc:
        raise PluginError(str(exc)) from None
    env.globals[TEMPLATE_GLOBAL] = panel_fields(profile)
    return env
