"""The smallest browser check: the served site renders its home page in Chromium."""


def test_home_page_renders_in_chromium(served, phone):
    phone.goto(served.url)
    assert phone.locator("h1").first.inner_text().startswith("面试问答速查")
    assert phone.locator("#motivation").is_visible() is False  # lives on another page
    assert phone.evaluate("document.documentElement.lang").startswith("zh")
