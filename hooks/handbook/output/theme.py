"""The Material templates the site repeats in overrides/, verified unchanged.

overrides/main.html repeats Material's `scripts` block (to defer the bundle:
the first paint no longer waits for 35 KB of script), its `styles` block
(the stylesheets load without blocking the first paint, output/critical.py)
and its `config` block (to name the search worker the site ships, patched:
output/patches.py), and
overrides/partials/search.html repeats Material's search partial (to name
the search dialog for screen readers). The copies are right only for the
Material release they were taken from: the build compares Material's
installed sources with the digests below and stops, naming the file and the
version, when an upgrade changed them.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path



def block_pattern(name: str) -> re.Pattern[str]:
    return re.compile(r"\{% block " + re.escape(name) + r" %\}.*?\{% endblock %\}", re.S)


@dataclass(frozen=True)
class Copied:
    source: str      # Material's file, relative to its templates folder
    ours: str        # the copy in overrides/
    digest: str      # sha256 of what was copied, in Material's file
    block: str = ""  # only this block of the file (e.g. "scripts")


COPIES = (
    Copied("base.html", "overrides/main.html",
           "66cc07f62fe03dd2b41d9d1f94be4f466246e551c41240f6a10f438cc53c3e90", block="scripts"),
    Copied("base.html", "overrides/main.html",
           "3e2f8b00a4426913f9c3c0e0b122f5d6222eecbdcdd8afb2c0d6ec2413a85dcb", block="styles"),
    Copied("base.html", "overrides/main.html",
           "b84001acaa9dc3791d04b24d2533025797fbe59d71702bd25693fe05aac34ddf", block="config"),
    Copied("partials/search.html", "overrides/partials/search.html",
           "bfd556535abcddb99396ab2a7e3acc2ebcd3f36756007d3969396caa4126be30"),
)


def copied_text(templates: Path, copy: Copied) -> str | None:
    """What the copy repeats of Material's file; None when the file is gone."""
    path = templates / copy.source
    if not path.is_file():
        return None
    text = path.read_text(encoding="utf-8")
    if not copy.block:
        return text
    found = block_pattern(copy.block).search(text)
    return found.group(0) if found else ""


def changed(templates: Path, copies: tuple[Copied, ...] = COPIES) -> list[str]:
    """What Material changed under the copies, as messages naming file and version."""
    problems = []
    for copy in copies:
        text = copied_text(templates, copy)
        if text is None:
            problems.append(f"Material {version('mkdocs-material')} has no {copy.source} any more, "
                            f"which {copy.ours} repeats: rework {copy.ours} for this release")
            continue
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        if digest != copy.digest:
            what = f"the {copy.block} block of " if copy.block else ""
            problems.append(
                f"Material {version('mkdocs-material')} changed {what}{copy.source}, which "
                f"{copy.ours} repeats: compare the two, carry the change over, then put the new "
                f"digest {digest} into hooks/handbook/output/theme.py"
            )
    return problems


STYLESHEET = re.compile(r"'(assets/stylesheets/[^']+\.css)'")


def material_stylesheets(templates: Path, palette: bool) -> list[str]:
    """The stylesheets Material's (verified) styles block links, in order;
    its palette CSS only when the site has a palette."""
    block = block_pattern("styles").search((templates / "base.html").read_text(encoding="utf-8"))
    sheets = STYLESHEET.findall(block.group(0)) if block else []
    return [s for s in sheets if palette or "/palette." not in s]
