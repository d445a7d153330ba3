"""The review queue, quicker to work through: photo thumbnails and video
posters (the card renditions, lazy), the "Why we love this" note edited in
place, "over budget" as a filter, and a bulk "mark reviewed" that asks first
(a plain form: no JS needed) — at a constant number of queries."""

import re
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import reverse

from stories import services
from stories.models import Story, Tag, Video
from tests.helpers.people import make_user
from tests.helpers.queries import cold_and_warm
from tests.helpers.slideshow import _jpeg, add_photo
from tests.helpers.wins import listed, seed_wins

pytestmark = pytest.mark.django_db


def text_of(response):
    return " ".join(response.text.split())


def add_video_with_poster(story):
    poster = default_storage.save(f"posters/card-{story.pk}.jpg", ContentFile(_jpeg((600, 338), (10, 10, 10))))
    large = default_storage.save(f"posters/large-{story.pk}.jpg", ContentFile(_jpeg((1280, 720), (10, 10, 10))))
    return Video.objects.create(
        story=story,
        provider=Video.Provider.UPLOAD,
        file=default_storage.save(f"videos/{story.pk}.mp4", ContentFile(b"\0" * 100)),
        content_type="video/mp4",
        status=Video.Status.READY,
        poster=large,
        poster_width=1280,
        poster_height=720,
        poster_card=poster,
        poster_card_width=600,
        poster_card_height=338,
    )


# --- thumbnails ------------------------------------------------------------------------


def test_the_queue_shows_a_thumbnail_of_each_photo_or_video(manager_client, make_story):
    photo = add_photo(make_story(headline="With a photo"), alt="The new cake")
    video = add_video_with_poster(make_story(headline="With a video"))
    make_story(headline="Words only")
    page = text_of(manager_client.get("/manage/"))
    card_url, large_url = default_storage.url(photo.card.name), default_storage.url(photo.large.name)
    assert (
        f'<img class="queue-thumb rounded" src="{card_url}" srcset="{card_url} 600w, {large_url} 1600w" sizes="8rem"'
        ' width="600" height="450" alt="The new cake" loading="lazy" decoding="async">'
    ) in page
    poster_url = default_storage.url(video.poster_card.name)
    assert f'src="{poster_url}"' in page and 'alt="" loading="lazy"' in page
    assert page.count('class="queue-thumb rounded"') == 2  # none for the words-only win


# --- the note, edited in place ------------------------------------------------------------


