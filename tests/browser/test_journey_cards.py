"""Journey: the feed and the wall on a phone — a card's photo keeps its shape,
the first screen shows a headline, the whole card is one tappable link (its
headline, which looks like a link: one tab stop), and the controls on a card
(tags, a manager's buttons) still do their own thing."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from stories import services
from tests.helpers.browser import assert_accessible, sign_in
from tests.helpers.slideshow import add_photo

pytestmark = pytest.mark.django_db(transaction=True)

ARTIFACTS = Path(settings.BASE_DIR) / "artifacts" / "screenshots"
PHONE = {"width": 390, "height": 844}
FOCUSABLE = "a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex='-1'])"
# On a card, besides its one link to the win: the names of the people on it
# (each a link to their page), the Cheer button and the comments link, which sit above the card link.
OWN_CONTROLS = "a.person-link, [data-cheer] button, button[aria-pressed], a[href$='#comments']"
WIN_LINKS = f"card => [...card.querySelectorAll(`{FOCUSABLE}`)].filter(el => !el.matches(`{OWN_CONTROLS}`))"


@pytest.fixture
def wins(make_story, manager):
    older = make_story(headline="A portrait of the lobby", body="Flowers for the opening.")
    add_photo(older, size=(1200, 1600), alt="Flowers in the lobby")
    cake = make_story(
        headline="Cake for room 412",
        body="The cake fell on the way up. We baked another one in an hour and wrote 412 on it in icing.",
        quote="Best birthday ever!",
        quote_by="The guest in 412",
        customer_consent=True,
    )
    add_photo(cake, size=(1600, 1200), alt="A cake with “412” written in icing")  # a 600×450 card rendition
    for story in (older, cake):
        services.story_feature(story=story, by=manager)
    return {"cake": cake, "older": older}


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.base_url = live_server.url
    yield page
    context.close()


def rendered_ratio(image):
    return image.evaluate("img => img.getBoundingClientRect().width / img.getBoundingClientRect().height")


def middle(locator):
    locator.scroll_into_view_if_needed()
    box = locator.bounding_box()
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


TOP_ELEMENT = (
    "([x, y]) => document.elementFromPoint(x, y).closest('a, button, input, p, article').outerHTML.slice(0, 80)"
)


def covering(page, locator):
    """What a tap at the middle of `locator` lands on (the element on top there)."""
    return page.evaluate(TOP_ELEMENT, list(middle(locator)))


def tap(page, locator):
    """A finger on the middle of `locator`, whatever is on top there."""
    page.touchscreen.tap(*middle(locator))


def test_a_card_on_a_phone_keeps_its_photo_s_shape_and_is_one_tappable_link(phone, employee, wins):
    page = phone
    sign_in(page, employee)
    card = page.locator("article.story-card", has_text="Cake for room 412")
    photo = card.get_by_role("img", name="A cake with “412” written in icing")
    expect(photo).to_be_visible()
    assert rendered_ratio(photo) == pytest.approx(600 / 450, rel=0.02)  # not cropped to a tall portrait
    portrait = page.locator("article.story-card", has_text="A portrait of the lobby").get_by_role("img")
    assert rendered_ratio(portrait) == pytest.approx(1.0, abs=0.5)  # a portrait stays upright…
    assert portrait.evaluate("img => getComputedStyle(img).objectFit") == "contain"  # …and whole

    # The first screen shows the newest win's headline.
    headline = card.get_by_role("link", name="Cake for room 412")
    box = headline.bounding_box()
    assert box["y"] + box["height"] <= PHONE["height"], f"the headline ends {box['y'] + box['height']}px down"
    # It looks like a link.
    style = headline.evaluate("a => [getComputedStyle(a).textDecorationLine, getComputedStyle(a).color]")
    assert style == ["underline", "rgb(13, 110, 253)"], style
    # One tab stop for the whole card (names and Cheer are controls of their own, above it).
    assert card.evaluate(f"card => ({WIN_LINKS})(card).map(el => el.getAttribute('href'))") == [
        f"/wins/{wins['cake'].pk}/"
    ]
    for name in card.locator("a.person-link").all():
        assert "stretched-link" not in covering(page, name)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "feed-phone.png"))
    assert_accessible(page)

    # A tap anywhere on the card — its story, its quote, its photo — opens the win.
    for part in (card.locator(".card-text"), card.locator("blockquote"), photo):
        assert "stretched-link" in covering(page, part), part
    tap(page, card.locator(".card-text"))
    page.wait_for_url(re.compile(rf"/wins/{wins['cake'].pk}/$"))


def test_with_the_keyboard_the_card_link_shows_its_focus_around_the_whole_card(browser_page, employee, wins):
    page = browser_page
    sign_in(page, employee)
    headline = page.get_by_role("link", name="Cake for room 412")
    headline.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # keyboard focus, so :focus-visible applies
    expect(headline).to_be_focused()
    card = page.locator("article.story-card", has_text="Cake for room 412")
    assert card.evaluate("card => getComputedStyle(card).outlineStyle") == "solid"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/wins/{wins['cake'].pk}/$"))


def test_tags_and_a_manager_s_buttons_on_a_card_stay_above_the_card_link(browser_page, manager, wins):
    page = browser_page
    services.tag_add(story=wins["cake"], name="Birthdays", by=manager)
    sign_in(page, manager)
    card = page.locator("article.story-card", has_text="Cake for room 412")
    tag = card.get_by_role("link", name="#Birthdays")
    unfeature = card.get_by_role("button", name="Unfeature")
    field = card.get_by_label("Add a tag to “Cake for room 412”")
    for control in (tag, unfeature, field):
        assert "stretched-link" not in covering(page, control), control
    unfeature.click()
    expect(page.locator(".messages")).to_contain_text("is off the featured wall")
    assert page.url == page.base_url + "/"  # the button acted; the card's link did not
    tag.click()
    page.wait_for_url("**/?tag=birthdays")
    assert_accessible(page)


def test_the_wall_s_cards_keep_their_photos_shape_and_open_with_a_tap(phone, employee, wins):
    page = phone
    sign_in(page, employee)
    page.goto(f"{page.base_url}/featured/")
    card = page.locator("article.wall-card", has_text="Cake for room 412")
    photo = card.get_by_role("img")
    assert rendered_ratio(photo) == pytest.approx(600 / 450, rel=0.02)
    headline = card.get_by_role("link", name="Cake for room 412")
    assert headline.evaluate("a => getComputedStyle(a).textDecorationLine") == "underline"
    assert card.evaluate(f"card => ({WIN_LINKS})(card).map(el => el.getAttribute('href'))") == [
        f"/wins/{wins['cake'].pk}/"
    ]
    assert "stretched-link" in covering(page, photo)
    assert_accessible(page)
    tap(page, photo)
    page.wait_for_url(re.compile(rf"/wins/{wins['cake'].pk}/$"))
