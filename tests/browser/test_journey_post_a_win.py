"""Journey: sign in → post a win → see it at the top of the feed."""

import re

import pytest
from playwright.sync_api import expect

from stories import services
from stories.models import Story
from tests.helpers.browser import assert_accessible, open_section, sign_in
from tests.helpers.people import make_user

pytestmark = pytest.mark.django_db(transaction=True)

WIN_PAGE = re.compile(r"/wins/\d+/$")


def test_employee_signs_in_posts_a_win_and_sees_it_first_on_the_feed(browser_page, employee, make_story):
    page = browser_page
    make_story(headline="An older win")

    page.goto(f"{page.base_url}/")
    assert "/accounts/login/" in page.url
    assert_accessible(page)

    sign_in(page, employee)
    assert_accessible(page)

    page.get_by_role("link", name="Post a win").first.click()
    page.wait_for_url("**/wins/new/")
    assert_accessible(page)

    page.get_by_label("Headline").fill("Found a lost passport <b>in time</b>")
    page.get_by_label("Story").fill("A guest lost his passport.\nI called the station and fetched it.")
    page.get_by_label("Creative idea").check()
    open_section(page, "Cost and approval")  # folded until tapped
    page.get_by_label("Cost to make it right").fill("35")
    page.get_by_role("button", name="Post the win").click()

    page.wait_for_url(WIN_PAGE)
    story = Story.objects.get(headline="Found a lost passport <b>in time</b>")
    assert page.url.endswith(f"/wins/{story.pk}/")
    assert page.get_by_role("heading", level=1).inner_text() == "Found a lost passport <b>in time</b>"
    assert_accessible(page)

    page.get_by_role("link", name="Feed").click()
    first_card_title = page.locator(".story-card .card-title").first
    assert first_card_title.inner_text() == "Found a lost passport <b>in time</b>"
    assert list(story.heroes.all()) == [employee]


def test_form_errors_are_shown_and_typed_text_is_kept(browser_page, employee):
    page = browser_page
    sign_in(page, employee)
    page.goto(f"{page.base_url}/wins/new/")
    page.get_by_label("Headline").fill("A quote without consent")
    page.get_by_label("Story").fill("Story text stays.")
    open_section(page, "Customer quote")
    page.get_by_label("Customer quote").fill("Lovely!")
    page.get_by_role("button", name="Post the win").click()
    page.wait_for_load_state()
    # Said by the field, and in the summary above the form as a link to it.
    expect(page.locator("#div_id_customer_consent").get_by_text("Tick “Customer agreed”")).to_be_visible()
    page.locator("#form-errors").get_by_role("link", name="Tick “Customer agreed”").click()
    expect(page.get_by_label("Customer agreed")).to_be_focused()
    assert page.get_by_label("Story").input_value() == "Story text stays."
    assert not Story.objects.exists()
    assert_accessible(page)


# --- keyboard only ---------------------------------------------------------------------

MAX_TABS = 60


def focused(page):
    """A short description of the focused element: its id, else its text."""
    return page.evaluate("() => document.activeElement.id || document.activeElement.textContent.trim()")


def tab_to(page, target):
    """Press Tab (only Tab) until the element with id or text `target` has focus."""
    for _ in range(MAX_TABS):
        if focused(page) == target:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {target!r}; focus is on {focused(page)!r}")


def test_a_win_can_be_posted_with_the_keyboard_alone(browser_page, employee, other_employee):
    page = browser_page
    sign_in(page, employee)
    page.goto(f"{page.base_url}/")

    tab_to(page, "Post a win")
    page.keyboard.press("Enter")
    page.wait_for_url("**/wins/new/")

    assert focused(page) == "id_headline"  # the form starts where the typing starts
    page.keyboard.type("Spare charger, found in two minutes")
    tab_to(page, "id_body")
    page.keyboard.type("A guest had no charger.")
    page.keyboard.press("Enter")  # a new line in the story, not a submit
    page.keyboard.type("I lent him ours from the desk.")

    tab_to(page, "id_kind_0")  # the checked kind, "Fixed it on the spot"
    page.keyboard.press("ArrowDown")  # radio group: arrows move the choice
    assert page.get_by_label("Creative idea").is_checked()

    tab_to(page, "id_heroes-combobox")
    page.keyboard.type("Oscar")
    page.keyboard.press("Enter")  # adds the match, does not submit

    tab_to(page, "Customer quote (optional)")  # a folded section's summary: Enter opens it
    page.keyboard.press("Enter")
    tab_to(page, "id_customer_consent")
    page.keyboard.press("Space")
    assert page.get_by_label("Customer agreed").is_checked()

    tab_to(page, "Cost and approval")
    page.keyboard.press("Enter")
    tab_to(page, "id_needed_approval_0")  # the checked answer, "No"
    page.keyboard.press("ArrowDown")
    assert page.get_by_label("Yes — someone approved it").is_checked()

    tab_to(page, "Post the win")
    page.keyboard.press("Enter")
    page.wait_for_url(WIN_PAGE)

    story = Story.objects.get()
    assert story.headline == "Spare charger, found in two minutes"
    assert story.body == "A guest had no charger.\nI lent him ours from the desk."
    assert story.kind == Story.Kind.CREATIVE
    assert story.needed_approval is True
    assert set(story.heroes.all()) == {employee, other_employee}
    assert_accessible(page)


# --- the hero picker ------------------------------------------------------------------------


