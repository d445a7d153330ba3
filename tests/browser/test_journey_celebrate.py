"""Journey: a colleague cheers a win in place (htmx, the button's pressed
state announced) and comments on it; its author sees the bell's count
change and reads the notifications, then marks them read. axe-core on every
page; on a phone-sized screen the bell is still there."""

import re

import pytest
from playwright.sync_api import expect

from stories import services
from tests.helpers.browser import assert_accessible, sign_in
from tests.helpers.people import make_user

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def win(make_story, employee):
    return make_story(author=employee, heroes=[employee], headline="Rescued a wedding")


def bell(page):
    return page.get_by_role("link", name="Notifications", exact=False)


def test_a_colleague_cheers_and_comments_and_the_author_reads_it(
    browser_page, browser, live_server, employee, other_employee, win
):
    page = browser_page
    sign_in(page, other_employee)
    assert_accessible(page)

    # Cheer from the feed, in place: the button says it is pressed, the line says who.
    page.evaluate("window.__stayedInPlace = true")
    card = page.locator("article.story-card", has_text="Rescued a wedding")
    cheer = card.get_by_role("button", name="Cheer")
    expect(cheer).to_have_attribute("aria-pressed", "false")
    cheer.click()
    expect(card.get_by_role("button", name="Cheer")).to_have_attribute("aria-pressed", "true")
    expect(card.locator("[data-cheer-summary]")).to_have_text("You cheered")  # never "Oscar cheered" to Oscar
    assert page.evaluate("window.__stayedInPlace === true")
    expect(page.locator("[data-cheer-live]")).to_have_text("You cheered")
    expect(card.get_by_role("button", name="Cheer")).to_be_focused()
    assert_accessible(page)

    # Comment on the win's page (a plain form), with a link that stays safe.
    card.get_by_role("link", name="Rescued a wedding").click()
    page.wait_for_url(f"**/wins/{win.pk}/")
    assert_accessible(page)
    page.get_by_label("Comment").fill("What a save! Photos: https://example.com/wedding")
    page.get_by_role("button", name="Post comment").click()
    page.wait_for_url(f"**/wins/{win.pk}/#comment-*")
    comment = page.locator(".comment", has_text="What a save!")
    expect(comment.get_by_role("link", name="https://example.com/wedding")).to_have_attribute(
        "rel", "nofollow noopener"
    )
    expect(page.locator(".messages")).to_contain_text("Your comment is posted.")
    assert_accessible(page)

    # The author: the bell counts two, the list names both, reading marks nothing.
    author = browser.new_context(viewport={"width": 390, "height": 844})  # a phone
    author_page = author.new_page()
    author_page.base_url = live_server.url
    try:
        sign_in(author_page, employee)
        expect(bell(author_page)).to_have_accessible_name("Notifications, 2 unread")
        expect(bell(author_page)).to_be_visible()  # outside the collapsed menu
        assert_accessible(author_page)
        bell(author_page).click()
        author_page.wait_for_url("**/notifications/")
        items = author_page.locator(".notification-unread")
        expect(items).to_have_count(2)
        expect(author_page.locator(".notification-list")).to_contain_text("Oscar cheered your win “Rescued a wedding”.")
        expect(author_page.locator(".notification-list")).to_contain_text(
            "Oscar commented on your win “Rescued a wedding”."
        )
        assert_accessible(author_page)
        author_page.reload()
        expect(bell(author_page)).to_have_accessible_name("Notifications, 2 unread")

        # Opening one marks it read (and only it), and opens its win.
        author_page.get_by_role("button", name="Oscar cheered your win “Rescued a wedding”.").click()
        author_page.wait_for_url(f"**/wins/{win.pk}/")
        expect(bell(author_page)).to_have_accessible_name("Notifications, 1 unread")
        bell(author_page).click()
        author_page.wait_for_url("**/notifications/")
        expect(author_page.locator(".notification-unread")).to_have_count(1)

        # Mark all read: the bell goes quiet, the list keeps them as read.
        author_page.get_by_role("button", name="Mark all read").click()
        author_page.wait_for_url("**/notifications/")
        expect(bell(author_page)).to_have_accessible_name("Notifications")
        expect(author_page.locator(".notification-unread")).to_have_count(0)
        expect(author_page.locator(".notification")).to_have_count(2)
        assert_accessible(author_page)

        # The notification leads to the win, where the author cannot cheer and is told why.
        author_page.get_by_role("button", name="Oscar commented on your win “Rescued a wedding”.").click()
        author_page.wait_for_url(f"**/wins/{win.pk}/")
        expect(author_page.get_by_role("button", name="Cheer")).to_have_count(0)
        expect(author_page.get_by_text("You posted this win — 1 colleague cheered.")).to_be_visible()
        assert_accessible(author_page)
    finally:
        author.close()

    # Back to the colleague: taking the cheer back, in place.
    page.goto(f"{live_server.url}/")
    card = page.locator("article.story-card", has_text="Rescued a wedding")
    card.get_by_role("button", name="Cheer").click()
    expect(card.get_by_role("button", name="Cheer")).to_have_attribute("aria-pressed", "false")
    expect(card.locator("[data-cheer-summary]")).to_have_text("Be the first to cheer")


