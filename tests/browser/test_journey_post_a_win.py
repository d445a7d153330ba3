"""Journey: sign in → post a win → see it at the top of the feed."""

import pytest

from stories.models import Story
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


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
    page.get_by_label("Cost to make it right").fill("35")
    page.get_by_role("button", name="Post the win").click()

    page.wait_for_url("**/wins/*/")
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
    page.get_by_label("Customer quote").fill("Lovely!")
    page.get_by_role("button", name="Post the win").click()
    page.wait_for_load_state()
    assert page.get_by_text("Tick “Customer agreed”").is_visible()
    assert page.get_by_label("Story").input_value() == "Story text stays."
    assert not Story.objects.exists()
    assert_accessible(page)
