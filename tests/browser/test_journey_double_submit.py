"""Journey: a double-click on "Post the win" (text only, no files) sends the
form once — the button is disabled as soon as it is sent — and posts one win."""

import re

import pytest

from stories import services
from stories.models import Story
from tests.helpers.browser import sign_in

pytestmark = pytest.mark.django_db(transaction=True)

# Clicks that reach the button, counted where they survive the page change.
COUNT_CLICKS = """
const button = document.querySelector("#story-form [type=submit]");
sessionStorage.setItem("clicks", "0");
button.addEventListener("click", () => {
  sessionStorage.setItem("clicks", String(Number(sessionStorage.getItem("clicks")) + 1));
});
"""


def test_a_double_click_on_post_sends_the_form_once_and_posts_one_win(browser_page, employee):
    page = browser_page
    sign_in(page, employee)
    page.goto(f"{page.base_url}/wins/new/")
    page.get_by_label("Headline").fill("Posted once")
    page.get_by_label("Story").fill("A double-click must not post this twice.")
    posts = []
    page.on("request", lambda request: posts.append(request.url) if request.method == "POST" else None)
    page.evaluate(COUNT_CLICKS)

    page.get_by_role("button", name="Post the win").dblclick()

    page.wait_for_url(re.compile(r"/wins/\d+/$"))
    assert page.evaluate("sessionStorage.getItem('clicks')") == "1"  # the second click met a disabled button
    assert posts == [f"{page.base_url}/wins/new/"]
    assert Story.objects.filter(headline="Posted once").count() == 1


def test_the_button_pressed_is_sent_though_every_button_is_disabled_at_once(
    browser_page, employee, manager, make_story
):
    """Disabling the buttons on submit must not lose which one was pressed:
    "Save and ask for it to be shown again" on a hidden win's edit form."""
    story = make_story(headline="Hidden for now")
    services.story_hide(story=story, by=manager, reason="Remove the guest's surname, then ask again.")
    page = browser_page
    sign_in(page, employee)
    page.goto(f"{page.base_url}/wins/{story.pk}/edit/")
    page.get_by_label("Headline").fill("Hidden for now, fixed")
    page.get_by_role("button", name="Save and ask for it to be shown again").click()
    page.wait_for_url(re.compile(rf"/wins/{story.pk}/$"))
    story.refresh_from_db()
    assert story.headline == "Hidden for now, fixed" and story.is_hidden
    assert story.asked_to_show_again