def test_the_hero_finder_adds_a_colleague_with_enter_and_the_chip_removes_them(
    browser_page, employee, other_employee, django_user_model
):
    for index in range(40):  # enough colleagues that scrolling a list would be a chore
        make_user(django_user_model, f"colleague{index:02}", first="Colleague", last=f"{index:02}")
    page = browser_page
    sign_in(page, employee)
    page.goto(f"{page.base_url}/wins/new/")
    chips = page.get_by_role("list", name="Credited heroes")
    assert chips.get_by_role("listitem").all_inner_texts() == ["Erin Employee (erin)\n×"]  # the author by default

    finder = page.get_by_role("combobox", name="Heroes")
    finder.fill("osc")
    matches = page.get_by_role("listbox", name="Colleagues who match").get_by_role("option")
    assert matches.all_inner_texts() == ["Oscar Other (oscar)"]  # credited names are chips, not matches
    finder.press("Enter")
    assert "/wins/new/" in page.url  # Enter picked the colleague instead of submitting
    assert chips.get_by_role("button").evaluate_all("buttons => buttons.map(b => b.ariaLabel)") == [
        "Remove Erin Employee (erin)",
        "Remove Oscar Other (oscar)",
    ]
    assert finder.input_value() == ""

    page.get_by_role("button", name="Remove Erin Employee (erin)").press("Enter")
    assert chips.get_by_role("listitem").all_inner_texts() == ["Oscar Other (oscar)\n×"]
    assert page.evaluate("() => document.activeElement.id") == "id_heroes-combobox"  # focus goes back to the finder
    expect(page.get_by_role("status").filter(has_text="are no longer credited")).to_have_count(1)
    assert_accessible(page)

    page.get_by_label("Headline").fill("Posted for a colleague")
    page.get_by_label("Story").fill("Oscar saved the evening.")
    page.get_by_role("button", name="Post the win").click()
    page.wait_for_url(WIN_PAGE)
    story = Story.objects.get()
    assert (story.author, list(story.heroes.all())) == (employee, [other_employee])


# --- on a phone ------------------------------------------------------------------------------


def assert_no_sideways_scrolling(page):
    assert page.evaluate("() => document.documentElement.scrollWidth") <= page.viewport_size["width"]


def test_posting_a_win_on_a_phone(browser_page, employee, make_story):
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    make_story(headline="A win already on the board")
    sign_in(page, employee)
    assert_no_sideways_scrolling(page)
    assert_accessible(page)

    menu = page.get_by_role("button", name="Show menu")
    nav_feed_link = page.get_by_role("navigation", name="Main").get_by_role("link", name="Feed")
    assert menu.is_visible()  # the navigation is collapsed behind a menu button
    assert not nav_feed_link.is_visible()
    menu.click()
    nav_feed_link.wait_for(state="visible")
    assert menu.get_attribute("aria-expanded") == "true"
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Post a win").click()
    page.wait_for_url("**/wins/new/")
    assert not nav_feed_link.is_visible()  # collapsed again on the new page
    assert_no_sideways_scrolling(page)
    assert_accessible(page)

    page.get_by_label("Headline").fill("Umbrella for a soaked guest")
    page.get_by_label("Story").fill("It poured at checkout; I walked her to the taxi with ours.")
    page.get_by_label("Customer praise").check()
    open_section(page, "Cost and approval")
    page.get_by_label("Cost to make it right").fill("0")
    submit = page.get_by_role("button", name="Post the win")
    submit.scroll_into_view_if_needed()
    assert submit.bounding_box()["width"] <= 390
    submit.click()
    page.wait_for_url(WIN_PAGE)
    assert_no_sideways_scrolling(page)
    assert_accessible(page)

    page.goto(f"{page.base_url}/")
    assert page.locator(".story-card .card-title").first.inner_text() == "Umbrella for a soaked guest"
    assert_no_sideways_scrolling(page)


def test_long_links_and_words_wrap_on_a_phone_instead_of_pushing_the_page_sideways(browser_page, manager, make_story):
    page = browser_page
    long_link = "https://bookings.example.com/reservations/" + "a1b2c3d4e5" * 11 + "?ref=guest-services-follow-up"
    story = make_story(
        headline="Thank" + "s" * 110 + "!",
        body=f"The guest's booking: {long_link}\nAll sorted.",
        quote="Thank you so much" + "!" * 200,
        quote_by="A guest",
        customer_consent=True,
    )
    services.tag_add(story=story, name="Supercalifragilisticexpialidocious-service-award", by=manager)
    services.story_feature(story=story, by=manager, note="N" * 200)
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, manager)
    for address in (f"/wins/{story.pk}/", "/featured/", "/"):
        page.goto(page.base_url + address)
        overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{address} scrolls sideways by {overflow}px on a phone"


def test_keyboard_focus_in_the_dark_navigation_bar_is_a_clearly_visible_white_ring(browser_page, employee):
    page = browser_page
    sign_in(page, employee)
    for name in ("Feed", "Post a win"):
        link = page.get_by_role("navigation", name="Main").get_by_role("link", name=name, exact=True)
        link.focus()
        page.keyboard.press("Shift+Tab")  # keyboard focus, so :focus-visible applies
        page.keyboard.press("Tab")
        style = link.evaluate(
            "el => [document.activeElement === el, getComputedStyle(el).outlineStyle,"
            " getComputedStyle(el).outlineColor, getComputedStyle(el).outlineWidth]"
        )
        assert style == [True, "solid", "rgb(255, 255, 255)", "3px"], (name, style)
