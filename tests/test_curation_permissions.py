"""Who may curate: every curation URL × {anonymous, employee, the win's
author, manager, superuser} → the expected answer, and nothing in the
database changed wherever the request was refused — whether it came from
the page or was crafted by hand (GET, no CSRF token)."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import resolve, reverse
from django.utils import timezone

from stories import services
from stories.admin.curation import CURATION_READONLY_FIELDS
from stories.models import Story, Tag
from tests.helpers.people import make_user

pytestmark = pytest.mark.django_db

CURATION_FIELDS = ["pk", "feature_note", *CURATION_READONLY_FIELDS]


def snapshot():
    """Everything curation can change, for the whole database."""
    return (
        list(Story.objects.order_by("pk").values(*CURATION_FIELDS)),
        sorted(Story.tags.through.objects.values_list("story_id", "tag_id")),
        list(Tag.objects.order_by("pk").values("pk", "name", "slug")),
    )


@pytest.fixture
def world(employee, manager, make_story, settings):
    """Wins by Erin (the author) in every state an action can change: a wall of
    three with hers in the middle, a pinned one, a tagged one, a plain one,
    a hidden one and one waiting for review."""
    first = make_story(headline="First on the wall")
    middle = make_story(headline="Middle of the wall")
    last = make_story(headline="Last on the wall")
    for story in (last, middle, first):
        services.story_feature(story=story, by=manager)
    pinned = make_story(headline="Pinned")
    services.story_feature(story=pinned, by=manager)
    services.story_pin(story=pinned)
    tag = Tag.objects.create(name="Kindness", slug="kindness")
    middle.tags.add(tag)
    plain = make_story(headline="Plain")
    hidden = make_story(headline="Hidden")
    services.story_hide(story=hidden, by=manager, reason="Customer asked")
    settings.WINSBOARD_REVIEW_BEFORE_PUBLISH = True
    pending = make_story(headline="Pending")
    settings.WINSBOARD_REVIEW_BEFORE_PUBLISH = False
    Story.objects.update(reviewed_at=None, reviewed_by=None)
    return {"middle": middle, "pinned": pinned, "plain": plain, "hidden": hidden, "pending": pending, "tag": tag}


def action_urls(world):
    """(name, URL, POST data) for every curation action, each aimed where it
    would change something."""
    middle = world["middle"]
    wall = list(Story.objects.featured().values_list("pk", flat=True))
    bulk = reverse("curate_queue_bulk")
    return [
        ("tag add", reverse("curate_tag_add", args=[middle.pk]), {"name": "Above and beyond"}),
        ("tag remove", reverse("curate_tag_remove", args=[middle.pk, world["tag"].pk]), {}),
        ("feature", reverse("curate_feature", args=[world["plain"].pk]), {"note": "Lovely"}),
        ("unfeature", reverse("curate_unfeature", args=[middle.pk]), {}),
        ("move up", reverse("curate_move_up", args=[middle.pk]), {}),
        ("move down", reverse("curate_move_down", args=[middle.pk]), {}),
        ("pin", reverse("curate_pin", args=[middle.pk]), {}),
        ("unpin", reverse("curate_unpin", args=[world["pinned"].pk]), {}),
        ("reorder", reverse("curate_wall_reorder"), {"ids": ",".join(map(str, reversed(wall)))}),
        ("hide", reverse("curate_hide", args=[middle.pk]), {"reason": "Customer asked us to"}),
        ("unhide", reverse("curate_unhide", args=[world["hidden"].pk]), {}),
        ("approve", reverse("curate_approve", args=[world["pending"].pk]), {}),
        ("mark reviewed", reverse("curate_approve", args=[middle.pk]), {}),
        ("mark many reviewed", reverse("curate_review_many"), {"ids": [world["plain"].pk], "confirm": "yes"}),
        ("bulk approve", bulk, {"action": "approve", "ids": [world["pending"].pk, world["plain"].pk]}),
        ("bulk hide", bulk, {"action": "hide", "ids": [world["plain"].pk], "reason": "Names a guest"}),
        ("bulk tag", bulk, {"action": "tag", "ids": [world["plain"].pk, middle.pk], "tag": "Above and beyond"}),
    ]


ROLES = ["anonymous", "employee", "author", "manager", "superuser"]
EXPECTED = {"anonymous": 302, "employee": 403, "author": 403, "manager": 302, "superuser": 302}


@pytest.fixture
def as_role(client, django_user_model, employee, manager, superuser):
    """A client signed in as `role` ("author" is Erin, who wrote every win)."""
    other = make_user(django_user_model, "oscar", first="Oscar", last="Other")
    users = {"employee": other, "author": employee, "manager": manager, "superuser": superuser}

    def _as(role):
        client.logout()
        if role != "anonymous":
            client.force_login(users[role])
        return client

    return _as


ACTIONS = [
    "tag add",
    "tag remove",
    "feature",
    "unfeature",
    "move up",
    "move down",
    "pin",
    "unpin",
    "reorder",
    "hide",
    "unhide",
    "approve",
    "mark reviewed",
    "mark many reviewed",
    "bulk approve",
    "bulk hide",
    "bulk tag",
]


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("role", ROLES)
def test_each_curation_action_answers_each_role_and_changes_nothing_when_refused(world, as_role, role, action):
    url, data = next((url, data) for name, url, data in action_urls(world) if name == action)
    before = snapshot()
    response = as_role(role).post(url, data)
    assert response.status_code == EXPECTED[role]
    if role == "anonymous":
        assert response["Location"].startswith("/accounts/login/")
    if role in ("manager", "superuser"):
        assert snapshot() != before, "the action should have changed something"
    else:
        assert snapshot() == before, "a refused request changed the database"


def test_the_matrix_covers_every_curation_action_url(world):
    from stories.urls import urlpatterns

    actions = {pattern.name for pattern in urlpatterns if (pattern.name or "").startswith("curate_")}
    actions.discard("curate_tag_suggestions")  # a GET, checked below
    assert {resolve(url).url_name for _name, url, _data in action_urls(world)} == actions


PAGES = ["/manage/", "/manage/?show=hidden", "/featured/", "/manage/tags/?name=k", "/manage/tags/edit/"]
PAGE_STATUS = {
    "anonymous": [302, 302, 302, 302, 302],
    "employee": [403, 403, 200, 403, 403],
    "author": [403, 403, 200, 403, 403],
    "manager": [200, 200, 200, 200, 200],
    "superuser": [200, 200, 200, 200, 200],
}


@pytest.mark.parametrize("role", ROLES)
def test_the_curation_pages_answer_each_role(world, as_role, role):
    """The queue and tag suggestions are for managers; the wall is for everyone signed in."""
    client = as_role(role)
    responses = [client.get(url) for url in PAGES]
    assert [response.status_code for response in responses] == PAGE_STATUS[role]
    if role == "anonymous":
        assert all(response["Location"].startswith("/accounts/login/") for response in responses)


def assert_every_action_refused(world, send, status):
    for name, url, data in action_urls(world):
        before = snapshot()
        assert send(url, data).status_code == status, name
        assert snapshot() == before, name


def test_get_on_an_action_url_is_405_and_changes_nothing(world, as_role):
    client = as_role("manager")
    assert_every_action_refused(world, lambda url, data: client.get(url, data), 405)


def test_a_post_without_the_csrf_token_is_refused_and_changes_nothing(world, manager):
    client = Client(enforce_csrf_checks=True)
    client.force_login(manager)
    assert_every_action_refused(world, client.post, 403)


def test_an_htmx_post_without_the_csrf_token_is_refused_too(world, manager):
    client = Client(enforce_csrf_checks=True)
    client.force_login(manager)
    before = snapshot()
    url = reverse("curate_feature", args=[world["plain"].pk])
    assert client.post(url, {}, headers={"HX-Request": "true"}).status_code == 403
    assert snapshot() == before


def test_an_action_on_a_win_that_does_not_exist_is_404(world, as_role):
    client = as_role("manager")
    assert client.post(reverse("curate_feature", args=[999_999])).status_code == 404
    assert client.post(reverse("curate_tag_remove", args=[world["middle"].pk, 999_999])).status_code == 404
    # a tag the win does not carry
    other_tag = Tag.objects.create(name="Other", slug="other")
    assert client.post(reverse("curate_tag_remove", args=[world["middle"].pk, other_tag.pk])).status_code == 404


def test_employees_get_403_even_for_a_hidden_win_so_nothing_is_revealed(world, as_role):
    """403 before any lookup: an employee can't tell hidden wins from missing ones."""
    client = as_role("employee")
    assert client.post(reverse("curate_unhide", args=[world["hidden"].pk])).status_code == 403
    assert client.post(reverse("curate_unhide", args=[999_999])).status_code == 403


