"""Verified patches of Material's files (hooks/handbook/output/patches.py):
every patch applies to the installed Material exactly once, the result gets
its own content-hashed name, and code that is gone is named with Material's
version and what to check."""

from __future__ import annotations

from importlib.metadata import version
from pathlib import Path

import pytest

from conftest import copy_material, material_templates, write
from handbook.output.patches import (MATERIAL_BUNDLE, PATCHES, SEARCH_WORKER, Patch, PatchError, apply,
                                     names, patch_files, shipped_name)

TEMPLATES = material_templates()


def fake_templates(root: Path) -> Path:
    """The patched files of Material, as installed."""
    return copy_material(root, {p.file for p in PATCHES})


def test_every_patch_applies_to_the_installed_material():
    shipped = patch_files(TEMPLATES)
    assert [s.source for s in shipped] == [SEARCH_WORKER, MATERIAL_BUNDLE]
    by_source = {s.source: s for s in shipped}
    for patch in PATCHES:
        content = by_source[patch.file].content
        assert patch.replacement in content and patch.expected not in content
    for file in shipped:
        assert "sourceMappingURL" not in file.content  # the map describes the original
        assert file.name == shipped_name(file.source, file.content) != file.source
    assert names(shipped) == {s.source: s.name for s in shipped}


def test_the_patched_name_follows_the_content():
    assert shipped_name("assets/javascripts/workers/search.a7633da7.min.js", "x") == \
        "assets/javascripts/workers/search.2d711642.min.js"
    assert shipped_name("assets/x.js", "x") == "assets/x.2d711642.js"
    assert shipped_name(SEARCH_WORKER, "x") != shipped_name(SEARCH_WORKER, "y")


def test_a_patch_applies_once_or_not_at_all():
    patch = Patch("f.js", "a<b", "a<=b", "why")
    assert apply("x;a<b;y\n//# sourceMappingURL=f.js.map\n", [patch]) == ("x;a<=b;y\n", [])
    assert apply("x;y", [patch]) == ("x;y", [patch])
    assert apply("a<b;a<b", [patch])[1] == [patch]


def test_code_gone_from_material_stops_the_build_naming_version_file_and_what_to_check(tmp_path):
    templates = fake_templates(tmp_path)
    worker = templates / SEARCH_WORKER
    write(worker, worker.read_text(encoding="utf-8").replace(PATCHES[0].expected, "/* rewritten */"))
    with pytest.raises(PatchError) as raised:
        patch_files(templates)
    message = str(raised.value)
    assert message.count("\n") == 0  # only the patch whose code is gone
    assert message.startswith(f"Material {version('mkdocs-material')} no longer has the code the build "
                              f"patches in {SEARCH_WORKER}")
    assert PATCHES[0].expected in message and PATCHES[0].reason in message
    assert "hooks/handbook/output/patches.py" in message and "fixed the bug" in message


def test_code_found_twice_or_a_file_gone_stops_the_build(tmp_path):
    templates = fake_templates(tmp_path)
    worker = templates / SEARCH_WORKER
    worker_patches = [p for p in PATCHES if p.file == SEARCH_WORKER]
    write(worker, worker.read_text(encoding="utf-8") + worker_patches[-1].expected)
    with pytest.raises(PatchError, match=f"has 2 copies of the code the build patches in {SEARCH_WORKER}"):
        patch_files(templates)
    worker.unlink()
    with pytest.raises(PatchError) as raised:
        patch_files(templates)
    assert str(raised.value).count(f"no longer ships {SEARCH_WORKER}") == len(worker_patches)


def test_a_second_patch_is_data(tmp_path):
    # the shape of what issue 14 adds: one more file, one more entry
    write(tmp_path / "assets/javascripts/bundle.a5f9d56c.min.js", "setup(a);run()")
    bundle = Patch("assets/javascripts/bundle.a5f9d56c.min.js", "setup(a);", "later(a);", "load on demand")
    shipped = patch_files(tmp_path, (bundle,))
    assert [(s.source, s.content) for s in shipped] == [(bundle.file, "later(a);run()")]
    assert shipped[0].name.startswith("assets/javascripts/bundle.") and shipped[0].name != bundle.file
