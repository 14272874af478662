"""mkdocs-macros module: the profile as `me`, answer headings and the answer index.

Pages write `{{ me.name }}`, `{{ q("self-intro") }}` and `{{ answer_index() }}`.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

sys.path.insert(0, str(Path(__file__).parent))  # siblings: mkdocs-macros loads this file alone

from compensation import register as register_compensation  # noqa: E402
from manifest import Manifest, load_manifest  # noqa: E402
from personal import ProfileError, load_profile, render_profile  # noqa: E402
from print_sheet import sheet_markdown  # noqa: E402



def heading(manifest: Manifest, answer_id: str) -> str:
    """The Markdown heading of one required answer, with its fixed id."""
    answer = manifest.answer(answer_id)
    return f"## {answer.title} {{ #{answer.id} }}"


def answer_index(manifest: Manifest) -> str:
    """Markdown list of every answer, grouped by page, for the home page."""
    lines = []
    for page in manifest.pages:
        if not page.answers:
            continue
        lines += ["", f"### [{page.title}]({page.file})", ""]
        lines += [f"- [{a.title}]({a.url})" for a in page.answers]
    return "\n".join(lines) + "\n"


def define_env(env) -> None:
    project_dir = Path(env.conf.config_file_path).parent
    try:
        profile = load_profile(project_dir)
    except ProfileError as exc:
        raise PluginError(str(exc)) from None
    manifest = load_manifest()
    env.variables["me"] = render_profile(profile)
    env.macro(lambda answer_id: heading(manifest, answer_id), "q")
    env.macro(lambda: answer_index(manifest), "answer_index")
    register_compensation(env, profile.values, {k: f.label for k, f in profile.fields.items()},
                          " + ".join(p.name for p in profile.files))
    env.macro(lambda: sheet_markdown(manifest), "all_answers")  # docs/all.md, see hooks/print_sheet.py
