"""Journey: a manager at 1366 px opens Tags from the menu and merges a
duplicate tag into "Small touches" (typing it as "small-touches"), after a
refused try and a confirmation; the wins follow, the page reads well at
390 px too (light and dark), and axe finds nothing. Screenshots in artifacts/screenshots/."""

from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from stories import services
from stories.models import Tag
from tests.helpers.browser import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

ARTIFACTS = Path(settings.BASE_DIR) / "artifacts" / "screenshots"
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def tags(make_story, manager):
    """ "Small touches" on two wins; "Little touches", meaning the same, on
    two (one of them also "Small touches"); "Speed" on another."""
    umbrellas, notes, flowers, taxi = (
        make_story(headline=headline)
        for headline in ("Umbrellas by the door", "Welcome notes", "Flowers for a birthday", "A taxi at 4 a.m.")
    )
    for story in (umbrellas, notes):
        services.tag_add(story=story, name="Small touches", by=manager)
    for story in (notes, flowers):
        services.tag_add(story=story, name="little-touches", by=manager)  # stored as "Little touches"
    services.tag_add(story=taxi, name="Speed", by=manager)
    return Tag.objects.get(name="Little touches"), Tag.objects.get(name="Small touches")


def test_a_manager_merges_a_duplicate_tag_into_small_touches(browser_page, manager, tags):
    little, small = tags
    page = browser_page
    page.set_viewport_size(DESKTOP)
    sign_in(page, manager)
    page.get_by_role("button", name="Manage", exact=True).click()
    page.get_by_role("link", name="Tags", exact=True).click()
    expect(page.get_by_role("heading", name="Tags", level=1)).to_be_visible()
    row = page.locator(f"#tag-{little.pk}")
    expect(row).to_contain_text("2 wins")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "tags-before-1366.png"), full_page=True)
    assert_accessible(page)

    # Merging a tag into itself is refused, beside the field, and said to screen readers.
    row.get_by_label("Merge into for #Little touches").fill("#little_touches")
    row.get_by_role("button", name="Merge… #Little touches").click()
    error = page.locator(f"#merge-{little.pk}-error")
    expect(error).to_have_text("Pick another tag to merge “Little touches” into: that is the tag itself.")
    expect(page.get_by_label("Merge into for #Little touches")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)

    # Typed as a hashtag, "small-touches" finds "Small touches"; a confirmation first.
    field = page.get_by_label("Merge into for #Little touches")
    field.fill("small-touches")
    field.press("Enter")
    expect(page.get_by_role("heading", name="Merge #Little touches into #Small touches?")).to_be_visible()
    assert Tag.objects.filter(pk=little.pk).exists()
    assert_accessible(page)
    page.get_by_role("button", name="Merge into #Small touches").click()

    expect(page.locator(".messages")).to_contain_text("Merged “Little touches” into “Small touches”: 2 wins moved.")
    expect(page.locator(f"#tag-{small.pk}")).to_contain_text("3 wins")
    expect(page.locator(f"#tag-{little.pk}")).to_have_count(0)
    assert set(small.stories.values_list("headline", flat=True)) == {
        "Umbrellas by the door",
        "Welcome notes",
        "Flowers for a birthday",
    }
    page.screenshot(path=str(ARTIFACTS / "tags-after-1366.png"), full_page=True)
    assert_accessible(page)

    # On a phone the page fits: no sideways scrolling.
    page.set_viewport_size(PHONE)
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.screenshot(path=str(ARTIFACTS / "tags-after-390.png"), full_page=True)
    assert_accessible(page)
    page.emulate_media(color_scheme="dark")
    page.screenshot(path=str(ARTIFACTS / "tags-after-390-dark.png"), full_page=True)
    assert_accessible(page)  # dark too
    page.emulate_media(color_scheme="light")

    # The wins show the tag that stayed.
    page.set_viewport_size(DESKTOP)
    page.goto(f"{page.base_url}/?tag={small.slug}")
    expect(page.locator("article.story-card")).to_have_count(3)
    expect(page.locator("article.story-card", has_text="Flowers for a birthday")).to_contain_text("#Small touches")
