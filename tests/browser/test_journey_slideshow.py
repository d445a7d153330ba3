"""Journey: the all-hands slideshow in a real browser — it starts fast, plays
hands-free, follows a clicker's keys, picks up newly featured wins live, and
plays on a display link without sign-in until a manager revokes it."""

import time
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from stories import services
from stories.models import Story
from tests.helpers import media_files as files
from tests.helpers.browser import assert_accessible, loaded_width, sign_in
from tests.helpers.slideshow import add_photo, add_upload_video, feature

pytestmark = pytest.mark.django_db(transaction=True)

# Screenshots for people to look at. Not pytest-playwright's --output folder
# (test-results/), which it empties at the start of every pytest run.
ARTIFACTS = Path(settings.BASE_DIR) / "artifacts" / "screenshots"


@pytest.fixture
def deck(make_story, employee, other_employee):
    photo_win = feature(
        make_story(
            headline="A ring found in the laundry, back before checkout",
            body="A guest called in tears: her grandmother's ring had gone out with the sheets. "
            "We stopped the laundry cart, went through four bags together and found it in a pillowcase.",
            quote="You saved a piece of my family.",
            quote_by="Mrs. Adeyemi, room 508",
            customer_consent=True,
            heroes=[employee, other_employee],
        ),
        position=0,
        note="Ownership, from the first call to the last bag",
    )
    add_photo(photo_win, size=(1600, 1200), alt="The guest holding up her grandmother's ring")
    quote_win = feature(
        make_story(headline="A song at check-in", quote="We cried. Thank you!", quote_by="Ana", customer_consent=True),
        position=1,
        note="Nobody asked for a song; everybody remembers it",
    )
    text_win = feature(make_story(headline="We mixed up two room keys — and fixed it"), position=2)
    return [photo_win, quote_win, text_win]


@pytest.fixture
def screen(browser_page):
    """The harness's page, counting the requests it has in flight (see `quiet`)."""
    page = browser_page
    page.inflight = set()
    page.on("request", lambda request: page.inflight.add(request))
    page.on("requestfinished", lambda request: page.inflight.discard(request))
    page.on("requestfailed", lambda request: page.inflight.discard(request))
    return page


def quiet(page, timeout=5.0):
    """Wait until the browser has no request in flight before the test writes
    with the ORM: the live server shares the test's in-memory SQLite
    connection, and using it from two threads at once fails."""
    deadline = time.monotonic() + timeout
    while page.inflight and time.monotonic() < deadline:
        page.wait_for_timeout(20)
    assert not page.inflight, page.inflight


def current(page):
    return page.locator(".slide.is-current")


def pause_clock(page):
    """Stop time in the page (after it has loaded with real timers), a moment
    after its own "now". On a busy machine that moment may have passed before
    Playwright gets there ("Cannot fast-forward to the past"): read the
    page's clock again and aim a little further ahead."""
    for ahead_ms in (50, 200, 800):
        try:
            page.clock.pause_at((page.evaluate("Date.now()") + ahead_ms) / 1000)
            return
        except PlaywrightError as error:
            if "fast-forward to the past" not in str(error):
                raise
    raise AssertionError("could not pause the page's clock")


def check_accessible(page):
    """axe-core needs running timers: let the page's clock run while it checks
    (pause the deck first where the slide must not move)."""
    page.clock.resume()
    expect(page.locator(".slide.is-leaving")).to_have_count(0)  # no half-faded slide
    expect(current(page)).to_have_css("opacity", "1")
    assert_accessible(page)
    pause_clock(page)


def open_deck(page, query):
    page.clock.install()
    started = time.monotonic()
    page.goto(f"{page.base_url}/slideshow/?{query}")
    expect(current(page)).to_be_visible(timeout=2000)
    first_slide_seconds = time.monotonic() - started
    pause_clock(page)
    return first_slide_seconds


