"""Link previews in the built HTML: what a chat app shows for a pasted link.
Every page has a Chinese <title>, its own description (front matter
`description`), og:title, og:description, og:url, og:type and, when site_url
is set, a canonical link."""

from __future__ import annotations

import re

import yaml

from conftest import ROOT, SITE_URL, build, edit, url_of

HAN = re.compile(r"[\u4e00-\u9fff]")
SITE_DESCRIPTION = "面试前几分钟用手机快速过一遍的常见面试问题参考回答：开场、规划、到岗、谈薪、反问与劳动权益。"


def front_matter(markdown_file: str) -> dict:
    text = (ROOT / "docs" / markdown_file).read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---", 2)[1])


def meta(soup, **attrs) -> str | None:
    tag = soup.find("meta", attrs=attrs)
    return tag["content"] if tag else None


def preview_problems(soup, url: str, description: str, site_url: str | None = SITE_URL) -> list[str]:
    """Everything a link preview of the page at `url` lacks."""
    problems = []
    title = soup.title.get_text(strip=True) if soup.title else ""
    if not HAN.search(title):
        problems.append(f"<title> {title!r} is not Chinese")
    if meta(soup, name="description") != description:
        problems.append(f"meta description {meta(soup, name='description')!r} != {description!r}")
    if meta(soup, property="og:title") != title:
        problems.append(f"og:title {meta(soup, property='og:title')!r} != <title> {title!r}")
    if meta(soup, property="og:description") != description:
        problems.append(f"og:description {meta(soup, property='og:description')!r}")
    if meta(soup, property="og:type") != "website" or meta(soup, property="og:locale") != "zh_CN":
        problems.append("og:type or og:locale missing")
    canonical = soup.find("link", rel="canonical")
    if site_url:
        if not canonical or canonical["href"] != site_url + url:
            problems.append(f"canonical {canonical and canonical['href']!r} != {site_url + url!r}")
        if meta(soup, property="og:url") != site_url + url:
            problems.append(f"og:url {meta(soup, property='og:url')!r} != {site_url + url!r}")
    elif canonical is not None or meta(soup, property="og:url") is not None:
        problems.append("canonical/og:url without a site_url")
    return problems


def pages(manifest) -> list[tuple[str, str]]:
    return [("", "index.md")] + [(url_of(p.file), p.file) for p in manifest.pages]


def test_every_page_has_a_complete_chinese_link_preview(site, manifest):
    for url, source in pages(manifest):
        assert preview_problems(site.page(url), url, front_matter(source)["description"]) == [], url


def test_descriptions_are_written_per_page(site, manifest):
    descriptions = [meta(site.page(url), name="description") for url, _ in pages(manifest)]
    assert len(set(descriptions)) == len(descriptions)
    assert all(HAN.search(d) and len(d) >= 20 for d in descriptions)


def test_titles_name_the_page_and_the_site(site):
    assert site.page("salary/").title.get_text() == "谈薪 - 面试问答速查"
    assert site.page("").title.get_text() == "面试问答速查"
    assert site.page("404.html").title.get_text() == "页面不存在 - 面试问答速查"


def test_a_page_without_a_description_falls_back_to_the_sites(project):
    edit(project / "docs" / "salary.md", re.search(r"(?m)^description:.*\n",
                                                  (project / "docs" / "salary.md").read_text("utf-8")).group(0), "")
    result = build(project, env={"SITE_URL": SITE_URL})
    assert result.ok, result.log
    soup = result.page("salary/")
    assert meta(soup, property="og:description") == meta(soup, name="description") == SITE_DESCRIPTION
    assert preview_problems(soup, "salary/", front_matter("salary.md")["description"])  # the check sees it


def test_without_a_site_url_there_is_no_canonical_and_no_og_url(project, manifest):
    result = build(project, env={"SITE_URL": ""})
    assert result.ok, result.log
    for url, source in pages(manifest):
        soup = result.page(url)
        assert preview_problems(soup, url, front_matter(source)["description"], site_url=None) == [], url
    assert preview_problems(result.page("salary/"), "salary/", front_matter("salary.md")["description"])


def test_the_preview_text_is_escaped(project):
    edit(project / "docs" / "salary.md", "description: ", 'description: 谈薪"<b>&amp;')
    result = build(project)
    assert result.ok, result.log
    head = (result.site / "salary" / "index.html").read_text(encoding="utf-8").split("</head>")[0]
    assert "<b>" not in head
    soup = result.page("salary/")
    assert meta(soup, property="og:description").startswith('谈薪"<b>&amp;')
    assert meta(soup, name="description").startswith('谈薪"<b>&amp;')


def test_a_description_that_is_not_text_fails_naming_the_page(project):
    text = (project / "docs" / "salary.md").read_text(encoding="utf-8")
    edit(project / "docs" / "salary.md", re.search(r"(?m)^description:.*$", text).group(0), "description: [a, b]")
    result = build(project)
    assert not result.ok
    assert "docs/salary.md: front matter 'description' must be text, not list" in result.log
