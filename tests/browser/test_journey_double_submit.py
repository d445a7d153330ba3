"""Journey: a double-click on "Post the win" (text only, no files) sends the
form once — the button is disabled as soon as it is sent — and posts one win."""

import re

import pytest

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
