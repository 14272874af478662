"""What a chat app's link preview reads from an answer's own address
(<site>/a/<id>/), checked the way an unfurler reads it: the HTML as served,
without the fragment and without running any script. Used by the build
tests (tests/build/test_sharing.py) and the browser tests (test_share.py)."""

from __future__ import annotations

from urllib.parse import urljoin

from bs4 import BeautifulSoup

PNG_MIN_PX = 300


def meta(soup: BeautifulSoup, **attrs: str) -> str | None:
    tag = soup.find("meta", attrs=attrs)
    return tag["content"] if tag else None


def redirect_of(soup: BeautifulSoup) -> str | None:
    """The address a `<meta http-equiv="refresh">` sends to, as written."""
    content = meta(soup, **{"http-equiv": "refresh"}) or ""
    delay, _, url = content.partition(";")
    url = url.strip()
    if delay.strip() != "0" or not url.lower().startswith("url="):
        return None
    return url[4:]


def stub_problems(html: str, address: str, question: str, answer_url: str, site_name: str,
                  image: bytes | None = None) -> list[str]:
    """Everything the stub page served at `address` lacks to preview as the
    question and open `answer_url` (absolute, with its fragment). `image`:
    the og:image's bytes, when the caller fetched them."""
    soup = BeautifulSoup(html, "html.parser")
    problems = []
    title = soup.title.get_text(strip=True) if soup.title else ""
    if title != f"{question} - {site_name}":
        problems.append(f"<title> {title!r}")
    if meta(soup, property="og:title") != question:
        problems.append(f"og:title {meta(soup, property='og:title')!r}")
    description = meta(soup, name="description")
    if not description or meta(soup, property="og:description") != description:
        problems.append(f"description {description!r} / og:description {meta(soup, property='og:description')!r}")
    canonical = soup.find("link", rel="canonical")
    if not canonical or canonical["href"] != answer_url:
        problems.append(f"canonical {canonical and canonical['href']!r} != {answer_url!r}")
    target = redirect_of(soup)
    if target is None or target.startswith(("/", "http:", "https:")):
        problems.append(f"redirect {target!r} is not a relative meta refresh")
    elif urljoin(address, target) != answer_url:
        problems.append(f"redirect {target!r} opens {urljoin(address, target)!r}, not {answer_url!r}")
    if soup.find("script") is not None:
        problems.append("a stub runs a script")
    og_image = meta(soup, property="og:image") or ""
    if not og_image.startswith(("http://", "https://")) or not og_image.endswith(".png"):
        problems.append(f"og:image {og_image!r} is not an absolute PNG address")
    if image is not None:
        size = (int.from_bytes(image[16:20], "big"), int.from_bytes(image[20:24], "big"))
        if image[:8] != b"\x89PNG\r\n\x1a\n" or min(size) < PNG_MIN_PX:
            problems.append(f"og:image is not a PNG of at least {PNG_MIN_PX} px ({size})")
        if [meta(soup, property="og:image:width"), meta(soup, property="og:image:height")] != list(map(str, size)):
            problems.append("og:image:width/height differ from the image")
    icon = soup.find("link", rel="icon")
    if not icon or "assets/images/icon" not in icon["href"]:
        problems.append(f"favicon {icon and icon['href']!r} is not the site's own icon")
    return problems
