"""Journey: post a win with photos and a video in a real browser — the
gallery, the privacy-friendly embed, the upload progress bar, and a failed
upload that keeps what was typed."""

import re
import threading

import pytest

from stories import services
from stories.models import Story, Video
from tests.helpers import media_files as files
from tests.helpers.browser import assert_accessible, loaded_width, open_section, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

STORY_PAGE = re.compile(r"/wins/\d+/$")


@pytest.fixture
def no_youtube(page):
    """The embed must not reach the network in tests: answer it locally."""
    page.route("https://www.youtube-nocookie.com/**", lambda route: route.fulfill(status=200, body=""))


def image(name, data, mime="image/jpeg"):
    return {"name": name, "mimeType": mime, "buffer": data}


def fill_story(page, headline):
    page.goto(f"{page.base_url}/wins/new/")
    page.get_by_label("Headline").fill(headline)
    page.get_by_label("Story").fill("The cake fell; we baked another in an hour.")


# The WCAG contrast of a button's text on its background, on every animation
# frame for 400 ms (the background blended over the white page).
CONTRAST_OVER_FRAMES = """button => new Promise(resolve => {
  const channels = (text) => text.match(/[\\d.]+/g).map(Number);
  const over = (top, base) => [0, 1, 2].map(i => top[i] * (top[3] ?? 1) + base[i] * (1 - (top[3] ?? 1)));
  const luminance = (rgb) => rgb.map(v => (v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)
    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  const ratios = [];
  const start = performance.now();
  (function look() {
    const style = getComputedStyle(button);
    const background = over(channels(style.backgroundColor), [255, 255, 255]);
    const [a, b] = [luminance(over(channels(style.color), background)), luminance(background)];
    ratios.push(Math.round(((Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)) * 100) / 100);
    if (performance.now() - start < 400) requestAnimationFrame(look);
    else resolve({ratios: ratios, hovered: button.matches(":hover")});
  })();
})"""


def test_employee_posts_a_win_with_two_photos_and_a_video_link_and_sees_the_gallery(browser_page, employee, no_youtube):
    page = browser_page
    page.emulate_media(reduced_motion="no-preference")  # transitions on, as most people have them
    sign_in(page, employee)
    fill_story(page, "A new cake in an hour")
    page.get_by_label("Photos").set_input_files(
        [
            image("cake.jpg", files.jpeg(1600, 1200)),
            image("team.png", files.encoded(files.photo(1200, 900), "PNG"), "image/png"),
        ]
    )
    alt_texts = page.get_by_label("Alt text", exact=True)
    alt_texts.nth(0).fill("The new cake on the counter")
    alt_texts.nth(1).fill("The kitchen team smiling")
    assert page.get_by_text("New photo: cake.jpg").is_visible()
    page.get_by_role("button", name="Move team.png up").click()  # the team photo comes first
    # The rows swapped under the still pointer, which now rests on cake.jpg's
    # new "Move up" button: its hover colours must not fade in through
    # half-contrast ones (axe-core failed on that, now and then).
    seen = page.get_by_role("button", name="Move cake.jpg up").evaluate(CONTRAST_OVER_FRAMES)
    assert seen["hovered"], "the pointer no longer rests on the moved row's button: move it there"
    assert min(seen["ratios"]) >= 4.5, seen["ratios"]
    open_section(page, "Video")  # folded until tapped
    page.get_by_label("Video link").fill("https://youtu.be/dQw4w9WgXcQ")
    assert_accessible(page)
    page.get_by_role("button", name="Post the win").click()

    page.wait_for_url(STORY_PAGE)
    story = Story.objects.get()
    assert [photo.alt_text for photo in story.photos.all()] == [
        "The kitchen team smiling",
        "The new cake on the counter",
    ]
    gallery = page.get_by_role("list", name="Photos").get_by_role("img")
    assert gallery.count() == 2
    assert gallery.nth(0).get_attribute("alt") == "The kitchen team smiling"
    assert loaded_width(gallery.nth(0)) > 0  # served and decoded
    frame = page.locator("iframe")
    assert frame.get_attribute("src") == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?rel=0"
    assert frame.get_attribute("title") == "Video: A new cake in an hour (YouTube)"
    assert page.get_by_text("Your win is on the board").is_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Feed").click()
    card_image = page.locator(".story-card img").first
    assert card_image.get_attribute("alt") == "The kitchen team smiling"
    assert card_image.get_attribute("loading") == "lazy" and card_image.get_attribute("srcset")


@pytest.fixture(scope="module")
def big_video():
    """A real video of about 1.5 MB (x264's fastest preset overshoots the rate on noise)."""
    return files.make_video(seconds=2, size=(640, 480), bit_rate=3_000_000, noise=True, options={"preset": "ultrafast"})


@pytest.fixture
def held_upload(monkeypatch):
    """Hold the server's answer to a post until the test lets it go, so what
    the page shows during an upload can be checked without racing the upload
    (the live server runs in a thread of this process)."""
    release = threading.Event()
    create = services.story_create_with_media

    def held(**kwargs):
        release.wait(timeout=60)
        return create(**kwargs)

    monkeypatch.setattr(services, "story_create_with_media", held)
    yield release
    release.set()


