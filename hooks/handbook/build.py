"""One handbook build: its inputs, its records and its stages, in order.

Data flows one way: Markdown + manifest + profile → records → HTML → browser.

    config     settings (validated), manifest, profile, the answer blocks,
               Material's files patched (output/patches.py, verified)
    files      the stylesheet and script bundles, the patched Material files,
               the web manifest, the 全部答案 page last
    each page  the answer blocks render into elements; their records are kept
    env        the site check over every record (all problems at once)
    templates  tools bars, jump lists, the profile panel, QR codes, head meta
    post-build every writer first (the search index completed from the
               records, robots.txt, the one stylesheet, critical CSS in pages, CSP in pages and
               _headers, sw.js), then the privacy scan over everything written

hooks/pipeline.py (the one MkDocs hook) and hooks/macros.py (mkdocs-macros)
are thin glue over this object; both reach the same instance with
`for_config(config)`.
"""

from __future__ import annotations

import html
import json
import logging
import os
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import material
from jinja2 import Environment
from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page as MkPage
from mkdocs.utils.yaml import yaml_load

from . import addresses, checks, panel, severance, sheet, share, transfer
from .answers import VALUE_TOKEN, AnswersExtension, PageContext, PageResult, Renderer
from .model import Manifest, ManifestError, Page, ProfileValue, Record, load_manifest
from .output import critical, critical_worker, csp, patches, privacy, pwa, scripts, search, stylesheets, theme
from .profile import (LOCAL_PROFILE, PUBLIC_PROFILE, Profile, ProfileError, RenderedProfile, load_fields,
                      load_profile, render_profile)
from .settings import Settings, SettingsError, read_settings
from .speaking import speaking_time

log = logging.getLogger("mkdocs.plugins.handbook")

# The data files, found from the project (mkdocs.yml's folder), not from this
# module: a test may build a changed copy of the project in the same process.
DATA_DIR = Path("hooks/handbook/data")
WORKER_SOURCE = Path("hooks/handbook/output/sw.js")  # the service worker's logic
RULES_SOURCE = Path("assets/javascripts/severance.js")  # under docs/: the severance rules
TRANSFER_SCRIPT = Path("assets/javascripts/transfer.js")  # under docs/: how the panel checks an import
HEADERS_FILE = "_headers"
MATERIAL_FAVICON = "assets/images/favicon.png"  # Material's default theme.favicon
ROBOTS_FILE = "robots.txt"


@dataclass(frozen=True)
class HeadMeta:
    csp_slot: str | None  # None under `mkdocs serve` (live reload is an inline script)
    noindex: bool


class TemplateRenderer(Renderer):
    """The HTML of the Markdown stage, from overrides/partials/."""

    def __init__(self, env: Environment, settings: Settings, site_url: str | None) -> None:
        self.env = env
        self.settings = settings
        self.site_url = site_url
        self.values: list[str] = []     # the markup of each profile value the macros wrote
        self.plain: dict[str, str] = {}  # a value's markup → what a reader sees
        self.known: dict[str, ProfileValue] = {}  # a value's markup → the value

    def render(self, name: str, **context) -> str:
        return self.env.get_template(f"partials/{name}").render(**context)

    def answer_tools(self, record: Record, page: PageContext) -> str:
        return self.render("answer-tools.html", record=record,
                           speaking=speaking_time(record.spoken, self.settings.chars_per_minute),
                           share_url=addresses.answer_address(self.site_url, record.id),
                           share_path=addresses.stub_url(record.id))

    def jump_list(self, records: Sequence[Record]) -> str:
        return self.render("jump-list.html", records=records)

    def profile_value(self, key: str, text: str, unset: bool, unit: str) -> Markup:
        """What `{{ me.<key> }}` writes into the Markdown: a token for the
        answer blocks' extension, which puts the value's markup in its place."""
        markup = self.render("profile-value.html", key=key, text=Markup(text), unset=unset, unit=unit)
        self.values.append(markup)
        self.plain[markup] = html.unescape(text)
        self.known[markup] = ProfileValue(key, html.unescape(text), unset, unit)
        return Markup(VALUE_TOKEN.format(len(self.values) - 1))

    def value_of(self, raw_html: str) -> ProfileValue | None:
        return self.known.get(raw_html)

    def value_markup(self, value: ProfileValue, inner_html: str) -> str:
        """A value's markup around other (already escaped) text: the search
        index's copy of it, so profile.js fills in the reader's value there too."""
        return self.render("profile-value.html", key=value.key, text=Markup(inner_html), unset=value.unset,
                           unit=value.unit)

    def value(self, index: int) -> str:
        return self.values[index]

    def plain_text(self, raw_html: str) -> str:
        known = self.plain.get(raw_html)
        return known if known is not None else super().plain_text(raw_html)

    def sheet_page(self, page: Page, content: str) -> str:
        return self.render("sheet-page.html", page=page, content=Markup(content))


