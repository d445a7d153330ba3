"""Asking the customer from a win's page: who may ask (its author, a hero, a
manager — on a win with a quote), by a QR code shown on the phone (the
asker's session only) or by e-mail over a real SMTP server; the address is
shown to nobody but the person who typed it."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from stories import services
from stories.lib.qr import qr_svg_inline
from stories.models import ConsentRequest
from stories.views import customer_voice as views
from tests.helpers.customer_voice import QUOTE, quoted
from tests.helpers.people import client_for, make_user
from tests.helpers.queries import query_count
from tests.helpers.smtp import smtp_mailers, smtp_server

pytestmark = pytest.mark.django_db

SITE = "https://wins.example.com"


@pytest.fixture(autouse=True)
def _site(settings):
    settings.WINSBOARD_SITE_URL = SITE


@pytest.fixture
def hero(django_user_model):
    return make_user(django_user_model, "hana", first="Hana", last="Hero")


@pytest.fixture
def win(make_story, employee, hero):
    return quoted(make_story, heroes=[employee, hero])


def ask(user, story, **data):
    return client_for(user).post(reverse("customer_ask", args=[story.pk]), {"via": "qr", **data})


@pytest.mark.parametrize("who", ["employee", "hero", "manager"])
def test_author_hero_and_manager_may_ask_the_customer(request, win, who):
    user = request.getfixturevalue(who)
    assert "Ask the customer" in client_for(user).get(win.get_absolute_url()).text
    response = ask(user, win)
    assert response.status_code == 302
    assert ConsentRequest.objects.get().asked_by == user


def test_another_colleague_may_not_ask(win, other_employee):
    assert "Ask the customer" not in client_for(other_employee).get(win.get_absolute_url()).text
    assert ask(other_employee, win).status_code == 403
    assert not ConsentRequest.objects.exists()


def test_there_is_nothing_to_ask_about_without_a_quote(make_story, employee):
    story = make_story()
    assert "Ask the customer" not in client_for(employee).get(story.get_absolute_url()).text
    assert ask(employee, story).status_code == 403


def test_a_win_you_may_not_open_is_not_found(win, other_employee, manager):
    services.story_hide(story=win, by=manager, reason="Names a guest")
    assert ask(other_employee, win).status_code == 404


def test_signed_out_nobody_asks(win):
    response = Client().post(reverse("customer_ask", args=[win.pk]), {"via": "qr"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not ConsentRequest.objects.exists()


def test_a_qr_code_opens_the_customers_page_and_only_in_the_askers_browser(win, employee, manager):
    client = client_for(employee)
    response = client.post(reverse("customer_ask", args=[win.pk]), {"via": "qr"})
    consent = ConsentRequest.objects.get()
    assert response["Location"] == reverse("customer_ask_qr", args=[win.pk, consent.pk])
    page = client.get(response["Location"])
    assert page.status_code == 200 and "<svg" in page.text and 'class="qr-code"' in page.text
    signed = client.session[views.SESSION_LINKS][str(consent.pk)]
    assert qr_svg_inline(SITE + reverse("customer_voice", args=[signed]), scale=5) in page.text  # the site's address
    assert consent.token_hash and signed not in consent.token_hash
    customer = Client().get(reverse("customer_voice", args=[signed]))
    assert customer.status_code == 200 and QUOTE in customer.text
    assert client_for(manager).get(response["Location"]).status_code == 404  # not their ask
    other_browser = client_for(employee)
    assert other_browser.get(response["Location"]).status_code == 403


def test_an_e_mailed_link_goes_over_smtp_and_opens_the_page(
    win, employee, settings, django_capture_on_commit_callbacks
):
    on_commit = django_capture_on_commit_callbacks
    with smtp_server() as (port, inbox):
        settings.MAILERS = smtp_mailers(port)
        with on_commit(execute=True):
            response = ask(employee, win, via="email", email="maria@example.net")
    assert response.status_code == 302
    ((recipients, message),) = inbox.received
    assert recipients == ["maria@example.net"] and message["Subject"] == "May we share your words?"
    body = message.get_payload()[0].get_payload(decode=True).decode()
    (link,) = re.findall(rf"{SITE}(/customer/[^/\s]+/)", body)
    assert QUOTE in Client().get(link).text
    assert ConsentRequest.objects.get().email == "maria@example.net"


def test_a_bad_address_is_a_form_message_and_nothing_is_asked(win, employee):
    response = ask(employee, win, via="email", email="not an address")
    assert response.status_code == 400 and "Enter a valid email address" in response.text
    response = ask(employee, win, via="email", email="")
    assert response.status_code == 400 and "Type the customer" in response.text
    assert not ConsentRequest.objects.exists()


def test_the_address_is_shown_to_the_person_who_typed_it_only(win, employee, hero, manager):
    ask(hero, win, via="email", email="maria@example.net")
    assert "maria@example.net" in client_for(hero).get(win.get_absolute_url()).text
    for person in (employee, manager):
        page = client_for(person).get(win.get_absolute_url()).text
        assert "maria@example.net" not in page and "no answer yet" in page


def test_asking_is_limited_per_person(win, employee, monkeypatch):
    monkeypatch.setattr(views, "ASKS_PER_HOUR", 2)
    assert [ask(employee, win).status_code for _ in range(3)] == [302, 302, 429]
    assert ConsentRequest.objects.count() == 2


def test_a_quoted_wins_page_costs_askers_the_same_queries_however_often_asked(win, employee, other_employee):
    url = win.get_absolute_url()
    reader, asker = client_for(other_employee), client_for(employee)
    read_once = query_count(reader, url)
    ask(employee, win)
    ask_once = query_count(asker, url)
    for _ in range(5):
        ask(employee, win, via="email", email="maria@example.net")
    # The author pays one query for the latest ask (a colleague, instead,
    # pays for the awards' nomination form): the same however often asked.
    assert query_count(asker, url) == ask_once <= read_once
    assert query_count(reader, url) == read_once
