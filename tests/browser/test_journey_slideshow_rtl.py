"""Journey: right to left, the slideshow's arrow keys and swipes follow the
reading direction: ← and a swipe to the right go to the next slide, → and a
swipe to the left back. The page is made right to left here by setting
<html dir="rtl"> in the browser (the language switch that sets it for Arabic
comes with the language middleware); the deck asks the page at each key."""

import pytest
from playwright.sync_api import expect

from tests.helpers.browser import sign_in
from tests.helpers.slideshow import feature

pytestmark = pytest.mark.django_db(transaction=True)

# A one-finger swipe across the stage, `dx` pixels (positive: to the right).
SWIPE = """(dx) => {
  const stage = document.querySelector("[data-stage]");
  const at = (x) => new Touch({ identifier: 1, target: stage, clientX: x, clientY: 300 });
  stage.dispatchEvent(new TouchEvent("touchstart", { touches: [at(400)], changedTouches: [at(400)], bubbles: true }));
  stage.dispatchEvent(new TouchEvent("touchend", { touches: [], changedTouches: [at(400 + dx)], bubbles: true }));
}"""


def on_screen(page, slide_id):
    expect(page.locator(".slide.is-current")).to_have_attribute("data-id", slide_id)


def test_right_to_left_the_arrow_keys_and_swipes_go_the_reading_direction(browser_page, employee, make_story):
    first = feature(make_story(headline="A ring found in the laundry"), position=0)
    second = feature(make_story(headline="A song at check-in"), position=1)
    page = browser_page
    sign_in(page, employee)
    page.clock.install()
    page.goto(f"{page.base_url}/slideshow/?seconds=60")
    on_screen(page, "title")
    page.evaluate("document.documentElement.dir = 'rtl'")

    page.keyboard.press("ArrowLeft")  # forward, right to left
    on_screen(page, f"win-{first.pk}")
    page.keyboard.press("ArrowLeft")
    on_screen(page, f"win-{second.pk}")
    page.keyboard.press("ArrowRight")  # back
    on_screen(page, f"win-{first.pk}")
    page.evaluate(SWIPE, 200)  # a swipe to the right: forward
    on_screen(page, f"win-{second.pk}")
    page.evaluate(SWIPE, -200)  # to the left: back
    on_screen(page, f"win-{first.pk}")

    # Left to right again, the keys and swipes go back to their usual way.
    page.evaluate("document.documentElement.dir = 'ltr'")
    page.keyboard.press("ArrowRight")
    on_screen(page, f"win-{second.pk}")
    page.evaluate(SWIPE, 200)
    on_screen(page, f"win-{first.pk}")
    page.keyboard.press("ArrowLeft")
    on_screen(page, "title")
