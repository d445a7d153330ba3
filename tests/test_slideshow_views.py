"""The slideshow page, its live JSON (ETag / 304), marking a deck as shown,
and the slides' files — for signed-in colleagues."""

import re
from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from stories import services
from stories.models import Story, Tag, Team
from tests.helpers.people import make_user
from tests.helpers.slideshow import add_hosted_video, add_photo, add_upload_video, feature

HOSTILE = [
    "seconds=abc",
    "seconds=0",
    "seconds=99999",
    "seconds=-1",
    "seconds=1e9",
    "since=2026-13-45",
    "since=0000-00-00",
    "since=%00",
    "team=-1",
    "team=abc",
    "team=1%20OR%201=1",
    "team=99999999999999999999",
    "tag=%3Cscript%3Ealert(1)%3C/script%3E",
    "tag=" + "x" * 500,
    "tag=%E2%98%83",
    "shuffle=%F0%9F%92%A9",
    "title=<b>",
    "tag=a&tag=<script>",
    "poll=-3",
    "poll=abc",
    "poll=%C2%B2",  # a superscript two: isdigit() says yes, int() says no
    "team=%D9%A3",  # an Arabic-Indic three
    "seconds=%EF%BC%95",  # a full-width five
]


@pytest.fixture
def featured_wins(make_story):
    wins = [feature(make_story(headline=f"Featured {n}"), position=n) for n in range(3)]
    add_photo(wins[0])
    return wins


def slides_of(response):
    return [slide for slide in response.json()["slides"] if slide.get("win")]


# --- who may watch -------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/slideshow/", "/slideshow/slides.json"])
def test_anonymous_visitors_are_sent_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_slideshow_page_is_a_standalone_dark_page_driven_by_a_static_script(employee_client, featured_wins):
    response = employee_client.get("/slideshow/?seconds=8&poll=5")
    assert response.status_code == 200
    html = response.text
    assert 'data-seconds="8"' in html and 'data-poll-seconds="5"' in html
    assert 'data-slides-url="/slideshow/slides.json?seconds=8"' in html
    assert '<script type="module" src="/static/js/slideshow/main.js">' in html
    assert "/static/css/slideshow.css" in html
    # Strict CSP: every script is a file, except the inert JSON data block.
    for tag in re.findall(r"<script[^>]*>", html):
        assert " src=" in tag or 'type="application/json"' in tag, tag
    assert " style=" not in html
    assert not re.search(r"<[^>]+\son[a-z]+\s*=", html)  # no inline event handlers
    assert "Featured 0" in html  # the first deck travels with the page


def test_the_navigation_links_the_slideshow(employee_client):
    assert 'href="/slideshow/"' in employee_client.get("/").text


# --- the JSON --------------------------------------------------------------------------


