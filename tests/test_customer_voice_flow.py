"""The customer's own page (/customer/<token>/): agree, edit, agree without
a name, say no; the answer changed from the same link within 7 days and
refused after; expired, tampered and made-up links all get the same page;
the page is private (noindex, no navigation, nothing but the quote); tries
are limited; the customer's address is erased on answer and on expiry."""

import io
import logging
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from stories import services
from stories.models import ConsentRequest, Notification, Story
from stories.models.customer_voice import CHANGE_DAYS, LINK_DAYS
from tests.helpers.customer_voice import QUOTE, QUOTE_BY, answer, asked_link, quoted
from tests.helpers.people import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def win(make_story):
    return quoted(make_story)


def age(consent, **delta):
    """Move a request (and its answer) into the past."""
    past = {name: getattr(consent, name) - timedelta(**delta) for name in ("created_at", "expires_at")}
    if consent.answered_at:
        past.update(answered_at=consent.answered_at - timedelta(**delta), changed_at=consent.changed_at)
    ConsentRequest.objects.filter(pk=consent.pk).update(**past)


def test_the_page_shows_exactly_what_will_be_shared_and_nothing_else(win, employee, make_story):
    make_story(headline="Another colleague's win", quote="Other words", quote_by="Someone Else", customer_consent=True)
    _, url = asked_link(win, employee)
    response = Client().get(url)
    page = response.text
    assert response.status_code == 200
    assert QUOTE in page and QUOTE_BY in page
    for place in ("internal feed", "featured wall", "all-hands"):
        assert place in page
    assert win.headline not in page and "Another colleague" not in page and "Someone Else" not in page
    assert "Erin" not in page  # no employee's name either
    assert 'href="/"' not in page and "navbar" not in page and "<script" not in page


def test_the_page_is_never_indexed_nor_sends_its_address_on(win, employee):
    _, url = asked_link(win, employee)
    response = Client().get(url)
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert '<meta name="robots" content="noindex, nofollow">' in response.text
    assert response["Referrer-Policy"] == "same-origin"  # the link never leaves the site
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_the_customer_agrees_with_a_feeling_and_a_rating(win, employee, other_employee):
    consent, url = asked_link(win, employee)
    response = answer(url, answer="agree", feeling="I felt looked after", rating="5")
    assert response.status_code == 302 and response["Location"] == url
    win.refresh_from_db()
    assert (win.customer_answer, win.customer_feeling, win.customer_rating) == ("agree", "I felt looked after", 5)
    assert (win.quote, win.quote_by) == (QUOTE, QUOTE_BY)
    page = client_for(other_employee).get(win.get_absolute_url()).text
    assert "Confirmed by the customer" in page
    assert "In the customer's words" in page and "I felt looked after" in page and "Rated 5 out of 5" in page
    thanks = Client().get(url).text
    assert "Thank you, we have your answer" in thanks


def test_the_customer_edits_their_words_and_the_author_is_told(win, employee, other_employee):
    _, url = asked_link(win, employee)
    answer(url, answer="edit", words="  The team saved our anniversary.  ")
    win.refresh_from_db()
    assert (win.quote, win.quote_by, win.customer_answer) == ("The team saved our anniversary.", QUOTE_BY, "edit")
    page = client_for(other_employee).get(reverse("feed")).text
    assert "The team saved our anniversary." in page and QUOTE not in page
    told = Notification.objects.get(recipient=employee, kind=Notification.Kind.CUSTOMER)
    assert told.story == win
    inbox = client_for(employee).get(reverse("notifications")).text
    assert "They changed their words" in inbox


def test_an_edit_without_words_is_refused_and_nothing_is_saved(win, employee):
    consent, url = asked_link(win, employee)
    response = answer(url, answer="edit", words="   ")
    assert response.status_code == 400 and "Write your words" in response.text
    consent.refresh_from_db()
    win.refresh_from_db()
    assert consent.answer == "" and win.quote == QUOTE


@pytest.mark.parametrize("data", [{"rating": "7"}, {"answer": "maybe"}, {"feeling": "x" * 301}, {"answer": ""}])
def test_bad_answers_are_a_form_message_not_a_change(win, employee, data):
    consent, url = asked_link(win, employee)
    response = answer(url, **data)
    assert response.status_code == 400
    consent.refresh_from_db()
    assert consent.answer == "" and consent.answered_at is None


