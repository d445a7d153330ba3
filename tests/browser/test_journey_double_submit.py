"""Journey: a double-click on "Post the win" (text only, no files) sends the
form once — the button is disabled as soon as it is sent — and posts one win."""

import re
import time

import pytest

from stories.models import Story
from tests.helpers.browser import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_double_click_on_post_sends_the_form_once_and_posts_one_win(browser_page, employee):
    page = browser_page
    sign_in(page, employee)
    page.goto(f"{page.base_url}/wins/new/")
    page.get_by_label("Headline").fill("Posted once")
    page.get_by_label("Story").fill("A double-click must not post this twice.")

    posts = []

    def slow_post(route):
        posts.append(route.request.method)
        time.sleep(0.8)  # a busy server: the second click lands while the first is on its way
        route.continue_()

    page.route(
        re.compile(r".*/wins/new/$"),
        lambda route: slow_post(route) if route.request.method == "POST" else route.continue_(),
    )
    button = page.get_by_role("button", name="Post the win")
    button.dblclick()
    assert button.is_disabled()
    page.wait_for_url(re.compile(r"/wins/\d+/$"))
    assert posts == ["POST"]
    assert Story.objects.filter(headline="Posted once").count() == 1
