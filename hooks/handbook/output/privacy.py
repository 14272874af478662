"""MkDocs hook: never publish the private profile by accident.

With profile.local.yml (the owner's real name, employer and salary) beside
mkdocs.yml:

- `mkdocs gh-deploy` refuses before anything is built or pushed, saying how to
  publish the public version instead;
- every page gets `<meta name="robots" content="noindex">` and robots.txt
  disallows all crawling;
- the build log says that a personal profile is in use.

Always, after the build: the site must hold no .yml/.yaml file, no Python
traceback and no path of the build machine; a build that would is stopped.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from personal import LOCAL_PROFILE, local_profile

log = logging.getLogger("mkdocs.hooks.publish")

# mkdocs.yml lists this file as hooks/publish.py, so the project is one level up.
PROJECT_DIR = Path(__file__).resolve().parents[1]
NOINDEX = '<meta name="robots" content="noindex">'
ROBOTS_PERSONAL = "# Personal build: not for publishing.\nUser-agent: *\nDisallow: /\n"
TRACEBACK = "Traceback (most recent call last)"
TEXT_SUFFIXES = {".html", ".htm", ".xml", ".json", ".js", ".css", ".txt", ".svg", ".webmanifest", ""}
HEAD_OPEN = re.compile(r"<head\b[^>]*>", re.I)


# -- pure helpers ------------------------------------------------------------

def refusal(local: Path) -> str:
    """Why gh-deploy stops, and how to publish the public site instead."""
    return (
        f"Refusing to deploy: {local} is present. It holds your personal profile "
        "(name, employer, salary), and this build would publish it for good: in the "
        "pages, the search index and the sitemap.\n"
        "To publish the public version (committed profile.yml only), either:\n"
        "  - push to GitHub and let .github/workflows/pages.yml build and deploy it, or\n"
        f"  - move the file out of the project (mv {LOCAL_PROFILE} ~/{LOCAL_PROFILE}), "
        "run 'mkdocs gh-deploy', then move it back.\n"
        "Nothing was built or pushed."
    )


def add_noindex(html: str) -> str:
    """Insert the robots noindex meta as the first element of <head>."""
    if NOINDEX in html:
        return html
    m = HEAD_OPEN.search(html)
    if not m:
        return html
    return html[: m.end()] + NOINDEX + html[m.end():]


def robots_txt(personal: bool, site_url: str | None) -> str:
    if personal:
        return ROBOTS_PERSONAL
    sitemap = f"Sitemap: {site_url.rstrip('/')}/sitemap.xml\n" if site_url else ""
    return "User-agent: *\nAllow: /\n" + sitemap


def machine_paths(*paths: Path) -> list[str]:
    """Path strings of the build machine that must never reach the site: each
    path as given and resolved (symlinks), skipping "/" and one-level paths
    such as "/tmp" that occur in ordinary text."""
    found = []
    for path in paths:
        for text in (str(path.absolute()), str(path.resolve())):
            if len(Path(text).parts) > 2 and text not in found:
                found.append(text)
    return found


def leaks(site_dir: Path, forbidden: list[str]) -> list[str]:
    """Every YAML file, traceback and machine path in the built site."""
    problems = []
    for path in sorted(site_dir.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(site_dir).as_posix()
        if path.suffix.lower() in {".yml", ".yaml"}:
            problems.append(f"{rel}: a YAML file would be published (keep data files out of docs/)")
            continue
        if path.suffix.lower() not in TEXT_SUFFIXES and path.name != "_headers":
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if TRACEBACK in text:
            problems.append(f"{rel}: holds a Python traceback")
        problems += [f"{rel}: holds the build machine's path {p!r}" for p in forbidden if p in text]
    return problems


# -- MkDocs events -----------------------------------------------------------

def on_startup(command: str, dirty: bool) -> None:
    local = local_profile(PROJECT_DIR)
    if command == "gh-deploy" and local:
        raise PluginError(refusal(local))


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    local = local_profile(Path(config.config_file_path).parent)
    if local:
        log.info("Personal profile in use: %s. Pages get noindex, robots.txt disallows all; "
                 "do not publish this build ('mkdocs gh-deploy' refuses).", local.name)
    return config


def on_post_page(output: str, page, config: MkDocsConfig) -> str:
    if not local_profile(Path(config.config_file_path).parent):
        return output
    return add_noindex(output)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    if not template_name.endswith(".html") or not local_profile(Path(config.config_file_path).parent):
        return output_content
    return add_noindex(output_content)


def on_post_build(config: MkDocsConfig) -> None:
    project_dir = Path(config.config_file_path).parent
    site_dir = Path(config.site_dir)
    personal = local_profile(project_dir) is not None
    (site_dir / "robots.txt").write_text(robots_txt(personal, config.site_url), encoding="utf-8")
    forbidden = machine_paths(project_dir, Path(config.docs_dir))
    problems = leaks(site_dir, forbidden)
    if problems:
        raise PluginError(
            f"The built site would leak {len(problems)} thing(s):\n  - " + "\n  - ".join(problems)
        )