def test_agreeing_without_a_name_shows_a_guest_everywhere(win, employee, other_employee):
    _, url = asked_link(win, employee)
    answer(url, answer="anonymous")
    win.refresh_from_db()
    assert (win.quote, win.quote_by) == (QUOTE, "a guest")
    feed = client_for(other_employee).get(reverse("feed")).text
    assert "— a guest" in feed and "Maria" not in feed


def test_saying_no_takes_the_quote_off_the_win_and_tells_only_author_and_managers(
    win, employee, other_employee, manager
):
    _, url = asked_link(win, employee)
    answer(url, answer="no", feeling="Please don't", rating="3")
    win.refresh_from_db()
    assert (win.quote, win.quote_by, win.customer_consent, win.customer_answer) == ("", "", False, "no")
    assert win.customer_feeling == "" and win.customer_rating == 3  # the rating counts in /insight/ only
    for person in (employee, manager):
        page = client_for(person).get(win.get_absolute_url()).text
        assert "Customer said no" in page and QUOTE not in page
    page = client_for(other_employee).get(win.get_absolute_url()).text
    assert "Customer said no" not in page and QUOTE not in page and "Please don" not in page
    assert "Rated 3" not in page


def test_the_answer_can_be_changed_from_the_same_link_within_7_days(win, employee):
    consent, url = asked_link(win, employee)
    answer(url, answer="no")
    age(ConsentRequest.objects.get(pk=consent.pk), days=CHANGE_DAYS - 1)
    assert Client().get(url).status_code == 200
    answer(url, answer="agree")
    win.refresh_from_db()
    assert (win.quote, win.customer_answer) == (QUOTE, "agree")  # the words asked about come back
    consent.refresh_from_db()
    assert consent.answer == "agree" and consent.changed_at > consent.answered_at


def test_after_7_days_the_link_is_used_up_and_nothing_changes(win, employee):
    consent, url = asked_link(win, employee)
    answer(url, answer="agree")
    age(ConsentRequest.objects.get(pk=consent.pk), days=CHANGE_DAYS, minutes=1)
    assert Client().get(url).status_code == 404
    response = answer(url, answer="no")
    assert response.status_code == 404
    win.refresh_from_db()
    assert (win.quote, win.customer_answer) == (QUOTE, "agree")


def _closed_page(url):
    response = Client().get(url)
    assert response.status_code == 404
    return response.text


def test_expired_tampered_made_up_and_used_links_all_get_the_same_page(win, employee, make_story):
    expired, expired_url = asked_link(win, employee)
    age(expired, days=LINK_DAYS, minutes=1)
    used, used_url = asked_link(win, employee)
    answer(used_url)
    age(ConsentRequest.objects.get(pk=used.pk), days=CHANGE_DAYS + 1)
    _, good_url = asked_link(win, employee)
    token = good_url.split("/")[-2]
    tampered = reverse("customer_voice", args=[token[:-1] + ("A" if token[-1] != "A" else "B")])
    swapped = reverse("customer_voice", args=["x" * 32 + token[32:]])
    made_up = reverse("customer_voice", args=["not-a-link"])
    pages = {_closed_page(url) for url in (expired_url, used_url, tampered, swapped, made_up)}
    assert len(pages) == 1
    (page,) = pages
    assert "This link doesn't work" in page and QUOTE not in page
    assert Client().get(good_url).status_code == 200


def test_a_signed_link_whose_request_is_gone_gets_the_same_page(win, employee):
    consent, url = asked_link(win, employee)
    ConsentRequest.objects.filter(pk=consent.pk).delete()
    assert "This link doesn't work" in _closed_page(url)


def test_tries_from_one_address_are_limited(win, employee):
    """Answers sent count; past the limit, opening the page is refused too."""
    _, url = asked_link(win, employee)
    client = Client()
    statuses = [client.post(reverse("customer_voice", args=[f"wrong-{n}"])).status_code for n in range(30)]
    assert set(statuses) == {404}
    for send in (client.get, client.post):
        response = send(url)
        assert response.status_code == 429 and QUOTE not in response.text


