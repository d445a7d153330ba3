"""Journey: a new employee finds a colleague — by searching the feed for
her name, through the people directory, on her page — narrows the feed
with filters (by keyboard), and sets their own display name and photo;
every page passes axe-core, on a desktop and on a phone."""

import re

import pytest
from playwright.sync_api import expect

from stories import services
from stories.models import Team
from tests.helpers.browser import assert_accessible, sign_in
from tests.helpers.media_files import jpeg
from tests.helpers.people import make_user

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def priya(django_user_model, make_story, manager):
    priya = make_user(django_user_model, "pnair", first="Priya", last="Nair")
    team = Team.objects.create(name="Concierge")
    services.profile_update(user=priya, display_name="", team=team)
    star = make_story(headline="Found the lost passport", heroes=[priya], team=team, kind="creative")
    services.story_feature(story=star, by=manager)
    make_story(headline="A quiet shift", body="Nothing to report.")
    return priya


def test_an_employee_finds_a_colleague_and_narrows_the_feed(browser_page, employee, priya, tmp_path):
    page = browser_page
    sign_in(page, employee)

    # Search the feed for her name: her win, the match marked.
    page.get_by_label("Search").fill("priya passport")
    page.get_by_label("Search").press("Enter")
    page.wait_for_url("**/?q=priya+passport*")
    card = page.locator("article.story-card")
    expect(card).to_have_count(1)
    expect(card.locator("mark").first).to_have_text("passport")
    expect(page.get_by_role("heading", level=1)).to_have_text("Wins matching “priya passport”")
    assert_accessible(page)

    # Her name on the card leads to her page: counts, kinds, featured, timeline.
    card.get_by_role("link", name="Priya Nair").click()
    page.wait_for_url("**/people/pnair/")
    expect(page.get_by_role("heading", name="Priya Nair", level=1)).to_be_visible()
    expect(page.get_by_text("Concierge team")).to_be_visible()
    featured = page.get_by_role("region", name="Featured")
    expect(featured.get_by_role("link", name="Found the lost passport")).to_be_visible()
    assert_accessible(page)

    # The directory finds her by part of her name.
    page.get_by_role("link", name="People").click()
    page.get_by_label("Name").fill("nai")
    page.get_by_role("button", name="Find").click()
    expect(page.locator("tbody tr")).to_have_count(1)
    assert_accessible(page)

    # Filters by keyboard: kind, then "More filters" → featured only.
    page.goto(f"{page.base_url}/")
    page.get_by_label("Kind of win").select_option("creative")
    page.locator("summary", has_text="More filters").focus()
    page.keyboard.press("Enter")
    page.get_by_label("Featured only").check()
    page.get_by_role("button", name="Apply filters").press("Enter")
    page.wait_for_url("**/?*kind=creative*featured=1*")
    expect(page.get_by_role("heading", level=1)).to_have_text("Featured creative ideas")
    expect(page.locator("article.story-card")).to_have_count(1)
    assert_accessible(page)
    page.get_by_role("link", name="Clear all filters").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Latest wins")

    # Their own profile: a display name and a photo.
    photo = tmp_path / "me.jpg"
    photo.write_bytes(jpeg(300, 200))
    page.goto(f"{page.base_url}/settings/")
    assert_accessible(page)
    page.get_by_label("Display name").fill("Erin E.")
    page.get_by_label("Photo").set_input_files(str(photo))
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Your profile is saved.")).to_be_visible()
    expect(page.locator("img.avatar-big")).to_be_visible()
    assert_accessible(page)


def test_the_feeds_filters_and_the_directory_work_on_a_phone(browser_page, employee, priya):
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, employee)
    page.get_by_role("button", name="Search and filter").click()  # folded on a phone
    # Bootstrap's collapse is "collapsing" while it opens: a click on "More
    # filters" during that moment could miss (this flaked under load).
    expect(page.locator("form.feed-filters")).to_have_class(re.compile(r"\bshow\b"))
    page.locator("summary", has_text="More filters").click()
    expect(page.get_by_label("Hero")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(page)
    page.goto(f"{page.base_url}/people/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(page)