def test_notification_settings_work_by_keyboard_and_pass_axe(browser_page, other_employee):
    page = browser_page
    sign_in(page, other_employee)
    page.goto(f"{page.base_url}/settings/notifications/")
    assert_accessible(page)
    page.get_by_role("radio", name="On: every Monday, by e-mail").check()
    page.get_by_role("button", name="Save").press("Enter")
    expect(page.locator(".messages")).to_contain_text("Your notification settings are saved.")
    expect(page.get_by_role("radio", name="On: every Monday, by e-mail")).to_be_checked()
    page.get_by_role("button", name="Get a feed address").click()
    expect(page.get_by_label("Your feed's address")).to_have_value(
        re.compile(r"/featured/feed\.atom\?token=[A-Za-z0-9_-]{43}$")
    )
    assert_accessible(page)


def test_a_featured_wins_slide_says_who_cheered(browser_page, employee, manager, win, django_user_model):
    for username, first in [("ana", "Ana"), ("bo", "Bo"), ("cy", "Cy")]:
        services.cheer_set(story=win, user=make_user(django_user_model, username, first=first), on=True)
    services.story_feature(story=win, by=manager, note="Calm and kind")
    page = browser_page
    sign_in(page, employee)
    page.goto(f"{page.base_url}/slideshow/?title=0&seconds=120")
    cheers = page.locator(f'.slide[data-id="win-{win.pk}"] .slide-cheers')
    expect(cheers).to_have_text("Cheered byCy, Bo and 1 other")
    expect(cheers.locator(".slide-label")).to_have_text("Cheered by")


def test_failed_requests_in_place_are_told_in_the_pages_messages(browser_page, console_errors, manager, win):
    """One live region for every htmx action: a cheer that can't reach the
    server, and a manager's action the server refuses, are both told there."""
    page = browser_page
    sign_in(page, manager)
    card = page.locator("article.story-card", has_text="Rescued a wedding")

    page.route(re.compile(r".*/cheer/$"), lambda route: route.abort())
    card.get_by_role("button", name="Cheer").click()
    expect(page.locator(".messages")).to_contain_text("Winsboard could not be reached.")
    page.unroute(re.compile(r".*/cheer/$"))

    page.route(re.compile(r".*/feature/$"), lambda route: route.fulfill(status=403, body="no"))
    card.get_by_role("button", name=re.compile("^Feature")).click()
    expect(page.locator(".messages")).to_contain_text("Only managers can do that.")
    assert_accessible(page)
    # Chromium and htmx log the two failures this test made, and nothing else.
    assert any("sendError" in error for error in console_errors)
    assert any("403" in error for error in console_errors)
    assert all("sendError" in e or "403" in e or "afterRequest" in e or "ERR_FAILED" in e for e in console_errors)
    console_errors.clear()