def test_slides_json_has_a_title_the_wins_in_wall_order_and_an_end(employee_client, featured_wins):
    response = employee_client.get("/slideshow/slides.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert data["wins"] == 3 and data["seconds"] == 12
    assert [s["layout"] for s in data["slides"]] == ["title", "photo", "text", "text", "end"]
    assert [s["win"] for s in slides_of(response)] == [s.pk for s in Story.objects.featured()]
    slide = slides_of(response)[0]
    assert set(slide) >= {
        "id", "layout", "win", "headline", "heroes", "heroes_text", "team", "excerpt", "quote", "quote_by",
        "image", "video", "seconds", "kind_label", "note", "shown_on",
    }  # fmt: skip


def test_slides_json_applies_the_same_filters_as_the_page(employee_client, featured_wins):
    tag = Tag.objects.create(name="Kudos", slug="kudos")
    featured_wins[1].tags.add(tag)
    response = employee_client.get("/slideshow/slides.json?tag=kudos&title=0&end=0&seconds=30")
    assert [s["win"] for s in response.json()["slides"]] == [featured_wins[1].pk]
    assert response.json()["slides"][0]["seconds"] == 30


def test_user_text_is_carried_as_data_not_markup(employee_client, make_story):
    feature(make_story(headline="<img src=x onerror=alert(1)>"), position=0)
    slide = slides_of(employee_client.get("/slideshow/slides.json"))[0]
    assert slide["headline"] == "<img src=x onerror=alert(1)>"
    page = employee_client.get("/slideshow/").text
    assert "<img src=x" not in page  # json_script escapes < inside the data block


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_parameters_give_a_clear_400_or_are_ignored_never_a_500(employee_client, featured_wins, query):
    page = employee_client.get(f"/slideshow/?{query}")
    data = employee_client.get(f"/slideshow/slides.json?{query}")
    assert page.status_code in (200, 400)
    assert data.status_code == page.status_code
    if page.status_code == 400:
        assert "This slideshow link has a mistake" in page.text
        assert data.json()["error"]
        assert "<script>" not in page.text


# --- ETag / If-None-Match ----------------------------------------------------------------


def etag_of(client, url="/slideshow/slides.json"):
    response = client.get(url)
    assert response.status_code == 200
    return response["ETag"]


def test_an_unchanged_deck_answers_304_with_no_body(employee_client, featured_wins):
    etag = etag_of(employee_client)
    response = employee_client.get("/slideshow/slides.json", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert "no-cache" in response["Cache-Control"]


def test_the_page_hands_its_etag_to_the_script_so_the_first_poll_is_a_304(employee_client, featured_wins):
    page = employee_client.get("/slideshow/?shuffle=1").text
    etag = re.search(r'data-etag="([^"]+)"', page).group(1).replace("&quot;", '"')
    assert employee_client.get("/slideshow/slides.json?shuffle=1", HTTP_IF_NONE_MATCH=etag).status_code == 304


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda wins, make, by: feature(make(headline="Newly featured"), position=9), id="featured"),
        pytest.param(lambda wins, make, by: services.story_unfeature(story=wins[1], by=by), id="unfeatured"),
        pytest.param(
            lambda wins, make, by: services.story_update(story=wins[1], heroes=[by], headline="Edited"), id="edited"
        ),
        pytest.param(lambda wins, make, by: services.story_hide(story=wins[1], by=by, reason="Duplicate"), id="hidden"),
        pytest.param(lambda wins, make, by: services.wall_move(story=wins[2], direction="up"), id="reordered"),
        pytest.param(lambda wins, make, by: services.tag_add(story=wins[0], name="Kudos", by=by), id="tagged"),
        pytest.param(lambda wins, make, by: add_photo(wins[2]), id="photo-added"),
        pytest.param(lambda wins, make, by: services.photo_delete(photo=add_photo(wins[2])), id="photo-removed"),
        pytest.param(lambda wins, make, by: make(headline="A new win this month"), id="month-counts"),
    ],
)
def test_the_etag_changes_when_what_a_screen_shows_changes(employee_client, featured_wins, make_story, manager, change):
    etag = etag_of(employee_client)
    change(featured_wins, make_story, manager)
    response = employee_client.get("/slideshow/slides.json", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response["ETag"] != etag


def test_a_304_is_answered_from_the_version_before_the_deck_is_built(
    employee_client, featured_wins, django_assert_max_num_queries, monkeypatch
):
    """The ETag comes from the wins' version in the cache: an unchanged deck
    costs the session and the user (2 queries), no deck query, no JSON."""
    etag = etag_of(employee_client)
    monkeypatch.setattr("stories.views.slideshow.deck_for", lambda *a, **k: pytest.fail("the deck was built"))
    with django_assert_max_num_queries(2):
        response = employee_client.get("/slideshow/slides.json", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response["ETag"] == etag


def test_a_change_committed_in_another_process_is_seen_through_the_shared_version(
    employee_client, featured_wins, settings
):
    """Another worker's write bumps the version in the cache they share: ours
    answers 200 with the new deck (its own memory holds nothing)."""
    from django.core.cache import cache

    etag = etag_of(employee_client)
    Story.objects.filter(pk=featured_wins[1].pk).update(headline="Edited elsewhere")
    cache.set("version:wins", "bumped-by-another-process", 60)
    response = employee_client.get("/slideshow/slides.json", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert "Edited elsewhere" in response.text


def test_hidden_unfeatured_and_pending_wins_drop_out_of_the_json(employee_client, featured_wins):
    Story.objects.filter(pk=featured_wins[0].pk).update(hidden_at=timezone.now())
    Story.objects.filter(pk=featured_wins[1].pk).update(featured_at=None)
    Story.objects.filter(pk=featured_wins[2].pk).update(status=Story.Status.PENDING)
    data = employee_client.get("/slideshow/slides.json").json()
    assert data["wins"] == 0
    assert [s["layout"] for s in data["slides"]] == ["empty"]


def test_slides_json_costs_the_same_queries_for_3_or_40_wins_with_media(
    employee_client, make_story, django_user_model, django_assert_max_num_queries
):
    heroes = [make_user(django_user_model, f"hero{n}", first=f"Hero{n}") for n in range(4)]
    teams = [Team.objects.create(name=f"Team {n}") for n in range(3)]
    tag = Tag.objects.create(name="Kudos", slug="kudos")

    def add_wins(count, start):
        for n in range(start, start + count):
            story = feature(make_story(headline=f"Win {n}", heroes=heroes, team=teams[n % 3]), position=n)
            story.tags.add(tag)
            if n % 3 == 0:
                add_photo(story, size=(64, 48))
            elif n % 3 == 1:
                add_upload_video(story)
            else:
                add_hosted_video(story)

    add_wins(3, 0)
    with django_assert_max_num_queries(12) as few:
        employee_client.get("/slideshow/slides.json?tag=kudos&team=" + str(teams[0].pk))
    with django_assert_max_num_queries(14) as few_page:
        employee_client.get("/slideshow/?tag=kudos&team=" + str(teams[0].pk))
    add_wins(37, 3)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = employee_client.get("/slideshow/slides.json?tag=kudos&team=" + str(teams[0].pk))
    assert response.json()["wins"] == 14
    with django_assert_max_num_queries(len(few_page.captured_queries)):
        page = employee_client.get("/slideshow/?tag=kudos&team=" + str(teams[0].pk))
    assert page.text.count('"layout": "') == 16  # title, 14 wins, end
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = employee_client.get("/slideshow/slides.json")
    assert response.json()["wins"] == 40


# --- options ----------------------------------------------------------------------------------


def test_the_options_panel_leads_to_a_clean_bookmarkable_address(employee_client):
    team = Team.objects.create(name="Desk")
    response = employee_client.get(
        f"/slideshow/?options=1&tag=&team={team.pk}&since=2026-10-01&seconds=20&shuffle=on&title=on"
    )
    assert response.status_code == 302
    assert response["Location"] == f"/slideshow/?since=2026-10-01&team={team.pk}&seconds=20&shuffle=1&end=0"


@pytest.mark.parametrize(
    "query",
    ["seconds=%C2%B2", "team=abc", "team=-1", "tag=%3Cscript%3E", "since=2026-13-45", "seconds=1e9", "shuffle=%00"],
)
def test_hostile_options_are_a_400_never_a_500(employee_client, query):
    response = employee_client.get(f"/slideshow/?options=1&seconds=12&{query}")
    assert response.status_code in (302, 400)


def test_options_with_bad_values_explain_the_problem(employee_client):
    response = employee_client.get("/slideshow/?options=1&seconds=500&tag=nope")
    assert response.status_code == 400
    assert "Seconds per slide" in response.text and "Choose a tag from the list." in response.text


# --- marking the deck as shown ----------------------------------------------------------------


def test_a_manager_marks_the_deck_as_shown_today(manager_client, featured_wins, make_story):
    other = feature(make_story(headline="Other team"), position=7)
    team = Team.objects.create(name="Desk")
    Story.objects.filter(pk__in=[w.pk for w in featured_wins]).update(team=team)
    not_featured = make_story(headline="Not featured")
    response = manager_client.post("/slideshow/shown/", {"query": f"team={team.pk}"}, HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    today = timezone.localdate()
    assert response.json() == {
        "marked": 3,
        "shown_on": today.isoformat(),
        "message": response.json()["message"],
    }
    assert "Marked 3 wins as shown" in response.json()["message"]
    assert set(Story.objects.filter(shown_on=today)) == set(featured_wins)
    other.refresh_from_db()
    not_featured.refresh_from_db()
    assert other.shown_on is None and not_featured.shown_on is None


def test_a_wins_page_says_when_it_was_shown_at_an_all_hands(manager_client, featured_wins):
    manager_client.post("/slideshow/shown/", {"query": ""})
    page = manager_client.get(f"/wins/{featured_wins[0].pk}/").text
    assert "Shown at all-hands" in page
    assert f'datetime="{timezone.localdate().isoformat()}"' in page


def test_marking_shown_without_javascript_redirects_back_to_the_same_deck(manager_client, featured_wins):
    response = manager_client.post("/slideshow/shown/", {"query": "seconds=20&shuffle=1"})
    assert response.status_code == 302
    assert response["Location"] == "/slideshow/?seconds=20&shuffle=1"


def test_unshown_plays_only_wins_not_shown_at_an_earlier_all_hands(manager_client, featured_wins, make_story):
    manager_client.post("/slideshow/shown/", {"query": ""})
    # Replaying today's deck still shows them …
    assert len(slides_of(manager_client.get("/slideshow/slides.json?unshown=1"))) == 3
    # … but at the next all-hands only the new win plays.
    Story.objects.update(shown_on=timezone.localdate() - timedelta(days=14))
    newcomer = feature(make_story(headline="New since last time"), position=5)
    assert [s["win"] for s in slides_of(manager_client.get("/slideshow/slides.json?unshown=1"))] == [newcomer.pk]


def test_mark_shown_with_a_bad_deck_is_a_400_and_changes_nothing(manager_client, featured_wins):
    response = manager_client.post("/slideshow/shown/", {"query": "since=2026-13-45"}, HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    assert not Story.objects.filter(shown_on__isnull=False).exists()
    # Without JavaScript (a plain form post) the answer is a page that says why.
    response = manager_client.post("/slideshow/shown/", {"query": "since=2026-13-45"})
    assert response.status_code == 400 and response["Content-Type"].startswith("text/html")
    assert "“since” takes a date" in response.text
    assert not Story.objects.filter(shown_on__isnull=False).exists()


def test_a_screen_may_ask_with_head(employee_client, featured_wins):
    for address in ("/slideshow/", "/slideshow/slides.json"):
        response = employee_client.head(address)
        assert response.status_code == 200 and response.content == b""


@pytest.mark.parametrize(
    ("who", "status"), [("anonymous", 302), ("employee", 403), ("manager", 200), ("superuser", 200)]
)
def test_mark_shown_permission_matrix(client, who, status, featured_wins, employee, manager, superuser):
    users = {"employee": employee, "manager": manager, "superuser": superuser}
    if who in users:
        client.force_login(users[who])
    response = client.post("/slideshow/shown/", {"query": ""}, HTTP_ACCEPT="application/json")
    assert response.status_code == status
    assert Story.objects.filter(shown_on__isnull=False).exists() == (status == 200)


def test_mark_shown_is_post_only(manager_client, featured_wins):
    assert manager_client.get("/slideshow/shown/").status_code == 405
    assert not Story.objects.filter(shown_on__isnull=False).exists()


def test_mark_shown_needs_the_csrf_token(manager, featured_wins):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(manager)
    assert client.post("/slideshow/shown/", {"query": ""}).status_code == 403
    assert not Story.objects.filter(shown_on__isnull=False).exists()


def test_only_managers_see_the_mark_shown_button_and_display_links(employee_client, manager, featured_wins):
    page = employee_client.get("/slideshow/").text
    assert "Mark as shown today" not in page and "/manage/displays/" not in page
    employee_client.force_login(manager)
    page = employee_client.get("/slideshow/").text
    assert "Mark as shown today" in page and 'href="/manage/displays/"' in page


def test_a_user_in_no_group_still_cannot_mark(client, django_user_model, featured_wins):
    user = make_user(django_user_model, "nogroup")
    assert not Group.objects.filter(user=user).exists()
    client.force_login(user)
    assert client.post("/slideshow/shown/", {"query": ""}).status_code == 403


# --- the slides' files -----------------------------------------------------------------------------


def test_a_featured_wins_photo_is_served_with_its_type_and_nosniff(employee_client, featured_wins):
    photo = featured_wins[0].photos.get()
    response = employee_client.get(f"/slideshow/files/photo-large/{photo.pk}")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content)[:2] == b"\xff\xd8"


@pytest.mark.parametrize("state", ["unfeatured", "hidden", "pending"])
def test_photos_of_wins_not_in_the_slideshow_are_404(employee_client, featured_wins, state):
    photo = featured_wins[0].photos.get()
    change = {
        "unfeatured": {"featured_at": None},
        "hidden": {"hidden_at": timezone.now()},
        "pending": {"status": Story.Status.PENDING},
    }[state]
    Story.objects.filter(pk=featured_wins[0].pk).update(**change)
    assert employee_client.get(f"/slideshow/files/photo-large/{photo.pk}").status_code == 404


def test_unknown_file_kinds_and_missing_files_are_404(employee_client, featured_wins):
    photo = featured_wins[0].photos.get()
    assert employee_client.get(f"/slideshow/files/secrets/{photo.pk}").status_code == 404
    assert employee_client.get("/slideshow/files/photo-large/999999").status_code == 404
    photo.large.storage.delete(photo.large.name)
    assert employee_client.get(f"/slideshow/files/photo-large/{photo.pk}").status_code == 404


def test_videos_answer_range_requests_with_206(employee_client, make_story):
    story = feature(make_story(), position=0)
    video = add_upload_video(story, data=bytes(range(256)) * 4)
    response = employee_client.get(f"/slideshow/files/video-file/{video.pk}", HTTP_RANGE="bytes=10-19")
    assert response.status_code == 206
    assert response["Content-Range"] == "bytes 10-19/1024"
    assert response["Content-Type"] == "video/mp4"
    assert b"".join(response.streaming_content) == bytes(range(10, 20))
    tail = employee_client.get(f"/slideshow/files/video-file/{video.pk}", HTTP_RANGE="bytes=-4")
    assert b"".join(tail.streaming_content) == bytes(range(252, 256))
    beyond = employee_client.get(f"/slideshow/files/video-file/{video.pk}", HTTP_RANGE="bytes=5000-")
    assert beyond.status_code == 416
    garbage = employee_client.get(f"/slideshow/files/video-file/{video.pk}", HTTP_RANGE="bytes=a-b")
    assert garbage.status_code == 200


def test_files_need_sign_in(client, featured_wins):
    photo = featured_wins[0].photos.get()
    assert client.get(f"/slideshow/files/photo-large/{photo.pk}").status_code == 302


def test_slide_dates_are_iso(employee_client, make_story):
    feature(make_story(happened_on=date(2026, 11, 2)), position=0)
    assert slides_of(employee_client.get("/slideshow/slides.json"))[0]["happened_on"] == "2026-11-02"