def test_the_note_is_edited_in_the_queue_and_features_the_win(manager_client, make_story):
    story = make_story(headline="Lovely")
    page = manager_client.get("/manage/").text
    url = reverse("curate_feature", args=[story.pk])
    assert (
        f'<form class="queue-note-form mb-2"\n      method="post"\n      action="{url}"\n      hx-post="{url}"' in page
    )
    assert f'<label class="form-label small fw-semibold mb-1" for="queue-note-{story.pk}">' in page
    assert page.count(f'action="{url}"') == 1  # the note form is the queue's one Feature button

    response = manager_client.post(
        url, {"note": "Kind and quick", "panel": "queue", "next": "/manage/"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200 and 'id="queue"' in response.text  # the queue, re-rendered in place
    story.refresh_from_db()
    assert story.is_featured and story.feature_note == "Kind and quick"


def test_a_featured_win_back_in_the_queue_has_its_note_to_edit(manager_client, make_story, manager, employee):
    story = make_story(headline="Featured, then edited")
    services.story_feature(story=story, by=manager, note="First note")
    Story.objects.filter(pk=story.pk).update(reviewed_at=None)  # edited by its author since
    page = text_of(manager_client.get("/manage/"))
    assert f'id="queue-note-{story.pk}" maxlength="200" value="First note"' in page
    assert "Save note" in page


# --- over budget, a filter -----------------------------------------------------------------


def test_over_budget_is_a_queryset_filter(make_story, settings):
    settings.WINSBOARD_EMPOWERMENT_BUDGET = Decimal("100")
    over = make_story(headline="Over", cost=Decimal("100.01"))
    make_story(headline="At", cost=Decimal("100"))
    make_story(headline="None")
    assert list(Story.objects.over_budget()) == [over]


def test_the_queue_can_show_only_the_wins_over_budget(manager_client, make_story, settings):
    settings.WINSBOARD_EMPOWERMENT_BUDGET = Decimal("2000")
    make_story(headline="Cheap", cost=Decimal("10"))
    make_story(headline="Pricey", cost=Decimal("2500"))
    response = manager_client.get("/manage/?over=1")
    assert [story.headline for story in listed(response)] == ["Pricey"]
    page = text_of(response)
    assert 'name="over" value="1" id="queue-over-budget" data-submit-on-change checked>' in page
    assert "Only over the 2,000 USD budget (1)" in page
    hidden = manager_client.get("/manage/?show=hidden&over=1")
    assert hidden.context["base_query"] == "show=hidden&over=1"  # the pager keeps the filter


def test_the_over_budget_filter_pages_through_at_constant_cost(manager_client, employee, settings):
    settings.WINSBOARD_EMPOWERMENT_BUDGET = Decimal("2000")
    seed_wins(25, authors=[employee], cost=Decimal("2500"))
    seed_wins(5, authors=[employee], cost=Decimal("5"))
    first = manager_client.get("/manage/?over=1")
    assert len(listed(first)) == 20
    cursor = first.context["page"].next_cursor
    assert f'href="?over=1&amp;before={cursor}"' in first.text  # the default view (review) is not repeated
    second = manager_client.get(f"/manage/?over=1&before={cursor}")
    assert len(listed(second)) == 5


# --- bulk "mark reviewed", confirmed ----------------------------------------------------------


@pytest.fixture
def to_review(make_story, manager, settings):
    wins = {name: make_story(headline=name) for name in ["One", "Two", "Three"]}
    settings.WINSBOARD_REVIEW_BEFORE_PUBLISH = True
    wins["Pending"] = make_story(headline="Pending")
    settings.WINSBOARD_REVIEW_BEFORE_PUBLISH = False
    return wins


def test_each_published_win_to_review_can_be_ticked_in_the_bulk_form(manager_client, to_review):
    page = manager_client.get("/manage/").text
    assert '<form class="queue-bulk' in page and 'id="bulk-review"' in page
    boxes = re.findall(
        r'<input class="form-check-input"\s+type="checkbox"\s+name="ids"\s+value="(\d+)"[^>]*form="bulk-review"', page
    )
    assert sorted(map(int, boxes)) == sorted(to_review[name].pk for name in ["One", "Two", "Three"])
    assert f'id="select-{to_review["Pending"].pk}"' not in page  # approving it is its own step


def test_marking_several_reviewed_asks_first_then_marks_them(manager_client, manager, to_review):
    ids = [to_review["One"].pk, to_review["Two"].pk, to_review["Pending"].pk]
    asked = manager_client.post(reverse("curate_review_many"), {"ids": ids, "next": "/manage/"})
    assert asked.status_code == 200
    page = text_of(asked)
    assert "Mark 2 wins reviewed?" in page and ">One</a>" in page and ">Two</a>" in page and "Pending" not in page
    assert not Story.objects.filter(reviewed_at__isnull=False).exists()  # asking changed nothing

    done = manager_client.post(
        reverse("curate_review_many"), {"ids": ids, "confirm": "yes", "next": "/manage/"}, follow=True
    )
    assert done.redirect_chain == [("/manage/", 302)]
    assert "Marked 2 wins reviewed." in done.text
    reviewed = Story.objects.filter(reviewed_at__isnull=False)
    assert sorted(reviewed.values_list("headline", flat=True)) == ["One", "Two"]
    assert {story.reviewed_by for story in reviewed} == {manager}
    assert [story.headline for story in listed(done)] == ["Pending", "Three"]


def test_marking_none_says_what_to_do(manager_client, to_review):
    response = manager_client.post(reverse("curate_review_many"), {"ids": ["x", "999999"]}, follow=True)
    assert "Tick the wins to mark reviewed first" in response.text
    assert not Story.objects.filter(reviewed_at__isnull=False).exists()


def test_bulk_marking_is_for_managers_with_the_csrf_token(client, employee, manager, to_review):
    client.force_login(employee)
    data = {"ids": [to_review["One"].pk], "confirm": "yes"}
    assert client.post(reverse("curate_review_many"), data).status_code == 403
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(manager)
    assert strict.post(reverse("curate_review_many"), data).status_code == 403
    assert not Story.objects.filter(reviewed_at__isnull=False).exists()


# --- constant queries ---------------------------------------------------------------------------


def test_the_queue_costs_the_same_queries_for_3_or_20_wins_with_photos_videos_heroes_and_tags(
    manager_client, manager, employee, django_user_model, django_assert_max_num_queries, settings
):
    settings.WINSBOARD_EMPOWERMENT_BUDGET = Decimal("2000")
    authors = [employee, *(make_user(django_user_model, f"hero{i}") for i in range(3))]
    tags = [Tag.objects.create(name=f"Tag {i}", slug=f"tag-{i}") for i in range(2)]

    def seed(count):
        for story in seed_wins(count, authors=authors, tags=tags, cost=Decimal("2500")):
            add_photo(story)
            add_video_with_poster(story)

    seed(3)
    # Cached: session, user (with may-curate), counts, the page's wins = 4; each card rendered:
    # + the wins (video, who hid them joined), heroes, tags, photos, latest cheers, awards = 10;
    # + the filters' choices (teams, tags, people), read once into the shared cache = 13.
    few = cold_and_warm(manager_client, "/manage/")
    assert few[0] <= 13 and few[1] <= 4
    seed(17)
    for query in ("", "?over=1"):
        assert cold_and_warm(manager_client, "/manage/" + query) == few, query
        assert len(listed(manager_client.get("/manage/" + query))) == 20