def test_the_slideshow_starts_fast_plays_by_itself_and_follows_the_keys(screen, employee, deck):
    page = screen
    sign_in(page, employee)
    page.get_by_role("link", name="Slideshow").click()
    page.wait_for_url("**/slideshow/")

    assert open_deck(page, "seconds=4") < 2.0
    expect(current(page)).to_have_attribute("data-id", "title")
    expect(current(page).get_by_role("heading", name="Wins this month")).to_be_visible()

    # Hands-free: after 4 seconds the first win follows.
    page.clock.run_for(4200)
    expect(current(page)).to_have_attribute("data-id", f"win-{deck[0].pk}")
    expect(current(page).get_by_role("img", name="The guest holding up her grandmother's ring")).to_be_visible()
    expect(page.locator("[data-counter]")).to_have_text("1 / 3")

    # A presentation clicker: → / PageDown forward, ← / PageUp back.
    page.keyboard.press("ArrowRight")
    expect(current(page)).to_have_attribute("data-id", f"win-{deck[1].pk}")
    page.keyboard.press("PageDown")
    expect(current(page)).to_have_attribute("data-id", f"win-{deck[2].pk}")
    page.keyboard.press("ArrowLeft")
    expect(current(page)).to_have_attribute("data-id", f"win-{deck[1].pk}")
    page.keyboard.press("PageUp")
    expect(current(page)).to_have_attribute("data-id", f"win-{deck[0].pk}")

    # P pauses: time passes, the slide stays; P again resumes.
    page.keyboard.press("p")
    expect(page.locator("[data-paused-badge]")).to_be_visible()
    page.clock.run_for(20_000)
    expect(current(page)).to_have_attribute("data-id", f"win-{deck[0].pk}")
    page.keyboard.press("p")
    expect(page.locator("[data-paused-badge]")).to_be_hidden()
    page.clock.run_for(4200)
    expect(current(page)).to_have_attribute("data-id", f"win-{deck[1].pk}")
    expect(current(page).locator("blockquote")).to_have_text("We cried. Thank you!")
    # The manager's "why we love this" shows on a quote slide too.
    note = current(page).locator(".slide-note")
    expect(note).to_contain_text("Why we love this")
    expect(note).to_contain_text("Nobody asked for a song; everybody remembers it")

    # F goes full screen, Esc leaves it.
    page.keyboard.press("f")
    expect(page.locator('[data-action="fullscreen"]')).to_have_text("Leave full screen")
    assert page.evaluate("document.fullscreenElement !== null")
    page.keyboard.press("Escape")
    expect(page.locator('[data-action="fullscreen"]')).to_have_text("Full screen")

    # The end slide, then round again to the title.
    page.keyboard.press("End")
    expect(current(page)).to_have_attribute("data-id", "end")
    page.keyboard.press("ArrowRight")
    expect(current(page)).to_have_attribute("data-id", "title")
    page.keyboard.press("k")  # K pauses too
    expect(page.locator("[data-paused-badge]")).to_be_visible()
    check_accessible(page)
    page.keyboard.press("Home")
    page.keyboard.press("ArrowRight")
    expect(current(page)).to_have_attribute("data-id", f"win-{deck[0].pk}")
    check_accessible(page)


def test_the_options_panel_and_the_controls_are_keyboard_usable(screen, employee, deck):
    page = screen
    sign_in(page, employee)
    open_deck(page, "")
    page.keyboard.press("Tab")  # the skip-free page starts at the controls
    page.get_by_role("button", name="Pause").focus()
    expect(page.locator("[data-controls]")).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator("[data-paused-badge]")).to_be_visible()
    page.get_by_text("Options").click()
    page.get_by_label("Seconds per slide").fill("30")
    page.get_by_label("Start with a title slide").uncheck()
    check_accessible(page)
    page.get_by_role("button", name="Play these wins").click()
    page.wait_for_url("**/slideshow/?seconds=30&title=0")
    expect(current(page)).to_have_attribute("data-id", f"win-{deck[0].pk}")


