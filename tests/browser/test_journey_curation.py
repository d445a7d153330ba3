"""Journey: a manager tags a win, features it and moves it to the top of the
wall — in place (htmx), partly by keyboard only; then an employee sees it
first on /featured/ and no curation control anywhere."""

import pytest
from playwright.sync_api import expect

from stories import services
from stories.models import Story
from tests.helpers.browser import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def wall(make_story, manager):
    """A wall with a pinned win and another; the win to celebrate is not on it."""
    pinned = make_story(headline="Pinned star")
    other = make_story(headline="Other star")
    for story in (other, pinned):
        services.story_feature(story=story, by=manager)
    services.story_pin(story=pinned)
    target = make_story(
        headline="Rescued a wedding", quote="You saved our day!", quote_by="The Smiths", customer_consent=True
    )
    return target


def mark_page(page):
    """A flag that a full page load would wipe: proves an action happened in place."""
    page.evaluate("window.__stayedInPlace = true")


def stayed_in_place(page):
    return page.evaluate("window.__stayedInPlace === true")


def wall_titles(page):
    return page.locator(".wall-card .card-title").all_inner_texts()


def test_manager_curates_in_place_and_an_employee_sees_the_result(browser_page, manager, other_employee, wall):
    page = browser_page
    target = wall
    sign_in(page, manager)
    assert_accessible(page)

    # Tag it from the feed, without leaving the page; the live region says so.
    mark_page(page)
    card = page.locator("article.story-card", has_text="Rescued a wedding")
    tag_field = card.get_by_label("Add a tag to “Rescued a wedding”")
    tag_field.fill("Above   and beyond")
    tag_field.press("Enter")
    card.get_by_role("link", name="#Above and beyond").wait_for()
    assert stayed_in_place(page)
    assert "Tagged “Rescued a wedding” #Above and beyond." in page.locator(".messages").inner_text()
    expect(page.locator(f"#tag-name-{target.pk}")).to_be_focused()  # ready for the next tag
    assert_accessible(page)

    # Feature it from its page, with a note.
    card.get_by_role("link", name="Rescued a wedding").click()
    page.wait_for_url(f"**/wins/{target.pk}/")
    assert_accessible(page)
    mark_page(page)
    page.get_by_label("Why we love this").fill("Calm, kind and quick")
    page.get_by_role("button", name="Feature", exact=True).click()
    page.get_by_text("On the featured wall since").wait_for()
    assert stayed_in_place(page)
    assert page.get_by_text("Why we love this: Calm, kind and quick").is_visible()
    assert "is on the featured wall" in page.locator(".messages").inner_text()
    assert_accessible(page)

    # On the wall it comes after the pinned win; pin it to the top by keyboard only.
    page.get_by_role("link", name="Featured", exact=True).click()
    page.wait_for_url("**/featured/")
    assert wall_titles(page) == ["Pinned star", "Rescued a wedding", "Other star"]
    assert_accessible(page)
    mark_page(page)
    pin = page.locator(f"#pin-toggle-{target.pk}")
    pin.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".wall-card .card-title").first).to_have_text("Rescued a wedding")
    assert stayed_in_place(page)
    assert wall_titles(page) == ["Rescued a wedding", "Pinned star", "Other star"]
    expect(page.locator(f"#pin-toggle-{target.pk}")).to_be_focused()  # focus kept on it, now "Unpin"
    assert "pinned to the top of the wall" in page.locator(".messages").inner_text()
    # ...and one step down and back up with the keyboard, the order saved each time.
    page.locator(f"#move-down-{Story.objects.get(headline='Other star').pk}").focus()
    page.keyboard.press("Enter")
    page.locator(".messages", has_text="number 3 of 3").wait_for()
    assert_accessible(page)
    assert list(Story.objects.featured().values_list("headline", flat=True)) == [
        "Rescued a wedding",
        "Pinned star",
        "Other star",
    ]

    # An employee sees it first and no curation control anywhere.
    page.context.clear_cookies()
    sign_in(page, other_employee)
    assert page.locator("nav").get_by_role("button", name="Manage", exact=True).count() == 0
    page.get_by_role("link", name="Featured", exact=True).click()
    page.wait_for_url("**/featured/")
    assert wall_titles(page)[0] == "Rescued a wedding"
    assert page.locator(".wall-card").first.get_by_text("Why we love this: Calm, kind and quick").is_visible()
    assert_accessible(page)
    for url in ["/featured/", "/", f"/wins/{target.pk}/"]:
        page.goto(page.base_url + url)
        curation = "[hx-post]:not([data-celebrate]), .curation-bar, .curation-panel, .btn-untag"  # not cheers
        assert page.locator(curation).count() == 0, url
        assert page.get_by_role("button", name="Feature").count() == 0, url
        assert_accessible(page)


def test_manager_drags_a_card_to_a_new_place_on_the_wall(browser_page, manager, make_story):
    page = browser_page
    for name in ["Third", "Second", "First"]:
        services.story_feature(story=make_story(headline=name), by=manager)
    sign_in(page, manager)
    page.goto(page.base_url + "/featured/")
    handles = page.locator(".drag-handle")
    assert handles.count() == 3
    mark_page(page)
    handles.nth(2).drag_to(page.locator(".wall-item").nth(0))
    page.locator(".messages", has_text="The wall's new order is saved.").wait_for()
    assert stayed_in_place(page)
    assert wall_titles(page) == ["Third", "First", "Second"]
    assert list(Story.objects.featured().values_list("headline", flat=True)) == ["Third", "First", "Second"]
    assert_accessible(page)


def test_manager_reviews_and_hides_from_the_queue_in_place(browser_page, manager, make_story):
    page = browser_page
    make_story(headline="Keep me")
    make_story(headline="Hide me")
    sign_in(page, manager)
    page.get_by_role("button", name="Manage", exact=True).click()
    page.get_by_role("link", name="Review queue").click()
    page.wait_for_url("**/manage/")
    assert_accessible(page)
    mark_page(page)
    item = page.locator(".queue-item", has_text="Hide me")
    item.get_by_text("Hide…").click()
    item.get_by_label("Reason for hiding (its author sees it)").fill("Posted twice")
    item.get_by_role("button", name="Hide this win").click()
    page.locator(".messages", has_text="is hidden").wait_for()
    assert page.locator(".queue-item .card-title").all_inner_texts() == ["Keep me"]
    # Focus moves on to the next win in the queue, where the manager carries on.
    expect(page.locator(".queue-item .card-title a", has_text="Keep me")).to_be_focused()
    page.get_by_role("button", name="Mark reviewed").click()
    page.get_by_text("All caught up").wait_for()
    assert stayed_in_place(page)
    expect(page.locator("#queue-title")).to_be_focused()  # the button is gone: focus lands on the list's heading
    assert_accessible(page)
    assert Story.objects.get(headline="Hide me").hidden_reason == "Posted twice"
