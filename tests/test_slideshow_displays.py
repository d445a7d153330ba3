"""Display links: screens nobody signs in on play only what a manager chose,
stop at once when revoked, and only managers manage them."""

import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from stories import services
from stories.lib.slideshow_filters import BadSelection
from stories.models import DisplayLink, Story, Tag, Team
from tests.helpers.slideshow import add_photo, feature


@pytest.fixture
def desk():
    return Team.objects.create(name="Front desk")


@pytest.fixture
def wins(make_story, desk):
    """Two featured front-desk wins (one with a photo), one from another team."""
    ours = [feature(make_story(headline=f"Desk win {n}", team=desk), position=n) for n in range(2)]
    add_photo(ours[0])
    theirs = feature(make_story(headline="Kitchen win"), position=5)
    add_photo(theirs)
    return {"ours": ours, "theirs": theirs}


@pytest.fixture
def link(manager, desk):
    return services.display_link_create(name="Lobby TV", query=f"team={desk.pk}&seconds=20", by=manager)


def win_ids(response):
    return [slide["win"] for slide in response.json()["slides"] if slide.get("win")]


# --- the screen -------------------------------------------------------------------------


def test_a_display_link_plays_without_signing_in(client, link, wins):
    response = client.get(f"/slideshow/d/{link.token}/")
    assert response.status_code == 200
    assert "Desk win 0" in response.text
    assert f'data-slides-url="/slideshow/d/{link.token}/slides.json"' in response.text
    assert 'data-seconds="20"' in response.text


def test_a_display_page_links_to_nothing_else_of_the_app_and_has_no_forms(client, link, wins):
    html = client.get(f"/slideshow/d/{link.token}/").text
    assert "<a " not in html
    assert "<form" not in html
    assert "Mark as shown" not in html and "Options" not in html
    assert "csrftoken" not in client.cookies and "sessionid" not in client.cookies


def test_display_pages_are_not_indexed_and_send_no_referrer(client, link, wins):
    for url in (f"/slideshow/d/{link.token}/", f"/slideshow/d/{link.token}/slides.json"):
        response = client.get(url)
        assert response["X-Robots-Tag"] == "noindex, nofollow"
        assert response["Referrer-Policy"] == "no-referrer"


def test_the_display_json_carries_the_managers_filters(client, link, wins):
    response = client.get(f"/slideshow/d/{link.token}/slides.json")
    assert response.status_code == 200
    assert win_ids(response) == [w.pk for w in wins["ours"]]
    assert response.json()["seconds"] == 20


@pytest.mark.parametrize(
    "widening", ["team=", "team=999", "tag=", "unshown=0", "since=2000-01-01", "seconds=4", "title=0"]
)
def test_url_parameters_from_the_screen_cannot_widen_or_change_the_deck(client, link, wins, widening):
    plain = client.get(f"/slideshow/d/{link.token}/slides.json")
    response = client.get(f"/slideshow/d/{link.token}/slides.json?{widening}")
    assert response.content == plain.content
    page = client.get(f"/slideshow/d/{link.token}/?{widening}")
    assert "Kitchen win" not in page.text


def test_a_display_shows_only_featured_non_hidden_published_wins(client, manager, make_story, wins):
    everything = services.display_link_create(name="All", query="", by=manager)
    make_story(headline="Not featured")
    Story.objects.filter(pk=wins["ours"][1].pk).update(hidden_at=timezone.now())
    Story.objects.filter(pk=wins["theirs"].pk).update(status=Story.Status.PENDING)
    response = client.get(f"/slideshow/d/{everything.token}/slides.json")
    assert win_ids(response) == [wins["ours"][0].pk]


