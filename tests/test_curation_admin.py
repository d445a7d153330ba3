"""Curation in the Django admin: list filters for featured, hidden, reviewed
and tags; bulk feature / unfeature / hide (with a reason) / unhide / approve
through the same services — for curators only."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Permission
from django.test import Client

from stories import services
from stories.models import Notification, Story, Tag
from tests.helpers.people import make_user

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/stories/story/"


@pytest.fixture
def admin_client_(superuser):
    client = Client()
    client.force_login(superuser)
    return client


@pytest.fixture
def three(make_story):
    return [make_story(headline=name) for name in ("One", "Two", "Three")]


def act(client, action, stories, **extra):
    data = {"action": action, ACTION_CHECKBOX_NAME: [story.pk for story in stories], "index": 0, **extra}
    return client.post(CHANGELIST, data)


def listed(client, **params):
    return sorted(story.headline for story in client.get(CHANGELIST, params).context["cl"].result_list)


def test_the_list_filters_by_featured_hidden_reviewed_and_tags(admin_client_, three, manager):
    one, two, three_ = three
    services.story_feature(story=one, by=manager)
    services.story_hide(story=two, by=manager, reason="r")
    tag = services.tag_add(story=three_, name="Kindness", by=manager)
    page = admin_client_.get(CHANGELIST)
    for title in ["By featured", "By hidden", "By reviewed", "By Tags"]:
        assert title in page.text
    assert listed(admin_client_, featured="yes") == ["One"]
    assert listed(admin_client_, featured="no") == ["Three", "Two"]
    assert listed(admin_client_, hidden="yes") == ["Two"]
    assert listed(admin_client_, reviewed="no") == ["Three"]
    assert listed(admin_client_, tags__id__exact=tag.pk) == ["Three"]


def test_bulk_feature_and_unfeature_go_through_the_services(admin_client_, three, superuser):
    act(admin_client_, "feature_selected", three)
    featured = Story.objects.featured()
    assert list(featured.values_list("headline", flat=True)) == ["Three", "Two", "One"]  # newest on top
    assert list(featured.values_list("wall_position", flat=True)) == [0, 1, 2]
    assert set(featured.values_list("featured_by", flat=True)) == {superuser.pk}
    response = act(admin_client_, "unfeature_selected", three[:2])
    assert list(Story.objects.featured().values_list("headline", flat=True)) == ["Three"]
    assert [str(m) for m in admin_client_.get(response["Location"]).context["messages"]][-1:] == [
        "2 wins taken off the wall."
    ]
    response = act(admin_client_, "unfeature_selected", three[:2])  # not on the wall any more
    assert [str(m) for m in admin_client_.get(response["Location"]).context["messages"]] == [
        "None of the selected wins was on the wall."
    ]


def test_bulk_feature_skips_hidden_wins_and_says_why(admin_client_, three, manager):
    services.story_hide(story=three[0], by=manager, reason="r")
    response = act(admin_client_, "feature_selected", three)
    assert sorted(Story.objects.featured().values_list("headline", flat=True)) == ["Three", "Two"]
    page = admin_client_.get(response["Location"])
    assert "2 wins featured." in page.text
    assert "“One”: This win is hidden. Unhide it before featuring it." in page.text


def test_bulk_hide_asks_for_a_reason_first(admin_client_, three):
    response = act(admin_client_, "hide_selected", three[:2])
    assert response.status_code == 200
    assert "Reason" in response.text and "One" in response.text
    assert not Story.objects.filter(hidden_at__isnull=False).exists()
    refused = act(admin_client_, "hide_selected", three[:2], apply="1", reason="  ")
    assert "Give a reason for hiding this win" in refused.text
    assert not Story.objects.filter(hidden_at__isnull=False).exists()
    done = act(admin_client_, "hide_selected", three[:2], apply="1", reason="Duplicates")
    assert done.status_code == 302
    assert sorted(Story.objects.filter(hidden_reason="Duplicates").values_list("headline", flat=True)) == ["One", "Two"]


def test_bulk_unhide_and_approve(admin_client_, three, manager, settings):
    services.story_hide(story=three[0], by=manager, reason="r")
    Story.objects.filter(pk=three[1].pk).update(status=Story.Status.PENDING)
    act(admin_client_, "unhide_selected", three)
    act(admin_client_, "approve_selected", three)
    assert not Story.objects.filter(hidden_at__isnull=False).exists()
    assert not Story.objects.filter(status=Story.Status.PENDING).exists()
    assert Notification.objects.filter(story=three[1], kind=Notification.Kind.APPROVED, read_at=None).exists()


def test_staff_without_the_curate_permission_get_no_curation_actions(client, django_user_model, three):
    staff = make_user(django_user_model, "stan", is_staff=True)
    staff.user_permissions.add(*Permission.objects.filter(codename__in=["view_story", "change_story"]))
    client.force_login(staff)
    page = client.get(CHANGELIST)
    assert page.status_code == 200
    assert "feature_selected" not in page.text and "hide_selected" not in page.text
    act(client, "feature_selected", three)
    assert not Story.objects.featured().exists()


def test_curation_state_is_read_only_in_the_change_form(admin_client_, three):
    page = admin_client_.get(f"{CHANGELIST}{three[0].pk}/change/")
    assert page.status_code == 200
    for field in ["featured_at", "wall_position", "pinned", "hidden_at", "hidden_reason", "status"]:
        assert f'name="{field}"' not in page.text, field


def test_tags_are_managed_in_the_admin_too(admin_client_):
    Tag.objects.create(name="Kindness", slug="kindness")
    assert "Kindness" in admin_client_.get("/admin/stories/tag/").text


def test_a_tag_added_in_the_admin_follows_the_same_name_rules(admin_client_):
    Tag.objects.create(name="Kindness", slug="kindness")
    for name in ["KINDNESS", "Kind\u200bness", "Ｋｉｎｄｎｅｓｓ"]:
        response = admin_client_.post("/admin/stories/tag/add/", {"name": name, "slug": "other"})
        assert response.status_code == 200
        assert "There is already a tag “Kindness”." in response.text
    response = admin_client_.post("/admin/stories/tag/add/", {"name": "  Q4\u202e  2026 ", "slug": "q4-2026"})
    assert response.status_code == 302
    assert Tag.objects.filter(name="Q4 2026").exists()
