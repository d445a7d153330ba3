"""E-mail for the important events (credited, approved, featured, hidden),
per person: in the app only or also by e-mail (/settings/notifications/).
Sent by a background task once the action is committed; it never breaks
the action, and checks again at sending time that it is still wanted and
still about a win its reader may open."""

import logging
import re
from unittest import mock

import pytest
from django.core import mail
from django.urls import reverse

from stories import services, tasks
from stories.models import Notification, NotificationPreferences
from tests.helpers.people import client_for, make_user
from tests.helpers.wins import story_post_data

pytestmark = pytest.mark.django_db

SITE = "https://wins.example.com"


@pytest.fixture(autouse=True)
def _site(settings):
    settings.WINSBOARD_SITE_URL = SITE


@pytest.fixture
def erin(employee):
    employee.email = "erin@example.com"
    employee.save()
    return employee


@pytest.fixture
def oscar(other_employee):
    other_employee.email = "oscar@example.com"
    other_employee.save()
    return other_employee


@pytest.fixture
def duo_win(make_story, erin, oscar, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        story = make_story(author=erin, heroes=[erin, oscar], headline="Saved the anniversary")
    return story


def test_a_credited_hero_gets_an_email_with_a_text_and_an_html_part_linking_back(duo_win, oscar):
    assert [message.to for message in mail.outbox] == [["oscar@example.com"]]
    message = mail.outbox[0]
    assert message.subject == "You were credited as a hero: “Saved the anniversary”"
    assert "Erin credited you as a hero in “Saved the anniversary”." in message.body
    assert f"{SITE}/wins/{duo_win.pk}/" in message.body and f"{SITE}/settings/notifications/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and f'href="{SITE}/wins/{duo_win.pk}/"' in html
    assert Notification.objects.get(recipient=oscar).emailed_at is not None


def test_featuring_emails_author_and_heroes_with_the_note(duo_win, manager, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(manager).post(reverse("curate_feature", args=[duo_win.pk]), {"note": "Pure <kindness>"})
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == ["erin@example.com", "oscar@example.com"]
    message = mail.outbox[0]
    assert message.subject == "Your win is featured: “Saved the anniversary”"
    assert "Why we love this: Pure <kindness>" in message.body
    assert "Why we love this: Pure &lt;kindness&gt;" in message.alternatives[0][0]


def test_hiding_emails_the_author_the_reason_and_how_to_fix_it(duo_win, manager, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.story_hide(story=duo_win, by=manager, reason="It names a guest.")
    assert [m.to for m in mail.outbox] == [["erin@example.com"]]
    assert "Reason: It names a guest." in mail.outbox[0].body and "Edit it to fix" in mail.outbox[0].body


def test_cheers_comments_and_showings_are_not_emailed(duo_win, django_user_model, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    fan = make_user(django_user_model, "fan", first="Fan", email="fan@example.com")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.cheer_set(story=duo_win, user=fan, on=True)
        services.comment_create(story=duo_win, author=fan, body="Wow")
    assert mail.outbox == [] and callbacks == []


def test_who_chose_the_app_only_gets_no_email(erin, oscar, make_story, django_capture_on_commit_callbacks):
    client_for(oscar).post(
        reverse("notification_settings"),
        {
            "email_credited": "0",
            "email_approved": "1",
            "email_featured": "1",
            "email_hidden": "1",
            "email_draft": "1",
            "email_mentioned": "1",
            "email_awarded": "1",
            "weekly_digest": "0",
        },
    )
    with django_capture_on_commit_callbacks(execute=True):
        make_story(author=erin, heroes=[erin, oscar])
    assert mail.outbox == []
    assert Notification.objects.filter(recipient=oscar, kind="credited").exists()  # still told in the app


def test_nobody_without_an_email_address_is_queued_a_mail(
    employee, other_employee, make_story, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        story = make_story(author=employee, heroes=[employee, other_employee])
    queued = [c for c in callbacks if getattr(c, "func", None) == tasks.email_notification.enqueue]
    assert Notification.objects.filter(story=story, kind="credited").exists() and queued == []


def test_a_hero_with_an_email_address_is_queued_the_mail_task_itself(
    erin, oscar, make_story, django_capture_on_commit_callbacks
):
    """The service enqueues the task it imports: no registry to forget."""
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        story = make_story(author=erin, heroes=[erin, oscar])
    notification = Notification.objects.get(story=story, kind="credited")
    queued = [c.args for c in callbacks if getattr(c, "func", None) == tasks.email_notification.enqueue]
    assert queued == [(notification.pk,)]


def test_a_win_hidden_before_the_mail_goes_is_not_mailed_to_its_heroes(
    erin, oscar, make_story, manager, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        story = make_story(author=erin, heroes=[erin, oscar])
    services.story_hide(story=story, by=manager, reason="r")
    for callback in callbacks:
        callback()
    assert mail.outbox == []


def test_a_notification_read_in_the_app_meanwhile_or_already_mailed_is_not_mailed(duo_win, oscar):
    notification = Notification.objects.get(recipient=oscar)
    mail.outbox.clear()
    assert tasks.email_notification.call(notification.pk) == "skipped"  # emailed already
    Notification.objects.filter(pk=notification.pk).update(emailed_at=None)
    services.notifications_mark_read(user=oscar)
    assert tasks.email_notification.call(notification.pk) == "skipped"
    assert mail.outbox == []


def test_a_broken_mail_server_never_breaks_the_action_and_is_logged(
    erin, oscar, manager, make_story, django_capture_on_commit_callbacks, caplog
):
    story = make_story(author=erin, heroes=[erin, oscar])
    with mock.patch("stories.tasks.EmailMultiAlternatives.send", side_effect=ConnectionRefusedError("smtp down")):
        with caplog.at_level(logging.ERROR, logger="stories.tasks"), django_capture_on_commit_callbacks(execute=True):
            response = client_for(manager).post(reverse("curate_feature", args=[story.pk]), {"note": "Great"})
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.is_featured
    assert "E-mailing notification" in caplog.text and "smtp down" in caplog.text
    assert not Notification.objects.filter(kind="featured", emailed_at__isnull=False).exists()


def test_a_queue_that_refuses_the_job_never_breaks_the_action(
    erin, oscar, make_story, settings, django_capture_on_commit_callbacks, caplog
):
    settings.TASKS = {"default": {"BACKEND": "tests.helpers.faults.RefusingTaskBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(erin).post("/wins/new/", story_post_data(erin, oscar, headline="Queued"))
    assert response.status_code == 302
    assert "queue is down" in caplog.text


# --- /settings/notifications/ ---------------------------------------------------------------------


def checked(page):
    """{field: value} of the radio buttons checked on the page."""
    radios = re.findall(r'<input type="radio" name="(\w+)" value="(\d)"[^>]*>', page)
    found = re.findall(r'<input type="radio" name="(\w+)" value="(\d)"[^>]*\bchecked\b[^>]*>', page)
    assert len(radios) == 16  # eight choices, yes or no
    return dict(found)


def test_the_settings_page_shows_the_defaults_without_saving_anything(oscar):
    page = client_for(oscar).get(reverse("notification_settings"))
    assert page.status_code == 200
    assert checked(page.text) == {
        "email_credited": "1",
        "email_approved": "1",
        "email_featured": "1",
        "email_hidden": "1",
        "email_draft": "1",
        "email_mentioned": "1",
        "email_awarded": "1",
        "weekly_digest": "0",
    }
    assert not NotificationPreferences.objects.exists()


def test_choices_are_saved_and_shown_again(oscar):
    client = client_for(oscar)
    choices = {
        "email_credited": "1",
        "email_approved": "0",
        "email_featured": "1",
        "email_hidden": "0",
        "email_draft": "0",
        "email_mentioned": "0",
        "email_awarded": "0",
    }
    response = client.post(reverse("notification_settings"), {**choices, "weekly_digest": "1"})
    assert response.status_code == 302
    preferences = NotificationPreferences.objects.get(user=oscar)
    assert (preferences.email_approved, preferences.email_hidden, preferences.weekly_digest) == (False, False, True)
    assert checked(client.get(reverse("notification_settings")).text) == {**choices, "weekly_digest": "1"}


def test_a_missing_or_made_up_choice_is_refused_on_the_form(oscar):
    response = client_for(oscar).post(reverse("notification_settings"), {"email_credited": "maybe"})
    assert response.status_code == 400
    assert "Some choices are missing" in response.text and "Pick one of the choices." in response.text
    assert not NotificationPreferences.objects.exists()


def test_someone_without_an_email_address_is_told_nothing_is_emailed(other_employee):
    assert "Your account has no e-mail address yet" in client_for(other_employee).get("/settings/notifications/").text


def test_a_credit_email_shows_the_wins_first_photo_signed_for_its_reader_and_a_working_link(
    make_story, erin, oscar, django_capture_on_commit_callbacks, client, manager
):
    from tests.helpers.slideshow import add_photo

    with django_capture_on_commit_callbacks(execute=True):
        win = make_story(
            author=erin, heroes=[erin, oscar], headline="Saved the anniversary", quote="Magic!", customer_consent=True
        )
        add_photo(win, alt="The couple at dinner")
    html = mail.outbox[0].alternatives[0][0]
    image = re.search(r'<img src="([^"]+)" alt="([^"]*)"', html)
    assert image and image[2] == "The couple at dinner" and "<q>Magic!</q>" in html
    address = image[1]
    assert re.fullmatch(rf"{SITE}/mail/photos/[^/]+/", address)
    path = address.removeprefix(SITE)
    photo = client.get(path)  # a mail program: nobody signed in
    assert photo.status_code == 200 and photo["Content-Type"] == "image/jpeg"
    assert b"".join(photo.streaming_content) == win.photos.get().card.read()
    link = re.search(r'<a href="([^"]+)">See it on Winsboard</a>', html)[1].removeprefix(SITE)
    assert client_for(oscar).get(link).status_code == 200 and link == win.get_absolute_url()
    assert client.get(path.replace("/mail/photos/", "/mail/photos/x")).status_code == 404  # a forged address
    services.story_hide(story=win, by=manager, reason="It names a guest.")
    assert client.get(path).status_code == 404  # its reader can't see the win any more: nor its photo