def test_display_json_answers_304_when_nothing_changed(client, link, wins, django_assert_max_num_queries):
    etag = client.get(f"/slideshow/d/{link.token}/slides.json")["ETag"]
    with django_assert_max_num_queries(2):  # the link (and, every few minutes, when it was last used)
        response = client.get(f"/slideshow/d/{link.token}/slides.json", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304


def test_display_files_serve_only_wins_in_the_links_deck(client, link, wins):
    ours = wins["ours"][0].photos.get()
    theirs = wins["theirs"].photos.get()
    slide = next(s for s in client.get(f"/slideshow/d/{link.token}/slides.json").json()["slides"] if s.get("image"))
    assert client.get(slide["image"]["src"]).status_code == 200
    assert client.get(f"/slideshow/d/{link.token}/files/photo-card/{ours.pk}").status_code == 200
    assert client.get(f"/slideshow/d/{link.token}/files/photo-large/{theirs.pk}").status_code == 404
    # The signed-in address does not open to a screen.
    assert client.get(f"/slideshow/files/photo-large/{ours.pk}").status_code == 302


# --- revocation ---------------------------------------------------------------------------


def test_a_revoked_link_stops_at_once_page_json_and_files(client, link, wins):
    photo = wins["ours"][0].photos.get()
    assert client.get(f"/slideshow/d/{link.token}/slides.json").status_code == 200
    services.display_link_revoke(link=link)
    page = client.get(f"/slideshow/d/{link.token}/")
    assert page.status_code == 404
    assert "This display link is not active" in page.text
    assert "Desk win" not in page.text and "<a " not in page.text
    data = client.get(f"/slideshow/d/{link.token}/slides.json")
    assert data.status_code == 404
    assert b"Desk win" not in data.content
    assert client.get(f"/slideshow/d/{link.token}/files/photo-large/{photo.pk}").status_code == 404


@pytest.mark.parametrize("token", ["nope", "x" * 43, "../../etc/passwd", "%00" * 30, "a" * 300])
def test_unknown_or_malformed_tokens_are_404(client, token, link):
    assert client.get(f"/slideshow/d/{token}/").status_code == 404
    assert client.get(f"/slideshow/d/{token}/slides.json").status_code == 404


def test_tokens_are_long_random_and_unique(manager):
    links = [services.display_link_create(name=f"Screen {n}", query="", by=manager) for n in range(5)]
    tokens = {link.token for link in links}
    assert len(tokens) == 5
    assert all(re.fullmatch(r"[A-Za-z0-9_-]{43}", token) for token in tokens)


def test_last_used_is_recorded_cheaply(client, link, wins, django_assert_num_queries):
    assert link.last_used_at is None
    client.get(f"/slideshow/d/{link.token}/slides.json")
    link.refresh_from_db()
    first_use = link.last_used_at
    assert first_use is not None
    # Polls within the next minutes write nothing: the same queries minus the UPDATE.
    # link, wins, heroes, photos, latest cheers, title counts, team name, the week's awards
    with django_assert_num_queries(8) as polled:
        client.get(f"/slideshow/d/{link.token}/slides.json")
    assert not [q for q in polled.captured_queries if q["sql"].startswith("UPDATE")]
    link.refresh_from_db()
    assert link.last_used_at == first_use
    DisplayLink.objects.filter(pk=link.pk).update(last_used_at=timezone.now() - timedelta(minutes=10))
    client.get(f"/slideshow/d/{link.token}/slides.json")
    link.refresh_from_db()
    assert link.last_used_at > first_use


def test_a_link_with_broken_stored_filters_shows_nothing(client, link, wins):
    DisplayLink.objects.filter(pk=link.pk).update(query="team=abc")
    assert client.get(f"/slideshow/d/{link.token}/slides.json").status_code == 404


def test_filters_typed_in_the_admin_are_validated_and_made_canonical(manager):
    link = DisplayLink(name="Admin-made", query="seconds=0&shuffle=yes&utm=x", created_by=manager)
    link.full_clean()
    assert link.query == "seconds=4&shuffle=1"
    with pytest.raises(ValidationError) as error:
        DisplayLink(name="Bad", query="team=abc", created_by=manager).full_clean()
    assert "team" in str(error.value.message_dict["query"])


def test_the_service_refuses_filters_that_make_no_sense(manager):
    with pytest.raises(BadSelection):
        services.display_link_create(name="Bad", query="since=2026-13-45", by=manager)
    assert not DisplayLink.objects.exists()


# --- managers manage them --------------------------------------------------------------------


def test_a_manager_creates_a_display_link_with_filters(manager_client, manager, desk):
    tag = Tag.objects.create(name="Q4 kudos", slug="q4-kudos")
    response = manager_client.post(
        "/manage/displays/new/",
        {"name": "  Lobby   TV ", "tag": "q4-kudos", "team": desk.pk, "seconds": "15", "shuffle": "on", "end": "on"},
    )
    link = DisplayLink.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/manage/displays/#link-{link.pk}"
    assert link.name == "Lobby TV" and link.created_by == manager
    assert link.query == f"tag={tag.slug}&team={desk.pk}&seconds=15&shuffle=1&title=0"
    page = manager_client.get("/manage/displays/").text
    assert f"http://testserver/slideshow/d/{link.token}/" in page
    assert "#Q4 kudos · Front desk · 15 s per slide · shuffled" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "", "seconds": "12"}, "Name the screen"),
        ({"name": "TV", "seconds": "500"}, "at most 120 seconds"),
        ({"name": "TV", "seconds": "abc"}, "whole number of seconds"),
        ({"name": "TV", "seconds": "12", "tag": "no-such-tag"}, "Choose a tag from the list."),
        ({"name": "TV", "seconds": "12", "team": "-1"}, "Choose a team from the list."),
        ({"name": "TV", "seconds": "12", "since": "2026-13-45"}, "Enter a date like 2026-11-01."),
        ({"name": "x" * 81, "seconds": "12"}, "80 characters"),
    ],
)
def test_bad_input_when_creating_a_link_is_explained_and_nothing_is_saved(manager_client, data, message):
    response = manager_client.post("/manage/displays/new/", data)
    assert response.status_code == 400
    assert message in response.text
    assert not DisplayLink.objects.exists()