def test_opening_the_customers_page_writes_nothing_even_with_the_cache_in_the_database(win, employee, settings):
    """A page read never writes: opening the link (good or wrong) counts no
    try in the database cache."""
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _, url = asked_link(win, employee)
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "customer_cache"},
    }
    call_command("createcachetable", verbosity=0)
    with CaptureQueriesContext(connection) as queries:
        for address in (url, reverse("customer_voice", args=["wrong"])):
            assert Client().get(address).status_code in (200, 404)
    writes = [q["sql"] for q in queries if q["sql"].split()[0].upper() in ("INSERT", "UPDATE", "DELETE")]
    assert writes == []


def test_the_address_is_erased_when_the_customer_answers(win, employee, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        asked = services.consent_ask(story=win, by=employee, email="maria@example.net")
    consent = ConsentRequest.objects.get(pk=asked.request.pk)
    assert consent.email == "maria@example.net" and consent.token_hash  # issued by the e-mail task
    services.consent_answer(request=consent, answer="agree")
    consent.refresh_from_db()
    assert consent.email == ""


def test_the_sweep_erases_the_address_of_expired_requests_only(win, employee):
    now = timezone.now()
    expired = ConsentRequest.objects.create(
        story=win, via="email", email="old@example.net", quote=QUOTE, expires_at=now - timedelta(seconds=1)
    )
    waiting = ConsentRequest.objects.create(
        story=win, via="email", email="new@example.net", quote=QUOTE, expires_at=now + timedelta(days=1)
    )
    out = io.StringIO()
    call_command("sweep_consent", stdout=out)
    assert out.getvalue().strip() == "Erased 1 customer e-mail address."
    assert ConsentRequest.objects.get(pk=expired.pk).email == ""
    assert ConsentRequest.objects.get(pk=waiting.pk).email == "new@example.net"


def test_editing_the_quote_after_the_customer_confirmed_it_drops_the_confirmation(win, employee):
    _, url = asked_link(win, employee)
    answer(url)
    win = Story.objects.get(pk=win.pk)
    services.story_update(story=win, heroes=[employee], by=employee, quote="Something I wrote myself")
    win.refresh_from_db()
    assert win.customer_answer == "" and not win.confirmed_by_customer


def test_editing_the_quote_closes_the_links_asked_about_the_old_words(
    win, employee, django_capture_on_commit_callbacks
):
    answered, answered_url = asked_link(win, employee)
    answer(answered_url)
    with django_capture_on_commit_callbacks(execute=True):
        waiting = services.consent_ask(story=Story.objects.get(pk=win.pk), by=employee, email="maria@example.net")
    services.story_update(story=Story.objects.get(pk=win.pk), heroes=[employee], by=employee, quote="New words")
    assert Client().get(answered_url).status_code == 404  # within its 7 days, but about other words
    assert ConsentRequest.objects.get(pk=waiting.request.pk).email == ""
    with pytest.raises(services.ConsentClosed):
        services.consent_answer(request=waiting.request, answer="agree")
    win.refresh_from_db()
    assert win.quote == "New words" and win.customer_answer == ""


def test_editing_other_fields_keeps_the_confirmation_and_the_link(win, employee):
    _, url = asked_link(win, employee)
    answer(url)
    services.story_update(story=Story.objects.get(pk=win.pk), heroes=[employee], by=employee, headline="Renamed")
    win.refresh_from_db()
    assert win.confirmed_by_customer and Client().get(url).status_code == 200


def test_the_link_never_reaches_a_log_line(win, employee, caplog):
    _, url = asked_link(win, employee)
    token = url.split("/")[-2]
    with caplog.at_level(logging.INFO):
        Client().get(url)
        Client(enforce_csrf_checks=True).post(url, {"answer": "agree"})  # CSRF refuses it: a warning with the path
    assert any("/customer/[redacted]/" in line for line in caplog.messages)
    assert all(token not in line for line in caplog.messages)


@pytest.mark.parametrize(
    ("accepted", "code", "direction"),
    [("de-DE,de;q=0.9", "de", "ltr"), ("ar", "ar", "rtl"), ("en-GB,en;q=0.8", "en", "ltr"), ("ja,ko", "en", "ltr")],
)
def test_the_page_speaks_the_customers_browser_language(win, employee, accepted, code, direction):
    _, url = asked_link(win, employee)
    page = Client().get(url, HTTP_ACCEPT_LANGUAGE=accepted).text
    with translation.override(code):
        asked = translation.gettext("May we share your words?")
    assert f'<html lang="{code}" dir="{direction}">' in page and asked in page
