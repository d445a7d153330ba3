"""Dark mode: every page follows the system's light or dark setting
(prefers-color-scheme → Bootstrap's data-bs-theme), and the axe-core sweep
passes in both schemes, on a phone and on a desktop — our own colours (notes,
panels, badges, chips, buttons) included."""

from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect

from stories import services
from stories.models import Story
from tests.helpers.browser import assert_accessible, sign_in
from tests.helpers.slideshow import add_photo

pytestmark = pytest.mark.django_db(transaction=True)

ARTIFACTS = Path(settings.BASE_DIR) / "artifacts" / "screenshots"

# The page's background, as a luminance from 0 (black) to 1 (white).
BACKGROUND_LUMINANCE = """() => {
  const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/[\\d.]+/g).map(Number);
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
}"""


@pytest.fixture
def pages(make_story, employee, manager, team):
    """Wins in every state a page colours differently: featured with a note and
    a photo, tagged, over budget, approved by a supervisor, hidden and
    resubmitted with changes, waiting in the queue; and a display link."""
    featured = make_story(
        headline="Cake for room 412",
        quote="Best birthday ever!",
        quote_by="The guest in 412",
        customer_consent=True,
        cost=2500,
        needed_approval=True,
        team=team,
    )
    add_photo(featured, alt="A cake with 412 in icing")
    services.tag_add(story=featured, name="Birthdays", by=manager)
    services.story_feature(story=featured, by=manager, note="Kind, fast and sweet")
    make_story(headline="A plain win to review", cost=40)
    hidden = make_story(headline="A win with a surname")
    services.story_hide(story=hidden, by=manager, reason="Remove the surname and ask again")
    hidden.headline = "A win without a surname"
    hidden.save()
    services.story_resubmit(story=Story.objects.get(pk=hidden.pk), by=employee)
    services.display_link_create(name="Lobby TV", query="", by=manager)
    services.cheer_set(story=featured, user=manager, on=True)
    services.comment_create(story=featured, author=manager, body="Lovely, @erin! https://example.com/cake")
    Story.objects.filter(pk=featured.pk).update(shown_on=timezone.localdate())
    return {
        "manager": [
            "/",
            f"/wins/{featured.pk}/",
            f"/wins/{hidden.pk}/",
            "/featured/",
            "/manage/",
            "/manage/?show=hidden",
            "/manage/?view=list",
            "/manage/people/?status=active",
            "/manage/displays/",
            f"/people/{employee.get_username()}/",
            "/people/",
            "/?q=cake",
            "/insight/",
        ],
        "employee": [
            "/wins/new/",
            f"/wins/{featured.pk}/edit/",
            f"/wins/{hidden.pk}/",
            "/notifications/",
            "/settings/",
            "/settings/notifications/",
        ],
    }


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_follows_the_colour_scheme_and_passes_axe(
    browser, live_server, pages, employee, manager, scheme, width
):
    context = browser.new_context(color_scheme=scheme, viewport={"width": width, "height": 900})
    page = context.new_page()
    page.base_url = live_server.url
    try:
        page.goto(f"{page.base_url}/accounts/login/")
        expect(page.locator("html")).to_have_attribute("data-bs-theme", scheme)
        luminance = page.evaluate(BACKGROUND_LUMINANCE)
        assert luminance < 0.2 if scheme == "dark" else luminance > 0.9, luminance
        assert_accessible(page)
        for who, user in (("manager", manager), ("employee", employee)):
            page.context.clear_cookies()
            sign_in(page, user)
            for path in pages[who]:
                page.goto(page.base_url + path)
                expect(page.locator("html")).to_have_attribute("data-bs-theme", scheme)
                assert_accessible(page)
                if scheme == "dark" and width == 1280 and who == "manager" and path in ("/", "/manage/"):
                    ARTIFACTS.mkdir(parents=True, exist_ok=True)
                    name = "feed" if path == "/" else "queue"
                    page.screenshot(path=str(ARTIFACTS / f"dark-{name}-desktop.png"), full_page=True)
    finally:
        context.close()


def test_the_page_follows_a_change_of_the_system_setting_without_reloading(browser_page, employee):
    page = browser_page
    page.emulate_media(color_scheme="light")
    sign_in(page, employee)
    expect(page.locator("html")).to_have_attribute("data-bs-theme", "light")
    page.emulate_media(color_scheme="dark")
    expect(page.locator("html")).to_have_attribute("data-bs-theme", "dark")
    assert page.evaluate(BACKGROUND_LUMINANCE) < 0.2
