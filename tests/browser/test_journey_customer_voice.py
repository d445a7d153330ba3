"""Journey: at the desk, an employee asks the customer on a phone (a QR code
on the win's page); on their own phone, without JavaScript or an account,
the customer reads exactly what would be shared, changes their words, adds
how it made them feel and a rating; the employee's win then shows the
customer's words, "Confirmed by the customer", and tells its author. Every
page passes axe on a phone-sized screen (390 × 844)."""

import re
from pathlib import Path

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.urls import reverse
from playwright.sync_api import expect

from stories.views.customer_voice import SESSION_LINKS
from tests.helpers.browser import assert_accessible, sign_in
from tests.helpers.customer_voice import QUOTE, QUOTE_BY, quoted

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"


def _signed_link(page):
    """The link behind the QR code, from the asker's session (a test can't scan)."""
    (cookie,) = [cookie for cookie in page.context.cookies() if cookie["name"] == "sessionid"]
    (signed,) = SessionStore(session_key=cookie["value"]).load()[SESSION_LINKS].values()
    return reverse("customer_voice", args=[signed])


def test_a_customer_confirms_their_words_on_their_phone(
    browser_page, browser, live_server, employee, make_story, console_errors, settings
):
    settings.WINSBOARD_SITE_URL = live_server.url
    win = quoted(make_story, headline="A birthday saved at the front desk")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page = browser_page
    page.set_viewport_size(PHONE)
    sign_in(page, employee)

    # The employee asks with a QR code, from the win's page.
    page.goto(f"{page.base_url}{win.get_absolute_url()}")
    page.locator("summary", has_text="Ask the customer").click()
    assert_accessible(page)
    page.get_by_role("button", name="Show a QR code").click()
    expect(page.get_by_role("img", name=re.compile("QR code"))).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "customer-qr-phone.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(page)
    link = _signed_link(page)

    # The customer, on their own phone, with JavaScript off: no account, nothing but the quote.
    phone_context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True, java_script_enabled=False)
    phone = phone_context.new_page()
    phone.goto(f"{live_server.url}{link}")
    expect(phone.get_by_role("heading", level=1)).to_have_text("May we share your words?")
    expect(phone.locator("blockquote")).to_contain_text(QUOTE)
    expect(phone.locator("figcaption")).to_contain_text(QUOTE_BY)
    expect(phone.get_by_role("navigation")).to_have_count(0)
    phone.screenshot(path=str(ARTIFACTS / "customer-page-phone.png"), full_page=True)
    phone.get_by_label("Yes, with my words as I wrote them below").check()
    phone.get_by_label("Your words").fill("The front desk saved my daughter's birthday.")
    phone.get_by_label("How did it make you feel? (optional)").fill("Cared for, truly.")
    phone.get_by_role("group", name=re.compile("Your rating")).get_by_label("4").check()
    phone.get_by_role("button", name="Send my answer").click()
    expect(phone.get_by_role("status")).to_contain_text("Thank you, we have your answer.")
    expect(phone.get_by_label("Yes, with my words as I wrote them below")).to_be_checked()
    phone_context.close()

    # axe on the customer's page (axe needs JavaScript; the page itself has none).
    reader = browser.new_context(viewport=PHONE).new_page()
    reader.goto(f"{live_server.url}{link}")
    assert reader.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(reader)
    reader.screenshot(path=str(ARTIFACTS / "customer-page-answered-phone.png"), full_page=True)
    reader.context.close()

    # The employee sees the change: the customer's words on the win, confirmed, and a notification.
    page.goto(f"{page.base_url}{win.get_absolute_url()}")
    expect(page.locator(".customer-quote")).to_contain_text("The front desk saved my daughter's birthday.")
    expect(page.get_by_text("Confirmed by the customer")).to_be_visible()
    section = page.get_by_role("region", name="In the customer's words")
    expect(section).to_contain_text("Cared for, truly.")
    expect(section).to_contain_text("Rated 4 out of 5")
    assert_accessible(page)
    page.screenshot(path=str(ARTIFACTS / "customer-confirmed-win-phone.png"), full_page=True)
    page.goto(f"{page.base_url}/notifications/")
    expect(page.locator("main")).to_contain_text("They changed their words")
    assert_accessible(page)
