"""Motion: no text fades through half-contrast colours, and nothing moves for
people who ask for less motion (`prefers-reduced-motion: reduce`).

A button's hover colours that ease in over .15s leave a button drawn again
under a still pointer half-way between its two states for that long; axe-core
then failed now and then on the photo picker's "Move … up" (see also the media
journey, which checks that button frame by frame)."""

import pytest

from tests.helpers.browser import sign_in
from tests.helpers.slideshow import feature

pytestmark = pytest.mark.django_db(transaction=True)

# Every element (and its ::before, ::after, file button) whose text or
# background colour is animated by a CSS transition.
COLOUR_TRANSITIONS = """() => {
  const name = (el, pseudo) => el.tagName.toLowerCase() + "." + Array.from(el.classList).join(".") + (pseudo || "");
  const colour = ["all", "color", "background", "background-color", "-webkit-text-fill-color"];
  const seconds = (text) => text.split(",").map((t) => parseFloat(t) * (t.trim().endsWith("ms") ? 0.001 : 1));
  const found = new Set();
  for (const el of document.querySelectorAll("body *")) {
    const file = el.matches("input[type=file]") ? ["::file-selector-button"] : [];
    for (const pseudo of [null, "::before", "::after", ...file]) {
      const style = getComputedStyle(el, pseudo);
      const durations = seconds(style.transitionDuration);
      style.transitionProperty.split(",").forEach(function (property, i) {
        if (colour.includes(property.trim()) && durations[i % durations.length] > 0) {
          found.add(name(el, pseudo) + ": " + property.trim());
        }
      });
    }
  }
  return Array.from(found);
}"""

# Every element (and its ::before, ::after) that could move: a transition or
# animation that lasts, or an animation running right now.
MOVING = """() => {
  const lasts = (text) => text.split(",").some((t) => parseFloat(t) > 0);
  const running = document.getAnimations().map((a) => a.animationName || a.transitionProperty || "scripted");
  const found = new Set(running.map((what) => "running: " + what));
  for (const el of document.querySelectorAll("*")) {
    for (const pseudo of [null, "::before", "::after"]) {
      const style = getComputedStyle(el, pseudo);
      const name = el.tagName.toLowerCase() + "." + Array.from(el.classList).join(".") + (pseudo || "");
      if (lasts(style.transitionDuration)) found.add(name + ": transition " + style.transitionProperty);
      if (style.animationName !== "none" && lasts(style.animationDuration)) {
        found.add(name + ": animation " + style.animationName);
      }
    }
  }
  return Array.from(found);
}"""


@pytest.fixture
def pages(make_story, manager):
    """A manager's pages, with a featured win (so the wall, the curation
    buttons and the slideshow have something to show)."""
    win = feature(make_story(author=manager, heroes=[manager], headline="A song at check-in"), position=0)
    return [
        "/",
        "/wins/new/",
        f"/wins/{win.pk}/",
        f"/wins/{win.pk}/edit/",
        f"/people/{manager.get_username()}/",
        "/featured/",
        "/manage/",
        "/slideshow/",
    ]


def test_no_text_colour_fades_in_or_out(browser_page, manager, pages):
    page = browser_page
    page.emulate_media(reduced_motion="no-preference")
    sign_in(page, manager)
    for path in pages:
        page.goto(page.base_url + path)
        assert page.evaluate(COLOUR_TRANSITIONS) == [], path


def test_with_reduced_motion_nothing_moves(browser_page, manager, pages):
    page = browser_page
    page.emulate_media(reduced_motion="reduce")
    sign_in(page, manager)
    for path in pages:
        page.goto(page.base_url + path)
        page.wait_for_load_state("load")
        assert page.evaluate(MOVING) == [], path
