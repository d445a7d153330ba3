"""Journey: a manager adds someone with no e-mail and prints the invitation
cards; on a phone, the person types the code from the card at /join/,
confirms their name, chooses a password and lands on the feed, signed in.
Every page passes axe."""

import re

import pytest
from playwright.sync_api import expect

from tests.helpers.browser import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}


def test_a_printed_card_brings_a_new_person_in_on_a_phone(
    browser_page, browser, live_server, manager, team, console_errors
):
    page = browser_page
    sign_in(page, manager)

    # Add Nadia (no e-mail): she is invited.
    page.goto(f"{page.base_url}/manage/people/new/")
    page.get_by_label("Name").fill("Nadia Newcomer")
    page.get_by_label("Team").select_option(label="Front desk")
    page.get_by_role("button", name=re.compile("Add|Save")).click()
    row = page.locator("tr", has_text="Nadia Newcomer")
    expect(row).to_contain_text("Invited")
    assert_accessible(page)

    # Print the cards: the page says new codes are issued, and only the POST does it.
    page.get_by_role("link", name="Print invitation cards").click()
    expect(page.get_by_role("note")).to_contain_text("new code")
    assert_accessible(page)
    page.get_by_role("button", name="Print cards").click()
    card = page.locator(".invitation-card", has_text="Nadia Newcomer")
    expect(card).to_contain_text("Front desk")
    expect(card.get_by_role("img", name=re.compile("QR code"))).to_be_visible()
    assert_accessible(page)
    code = card.locator(".invitation-code").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}", code)

    # On her phone: the code as she types it (lower case, no dash).
    phone_context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    phone = phone_context.new_page()
    phone.on("console", lambda msg: console_errors.record(msg.text) if msg.type == "error" else None)
    phone.goto(f"{live_server.url}/join/")
    assert_accessible(phone)
    phone.get_by_label("Your code").fill(code.replace("-", "").lower())
    phone.get_by_role("button", name="Next").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Welcome, Nadia Newcomer")
    assert_accessible(phone)
    phone.get_by_label("I am Nadia Newcomer").check()
    phone.get_by_label("Choose a password").fill("sunny-lobby-42-flowers")
    phone.get_by_label("The password again").fill("sunny-lobby-42-flowers")
    phone.get_by_role("button", name="Join Winsboard").click()
    phone.wait_for_url(f"{live_server.url}/")
    expect(phone.locator(".messages")).to_contain_text("Welcome to Winsboard, Nadia Newcomer!")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(phone)

    # The card works once.
    phone.goto(f"{live_server.url}/join/")
    phone.get_by_label("Your code").fill(code)
    phone.get_by_role("button", name="Next").click()
    expect(phone.get_by_text("This code is not valid or has expired. Ask your manager for a new card.")).to_be_visible()
    phone_context.close()
