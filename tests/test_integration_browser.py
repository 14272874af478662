"""Features that meet in the browser: the 填写我的信息 panel (issue 6) feeding
the compensation calculator (issue 7) through the shared localStorage contract."""

from test_rehearse_browser import open_panel, ready


def amount(page, slot: str) -> str:
    return page.locator(f'#comp-calc [data-comp="{slot}"]').inner_text()


def test_values_typed_in_the_panel_recompute_the_calculator(served, phone):
    ready(phone, served.url + "rights/")
    assert amount(phone, "n") == "〔N〕"  # public build: the formula only
    panel = open_panel(phone)
    panel.get_by_label("在本单位工作整年数").fill("3")
    panel.get_by_label("在本单位工作零头月数").fill("7")
    panel.get_by_label("当前月薪").fill("20")
    panel.get_by_role("button", name="完成").click()
    # 3 years 7 months -> 4 months of pay; 4 × 20,000 = 80,000
    assert amount(phone, "n") == "80,000 元"
    assert amount(phone, "n1") == "100,000 元"
    assert amount(phone, "n2") == "160,000 元"
    phone.reload()
    assert amount(phone, "n") == "80,000 元"


def test_clearing_the_panel_brings_the_formula_back(served, phone):
    ready(phone, served.url + "rights/")
    panel = open_panel(phone)
    panel.get_by_label("在本单位工作整年数").fill("2")
    panel.get_by_label("当前月薪").fill("10")
    assert amount(phone, "n") != "〔N〕"
    panel.get_by_role("button", name="清除我的信息").click()
    assert amount(phone, "n") == "〔N〕"