def test_a_win_featured_during_the_meeting_appears_and_a_hidden_one_drops_out(screen, employee, make_story, deck):
    page = screen
    sign_in(page, employee)
    open_deck(page, "seconds=60&poll=2")
    page.keyboard.press("ArrowRight")
    expect(current(page)).to_have_attribute("data-id", f"win-{deck[0].pk}")

    quiet(page)
    newcomer = feature(make_story(headline="Featured during the meeting"), position=9)
    page.clock.run_for(2100)  # one poll
    expect(page.locator("[data-counter]")).to_have_text("1 / 4")
    page.keyboard.press("End")
    page.keyboard.press("ArrowLeft")
    expect(current(page)).to_have_attribute("data-id", f"win-{newcomer.pk}")
    expect(current(page).get_by_role("heading", name="Featured during the meeting")).to_be_visible()

    # The win on screen is hidden by a manager: it leaves the screen at the next poll.
    quiet(page)
    Story.objects.filter(pk=newcomer.pk).update(hidden_at=timezone.now())
    services.wins_changed()  # as the hide service does: the deck's ETag changes
    page.clock.run_for(2100)
    expect(current(page)).not_to_have_attribute("data-id", f"win-{newcomer.pk}")
    page.clock.run_for(800)  # the cross-fade ends
    expect(page.get_by_text("Featured during the meeting")).to_have_count(0)


def test_it_keeps_playing_when_the_network_drops_and_recovers(screen, employee, make_story, deck, console_errors):
    page = screen
    sign_in(page, employee)
    open_deck(page, "seconds=4&poll=2")
    page.route("**/slideshow/slides.json*", lambda route: route.abort())
    page.clock.run_for(2100)
    expect(page.locator("[data-connection]")).to_be_visible()
    page.clock.run_for(4200)
    expect(current(page)).to_have_attribute("data-id", f"win-{deck[0].pk}")  # still cycling

    page.unroute("**/slideshow/slides.json*")
    quiet(page)
    feature(make_story(headline="Back online"), position=9)
    page.clock.run_for(2100)
    expect(page.locator("[data-connection]")).to_be_hidden()
    expect(page.locator("[data-counter]")).to_have_text("1 / 4")
    # The aborted polls are the only console errors.
    assert console_errors and all("ERR_FAILED" in error for error in console_errors)
    console_errors.clear()


def test_a_photo_slide_looks_right_on_a_projector_a_4k_tv_and_a_phone(screen, employee, deck):
    page = screen
    sign_in(page, employee)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for width, height, name in [(1920, 1080, "1920x1080"), (3840, 2160, "3840x2160"), (390, 844, "phone")]:
        page.set_viewport_size({"width": width, "height": height})
        open_deck(page, "title=0")
        expect(current(page)).to_have_attribute("data-id", f"win-{deck[0].pk}")
        photo = current(page).locator("img.slide-photo")
        expect(photo).to_be_visible()
        assert loaded_width(photo) > 0
        page.clock.run_for(3500)  # the fade ends, the idle pointer and the controls hide
        expect(page.locator("[data-controls]")).to_have_css("opacity", "0")
        # No text runs out of its box.
        assert current(page).evaluate(
            "slide => [...slide.querySelectorAll('[data-fit]')].every(box => box.scrollHeight <= box.clientHeight + 4)"
        )
        expect(current(page)).to_have_css("opacity", "1")
        page.screenshot(path=str(ARTIFACTS / f"slideshow-photo-{name}.png"), animations="disabled", timeout=30_000)
    check_accessible(page)


def test_reduced_motion_means_no_animated_transitions(screen, employee, deck):
    page = screen
    page.emulate_media(reduced_motion="reduce")
    sign_in(page, employee)
    open_deck(page, "")
    assert current(page).evaluate("el => getComputedStyle(el).transitionDuration") == "0s"
    page.keyboard.press("ArrowRight")
    expect(page.locator(".slide")).to_have_count(1)  # the old slide is gone at once, no cross-fade


