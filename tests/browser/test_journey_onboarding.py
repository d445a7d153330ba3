"""Journey: a manager brings people in — imports a small CSV with one bad
line (the preview names it), applies it, finds an imported person on
/manage/people/, then deactivates a colleague whose open session (another
browser, phone-sized) ends at once. Every page passes axe-core.

Invitations (printable cards, /join/) are not built yet: that part of the
journey comes with them."""

import pytest
from playwright.sync_api import expect

from tests.helpers.browser import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

CSV = (
    "\ufeffname;email;team;role;employee_id;status\r\n"
    "Tomasz Kowalski;;Housekeeping;employee;H-1042;active\r\n"
    "Aisha Bello;not-an-address;Restaurant;employee;R-2210;active\r\n"
    "Luis Ortega;luis@example.com;Front desk;manager;;active\r\n"
)


def test_a_manager_imports_people_and_a_leavers_session_ends(browser_page, browser, manager, employee):
    page = browser_page
    sign_in(page, manager)
    page.get_by_role("button", name="Manage", exact=True).click()
    page.get_by_role("link", name="Staff", exact=True).click()
    page.wait_for_url("**/manage/people/")
    assert_accessible(page)

    page.get_by_role("link", name="Import a CSV").click()
    assert_accessible(page)
    page.get_by_label("CSV file").set_input_files({"name": "staff.csv", "mimeType": "text/csv", "buffer": CSV.encode()})
    page.get_by_role("button", name="Preview").click()
    expect(page.get_by_text("Line 3: “not-an-address” is not an e-mail address")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Import 2 people").click()
    page.wait_for_url("**/manage/people/")
    expect(page.get_by_text("Imported: 2 added")).to_be_visible()
    row = page.locator("tr", has_text="Tomasz Kowalski")
    expect(row).to_contain_text("Housekeeping")
    expect(row).to_contain_text("Invited")
    expect(page.locator("tr", has_text="Luis Ortega")).to_contain_text("Manager")
    assert_accessible(page)

    phone = browser.new_context(viewport={"width": 375, "height": 740})
    theirs = phone.new_page()
    theirs.base_url = page.base_url
    sign_in(theirs, employee)

    page.get_by_role("button", name="Deactivate Erin Employee").click()
    expect(page.get_by_role("heading", name="Deactivate Erin Employee?")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Deactivate").click()
    expect(page.get_by_text("Erin Employee is deactivated")).to_be_visible()
    expect(page.locator("tr", has_text="Erin Employee")).to_contain_text("Deactivated")

    theirs.goto(f"{page.base_url}/")
    theirs.wait_for_url("**/accounts/login/**")
    phone.close()
