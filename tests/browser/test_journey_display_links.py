"""Journey: a manager sets up a lobby TV — copies the display link's full
address with one button (or, where the clipboard is off limits, gets it
selected with a visible hint), scans its QR code instead of typing 43
characters, and revokes it only after confirming."""

import pytest
from playwright.sync_api import expect

from stories import services
from stories.lib.qr import qr_svg
from stories.models import DisplayLink
from tests.helpers.browser import assert_accessible, loaded_width, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def lobby(manager):
    return services.display_link_create(name="Lobby TV", query="seconds=20", by=manager)


def address_of(page, link):
    return f"{page.base_url}/slideshow/d/{link.token}/"


def test_the_copy_button_puts_the_whole_address_on_the_clipboard(browser_page, manager, lobby):
    page = browser_page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    sign_in(page, manager)
    page.goto(f"{page.base_url}/manage/displays/")
    address = page.get_by_label("Address for the screen")
    expect(address).to_have_value(address_of(page, lobby))
    # The whole address shows: nothing cut off.
    assert address.evaluate(
        "field => field.scrollWidth <= field.clientWidth && field.scrollHeight <= field.clientHeight"
    )
    page.get_by_role("button", name="Copy the address of Lobby TV").click()
    expect(page.get_by_role("status").filter(has_text="Copied the address.")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == address_of(page, lobby)
    assert_accessible(page)


def test_without_the_clipboard_the_address_is_selected_with_a_hint(browser_page, manager, lobby):
    page = browser_page
    page.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
    sign_in(page, manager)
    page.goto(f"{page.base_url}/manage/displays/")
    page.get_by_role("button", name="Copy the address of Lobby TV").click()
    expect(
        page.get_by_role("status").filter(has_text="The address is selected: press Ctrl+C to copy it.")
    ).to_be_visible()
    address = page.get_by_label("Address for the screen")
    expect(address).to_be_focused()
    selected = address.evaluate("field => field.value.slice(field.selectionStart, field.selectionEnd)")
    assert selected == address_of(page, lobby)


def test_the_qr_code_holds_the_address_and_is_drawn_on_the_page(browser_page, manager, lobby):
    page = browser_page
    sign_in(page, manager)
    page.goto(f"{page.base_url}/manage/displays/")
    qr = page.get_by_role("img", name="QR code of the address of Lobby TV")
    expect(qr).to_be_visible()
    assert loaded_width(qr) > 100  # served, and an image (CSP allowed it)
    svg = page.request.get(page.base_url + qr.get_attribute("src"))
    assert svg.headers["content-type"] == "image/svg+xml"
    assert svg.body() == qr_svg(address_of(page, lobby))


def test_revoking_asks_first_and_only_the_confirmation_revokes(browser_page, manager, lobby):
    page = browser_page
    sign_in(page, manager)
    page.goto(f"{page.base_url}/manage/displays/")
    page.get_by_text("Revoke…").click()
    lobby.refresh_from_db()
    assert lobby.revoked_at is None  # one click only asks
    confirm = page.get_by_role("button", name="Yes, revoke “Lobby TV”")
    expect(confirm).to_be_visible()
    expect(page.get_by_text("Its screen stops showing wins at its next update")).to_be_visible()
    assert_accessible(page)
    confirm.click()
    expect(page.get_by_text("“Lobby TV” is revoked")).to_be_visible()
    assert DisplayLink.objects.get().revoked_at is not None
    expect(page.get_by_role("img", name="QR code of the address of Lobby TV")).to_have_count(0)
