"""A draft made from a forwarded e-mail waits for its owner: "Your draft is
waiting" (in the app, and by e-mail unless they turned it off); opening it
is the post form with the customer's words, name, date and photos (waiting
for alt text); posting it removes the draft and its files; it can be
discarded; old ones are swept. The forwarding address is in /settings/."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from stories import services
from stories.models import InboundAddress, InboundDraft, Notification, NotificationPreferences, Story
from tests.helpers.inbound import address_for, corpus_message
from tests.helpers.people import client_for, make_user
from tests.helpers.wins import story_post_data


@pytest.fixture(autouse=True)
def _inbound_domain(settings):
    settings.WINSBOARD_INBOUND_DOMAIN = "wins.example.com"


@pytest.fixture
def sam(django_user_model):
    return make_user(django_user_model, "sam", first="Sam", last="Okafor", email="sam@example.com")


def received(owner, name="gmail_en_inline_photo.eml"):
    result = services.inbound_receive(raw=corpus_message(name, owner))
    assert result.draft is not None, result.reason
    return result.draft


def test_the_owner_is_told_their_draft_is_waiting_in_the_app_and_by_email(sam, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        draft = received(sam)
    notification = Notification.objects.get(recipient=sam)
    assert (notification.kind, notification.draft) == ("draft", draft)
    [message] = mail.outbox
    assert message.to == ["sam@example.com"] and message.subject == "Your draft is waiting"
    assert draft.get_absolute_url() in message.body and "Jane Doe" in message.body
    page = client_for(sam).get(reverse("notifications"))
    assert "Your draft is waiting" in page.text and "Jane Doe" in page.text


def test_who_turned_the_draft_email_off_is_told_in_the_app_only(sam, django_capture_on_commit_callbacks):
    NotificationPreferences.objects.create(user=sam, email_draft=False)
    with django_capture_on_commit_callbacks(execute=True):
        received(sam)
    assert mail.outbox == [] and Notification.objects.filter(recipient=sam, kind="draft").count() == 1


def test_following_the_notification_opens_the_post_form_with_the_draft(sam):
    draft = received(sam)
    notification = Notification.objects.get(recipient=sam)
    response = client_for(sam).post(reverse("notification_open", args=[notification.pk]))
    assert response.url == draft.get_absolute_url()


def test_opening_a_draft_fills_the_post_form_and_offers_its_photos_for_alt_text(sam):
    draft = received(sam)
    client = client_for(sam)
    page = client.get(draft.get_absolute_url())
    assert page.status_code == 200
    form = page.context["form"]
    assert form.initial["quote"].startswith("Thank you so much for finding my daughter's bear")
    assert (form.initial["quote_by"], form.initial["happened_on"]) == ("Jane Doe", draft.happened_on)
    assert form.initial["kind"] == "praise"
    photo_url = reverse("inbound_draft_photo", args=[draft.pk, 0])
    assert f'data-url="{photo_url}"' in page.text and 'name="draft"' in page.text
    photo = client.get(photo_url)
    assert photo.status_code == 200 and photo["Content-Type"] == "image/webp"
    assert b"".join(photo.streaming_content)[8:12] == b"WEBP"  # re-encoded, never the file as it came


def test_nobody_else_opens_discards_or_sees_the_photos_of_a_draft(sam, other_employee):
    draft = received(sam)
    stranger = client_for(other_employee)
    assert stranger.get(reverse("inbound_draft_photo", args=[draft.pk, 0])).status_code == 404
    assert stranger.post(reverse("inbound_draft_discard", args=[draft.pk])).status_code == 404
    page = stranger.get(draft.get_absolute_url())
    assert "Jane Doe" not in page.text and 'name="draft"' not in page.text
    assert InboundDraft.objects.filter(pk=draft.pk).exists()


def test_posting_the_draft_publishes_the_win_and_removes_the_draft_and_its_files(
    sam, django_capture_on_commit_callbacks
):
    draft = received(sam)
    names = draft.file_names()
    assert names and all(default_storage.exists(name) for name in names)
    data = story_post_data(sam, quote=draft.quote, quote_by=draft.quote_by, customer_consent="on", draft=draft.pk)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(sam).post(reverse("story_create"), data)
    assert response.status_code == 302
    story = Story.objects.get()
    assert (story.quote, story.quote_by) == (draft.quote, "Jane Doe")
    assert not InboundDraft.objects.exists() and not Notification.objects.filter(kind="draft").exists()
    assert not any(default_storage.exists(name) for name in names)


def test_a_form_with_a_problem_keeps_the_draft(sam):
    draft = received(sam)
    data = story_post_data(sam, headline="", draft=draft.pk)
    response = client_for(sam).post(reverse("story_create"), data)
    assert response.status_code == 400 and InboundDraft.objects.filter(pk=draft.pk).exists()


def test_a_draft_can_be_discarded(sam, django_capture_on_commit_callbacks):
    draft = received(sam)
    names = draft.file_names()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(sam).post(reverse("inbound_draft_discard", args=[draft.pk]))
    assert response.url == reverse("inbound_drafts")
    assert not InboundDraft.objects.exists() and not any(default_storage.exists(name) for name in names)


def test_sweep_media_removes_drafts_older_than_the_setting(sam, settings, django_capture_on_commit_callbacks):
    settings.WINSBOARD_INBOUND_DRAFT_DAYS = 30
    old, new = received(sam), received(sam, "not_forwarded.eml")
    InboundDraft.objects.filter(pk=old.pk).update(received_at=timezone.now() - timedelta(days=31))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("sweep_media", stdout=open("/dev/null", "w"))  # noqa: SIM115 - closed with the test
    assert list(InboundDraft.objects.values_list("pk", flat=True)) == [new.pk]
    assert not any(default_storage.exists(name) for name in old.file_names())


def test_the_drafts_page_lists_them_in_constant_queries(sam, django_assert_max_num_queries):
    client = client_for(sam)
    received(sam)
    with django_assert_max_num_queries(6) as few:
        client.get(reverse("inbound_drafts"))
    for name in ("not_forwarded.eml", "outlook_web_de_html_only.eml", "apple_mail_nl_quoted.eml"):
        received(sam, name)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(reverse("inbound_drafts"))
    assert page.text.count("Finish and post") == 4 and "Thank you for Saturday!" in page.text


# --- the address in /settings/ ---------------------------------------------------


def test_settings_show_the_forwarding_address_and_reading_it_writes_nothing(sam):
    page = client_for(sam).get(reverse("profile_settings"))
    assert address_for(sam) in page.text
    assert address_for(sam).startswith("wins+") and address_for(sam).endswith("@wins.example.com")
    assert not InboundAddress.objects.exists()


def test_making_a_new_address_shows_it_and_stops_the_old_one(sam):
    client = client_for(sam)
    old = address_for(sam)
    response = client.post(reverse("forwarding_address_renew"))
    assert response.status_code == 302
    sam.refresh_from_db()
    new = address_for(sam)
    assert new != old and new in client.get(reverse("profile_settings")).text
    assert services.recipient_owner(old) is None and services.recipient_owner(new) == sam


def test_the_address_is_never_stored(sam):
    services.inbound_address_renew(user=sam)
    sam.refresh_from_db()
    token = address_for(sam).split("+")[1].split("@")[0]
    stored = sam.inbound_address
    assert token not in stored.nonce and stored.nonce not in token


def test_the_notifications_page_shows_draft_notifications_in_constant_queries(sam, django_assert_max_num_queries):
    client = client_for(sam)
    received(sam)
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("notifications"))
    for name in ("not_forwarded.eml", "outlook_web_de_html_only.eml", "apple_mail_nl_quoted.eml"):
        received(sam, name)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(reverse("notifications"))
    assert page.text.count("Your draft is waiting") == 4 and "Sanne de Vries" in page.text
