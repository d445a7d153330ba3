"""Journey: a win is never lost to a reload. On a phone, an employee writes a
win with a photo, the page reloads (a crash, a dead battery); the form offers
the draft back, text and photo; posting it forgets the draft; another person
on the same device never sees it."""

import pytest
from playwright.sync_api import expect

from stories.models import Story
from tests.helpers.browser import assert_accessible, sign_in
from tests.helpers.media_files import jpeg

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def phone(browser_page):
    browser_page.set_viewport_size({"width": 390, "height": 844})
    return browser_page


def saved(page):
    page.wait_for_timeout(700)  # the draft is kept 0.4 s after the last keystroke


def test_a_reload_offers_the_draft_back_and_posting_forgets_it(phone, employee, other_employee):
    page = phone
    sign_in(page, employee)
    page.goto(f"{page.base_url}/wins/new/")
    page.get_by_label("Headline").fill("Found the lost passport")
    page.get_by_label("Story").fill("A guest left it in the taxi; we called the driver.")
    page.get_by_label("Photos").set_input_files({"name": "passport.jpg", "mimeType": "image/jpeg", "buffer": jpeg()})
    page.get_by_label("Alt text", exact=True).first.fill("The passport back in the guest's hands")
    saved(page)

    page.reload()
    offer = page.get_by_role("region", name="Unfinished win")
    expect(offer).to_contain_text("its text and 1 photo")
    assert_accessible(page)
    offer.get_by_role("button", name="Restore it").click()
    expect(page.get_by_label("Headline")).to_have_value("Found the lost passport")
    expect(page.get_by_label("Story")).to_have_value("A guest left it in the taxi; we called the driver.")
    expect(page.get_by_label("Alt text", exact=True).first).to_have_value("The passport back in the guest's hands")
    expect(page.get_by_text("New photo: passport.jpg")).to_be_visible()

    page.get_by_role("button", name="Post the win").click()
    expect(page.get_by_text("Your win is on the board")).to_be_visible()
    story = Story.objects.get()
    assert story.headline == "Found the lost passport"
    assert list(story.photos.values_list("alt_text", flat=True)) == ["The passport back in the guest's hands"]
    page.goto(f"{page.base_url}/wins/new/")
    expect(page.get_by_label("Headline")).to_have_value("")
    page.wait_for_timeout(300)
    expect(page.get_by_role("region", name="Unfinished win")).to_have_count(0)


def test_another_person_on_the_same_device_never_sees_the_draft(phone, employee, other_employee):
    page = phone
    sign_in(page, employee)
    page.goto(f"{page.base_url}/wins/new/")
    page.get_by_label("Headline").fill("A secret surprise for the team")
    saved(page)
    page.context.clear_cookies()  # not signed out (that would wipe it): someone else signs in
    sign_in(page, other_employee)
    page.goto(f"{page.base_url}/wins/new/")
    page.wait_for_timeout(300)
    expect(page.get_by_role("region", name="Unfinished win")).to_have_count(0)
    expect(page.get_by_label("Headline")).to_have_value("")
