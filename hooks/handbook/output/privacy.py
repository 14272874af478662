"""Never publish the private profile by accident.

With profile.local.yml (the owner's real name, employer and salary) in use:

- `mkdocs gh-deploy` refuses before anything is built or pushed, saying how to
  publish the public version instead;
- every page carries `<meta name="robots" content="noindex">`
  (partials/head-meta.html), robots.txt disallows all crawling and `_headers`
  adds `X-Robots-Tag: noindex`;
- the build log says that a personal profile is in use.

Always, after every writer of the output has run: the site must hold no
.yml/.yaml file, no Python traceback and no path of the build machine; a
build that would is stopped, naming each file.
"""

from __future__ import annotations

import html

from pathlib import Path

from ..profile import LOCAL_PROFILE

ROBOTS_PERSONAL = "# Personal build: not for publishing.\nUser-agent: *\nDisallow: /\n"
TRACEBACK = "Traceback (most recent call last)"
TEXT_SUFFIXES = {".html", ".htm", ".xml", ".json", ".js", ".css", ".txt", ".svg", ".webmanifest", ""}


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


def robots_txt(personal: bool, site_url: str | None) -> str:
    if personal:
        return ROBOTS_PERSONAL
    sitemap = f"Sitemap: {site_url.rstrip('/')}/sitemap.xml\n" if site_url else ""
    return "User-agent: *\nAllow: /\n" + sitemap


def header_lines(personal: bool) -> list[str]:
    return ["X-Robots-Tag: noindex"] if personal else []


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
        if path.suffix.lower() not in TEXT_SUFFIXES and not path.name.startswith("_"):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix.lower() == ".html":  # a profile value is written as character references
            text += "\n" + html.unescape(text)
        if TRACEBACK in text:
            problems.append(f"{rel}: holds a Python traceback")
        problems += [f"{rel}: holds the build machine's path {p!r}" for p in forbidden if p in text]
    return problems