def test_a_display_link_plays_without_sign_in_and_stops_at_once_when_revoked(screen, employee, deck, console_errors):
    page = screen
    link = services.display_link_create(name="Lobby TV", query="seconds=10", by=employee)
    page.clock.install()
    page.goto(f"{page.base_url}/slideshow/d/{link.token}/?poll=2")
    expect(current(page)).to_have_attribute("data-id", "title")
    pause_clock(page)
    assert "/accounts/login/" not in page.url
    expect(page.get_by_role("link")).to_have_count(0)  # nothing else of the app
    page.keyboard.press("p")
    check_accessible(page)
    page.keyboard.press("ArrowRight")
    expect(current(page).get_by_role("img", name="The guest holding up her grandmother's ring")).to_be_visible()

    quiet(page)
    services.display_link_revoke(link=link)
    page.clock.run_for(2100)
    expect(current(page).get_by_role("heading", name="This display link is turned off")).to_be_visible()
    page.clock.run_for(800)  # the cross-fade ends
    expect(page.get_by_text("A ring found in the laundry")).to_have_count(0)
    assert console_errors and all("404" in error for error in console_errors)
    console_errors.clear()
    page.reload()
    expect(page.get_by_role("heading", name="This display link is not active")).to_be_visible()
    console_errors.clear()  # the 404 document itself


def test_a_manager_marks_the_deck_shown_then_creates_a_display_link(screen, superuser, deck):
    page = screen
    sign_in(page, superuser)
    page.goto(f"{page.base_url}/slideshow/")
    expect(current(page)).to_have_attribute("data-id", "title")
    page.mouse.move(400, 300)
    page.get_by_role("button", name="Mark as shown today").click()
    expect(page.get_by_role("status")).to_contain_text("Marked 3 wins as shown at the all-hands on")
    quiet(page)
    assert Story.objects.filter(shown_on=timezone.localdate()).count() == 3

    page.goto(f"{page.base_url}/manage/displays/")
    assert_accessible(page)
    page.get_by_label("Name").fill("Lobby TV")
    page.get_by_label("Seconds per slide").fill("20")
    page.get_by_role("button", name="Create display link").click()
    page.wait_for_url("**/manage/displays/#link-*")
    expect(page.get_by_text("Display link “Lobby TV” created.")).to_be_visible()
    address = page.get_by_label("Address for the screen").input_value()
    assert "/slideshow/d/" in address
    assert_accessible(page)

    screen = page.context.browser.new_context().new_page()  # a lobby TV: nobody signed in
    screen.goto(address)
    expect(screen.locator(".slide.is-current")).to_have_attribute("data-id", "title")
    screen.context.close()


def one_second_webm():
    return files.make_video(codec="libvpx", container="webm", size=(320, 180), bit_rate=200_000)


def test_an_uploaded_video_plays_muted_and_the_deck_moves_on_when_it_ends(screen, employee, make_story):
    page = screen
    clip = feature(make_story(headline="Watch the surprise"), position=0)
    video = add_upload_video(clip, data=one_second_webm())
    type(video).objects.filter(pk=video.pk).update(content_type="video/webm", duration_seconds=1.0)
    broken = feature(make_story(headline="A video that will not play"), position=1)
    type(video).objects.filter(pk=add_upload_video(broken, data=b"not a video at all" * 50).pk).update(
        content_type="video/webm"
    )
    after = feature(make_story(headline="After the videos"), position=2)
    sign_in(page, employee)
    open_deck(page, "title=0&end=0&seconds=60")

    expect(current(page)).to_have_attribute("data-id", f"win-{clip.pk}")
    player = current(page).locator("video")
    expect(current(page).get_by_role("heading", name="Watch the surprise")).to_be_visible()
    assert player.evaluate("v => v.muted")
    # No timer involved (the page clock is paused): the video's end moves the deck on.
    expect(current(page)).to_have_attribute("data-id", f"win-{broken.pk}", timeout=8000)
    # A video that cannot play becomes its words, never a black frame.
    expect(current(page)).to_have_class("slide slide--text is-current")
    expect(current(page).locator("video")).to_have_count(0)
    page.keyboard.press("ArrowRight")
    expect(current(page)).to_have_attribute("data-id", f"win-{after.pk}")