def nav_from_manifest(manifest: Manifest) -> list[dict[str, str]]:
    return [{"首页": "index.md"}] + [{page.title: page.file} for page in manifest.pages]


def answer_index(manifest: Manifest) -> str:
    """Markdown list of every answer, grouped by page, for the home page."""
    lines = []
    for page in manifest.pages:
        if not page.answers:
            continue
        lines += ["", f"### [{page.title}]({page.file})", ""]
        lines += [f"- [{a.title}]({a.url})" for a in page.answers]
    return "\n".join(lines) + "\n"


class HandbookBuild:
    def __init__(self, config: MkDocsConfig, command: str | None) -> None:
        self.config = config
        self.command = command
        self.project_dir = Path(config.config_file_path).parent
        try:
            self.settings = read_settings(config.site_name, config.site_description, config.extra)
            self.manifest = load_manifest(self.project_dir / DATA_DIR / "answers.yml")
            published_file = self.project_dir / DATA_DIR / addresses.PUBLISHED_FILE
            self.published = addresses.load_published(published_file)
            address_problems = addresses.problems(self.published, self.manifest, str(published_file))
            if address_problems:
                raise addresses.AddressError("answer addresses:\n  - " + "\n  - ".join(address_problems))
            fields = load_fields(self.project_dir / DATA_DIR / "profile_fields.yml")
            self.profile: Profile = load_profile(self.project_dir, fields)
            self.transfer = panel.read_transfer(self.project_dir / DATA_DIR / panel.TRANSFER_FILE)
        except (SettingsError, ManifestError, ProfileError, addresses.AddressError, panel.TransferError) as exc:
            raise PluginError(str(exc)) from None
        labels = {key: spec.label for key, spec in self.profile.fields.items()}
        try:  # the calculator's inputs, checked before any page is rendered
            self.severance = severance.calculator(self.profile.values, labels,
                                                  Path(config.docs_dir) / RULES_SOURCE)
        except severance.SeveranceError as exc:
            raise PluginError(f"{' + '.join(str(p) for p in self.profile.files)}: {exc}") from None
        self.personal = len(self.profile.files) > 1
        self.templates = config.theme.get_env()
        self.renderer = TemplateRenderer(self.templates, self.settings, config.site_url or None)
        self.results: dict[str, PageResult] = {}
        self.heading_ids: dict[str, list[str]] = {}
        self.sheet_url: str | None = None
        self.page_urls: dict[str, str] = {}  # src_uri → URL of every Markdown page
        self.theme_color = ""  # the palette's primary colour, found with the theme's files
        self.stylesheet = ""  # the one stylesheet partials/first-paint.html loads, once written
        self.material_css: list[str] = []  # Material's stylesheets, pruned into the site's one
        self.own_css = ""                  # the site's own (extra_css), after them
        self.panel_script = ""             # the 填写我的信息 panel's work, fetched on first need
        self.early_script = ""
        self.extension = AnswersExtension(self.manifest, self.renderer, self._page_done)
        self._profile: RenderedProfile | None = None
        self.patched: list[patches.Shipped] = []  # Material's files the site ships changed
        self.ahead: critical_worker.Ahead | None = None  # the critical CSS worked out as pages are written

    # -- config ------------------------------------------------------------------

    def configure(self) -> None:
        config = self.config
        templates = Path(material.__file__).parent / "templates"
        problems = theme.changed(templates)
        if problems:
            raise PluginError("\n".join(problems))
        try:
            self.patched = patches.patch_files(templates, patches.PATCHES)
        except patches.PatchError as exc:
            raise PluginError(str(exc)) from None
        if self.command == "gh-deploy" and self.personal:
            raise PluginError(privacy.refusal(self.profile.files[-1]))
        if self.personal:
            log.info("Personal profile in use: %s. Pages get noindex, robots.txt disallows all; "
                     "do not publish this build ('mkdocs gh-deploy' refuses).", self.profile.files[-1].name)
        if config.nav is None:
            config.nav = nav_from_manifest(self.manifest)
        config.markdown_extensions.append(self.extension)

    # -- mkdocs serve ------------------------------------------------------------------

    def watched(self) -> list[Path]:
        """The folders `mkdocs serve` watches beyond docs/ and mkdocs.yml:
        hooks/ (the data files, the code, sw.js) and the theme's custom_dir.
        The build writes into none of them."""
        folders = [self.project_dir / DATA_DIR.parents[1]]
        if self.config.theme.custom_dir:
            folders.append(Path(self.config.theme.custom_dir))
        return folders

    def watched_files(self) -> tuple[Path, tuple[str, ...]]:
        """The profiles beside mkdocs.yml, watched by name (also when created
        or deleted), not their whole folder: a log or editor file written there
        must not rebuild the site."""
        return self.project_dir, (PUBLIC_PROFILE, LOCAL_PROFILE)

    def owner_carry(self) -> transfer.Carry:
        """What a personal build tells its owner: the link to the public site
        with the values, checked the way that site's panel will check them."""
        public = load_profile(self.project_dir, self.profile.fields, local=False)
        fields = [asdict(f) for f in panel.browser_fields(public)]
        script = Path(self.config.docs_dir) / TRANSFER_SCRIPT
        return transfer.carry(self.transfer, self.profile, self.public_address(),
                              bool(os.environ.get(transfer.EXPORT_VARIABLE)), self.project_dir,
                              lambda data: transfer.panel_problems(script, data, fields, self.transfer))

    def public_address(self) -> str | None:
        """The site's address as mkdocs.yml gives it (`site_url`, or SITE_URL
        through its !ENV): `mkdocs serve` replaces config.site_url with its own."""
        with open(self.config.config_file_path, encoding="utf-8") as f:
            return (yaml_load(f) or {}).get("site_url") or None

    # -- files ---------------------------------------------------------------------

    def files(self, files: Files) -> Files:
        palette = self.config.theme.get("palette")
        try:
            self.own_css = stylesheets.bundle_files(files, self.config)
            self.material_css = stylesheets.take_material(files, theme.material_stylesheets(
                Path(material.__file__).parent / "templates", bool(palette)))
            self.panel_script = scripts.panel_file(files, self.config)  # first: it refuses one listed
            scripts.bundle_files(files, self.config)
            self.early_script = scripts.early_script(Path(self.config.docs_dir) / scripts.CORE)
            color = pwa.resolve_theme_color(palette, self.config.theme.dirs)
        except ValueError as exc:  # a file that cannot be bundled, an unknown palette colour
            raise PluginError(str(exc)) from None
        self.ship_patched(files)
        missing = pwa.missing_icons({f.src_uri for f in files})
        if missing:
            raise PluginError("offline: app icon(s) missing: " + ", ".join(missing))
        problem = icon_problem(files, Path(self.config.docs_dir), self.favicon, self.preview_image)
        if problem:
            raise PluginError(problem)
        unused = files.get_file_from_path(MATERIAL_FAVICON)
        if unused is not None and self.favicon != MATERIAL_FAVICON:
            files.remove(unused)  # Material's default icon: no page names it
        self.page_urls = {f.src_uri: f.url for f in files.documentation_pages()}
        files.append(File.generated(self.config, pwa.MANIFEST_FILE, content=pwa.manifest_json(
            self.settings.site_name, self.settings.app_short_name, self.settings.site_description, color)))
        files.append(File.generated(self.config, panel.FIELDS_ASSET, content=panel.fields_json(self.profile)))
        self.theme_color = color
        sheet_page = self.manifest.sheet
        if sheet_page:
            found = files.get_file_from_path(sheet_page.file)
            if found is None:
                raise PluginError(f"the 全部答案 page docs/{sheet_page.file} of the manifest is missing")
            files.remove(found)
            files.append(found)  # rendered last: it shows every other page's answers
            self.sheet_url = found.url
        return files

    def ship_patched(self, files: Files) -> None:
        """Each patched Material file under its own name, instead of the
        original and its source map."""
        for shipped in self.patched:
            for name in (shipped.source, shipped.source + ".map"):
                original = files.get_file_from_path(name)
                if original is not None:
                    files.remove(original)
            files.append(File.generated(self.config, shipped.name, content=shipped.content))

    def shipped(self, path: str) -> str:
        """The file the site ships for Material's `path` (patched or not)."""
        return patches.names(self.patched).get(path, path)

    # -- pages -----------------------------------------------------------------------

    def begin_page(self, page: MkPage) -> None:
        is_sheet = self.manifest.sheet is not None and page.file.src_uri == self.manifest.sheet.file
        self.extension.page = PageContext(page.file.src_uri, page.url, page.canonical_url,
                                          None if is_sheet else self.sheet_url)

    def _page_done(self, result: PageResult) -> None:
        self.results[result.page.src] = result

    def page_rendered(self, page: MkPage) -> None:
        self.heading_ids[page.file.src_uri] = checks.toc_ids(page.toc)

    def page_written(self, path: Path, html: str) -> None:
        """A page (or theme template) as MkDocs writes it: its part of the
        critical CSS begins at once (output/critical_worker.py)."""
        if self.serving or critical.SLOT not in html:
            return
        site_dir = Path(self.config.site_dir)
        if self.ahead is None:
            self.ahead = critical_worker.Ahead(self.critical_sources())
        key = Path(os.path.relpath(path, site_dir)).as_posix()  # as write_critical_css names it
        self.ahead.page(key, html, key == "index.html")

    # -- macros --------------------------------------------------------------------

    @property
    def rendered_profile(self) -> RenderedProfile:
        if self._profile is None:
            self._profile = render_profile(self.profile, self.renderer.profile_value)
        return self._profile

    def answer_index(self) -> str:
        return answer_index(self.manifest)

    def calculator(self) -> Markup:
        return Markup(self.renderer.render("calculator.html", calculator=self.severance))

    def sheet_markdown(self) -> str:
        return sheet.sheet_markdown(self.manifest, self.results, self.renderer.sheet_page)

    # -- checks and templates ------------------------------------------------------

    def check(self) -> None:
        results = list(self.results.values())
        problems = checks.site_problems(results, self.manifest, self.heading_ids)
        if problems:
            raise PluginError(f"The handbook check found {len(problems)} problem(s):\n  - "
                              + "\n  - ".join(problems))
        for warning in checks.speaking_warnings(results, self.settings.chars_per_minute):
            log.warning(warning)

    def template_globals(self, env: Environment) -> None:
        env.globals["handbook_panel"] = {"fields": panel.FIELDS_ASSET, "script": self.panel_script,
                                         "transfer": json.dumps(self.transfer, ensure_ascii=False, separators=(",", ":"))}
        env.globals["handbook_offline"] = {
            "manifest": pwa.MANIFEST_FILE,
            "theme_color": self.theme_color,
            "apple_touch_icon": f"{pwa.ICON_DIR}/{pwa.APPLE_TOUCH_ICON}",
            "short_name": self.settings.app_short_name,
        }
        env.globals["handbook_head"] = self.head_meta
        env.globals["handbook_styles"] = {"critical": None if self.serving else critical.SLOT,
                                          "sheets": [stylesheets.SLOT_PATH],
                                          "style_mark": critical.STYLE_MARK, "sheet_mark": critical.SHEET_MARK,
                                          "early_script": Markup(self.early_script)}
        env.globals["handbook_preview_image"] = self.preview_image_url()
        env.globals["handbook_shipped"] = self.shipped

    @property
    def serving(self) -> bool:
        """`mkdocs serve`: the owner's local preview. No CSP (live reload
        injects a script) and no inline critical CSS (a first visit's network
        saving, none on localhost; it would cost every rebuild ~0.6 s)."""
        return self.command == "serve"

    @property
    def head_meta(self) -> HeadMeta:
        return HeadMeta(None if self.serving else csp.SLOT, self.personal)

    @property
    def favicon(self) -> str:
        return str(self.config.theme.get("favicon") or "")

    @property
    def preview_image(self) -> str:
        return f"{pwa.ICON_DIR}/{pwa.PREVIEW_IMAGE}"

    def preview_image_url(self) -> dict[str, object] | None:
        """og:image, absolute (a preview is fetched from elsewhere), or None without site_url."""
        url = addresses.absolute(self.config.site_url, self.preview_image)
        return {"url": url, "size": pwa.PREVIEW_SIZE} if url else None

    def page_context(self, context: dict, page: MkPage) -> dict:
        context["share_qr"] = share.page_code(page.canonical_url)
        if "description" in page.meta:
            page.meta["description"] = escaped_description(page.meta["description"], page.file.src_uri)
        return context

    # -- output ----------------------------------------------------------------------

    def write_outputs(self) -> None:
        """Every writer, then the scan of everything written."""
        site_dir = Path(self.config.site_dir)
        self.write_search_index(site_dir)
        (site_dir / ROBOTS_FILE).write_text(privacy.robots_txt(self.personal, self.config.site_url),
                                            encoding="utf-8")
        stubs = self.write_stubs(site_dir)
        self.stylesheet = stylesheets.write(site_dir, self.material_css, self.own_css)
        self.write_critical_css(site_dir)
        self.write_csp(site_dir)
        cache = pwa.write_service_worker(site_dir, (self.project_dir / WORKER_SOURCE).read_text(encoding="utf-8"),
                                         frozenset({self.favicon}),
                                         {addresses.stub_url(s.id): s.target for s in stubs})
        log.info("offline: %s precaches %d files, %d bytes (%d gzipped); after one visit every file: "
                 "%d files, %d bytes (%d gzipped), version %s", pwa.SW_FILE, cache.install.files,
                 cache.install.raw, cache.install.gzipped, cache.every.files, cache.every.raw, cache.every.gzipped,
                 cache.version)
        carry = self.owner_carry() if self.personal else None
        problems = privacy.leaks(site_dir, privacy.machine_paths(self.project_dir, Path(self.config.docs_dir)),
                                 [carry.fragment] if carry else [], self.transfer["file_name"])
        if problems:
            raise PluginError(f"The built site would leak {len(problems)} thing(s):\n  - "
                              + "\n  - ".join(problems))
        transfer.announce(carry)

    def critical_sources(self) -> list[str]:
        """The stylesheets the critical CSS is chosen from: Material's whole
        and the site's own, known before any page is written (the worker
        starts with the first page). The shipped stylesheet prunes only rules
        no page or script can match, so every rule chosen for a first screen
        is in it too."""
        return [*self.material_css, self.own_css]

    def write_critical_css(self, site_dir: Path) -> None:
        """The first screen's CSS into each page's slot (partials/first-paint.html)
        and the shipped stylesheet's name into its link, from the pages as
        MkDocs wrote them (what the critical CSS worker was sent)."""
        pages = {p: p.read_text(encoding="utf-8") for p in sorted(site_dir.rglob("*.html"))}
        css = ""
        if not self.serving:
            home = site_dir / "index.html"  # first: its whole screen; of the others their content
            ordered = sorted(pages, key=lambda p: p != home)
            css, where = critical_worker.critical_css(
                self.ahead, self.critical_sources(),
                [(p.relative_to(site_dir).as_posix(), pages[p]) for p in ordered if critical.SLOT in pages[p]])
            log.info("critical CSS: %d bytes inline in each page (worked out in the %s process)",
                     len(css.encode("utf-8")), where)
        for path, text in pages.items():
            done = stylesheets.name_in_pages(text.replace(critical.SLOT, css), self.stylesheet)
            if done != text:
                path.write_text(done, encoding="utf-8")

    def write_stubs(self, site_dir: Path) -> list[addresses.Stub]:
        """The page of every published answer address (after the pages: no
        search index or sitemap lists them; before the CSP, which covers them);
        the stubs, whose redirects the service worker answers itself."""
        records = {rec.id: rec for result in self.results.values() for rec in result.records}
        stubs = addresses.stubs(self.published, self.manifest, records, self.page_urls,
                                self.settings.site_description)
        for stub in stubs:
            target = site_dir / stub.file
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(self.renderer.render(
                "answer-stub.html", stub=stub, site_name=self.settings.site_name, config=self.config,
                canonical=addresses.absolute(self.config.site_url, stub.target),
                address=addresses.absolute(self.config.site_url, addresses.stub_url(stub.id)),
                image=self.preview_image_url(), icon="../../" + self.favicon,
                handbook_head=self.head_meta), encoding="utf-8")
        return stubs

    def write_search_index(self, site_dir: Path) -> None:
        records = [r for result in self.results.values() for r in result.records]
        try:
            done = search.write(site_dir, records, self.renderer.value_markup)
        except search.SearchIndexError as exc:
            raise PluginError(str(exc)) from None
        if done is not None:
            log.info("search: %d keywords and %d profile values added to %s",
                     done.keywords, done.values, search.INDEX_FILE)

    def write_csp(self, site_dir: Path) -> None:
        pages = {p: p.read_text(encoding="utf-8") for p in sorted(site_dir.rglob("*.html"))}
        scans = {p.relative_to(site_dir).as_posix(): csp.scan(text) for p, text in pages.items()}
        problems = csp.blocked(scans)
        if problems:
            raise PluginError(
                f"The Content-Security-Policy would block {len(problems)} thing(s); move scripts to "
                "files under docs/assets/javascripts/ and styles to a stylesheet:\n  - "
                + "\n  - ".join(problems))
        hashes = {csp.script_hash(s) for found in scans.values() for s in found.scripts}
        styles = {csp.script_hash(s) for found in scans.values() for s in found.styles}
        lines = csp.header_lines(csp.policy(hashes, header=True, styles=styles)) + privacy.header_lines(self.personal)
        (site_dir / HEADERS_FILE).write_text(csp.headers_file(lines), encoding="utf-8")
        if self.command == "serve":
            log.info("CSP meta tags left out under 'mkdocs serve' (live reload is an inline script)")
            return
        meta = csp.policy(hashes, styles=styles)
        for path, text in pages.items():
            path.write_text(text.replace(csp.SLOT, meta), encoding="utf-8")


