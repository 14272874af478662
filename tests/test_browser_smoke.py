"""The served site in Chromium: the home page lists the answers, and text is
set in the system CJK font stack (no web font)."""

CJK_FONTS = ("PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC")


def text_font(page) -> str:
    return page.evaluate("getComputedStyle(document.querySelector('.md-typeset p')).fontFamily")


def test_home_page_renders_and_links_an_answer(served, phone):
    phone.goto(served.url)
    assert phone.locator("h1").first.inner_text().startswith("面试问答速查")
    assert phone.evaluate("document.documentElement.lang").startswith("zh")
    assert phone.locator('.md-content a[href$="opening/#motivation"]').first.is_visible()


def test_text_uses_the_system_cjk_font_stack(served, phone):
    phone.goto(served.url + "opening/")
    font = text_font(phone)
    assert all(name in font for name in CJK_FONTS), font


def test_font_check_sees_a_stack_without_cjk_fonts(served, phone):
    phone.goto(served.url + "opening/")
    phone.evaluate("document.documentElement.style.setProperty('--md-text-font', 'Roboto')")
    assert not any(name in text_font(phone) for name in CJK_FONTS)
