"""The page's QR code (hooks/handbook/share.py)."""

import re

import segno

from handbook.share import page_code, qr_svg


def modules(svg: str) -> str:
    return re.search(r' d="([^"]+)"', svg.split("share-qr__modules")[1]).group(1)


def test_the_qr_code_encodes_the_address_as_inline_svg_without_style():
    url = "https://me.example/hb/rights/"
    svg = qr_svg(url)
    assert svg.startswith('<svg role="img" aria-label="本页地址 https://me.example/hb/rights/ 的二维码"')
    assert "style" not in svg and "<?xml" not in svg and 'width="' not in svg
    expected = segno.make(url, error="m").svg_inline(
        scale=1, border=4, omitsize=True, dark="#000", light="#fff",
        svgclass="share-qr__code", lineclass="share-qr__modules")
    assert modules(svg) == modules(expected)
    assert modules(qr_svg("https://me.example/hb/salary/")) != modules(svg)


def test_the_label_of_the_code_is_escaped():
    assert 'aria-label="本页地址 https://x.example/?a=1&amp;b=&#34;2&#34; 的二维码"' in qr_svg(
        'https://x.example/?a=1&b="2"')


def test_a_page_without_an_address_has_no_code():
    assert page_code(None) is None and page_code("") is None
    code = page_code("https://x.example/a/")
    assert code.url == "https://x.example/a/" and code.svg == qr_svg("https://x.example/a/")
