"""Journey: a colleague mentions Priya in a comment by keyboard — "@pri",
the suggestions list, ↓ and Enter write "@Priya Nair" — and posts it; the
comment links Priya's page, and Priya's bell counts the mention. The post
form's story box suggests too. axe-core on each page, at 1366 and 390 px."""

import pytest
from playwright.sync_api import expect

from tests.helpers.browser import assert_accessible, sign_in
from tests.helpers.people import make_user

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("width", [1366, 390])
def test_a_colleague_mentions_priya_in_a_comment_by_keyboard(
    browser_page, make_story, employee, other_employee, django_user_model, width
):
    priya = make_user(django_user_model, "priya", first="Priya", last="Nair")
    make_user(django_user_model, "prince", first="Prince", last="Adeyemi")
    win = make_story(author=employee, heroes=[employee], headline="Rescued a wedding")
    page = browser_page
    page.set_viewport_size({"width": width, "height": 900 if width > 400 else 844})
    sign_in(page, other_employee)
    page.goto(f"{page.base_url}{win.get_absolute_url()}")
    box = page.get_by_label("Comment")
    box.press_sequentially("Lovely work @pri")
    options = page.get_by_role("listbox", name="Colleagues to mention").get_by_role("option")
    expect(options).to_have_count(2)  # Prince Adeyemi, Priya Nair (by name)
    expect(box).to_have_attribute("aria-activedescendant", "id_body-mentions-0")
    expect(page.get_by_role("status").filter(has_text="2 colleagues match.")).to_have_count(1)
    assert_accessible(page)
    box.press("ArrowDown")
    expect(options.nth(1)).to_have_attribute("aria-selected", "true")
    box.press("Enter")
    expect(box).to_have_value("Lovely work @Priya Nair ")
    expect(page.get_by_role("listbox", name="Colleagues to mention")).to_be_hidden()
    box.press_sequentially("and thanks!")
    page.get_by_role("button", name="Post comment").click()
    page.wait_for_url(f"**/wins/{win.pk}/#comment-*")
    link = page.locator(".comment").get_by_role("link", name="@Priya Nair")
    expect(link).to_have_attribute("href", "/people/priya/")
    if width == 1366:
        page.screenshot(path="artifacts/screenshots/mentions-after-1366.png", full_page=False)
    else:
        page.screenshot(path="artifacts/screenshots/mentions-after-390.png", full_page=False)
    assert_accessible(page)

    sign_in(page, priya)
    bell = page.get_by_role("link", name="Notifications", exact=False)
    expect(bell).to_have_accessible_name("Notifications, 1 unread")
    bell.click()
    expect(page.locator(".notification-list")).to_contain_text(
        "Oscar mentioned you in a comment on “Rescued a wedding”."
    )
    assert_accessible(page)


def test_the_story_box_suggests_colleagues_too(browser_page, employee, django_user_model):
    make_user(django_user_model, "priya", first="Priya", last="Nair")
    page = browser_page
    sign_in(page, employee)
    page.goto(f"{page.base_url}/wins/new/")
    story = page.get_by_label("Story")
    story.press_sequentially("Thanks to @Priy")
    expect(page.get_by_role("listbox", name="Colleagues to mention").get_by_role("option")).to_have_text(
        ["Priya Nair (@priya)"]
    )
    page.screenshot(path="artifacts/screenshots/mentions-suggestions-1366.png")
    assert_accessible(page)
    story.press("Tab")
    expect(story).to_have_value("Thanks to @Priya Nair ")
    expect(story).to_be_focused()