def test_a_manager_who_lost_the_role_is_refused_at_once(world, manager, client):
    client.force_login(manager)
    manager.groups.clear()
    before = snapshot()
    assert client.post(reverse("curate_feature", args=[world["plain"].pk])).status_code == 403
    assert snapshot() == before


def test_a_manager_is_sent_back_only_to_a_safe_next_address(world, as_role):
    client = as_role("manager")
    url = reverse("curate_feature", args=[world["plain"].pk])
    hostile_addresses = [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example",
        "javascript:alert(1)",
        "\t//evil.example",
        "/\r\nSet-Cookie: x=1",
        " /x",
        "",
    ]
    for hostile in hostile_addresses:
        response = client.post(url, {"next": hostile})
        assert response.status_code == 302
        assert response["Location"] == world["plain"].get_absolute_url(), hostile
        services.story_unfeature(story=Story.objects.get(pk=world["plain"].pk))
    response = client.post(url, {"next": "/?tag=kindness"})
    assert response["Location"] == "/?tag=kindness"


def test_the_review_time_is_recorded_with_who_reviewed(world, manager, as_role):
    as_role("manager").post(reverse("curate_approve", args=[world["plain"].pk]))
    plain = Story.objects.get(pk=world["plain"].pk)
    assert plain.reviewed_by == manager
    assert timezone.now() - plain.reviewed_at < timedelta(minutes=1)
