"""Journey: a manager opens Empowerment insight from the navigation, reads the
charts, opens a chart's table by keyboard, narrows to a team, downloads a
chart's CSV, and gets a clear message for a bad range — on a desktop and a
phone, with screenshots kept in artifacts/screenshots/ and axe-core on each."""

from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.helpers.browser import assert_accessible, sign_in
from tests.helpers.insight import BUDGET, seed_known_wins, year

pytestmark = pytest.mark.django_db(transaction=True)

# Not pytest-playwright's test-results/ (emptied at the start of every run).
ARTIFACTS = Path(settings.BASE_DIR) / "artifacts" / "screenshots"


@pytest.fixture
def known_wins(django_user_model, employee, other_employee, settings):
    settings.WINSBOARD_EMPOWERMENT_BUDGET = BUDGET
    return seed_known_wins(django_user_model, employee=employee, other_employee=other_employee)


def open_last_year(page):
    page.get_by_role("button", name="Manage", exact=True).click()
    page.get_by_role("link", name="Insight").click()
    page.wait_for_url("**/insight/")
    expect(page.get_by_role("heading", name="Empowerment insight")).to_be_visible()
    page.get_by_role("link", name=f"← {year()}").click()
    expect(page.locator("#period-title")).to_contain_text(f"{year()} · all teams")


def test_a_manager_reads_the_insight_on_a_desktop_and_a_phone(browser_page, manager, known_wins):
    page = browser_page
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, manager)
    open_last_year(page)

    glance = page.locator(".insight-glance")
    expect(glance.locator("dd").first).to_have_text("8")
    expect(glance).to_contain_text("75%")  # decided on the spot
    kinds = page.get_by_role("img", name="Wins per month by kind")
    expect(kinds).to_be_visible()
    # Stacked columns in January: fixed, creative, praise (one each), written on the chart.
    assert kinds.locator("text", has_text="3").count() >= 2  # January's and February's totals
    budget_line = page.get_by_role("img", name="Cost to make it right, per team").locator("line.chart-reference")
    expect(budget_line).to_have_count(3)  # through each team's bar

    # "Show as table" opens from the keyboard, no JavaScript needed.
    summary = page.locator("#decided-teams-heading").locator("xpath=ancestor::figure").locator("summary")
    summary.focus()
    page.keyboard.press("Enter")
    table = page.get_by_role("table", name="Decided on the spot, per team")
    expect(table).to_be_visible()
    expect(table.get_by_role("row", name="Front desk 4 3 75.0")).to_be_visible()
    assert_accessible(page)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "insight-desktop.png"), full_page=True, animations="disabled")

    # A phone: the charts scale to the screen, nothing pushes the page sideways.
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, width
    box = page.get_by_role("img", name="Wins per month by kind").bounding_box()
    assert 300 <= box["width"] <= 390, box
    assert_accessible(page)
    page.screenshot(path=str(ARTIFACTS / "insight-phone.png"), full_page=True, animations="disabled")


def test_a_manager_narrows_to_a_team_downloads_a_csv_and_fixes_a_bad_range(browser_page, manager, known_wins):
    page = browser_page
    sign_in(page, manager)
    open_last_year(page)

    page.get_by_label("Team", exact=True).select_option(label="Housekeeping")
    page.get_by_role("button", name="Show").click()
    expect(page.locator("#period-title")).to_contain_text(f"{year()} · Housekeeping")
    expect(page.locator(".insight-glance dd").first).to_have_text("3")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download “Wins over the budget” as CSV").click()
    download = download_info.value
    assert download.suggested_filename == f"winsboard-over-budget-{year()}-team-{known_wins['house'].pk}.csv"
    text = Path(download.path()).read_text(encoding="utf-8-sig")
    assert text.splitlines()[1:] == [f"{year()}-02-11,Win 7,Housekeeping,3000.00,yes"]

    # A custom range with From after To: a clear message, and the page still works.
    page.get_by_label("Period", exact=True).select_option(label="Custom range")
    page.get_by_label("From", exact=True).fill(f"{year()}-03-01")
    page.get_by_label("To", exact=True).fill(f"{year()}-01-01")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("alert")).to_contain_text("The From date must be on or before the To date.")
    assert_accessible(page)
    page.get_by_label("From", exact=True).fill(f"{year()}-01-01")
    page.get_by_label("To", exact=True).fill(f"{year()}-02-28")
    page.get_by_role("button", name="Show").click()
    expect(page.locator("#period-title")).to_contain_text(f"1 Jan {year()} – 28 Feb {year()} · Housekeeping")
