"""E-mails are written in the reader's language, never the sender's: a
notification, the weekly digest, an invitation; a customer's link in the
language of the person who asked. No English word left in them but names
and what people wrote."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone, translation

from stories import services, tasks
from stories.models import Notification, Profile
from tests.helpers.languages import Written, english_vocabulary, english_words, read_aloud
from tests.helpers.people import client_for, make_user
from tests.helpers.wins import story_post_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site(settings):
    settings.WINSBOARD_SITE_URL = "https://wins.example.com"


def speaks(user, code):
    Profile.objects.update_or_create(user=user, defaults={"language": code})


def no_english_in(message, code):
    vocabulary, written = english_vocabulary(code), Written()
    html, _type = message.alternatives[0]
    parts = [message.subject, *message.body.splitlines(), *read_aloud(html)]
    return english_words([part for part in parts if part.strip()], vocabulary, written)


def test_a_credit_is_mailed_in_the_heros_language_while_the_author_writes_in_another(
    employee, django_user_model, django_capture_on_commit_callbacks
):
    hero = make_user(django_user_model, "jose", first="José", email="jose@example.com")
    speaks(employee, "de")
    speaks(hero, "es")
    author = client_for(employee)
    with django_capture_on_commit_callbacks(execute=True):
        response = author.post("/wins/new/", story_post_data(hero, headline="Zimmer 412 gerettet"))
    assert response.status_code == 302
    assert response.wsgi_request.LANGUAGE_CODE == "de"  # the sender's pages are German
    [message] = [m for m in mail.outbox if m.to == ["jose@example.com"]]
    with translation.override("es"):
        expected = tasks.email_subject(Notification.Kind.CREDITED, "Zimmer 412 gerettet")
    with translation.override("en"):
        english = tasks.email_subject(Notification.Kind.CREDITED, "Zimmer 412 gerettet")
    assert message.subject == expected != english
    assert message.extra_headers["Content-Language"] == "es"
    html, _type = message.alternatives[0]
    assert '<html lang="es" dir="ltr">' in html
    assert no_english_in(message, "es") == []


def test_the_weekly_digest_is_written_in_each_readers_language(django_user_model, make_story, manager):
    readers = {}
    for code in ("fr", "ar"):
        reader = make_user(django_user_model, f"r{code}", first="Zoé", email=f"{code}@example.com")
        services.preferences_update(user=reader, weekly_digest=True)
        speaks(reader, code)
        readers[code] = reader
    story = make_story(author=readers["fr"], heroes=[readers["fr"], readers["ar"]], headline="Zimmer 412")
    services.story_feature(story=story, by=manager)
    mail.outbox.clear()
    year, number, _day = timezone.localdate().isocalendar()
    call_command("send_digest", "--week", f"{year}-W{number:02d}", verbosity=0)
    for code in ("fr", "ar"):
        [message] = [m for m in mail.outbox if m.to == [f"{code}@example.com"]]
        assert message.extra_headers["Content-Language"] == code
        assert no_english_in(message, code) == []
    html, _type = next(m for m in mail.outbox if m.to == ["ar@example.com"]).alternatives[0]
    assert 'lang="ar" dir="rtl"' in html


def test_an_invitation_is_written_in_the_sites_language_for_someone_who_never_chose(django_user_model, settings):
    settings.LANGUAGE_CODE = "nl"
    newcomer = django_user_model.objects.create_user(username="nadia", email="nadia@example.com", password=None)
    tasks.email_invitations.call([newcomer.pk])
    [message] = mail.outbox
    assert message.extra_headers["Content-Language"] == "nl"
    assert no_english_in(message, "nl") == []


def test_a_customers_link_is_mailed_in_the_language_of_the_person_who_asked(
    make_story, employee, django_capture_on_commit_callbacks
):
    win = make_story(quote="Merci mille fois", quote_by="Mme Zola", customer_consent=True)
    speaks(employee, "fr")
    asker = client_for(employee)
    with django_capture_on_commit_callbacks(execute=True):
        response = asker.post(f"/wins/{win.pk}/ask-customer/", {"via": "email", "email": "zola@example.net"})
    assert response.status_code == 302
    [message] = [m for m in mail.outbox if m.to == ["zola@example.net"]]
    assert message.extra_headers["Content-Language"] == "fr"
    assert no_english_in(message, "fr") == []
