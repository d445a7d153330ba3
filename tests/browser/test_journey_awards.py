"""Journey (issue 23): a colleague nominates a win from its page; a manager
finds it through the Manage menu, chooses it with a citation and announces;
the win's author sees the bell count them and reads them; the slideshow
opens with the award slide before the wins. axe-core on every page."""

import pytest
from playwright.sync_api import expect

from stories import services
from stories.models import Award
from tests.browser.test_journey_slideshow import ARTIFACTS, check_accessible, current, open_deck
from tests.helpers.awards import category
from tests.helpers.browser import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def win(make_story, employee, manager):
    category()  # the migration's categories (made again after another journey's flush)
    story = make_story(author=employee, heroes=[employee], headline="Breakfast in bed for a stranded crew")
    services.story_feature(story=story, by=manager, note="Thinking on their feet")
    return story


def bell(page):
    return page.get_by_role("link", name="Notifications", exact=False)


def in_context(browser, live_server, user):
    context = browser.new_context()
    page = context.new_page()
    page.base_url = live_server.url
    page.set_default_timeout(10_000)
    sign_in(page, user)
    return context, page


def test_nominate_choose_announce_then_the_bell_and_the_award_slide(
    browser_page, browser, live_server, employee, other_employee, manager, win
):
    # A colleague nominates the win from its page.
    page = browser_page
    sign_in(page, other_employee)
    page.goto(f"{page.base_url}{win.get_absolute_url()}")
    assert_accessible(page)
    page.get_by_label("Award", exact=True).select_option(label="Most creative idea")
    page.get_by_label("Reason").fill("Forty breakfasts at 5 a.m., and nobody had to ask.")
    page.get_by_role("button", name="Nominate").click()
    page.wait_for_url(f"**/wins/{win.pk}/#awards")
    expect(page.locator(".messages")).to_contain_text("your nomination for Most creative idea is in")
    expect(page.locator("#awards")).to_contain_text("You nominated it for Most creative idea")
    assert_accessible(page)

    # A manager chooses it on /manage/awards/ (through the Manage menu) and announces.
    context, boss = in_context(browser, live_server, manager)
    try:
        boss.get_by_role("button", name="Manage", exact=True).click()
        boss.locator(".dropdown-menu").get_by_role("link", name="Awards", exact=True).click()
        boss.wait_for_url("**/manage/awards/")
        nominee = boss.locator(".nominee", has_text="Breakfast in bed for a stranded crew")
        expect(nominee).to_contain_text("1 nomination · 0 cheers")
        expect(nominee).to_contain_text("Forty breakfasts at 5 a.m., and nobody had to ask.")
        assert_accessible(boss)
        nominee.get_by_label("Citation").fill("For feeding a whole crew before dawn.")
        nominee.get_by_role("button", name="Choose").click()
        boss.wait_for_url("**/manage/awards/")
        expect(boss.locator(".nominee")).to_contain_text("Chosen: Winner")
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        boss.screenshot(path=str(ARTIFACTS / "manage-awards.png"), full_page=True)
        boss.get_by_role("button", name="Announce").click()
        boss.wait_for_url("**/awards/")
        expect(boss.locator(".award-list")).to_contain_text("Award: Most creative idea")
        expect(boss.locator(".award-list")).to_contain_text("For feeding a whole crew before dawn.")
        assert_accessible(boss)
    finally:
        context.close()

    # The win's author: the bell counts the nomination and the award (and the feature before them).
    context, author = in_context(browser, live_server, employee)
    try:
        expect(bell(author)).to_have_accessible_name("Notifications, 3 unread")
        card = author.locator("article.story-card", has_text="Breakfast in bed for a stranded crew")
        expect(card.locator(".award-badge")).to_contain_text("Most creative idea")
        card.screenshot(path=str(ARTIFACTS / "award-badge-card.png"))
        bell(author).click()
        author.wait_for_url("**/notifications/")
        notifications = author.locator(".notification-list")
        expect(notifications).to_contain_text(
            "Oscar nominated your win “Breakfast in bed for a stranded crew” for an award."
        )
        expect(notifications).to_contain_text("won an award: Most creative idea")
        assert_accessible(author)

        # The slideshow opens with the award, before the wins.
        award = Award.objects.get()
        open_deck(author, "seconds=4")
        expect(current(author)).to_have_attribute("data-id", "title")
        author.clock.run_for(4200)
        expect(current(author)).to_have_attribute("data-id", f"award-{award.pk}")
        expect(current(author)).to_contain_text("Award · Most creative idea")
        expect(current(author)).to_contain_text("For feeding a whole crew before dawn.")
        check_accessible(author)
        author.screenshot(path=str(ARTIFACTS / "award-slide.png"))
        author.clock.run_for(4200)
        expect(current(author)).to_have_attribute("data-id", f"win-{win.pk}")
    finally:
        context.close()
