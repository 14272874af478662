"""mkdocs-macros module: what the pages may call, over handbook.build.

    {{ me.name }}          a profile value (escaped; 〔label〕 while unset)
    {{ answer_index() }}   the home page's list of every answer
    {{ compensation() }}   the severance calculator (docs/rights.md)
    {{ all_answers() }}    every answer (docs/all.md, the 全部答案 page)
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # mkdocs-macros loads this file alone

from handbook import build  # noqa: E402


def define_env(env) -> None:
    handbook = build.for_config(env.conf)
    env.variables["me"] = handbook.rendered_profile
    env.macro(handbook.answer_index, "answer_index")
    env.macro(handbook.calculator, "compensation")
    env.macro(handbook.sheet_markdown, "all_answers")
