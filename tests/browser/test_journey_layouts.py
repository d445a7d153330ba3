"""Journey: the pages that got in the way on a phone (issue 24, items 6, 10
and 11), at 390 px and at 1366 px, in light and dark: the people directory
breaks no word, the feed's filters fold behind one button on a phone (open
when a filter is on), "Post a win" is one tap from every page, feed cards
keep their own height, the person page starts its months at the first win,
and the post form folds its optional sections (open when they hold
something). axe-core passes on every page shown."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from stories import services
from stories.models import Team
from tests.helpers.browser import assert_accessible, open_section, sign_in
from tests.helpers.people import make_user

pytestmark = pytest.mark.django_db(transaction=True)

PHONE, DESKTOP = 390, 1366

# Words (split at spaces and hyphens) under `root` that the browser laid out on more than one line.
BROKEN_WORDS = """root => {
  const broken = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.parentElement.checkVisibility()) continue;
    for (const match of node.data.matchAll(/[^\\s-]+/g)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const lines = new Set([...range.getClientRects()].map(rect => Math.round(rect.top)));
      if (lines.size > 1) broken.push(match[0]);
    }
  }
  return broken;
}"""


@pytest.fixture(params=["light", "dark"])
def scheme(request):
    return request.param


@pytest.fixture
def screen(browser, live_server, console_errors, scheme):
    """Opens a page at a width, in the scheme; fails on a console error."""
    contexts = []

    def _open(width):
        context = browser.new_context(color_scheme=scheme, viewport={"width": width, "height": 844})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.on("console", lambda msg: console_errors.record(msg.text) if msg.type == "error" else None)
        page.on("pageerror", lambda exc: console_errors.record(str(exc)))
        page.base_url = live_server.url
        return page

    yield _open
    for context in contexts:
        context.close()
    assert list(console_errors) == [], f"browser console errors: {console_errors}"


@pytest.fixture
def restaurant(django_user_model, employee, make_story):
    """A team with a long name, colleagues in it, and wins of every length."""
    team = Team.objects.create(name="Restaurant")
    services.profile_update(user=employee, display_name="", team=team)
    for first, last in (("Priya", "Nair"), ("Samuel", "Okonkwo-Lindqvist")):
        person = make_user(django_user_model, first.lower(), first=first, last=last)
        services.profile_update(user=person, display_name="", team=team)
    return team


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_the_people_directory_breaks_no_word_in_its_names_teams_counts_or_buttons(screen, employee, restaurant, width):
    page = screen(width)
    sign_in(page, employee)
    page.goto(f"{page.base_url}/people/?team={restaurant.pk}")
    main = page.locator("main")
    expect(main.get_by_role("button", name="Find")).to_be_visible()
    expect(main.get_by_role("link", name="Clear")).to_be_visible()
    if width == PHONE:
        cards = page.get_by_role("list", name="Colleagues").get_by_role("listitem")
        expect(cards).to_have_count(3)
        expect(cards.first).to_contain_text("Restaurant")
        expect(page.get_by_role("table")).to_be_hidden()
    else:
        expect(page.get_by_role("table").locator("tbody tr")).to_have_count(3)
        expect(page.get_by_role("list", name="Colleagues")).to_be_hidden()
    assert main.evaluate(BROKEN_WORDS) == []
    assert_accessible(page)


def test_on_a_phone_the_feeds_filters_fold_behind_one_button_and_open_when_a_filter_is_on(screen, employee, make_story):
    make_story(headline="Found the lost passport")
    page = screen(PHONE)
    sign_in(page, employee)
    toggle = page.get_by_role("button", name="Search and filter")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(page.get_by_label("Search")).to_be_hidden()
    expect(page.locator("article.story-card")).to_be_in_viewport()  # the first win on the first screen
    assert_accessible(page)

    toggle.focus()
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    page.get_by_label("Search").fill("passport")
    page.get_by_label("Search").press("Enter")
    page.wait_for_url("**/?q=passport*")
    expect(page.get_by_role("button", name="Search and filter")).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_label("Search")).to_have_value("passport")
    assert_accessible(page)


def test_on_a_desktop_the_feeds_filters_are_always_shown(screen, employee):
    page = screen(DESKTOP)
    sign_in(page, employee)
    expect(page.get_by_role("button", name="Search and filter")).to_be_hidden()
    expect(page.get_by_label("Search")).to_be_visible()
    expect(page.get_by_label("Kind of win")).to_be_visible()


def test_on_a_phone_post_a_win_is_one_tap_from_every_page(screen, employee, story):
    page = screen(PHONE)
    sign_in(page, employee)
    for address in ("/", "/people/", f"/wins/{story.pk}/", "/notifications/", "/settings/", "/featured/"):
        page.goto(page.base_url + address)
        expect(page.get_by_role("button", name="Show menu")).to_have_attribute("aria-expanded", "false")
        post = page.get_by_role("navigation", name="Main").get_by_role("link", name="Post a win")
        expect(post).to_be_in_viewport()
    post.click()
    page.wait_for_url("**/wins/new/")
    assert_accessible(page)


# Each card's height against its content's (header, body, footer: the card's children) — equal unless stretched.
CARD_SLACK = """() => [...document.querySelectorAll('article.story-card')].map(card => {
  const content = [...card.children].reduce((sum, child) => sum + child.getBoundingClientRect().height, 0);
  return Math.round(card.getBoundingClientRect().height - content);
})"""


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_feed_cards_keep_their_own_height_in_page_order(screen, employee, make_story, width):
    make_story(headline="A long story", body="The guest had lost everything on the way here. " * 20)
    make_story(headline="Short one", body="Quick fix.")
    make_story(headline="Newest short one", body="Kept it simple.")
    page = screen(width)
    sign_in(page, employee)
    cards = page.locator("article.story-card")
    expect(cards).to_have_count(3)
    assert max(page.evaluate(CARD_SLACK)) <= 2  # borders only: no card stretched to its row's tallest
    heights = [box["height"] for box in (card.bounding_box() for card in cards.all())]
    assert heights[0] + 80 < heights[2]  # the short card stays short beside the long one
    # Tabbing meets the cards' headlines in the page's order (newest first).
    headlines = [
        cards.nth(index).get_by_role("link", name=name)
        for index, name in enumerate(("Newest short one", "Short one", "A long story"))
    ]
    headlines[0].focus()
    for headline in headlines[1:]:
        for _ in range(10):
            page.keyboard.press("Tab")
            if headline.evaluate("el => el === document.activeElement"):
                break
        else:
            raise AssertionError(f"Tab never reached {headline}")
    assert_accessible(page)


def test_a_person_page_starts_its_months_at_the_first_win_and_shows_the_photo_once(screen, employee, make_story):
    make_story(headline="Last month", happened_on=timezone.localdate().replace(day=1) - timedelta(days=1))
    page = screen(PHONE)
    sign_in(page, employee)
    page.goto(f"{page.base_url}/people/erin/")
    months = page.get_by_role("region", name="Month by month").get_by_role("listitem")
    expect(months).to_have_count(2)
    header = page.locator(".person-header")
    expect(header.get_by_role("heading", name="Your wins")).to_be_visible()
    expect(header.get_by_role("link", name="Erin Employee")).to_have_count(0)  # no link to the page itself
    assert_accessible(page)


FOLDS = ("Customer quote", "Cost and approval", "Video", "Team and date")


def fold(page, name):
    return page.locator("details.form-fold", has=page.locator("summary", has_text=name))


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_the_post_form_shows_what_most_wins_need_and_folds_the_rest(screen, employee, width):
    page = screen(width)
    sign_in(page, employee)
    page.goto(f"{page.base_url}/wins/new/")
    for label in ("Headline", "Story", "Fixed it on the spot", "Heroes", "Photos"):
        expect(page.get_by_label(label).first).to_be_visible()
    for name in FOLDS:
        expect(fold(page, name)).not_to_have_attribute("open", "")
    expect(page.get_by_label("Customer quote")).to_be_hidden()
    assert_accessible(page)
    # One tap (or Enter on the summary) opens a section.
    page.locator("summary", has_text="Customer quote").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_label("Customer quote")).to_be_visible()
    page.locator("summary", has_text="Team and date").click()
    expect(page.get_by_label("Team")).to_be_visible()
    assert_accessible(page)


def test_a_folded_section_holding_an_error_or_a_value_opens_itself(screen, employee):
    page = screen(PHONE)
    sign_in(page, employee)
    page.goto(f"{page.base_url}/wins/new/")
    page.get_by_label("Headline").fill("A quote and a cost")
    page.get_by_label("Story").fill("The guest's room was cold; we moved them.")
    page.locator("summary", has_text="Customer quote").click()
    page.get_by_label("Customer quote").fill("Lovely!")  # without "Customer agreed": an error
    page.locator("summary", has_text="Cost and approval").click()
    page.get_by_label("Cost").fill("25")
    page.get_by_role("button", name="Post the win").click()
    summary = page.locator("#form-errors")
    expect(summary).to_be_visible()
    expect(fold(page, "Customer quote")).to_have_attribute("open", "")  # the error
    expect(fold(page, "Cost and approval")).to_have_attribute("open", "")  # a value
    expect(fold(page, "Video")).not_to_have_attribute("open", "")
    expect(fold(page, "Team and date")).not_to_have_attribute("open", "")
    assert_accessible(page)


def test_editing_a_win_opens_the_sections_it_fills(screen, employee, make_story):
    story = make_story(quote="Thank you!", quote_by="A guest", customer_consent=True)
    page = screen(DESKTOP)
    sign_in(page, employee)
    page.goto(f"{page.base_url}/wins/{story.pk}/edit/")
    expect(page.get_by_label("Customer quote")).to_have_value("Thank you!")
    expect(page.get_by_label("Customer quote")).to_be_visible()
    for name in ("Cost and approval", "Video", "Team and date"):
        expect(fold(page, name)).not_to_have_attribute("open", "")


def test_a_restored_draft_opens_the_sections_it_fills(screen, employee):
    page = screen(PHONE)
    sign_in(page, employee)
    page.goto(f"{page.base_url}/wins/new/")
    page.get_by_label("Headline").fill("A quote kept in a draft")
    open_section(page, "Customer quote")
    page.get_by_label("Customer quote").fill("Lovely!")
    page.wait_for_timeout(700)  # the draft is kept 0.4 s after the last keystroke
    page.reload()
    expect(fold(page, "Customer quote")).not_to_have_attribute("open", "")
    page.get_by_role("region", name="Unfinished win").get_by_role("button", name="Restore it").click()
    expect(page.get_by_label("Customer quote")).to_have_value("Lovely!")
    expect(page.get_by_label("Customer quote")).to_be_visible()  # not filled out of sight
    for name in ("Cost and approval", "Video", "Team and date"):
        expect(fold(page, name)).not_to_have_attribute("open", "")