# Every text the upload status shows, recorded as it changes (a fast upload
# may pass through its percentages between two looks from the test).
RECORD_STATUS = """() => {
  window.statusSeen = [];
  const status = document.querySelector("[data-upload-status]");
  new MutationObserver(() => window.statusSeen.push(status.textContent))
    .observe(status, {childList: true, characterData: true, subtree: true});
}"""


def test_the_progress_bar_shows_while_a_large_video_uploads(browser_page, employee, big_video, held_upload):
    page = browser_page
    sign_in(page, employee)
    fill_story(page, "A video of the new lobby")
    page.get_by_label("Video file").set_input_files(
        [{"name": "lobby.mp4", "mimeType": "video/mp4", "buffer": big_video}]
    )
    session = page.context.new_cdp_session(page)
    session.send("Network.enable")
    session.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 20, "downloadThroughput": -1, "uploadThroughput": 256 * 1024},
    )
    page.evaluate(RECORD_STATUS)
    page.get_by_role("button", name="Post the win").click()

    bar = page.get_by_role("progressbar", name="Uploading your win")
    bar.wait_for(state="visible")
    page.wait_for_function("() => document.querySelector('#upload-progress-bar').value > 0")
    assert page.get_by_role("button", name="Post the win").is_disabled()
    assert_accessible(page, context="[data-upload-progress]")
    page.get_by_role("status").filter(has_text="Uploaded.").wait_for(timeout=30_000)
    seen = page.evaluate("window.statusSeen")
    assert any(re.fullmatch(r"\d+% — [\d.]+ of [\d.]+ MB", text) for text in seen), seen
    assert page.locator("#upload-progress-bar").evaluate("bar => bar.value") == 100
    held_upload.set()

    page.wait_for_url(STORY_PAGE, timeout=30_000)
    video = Video.objects.get()
    assert (video.status, video.content_type) == ("ready", "video/mp4")
    assert page.locator("video source").get_attribute("src") == f"/media/{video.file.name}"


def test_a_failed_upload_shows_why_and_keeps_the_text_and_the_chosen_photo(browser_page, employee):
    page = browser_page
    sign_in(page, employee)
    fill_story(page, "Kept headline")
    page.get_by_label("Photos").set_input_files([image("fake.jpg", files.HTML)])
    page.get_by_label("Alt text", exact=True).first.fill("Kept alt text")
    page.get_by_role("button", name="Post the win").click()

    alert = page.locator("#form-errors")
    alert.wait_for(state="visible")
    assert "“fake.jpg” can't be used" in alert.inner_text()
    assert page.get_by_label("Headline").input_value() == "Kept headline"
    assert page.get_by_label("Alt text", exact=True).first.input_value() == "Kept alt text"
    assert page.get_by_label("Photos").evaluate("input => input.files.length") == 1
    assert not Story.objects.exists()
    assert_accessible(page)


def test_without_javascript_the_plain_form_still_posts_photos(browser, live_server, employee):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.base_url = live_server.url
    try:
        sign_in(page, employee)
        fill_story(page, "Posted without JavaScript")
        page.get_by_label("Photos").set_input_files([image("note.jpg", files.jpeg(800, 600))])
        page.get_by_label("Alt text", exact=True).first.fill("A thank-you note")
        page.get_by_role("button", name="Post the win").click()
        page.wait_for_url(STORY_PAGE)
        assert page.get_by_role("list", name="Photos").get_by_role("img", name="A thank-you note").is_visible()
    finally:
        context.close()


def test_photos_can_be_dropped_on_the_form(browser_page, employee):
    page = browser_page
    sign_in(page, employee)
    page.goto(f"{page.base_url}/wins/new/")
    transfer = page.evaluate_handle(
        """() => {
            const transfer = new DataTransfer();
            transfer.items.add(new File(["not posted"], "dropped.png", {type: "image/png"}));
            return transfer;
        }"""
    )
    page.locator("[data-drop-zone]").dispatch_event("drop", {"dataTransfer": transfer})
    assert page.get_by_text("New photo: dropped.png").is_visible()
    assert page.get_by_label("Photos").evaluate("input => input.files[0].name") == "dropped.png"
    assert page.get_by_role("status").filter(has_text="1 photo added").is_visible()


def test_a_video_over_the_limit_is_refused_before_it_uploads(browser_page, employee, settings):
    settings.WINSBOARD_MAX_VIDEO_MB = 1
    page = browser_page
    sign_in(page, employee)
    fill_story(page, "Too long a video")
    video = {"name": "long.mp4", "mimeType": "video/mp4", "buffer": b"\0" * (2 * 1024 * 1024)}
    page.get_by_label("Video file").set_input_files([video])
    page.get_by_role("button", name="Post the win").click()
    alert = page.locator("[data-upload-failed]")
    alert.wait_for(state="visible")
    assert "“long.mp4” is 2.0 MB; it can be up to 1 MB." in alert.inner_text()
    assert page.get_by_label("Headline").input_value() == "Too long a video"
    assert not Story.objects.exists()