def icon_problem(files: Files, docs_dir: Path, favicon: str, preview_image: str) -> str | None:
    """The favicon must be one of the site's own icons (not Material's), the
    preview image a large enough PNG of them."""
    icon = files.get_file_from_path(favicon)
    own = icon is not None and icon.abs_src_path and Path(icon.abs_src_path).is_relative_to(docs_dir)
    if not favicon.startswith(pwa.ICON_DIR + "/") or not own:
        return (f"mkdocs.yml theme.favicon {favicon!r}: use one of the site's own icons under "
                f"docs/{pwa.ICON_DIR}/ (e.g. {pwa.ICON_DIR}/icon.svg)")
    image = files.get_file_from_path(preview_image)
    data = Path(image.abs_src_path).read_bytes() if image and image.abs_src_path else None
    return pwa.preview_image_problem(data, f"docs/{preview_image}")


def escaped_description(value: object, src: str) -> Markup | None:
    """Material writes the description into a meta tag as is: hand it over
    escaped (a Markup string the templates leave alone)."""
    if value is None or isinstance(value, Markup):
        return value
    if not isinstance(value, str):
        raise PluginError(f"docs/{src}: front matter 'description' must be text, not {type(value).__name__}")
    return escape(value.strip())


# -- one instance per build ------------------------------------------------------------

_command: str | None = None
_current: HandbookBuild | None = None


def note_command(command: str) -> None:
    global _command
    _command = command


def stop_workers() -> None:
    """A build that failed: the critical CSS worker it may have started ends."""
    if _current is not None and _current.ahead is not None:
        _current.ahead.stop()


def for_config(config: MkDocsConfig) -> HandbookBuild:
    """The build of this config (mkdocs serve makes a new config per rebuild)."""
    global _current
    if _current is None or _current.config is not config:
        _current = HandbookBuild(config, _command)
    return _current
