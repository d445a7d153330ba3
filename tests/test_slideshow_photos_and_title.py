"""The slides of a win with several photos (up to three, in the win's order,
shown in turn within its slide time) and a title slide that says what is
coming up — the deck's featured wins, never "featured today"."""

import pytest

from stories.lib.slideshow_filters import Selection
from stories.slides import MAX_SLIDE_PHOTOS
from stories.views import slideshow as slideshow_views
from tests.helpers.slideshow import add_photo, feature

pytestmark = pytest.mark.django_db


def deck():
    return slideshow_views.deck_for(Selection(), file_url=slideshow_views.FileUrls())


def test_a_win_with_many_photos_brings_its_first_three_in_order(make_story):
    story = feature(make_story(headline="Four photos"), position=0)
    photos = [add_photo(story, alt=f"Photo {n}", position=n) for n in (3, 1, 2, 0)]
    slide = next(slide for slide in deck()["slides"] if slide.get("win"))
    assert MAX_SLIDE_PHOTOS == 3
    assert [image["alt"] for image in slide["images"]] == ["Photo 0", "Photo 1", "Photo 2"]
    assert slide["image"] == slide["images"][0]  # the main photo, as before (a video's fallback)
    assert f"/photo-large/{photos[0].pk}?v=" not in str(slide)  # the fourth (position 3) waits for the win's page


def test_a_win_without_photos_has_none(make_story):
    feature(make_story(headline="Words"), position=0)
    slide = next(slide for slide in deck()["slides"] if slide.get("win"))
    assert slide["images"] == [] and slide["image"] is None


@pytest.mark.parametrize(("count", "lead"), [(1, "Coming up: 1 featured win"), (3, "Coming up: 3 featured wins")])
def test_the_title_slide_says_what_is_coming_up_not_featured_today(make_story, count, lead):
    for position in range(count):
        feature(make_story(headline=f"Win {position}"), position=position, minutes_ago=60 * 24 * 40)  # weeks ago
    title = deck()["slides"][0]
    assert title["layout"] == "title"
    assert title["lead"] == lead
    assert "today" not in title["lead"]