def test_a_manager_renames_and_revokes_a_link(manager_client, link):
    response = manager_client.post(f"/manage/displays/{link.pk}/rename/", {"name": "Meeting room 2"})
    assert response.status_code == 302
    link.refresh_from_db()
    assert link.name == "Meeting room 2"
    asked = manager_client.post(f"/manage/displays/{link.pk}/revoke/")
    assert asked.status_code == 200 and "Yes, revoke “Meeting room 2”" in asked.text  # one click only asks
    link.refresh_from_db()
    assert link.revoked_at is None
    manager_client.post(f"/manage/displays/{link.pk}/revoke/", {"confirm": "yes"})
    link.refresh_from_db()
    assert link.revoked_at is not None
    page = manager_client.get("/manage/displays/").text
    assert "Revoked" in page and f"/slideshow/d/{link.token}/" not in page


def test_renaming_to_nothing_is_refused(manager_client, link):
    response = manager_client.post(f"/manage/displays/{link.pk}/rename/", {"name": "   "})
    assert response.status_code == 400
    assert "A display link needs a name." in response.text
    link.refresh_from_db()
    assert link.name == "Lobby TV"


ACTIONS = [
    ("get", "/manage/displays/", None),
    ("post", "/manage/displays/new/", {"name": "Sneaky", "seconds": "12"}),
    ("post", "/manage/displays/{pk}/rename/", {"name": "Sneaky"}),
    ("post", "/manage/displays/{pk}/revoke/", {"confirm": "yes"}),
]


@pytest.mark.parametrize(("method", "url", "data"), ACTIONS)
@pytest.mark.parametrize(
    ("who", "allowed"), [("anonymous", None), ("employee", False), ("manager", True), ("superuser", True)]
)
def test_display_link_management_permission_matrix(
    client, link, employee, manager, superuser, method, url, data, who, allowed
):
    users = {"employee": employee, "manager": manager, "superuser": superuser}
    if who in users:
        client.force_login(users[who])
    response = getattr(client, method)(url.format(pk=link.pk), data)
    if allowed is None:
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    elif not allowed:
        assert response.status_code == 403
    else:
        assert response.status_code in (200, 302)
    link.refresh_from_db()
    if not allowed:
        assert link.name == "Lobby TV" and link.revoked_at is None
        assert DisplayLink.objects.count() == 1


@pytest.mark.parametrize(
    "url", ["/manage/displays/new/", "/manage/displays/{pk}/rename/", "/manage/displays/{pk}/revoke/"]
)
def test_display_link_actions_are_post_only(manager_client, link, url):
    assert manager_client.get(url.format(pk=link.pk)).status_code == 405
    link.refresh_from_db()
    assert link.revoked_at is None


def test_display_link_actions_need_the_csrf_token(manager, link):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(manager)
    assert client.post(f"/manage/displays/{link.pk}/revoke/", {"confirm": "yes"}).status_code == 403
    link.refresh_from_db()
    assert link.revoked_at is None


def test_the_list_costs_the_same_queries_for_many_links(manager_client, manager, desk, django_assert_max_num_queries):
    tag = Tag.objects.create(name="Kudos", slug="kudos")
    services.display_link_create(name="One", query=f"team={desk.pk}", by=manager)
    with django_assert_max_num_queries(12) as few:
        manager_client.get("/manage/displays/")
    for n in range(20):
        services.display_link_create(name=f"Screen {n}", query=f"tag={tag.slug}&team={desk.pk}", by=manager)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = manager_client.get("/manage/displays/")
    assert response.text.count("Address for the screen") == 21
