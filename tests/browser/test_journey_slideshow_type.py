"""Journey: the slideshow read from the back of a meeting room — no text on a
win slide under 32 px at 1920×1080 (about 24 pt), the same proportions on a
4K screen, heroes as large as the headline, a win's photos (up to three)
taking turns within its slide time, and a title slide that says what is
coming up."""

from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.helpers.browser import sign_in
from tests.helpers.slideshow import add_hosted_video, add_photo, feature

pytestmark = pytest.mark.django_db(transaction=True)

ARTIFACTS = Path(settings.BASE_DIR) / "artifacts" / "screenshots"

# Every piece of text on screen while a slide shows (the slide, the brand and
# the counter; the controls hide while nobody moves the pointer): its
# smallest font size, where that is, and the heroes' and headline's sizes.
TEXT_SIZES = """() => {
  const slide = document.querySelector(".slide.is-current");
  const roots = [slide, ...document.querySelectorAll(".deck-brand, .deck-counter")];
  const sizes = [];
  for (const root of roots) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!node.textContent.trim() || !el.checkVisibility({visibilityProperty: true})) continue;
      sizes.push([parseFloat(getComputedStyle(el).fontSize), el.className || el.tagName, node.textContent.trim()]);
    }
  }
  sizes.sort((a, b) => a[0] - b[0]);
  const size = (selector) => {
    const el = document.querySelector(".slide.is-current " + selector);
    return el ? parseFloat(getComputedStyle(el).fontSize) : null;
  };
  return {smallest: sizes[0], count: sizes.length, heroes: size(".slide-heroes"), headline: size(".slide-headline")};
}"""

OVERFLOWING = (
    "slide => [...slide.querySelectorAll('[data-fit]')].filter(box => box.scrollHeight > box.clientHeight + 4).length"
)


@pytest.fixture
def deck(make_story, employee, other_employee):
    long_body = (
        "A guest called in tears: her grandmother's ring had gone out with the sheets. We stopped the laundry "
        "cart, went through four bags together and found it in a pillowcase, an hour before she left for the airport."
    )
    photo_win = feature(
        make_story(
            headline="A ring found in the laundry, back before checkout",
            body=long_body,
            quote="You saved a piece of my family, and I will never forget the people at this desk.",
            quote_by="Mrs. Adeyemi, room 508",
            customer_consent=True,
            heroes=[employee, other_employee],
        ),
        position=0,
        note="Ownership, from the first call to the last bag",
    )
    for index, colour in enumerate([(92, 150, 214), (214, 120, 92), (120, 200, 120), (200, 200, 90)]):
        add_photo(photo_win, colour=colour, alt=f"Photo {index + 1} of the ring", position=index)
    quote_win = feature(
        make_story(headline="A song at check-in", quote="We cried. Thank you!", quote_by="Ana", customer_consent=True),
        position=1,
        note="Nobody asked for a song; everybody remembers it",
    )
    text_win = feature(make_story(headline="We mixed up two room keys — and fixed it", body=long_body), position=2)
    video_win = feature(make_story(headline="The lobby choir, on video"), position=3, note="Joy, recorded")
    add_hosted_video(video_win)
    return [photo_win, quote_win, text_win, video_win]


@pytest.fixture
def screen(browser_page):
    page = browser_page
    page.route("https://www.youtube-nocookie.com/**", lambda route: route.fulfill(status=200, body=""))
    return page


def open_deck(page, query, size):
    page.set_viewport_size(size)
    page.clock.install()
    page.goto(f"{page.base_url}/slideshow/?{query}")
    expect(page.locator(".slide.is-current")).to_be_visible()
    page.clock.pause_at((page.evaluate("Date.now()") + 500) / 1000)


@pytest.mark.parametrize(("width", "height", "smallest"), [(1920, 1080, 32), (3840, 2160, 64)])
def test_no_text_on_a_win_slide_is_smaller_than_32px_at_1080p_and_it_scales_with_the_screen(
    screen, employee, deck, width, height, smallest
):
    page = screen
    sign_in(page, employee)
    open_deck(page, "title=0&end=0&seconds=60", {"width": width, "height": height})
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for story, layout in zip(deck, ["photo", "quote", "text", "video"], strict=True):
        current = page.locator(".slide.is-current")
        expect(current).to_have_attribute("data-id", f"win-{story.pk}")
        expect(current).to_have_class(f"slide slide--{layout} is-current")
        page.clock.run_for(3500)  # the fade ends; the idle pointer hides the controls
        sizes = page.evaluate(TEXT_SIZES)
        assert sizes["count"] > 4, sizes
        assert sizes["smallest"][0] >= smallest, f"{layout}: {sizes['smallest']}"
        # The heroes are never smaller than the headline.
        assert sizes["heroes"] >= sizes["headline"], f"{layout}: {sizes}"
        assert current.evaluate(OVERFLOWING) == 0, layout
        if width == 1920:
            page.screenshot(path=str(ARTIFACTS / f"slideshow-{layout}-win-1920x1080.png"), animations="disabled")
        page.keyboard.press("ArrowRight")


def test_a_win_s_photos_take_turns_within_its_slide_time(screen, employee, deck):
    page = screen
    sign_in(page, employee)
    open_deck(page, "title=0&seconds=12", {"width": 1920, "height": 1080})
    current = page.locator(".slide.is-current")
    expect(current).to_have_attribute("data-id", f"win-{deck[0].pk}")
    shown = current.locator(".slide-frame.is-shown img.slide-photo")
    expect(current.locator(".slide-frame")).to_have_count(3)  # up to three of its four photos
    expect(shown).to_have_attribute("alt", "Photo 1 of the ring")
    page.clock.run_for(4100)
    expect(shown).to_have_attribute("alt", "Photo 2 of the ring")
    page.clock.run_for(4000)
    expect(shown).to_have_attribute("alt", "Photo 3 of the ring")
    expect(current.get_by_role("img")).to_have_count(1)  # the others are out of sight, and of screen readers
    page.clock.run_for(4000)
    expect(page.locator(".slide.is-current")).to_have_attribute("data-id", f"win-{deck[1].pk}")


def test_the_title_slide_says_what_is_coming_up(screen, employee, deck):
    page = screen
    sign_in(page, employee)
    open_deck(page, "", {"width": 1920, "height": 1080})
    title = page.locator(".slide.is-current")
    expect(title).to_have_attribute("data-id", "title")
    expect(title.locator(".slide-lead")).to_have_text("Coming up: 4 featured wins")
    expect(title).not_to_contain_text("today")
