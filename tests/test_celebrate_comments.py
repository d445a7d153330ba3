"""Comments: short plain text under a win, newest last, escaped, links made
safe; edit for 15 minutes and delete any time (your own); managers hide
with a reason; hidden wins take their comments along; a polite 429 for
more than a handful a minute; the count on cards."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from stories import services
from stories.models import Comment
from stories.models.celebrate import COMMENTS_PER_MINUTE
from tests.helpers.people import client_for

pytestmark = pytest.mark.django_db


def post_comment(client, story, body, **extra):
    return client.post(reverse("comment_create", args=[story.pk]), {"body": body, **extra})


@pytest.fixture
def oscar(other_employee):
    return client_for(other_employee)


def test_a_colleague_comments_and_lands_on_their_comment(oscar, story):
    response = post_comment(oscar, story, "Brilliant save!\nTell us more.")
    comment = Comment.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/wins/{story.pk}/#comment-{comment.pk}"
    page = oscar.get(story.get_absolute_url()).text
    assert "Your comment is posted." in page
    assert "Brilliant save!<br>\nTell us more." in page
    assert f'id="comment-{comment.pk}"' in page


def test_comments_read_oldest_first_and_the_card_counts_them(oscar, employee_client, story):
    for body in ["First!", "Second", "Third"]:
        post_comment(oscar, story, body)
    page = employee_client.get(story.get_absolute_url()).text
    assert page.index("First!") < page.index("Second") < page.index("Third")
    assert "3 comments" in employee_client.get("/").text


def test_a_comment_is_escaped_and_only_http_links_become_safe_links(oscar, story):
    post_comment(oscar, story, '<img src=x onerror=alert(1)> javascript:alert(1) https://example.com/?a=1&b="2"')
    page = oscar.get(story.get_absolute_url()).text
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert 'href="javascript' not in page
    assert '<a href="https://example.com/?a=1&amp;b=" rel="nofollow noopener">' in page


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("   ", "Write something first."),
        ("x" * 1001, "Keep comments to 1,000 characters (this one has 1,001)."),
    ],
)
def test_an_empty_or_too_long_comment_is_refused_on_a_form_that_keeps_it(oscar, story, body, message):
    response = post_comment(oscar, story, body)
    assert response.status_code == 400 and message in response.text
    assert 'name="body"' in response.text
    assert not Comment.objects.exists()


def test_more_than_a_handful_a_minute_gets_a_polite_429_that_keeps_the_text(oscar, story):
    for number in range(COMMENTS_PER_MINUTE):
        assert post_comment(oscar, story, f"Comment {number}").status_code == 302
    response = post_comment(oscar, story, "One too many")
    assert response.status_code == 429 and response["Retry-After"] == "60"
    assert "One moment, please" in response.text and "One too many</textarea>" in response.text
    assert Comment.objects.count() == COMMENTS_PER_MINUTE


def test_the_limit_is_per_person(oscar, employee_client, story):
    for number in range(COMMENTS_PER_MINUTE + 1):
        post_comment(oscar, story, f"Comment {number}")
    assert post_comment(employee_client, story, "Mine").status_code == 302


def test_comments_need_csrf_and_a_post(story, other_employee):
    client = Client(enforce_csrf_checks=True)
    client.force_login(other_employee)
    assert post_comment(client, story, "Hi").status_code == 403
    assert client.get(reverse("comment_create", args=[story.pk])).status_code == 405
    assert not Comment.objects.exists()


# --- editing and deleting -------------------------------------------------------------------


def test_its_author_edits_a_comment_within_fifteen_minutes(oscar, story, other_employee):
    comment = services.comment_create(story=story, author=other_employee, body="Typo heer")
    page = oscar.get(story.get_absolute_url()).text
    assert f'href="/comments/{comment.pk}/edit/"' in page
    form = oscar.get(reverse("comment_edit", args=[comment.pk]))
    assert form.status_code == 200 and "Typo heer</textarea>" in form.text
    response = oscar.post(reverse("comment_edit", args=[comment.pk]), {"body": "Typo here"})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.body == "Typo here" and comment.edited_at is not None
    assert "· edited" in oscar.get(story.get_absolute_url()).text


def test_after_fifteen_minutes_it_can_be_deleted_but_not_edited(oscar, story, other_employee):
    comment = services.comment_create(story=story, author=other_employee, body="Old words")
    Comment.objects.filter(pk=comment.pk).update(created_at=timezone.now() - timedelta(minutes=16))
    page = oscar.get(story.get_absolute_url()).text
    assert f'/comments/{comment.pk}/edit/"' not in page and f'action="/comments/{comment.pk}/delete/"' in page
    refused = oscar.post(reverse("comment_edit", args=[comment.pk]), {"body": "New words"})
    assert refused.status_code == 403 and "15 minutes" in refused.text
    assert oscar.get(reverse("comment_edit", args=[comment.pk])).status_code == 403
    deleted = oscar.post(reverse("comment_delete", args=[comment.pk]))
    assert deleted.status_code == 302 and not Comment.objects.exists()


def test_nobody_else_edits_or_deletes_a_comment_not_even_a_manager(story, other_employee, manager, employee):
    comment = services.comment_create(story=story, author=other_employee, body="Mine")
    for person in [employee, manager]:
        client = client_for(person)
        assert client.post(reverse("comment_edit", args=[comment.pk]), {"body": "Theirs"}).status_code == 403
        assert client.post(reverse("comment_delete", args=[comment.pk])).status_code == 403
        page = client.get(story.get_absolute_url()).text
        assert f"/comments/{comment.pk}/edit/" not in page and f"/comments/{comment.pk}/delete/" not in page
    comment.refresh_from_db()
    assert comment.body == "Mine"


# --- managers hide; hidden wins take their comments along ------------------------------------


def test_a_manager_hides_a_comment_with_a_reason_its_author_sees(story, other_employee, manager, employee_client):
    comment = services.comment_create(story=story, author=other_employee, body="Call me on 555-0100")
    managers = client_for(manager)
    assert f'action="/comments/{comment.pk}/hide/"' in managers.get(story.get_absolute_url()).text
    refused = managers.post(reverse("comment_hide", args=[comment.pk]), {"reason": "  "})
    assert refused.status_code == 400 and "Give a reason for hiding this comment" in refused.text
    response = managers.post(reverse("comment_hide", args=[comment.pk]), {"reason": "No phone numbers"})
    assert response.status_code == 302
    assert "555-0100" not in employee_client.get(story.get_absolute_url()).text
    assert "0 comments" in employee_client.get("/").text
    own_view = client_for(other_employee).get(story.get_absolute_url()).text
    assert "555-0100" in own_view and "Reason: No phone numbers" in own_view
    assert "No phone numbers" in managers.get(story.get_absolute_url()).text


def test_employees_cannot_hide_comments(story, other_employee, employee_client):
    comment = services.comment_create(story=story, author=other_employee, body="Hello")
    assert employee_client.post(reverse("comment_hide", args=[comment.pk]), {"reason": "no"}).status_code == 403
    assert f'action="/comments/{comment.pk}/hide/"' not in employee_client.get(story.get_absolute_url()).text
    assert not Comment.objects.filter(hidden_at__isnull=False).exists()


def test_a_hidden_win_takes_its_comments_with_it(story, other_employee, manager, employee):
    comment = services.comment_create(story=story, author=other_employee, body="Lovely work")
    services.story_hide(story=story, by=manager, reason="Names a guest")
    oscar = client_for(other_employee)
    assert oscar.get(story.get_absolute_url()).status_code == 404
    assert oscar.post(reverse("comment_edit", args=[comment.pk]), {"body": "x"}).status_code == 404
    assert oscar.post(reverse("comment_delete", args=[comment.pk])).status_code == 404
    assert post_comment(oscar, story, "Still here?").status_code == 404
    author_view = client_for(employee).get(story.get_absolute_url()).text
    assert "Lovely work" not in author_view and "Comments show once this win is shared with everyone." in author_view
    assert post_comment(client_for(employee), story, "Me").status_code == 400


def test_a_comment_on_someone_elses_pending_win_is_a_404(settings, employee, other_employee):
    settings.WINSBOARD_REVIEW_BEFORE_PUBLISH = True
    pending = services.story_create(author=employee, heroes=[employee], headline="Pending", body="b")
    assert post_comment(client_for(other_employee), pending, "Hi").status_code == 404
    assert not Comment.objects.exists()
