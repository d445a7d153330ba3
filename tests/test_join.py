"""Joining with an invitation (/join/, public): the code from the card or the
link in the QR code or e-mail; the person confirms their name, chooses a
password (Django's validators), and lands signed in on the feed. Every
refusal — a wrong, used, expired, re-issued code, a deactivated person —
says the same words, and tries are limited per client address and per code."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from stories import services
from stories.models import Invitation
from stories.views.join import INVALID, THROTTLED, TRIES_PER_ADDRESS, TRIES_PER_CODE

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "sunny-lobby-42-flowers"


@pytest.fixture
def nadia(team):
    return services.person_add(name="Nadia Newcomer", team=team, email="")


@pytest.fixture
def issued(nadia):
    return services.invitation_issue(user=nadia)


def choose(client, url, **extra):
    data = {"confirm": "on", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD, **extra}
    return client.post(url, data)


def without_values(page):
    return re.sub(r'value="[^"]*"', "", page)


def joined(client, person):
    person.refresh_from_db()
    return client.session.get(SESSION_KEY) == str(person.pk) and person.check_password(NEW_PASSWORD)


def test_the_code_page_is_public_and_asks_for_the_code(client):
    page = client.get(reverse("join")).content.decode()
    assert "Type the code on the invitation card" in page and 'name="code"' in page


def test_a_good_code_shows_the_persons_name_and_team_then_asks_for_a_password(client, issued):
    response = client.post(reverse("join"), {"code": issued.shown_code})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Welcome, Nadia Newcomer" in page and "Front desk" in page and "I am Nadia Newcomer" in page
    assert 'name="new_password1"' in page and f'value="{issued.shown_code}"' in page


def test_joining_by_code_sets_the_password_signs_in_and_lands_on_the_feed(client, issued, nadia):
    response = choose(client, reverse("join"), code=issued.code.lower())
    assert response.status_code == 302 and response["Location"] == reverse("feed")
    assert joined(client, nadia)
    feed = client.get(reverse("feed")).content.decode()
    assert "Welcome to Winsboard, Nadia Newcomer!" in feed
    assert Invitation.objects.get(user=nadia).used_at is not None
    nadia.refresh_from_db()
    assert nadia.last_login is not None


def test_joining_by_the_link_works_the_same(client, issued, nadia):
    url = reverse("join_token", args=[issued.token])
    assert "Welcome, Nadia Newcomer" in client.get(url).content.decode()
    assert choose(client, url).status_code == 302
    assert joined(client, nadia)


def test_the_name_must_be_confirmed_and_the_password_pass_the_validators(client, issued, nadia):
    url = reverse("join_token", args=[issued.token])
    response = client.post(url, {"new_password1": "123", "new_password2": "123"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Confirm that this is you." in page and "This password is too short" in page
    nadia.refresh_from_db()
    assert not nadia.has_usable_password() and Invitation.objects.get(user=nadia).used_at is None


def test_a_used_invitation_is_refused_with_the_same_words(client, issued, nadia):
    choose(Client(), reverse("join"), code=issued.code)
    response = client.post(reverse("join"), {"code": issued.code})
    assert response.status_code == 400 and INVALID in response.content.decode()
    response = client.get(reverse("join_token", args=[issued.token]))
    assert response.status_code == 400 and INVALID in response.content.decode()


def test_an_expired_invitation_is_refused(client, issued, nadia):
    Invitation.objects.filter(user=nadia).update(
        issued_at=timezone.now() - timedelta(days=15), expires_at=timezone.now() - timedelta(seconds=1)
    )
    response = choose(client, reverse("join"), code=issued.code)
    assert response.status_code == 400 and INVALID in response.content.decode()
    nadia.refresh_from_db()
    assert not nadia.has_usable_password()


def test_a_re_issued_invitation_is_refused_and_the_new_one_works(client, issued, nadia):
    new = services.invitation_issue(user=nadia)
    assert INVALID in choose(client, reverse("join_token", args=[issued.token])).content.decode()
    assert INVALID in client.post(reverse("join"), {"code": issued.code}).content.decode()
    assert choose(client, reverse("join"), code=new.code).status_code == 302


def test_a_deactivated_persons_invitation_is_refused(client, issued, nadia):
    services.person_set_active(user=nadia, active=False)
    response = choose(client, reverse("join_token", args=[issued.token]))
    assert response.status_code == 400 and INVALID in response.content.decode()
    assert SESSION_KEY not in client.session


def test_an_invitation_re_issued_between_the_page_and_the_password_is_refused(client, issued, nadia):
    """The page was shown with the old code; the card is re-printed; the
    password then arrives with the old code: refused, nothing set."""
    client.post(reverse("join"), {"code": issued.code})
    services.invitation_issue(user=nadia)
    response = choose(client, reverse("join"), code=issued.code)
    assert response.status_code == 400 and INVALID in response.content.decode()
    nadia.refresh_from_db()
    assert not nadia.has_usable_password()


@pytest.mark.parametrize("typed", ["ABCD-EFGH", "0000-0000", "x" * 12, "'; drop table--"])
def test_a_wrong_code_is_refused_without_saying_whether_anyone_exists(client, issued, typed):
    response = client.post(reverse("join"), {"code": typed})
    assert response.status_code == 400 and INVALID in response.content.decode()


def test_a_wrong_or_malformed_link_is_refused_the_same_way(client, issued):
    for token in ("x" * 43, "short", issued.token[:-1] + ("A" if issued.token[-1] != "A" else "B")):
        response = client.get(reverse("join_token", args=[token]))
        assert response.status_code == 400 and INVALID in response.content.decode()


def test_the_answer_for_an_unknown_code_is_the_answer_for_a_used_one(client, issued):
    choose(Client(), reverse("join"), code=issued.code)
    used = client.post(reverse("join"), {"code": issued.code}).content.decode()
    unknown = client.post(reverse("join"), {"code": "WXYZ-2345"}).content.decode()
    assert without_values(used) == without_values(unknown)  # the typed code and the CSRF token aside


def test_tries_at_one_code_are_limited(client, issued):
    for _ in range(TRIES_PER_CODE):
        assert client.post(reverse("join"), {"code": "WXYZ-2345"}).status_code == 400
    response = Client(REMOTE_ADDR="10.9.9.9").post(reverse("join"), {"code": "wxyz2345"})  # another address
    assert response.status_code == 429 and THROTTLED in response.content.decode()


def test_tries_from_one_address_are_limited_and_a_good_code_gives_its_try_back(client, issued, nadia):
    for i in range(TRIES_PER_ADDRESS - 1):
        wrong = f"WXYZ{i:04d}".replace("0", "A").replace("1", "B")  # 49 different wrong codes
        assert client.post(reverse("join"), {"code": wrong}).status_code == 400
    assert client.post(reverse("join"), {"code": issued.code}).status_code == 200  # counted, then given back
    assert client.post(reverse("join"), {"code": "MNPQ-RSTU"}).status_code == 400  # the 50th wrong one
    response = client.post(reverse("join"), {"code": issued.code})
    assert response.status_code == 429 and THROTTLED in response.content.decode()
    assert Client(REMOTE_ADDR="10.9.9.9").post(reverse("join"), {"code": issued.code}).status_code == 200


def test_tries_at_links_are_limited_too(client, issued):
    for _ in range(TRIES_PER_CODE):
        client.post(reverse("join_token", args=["y" * 43]), {"name_confirmed": "on"})
    for send in (client.get, client.post):
        response = send(reverse("join_token", args=["y" * 43]))
        assert response.status_code == 429 and THROTTLED in response.content.decode()


def test_opening_an_invitation_link_writes_nothing_even_with_the_cache_in_the_database(client, issued, settings):
    """A page read never writes: opening a link (good or wrong) counts no
    try in the database cache; sending the form does."""
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "join_cache"},
    }
    call_command("createcachetable", verbosity=0)
    with CaptureQueriesContext(connection) as queries:
        for token in (issued.token, "y" * 43, "y" * 43):
            assert client.get(reverse("join_token", args=[token])).status_code in (200, 400)
    writes = [q["sql"] for q in queries if q["sql"].split()[0].upper() in ("INSERT", "UPDATE", "DELETE")]
    assert writes == []
    with CaptureQueriesContext(connection) as queries:
        client.post(reverse("join_token", args=["y" * 43]))
    assert any("join_cache" in q["sql"] and q["sql"].upper().startswith(("INSERT", "UPDATE")) for q in queries)


def test_the_join_pages_are_not_cached(client, issued):
    response = client.get(reverse("join_token", args=[issued.token]))
    assert "no-store" in response["Cache-Control"]


# --- single sign-on: the other way in ---------------------------------------------------


@pytest.fixture
def company(settings):
    from tests.helpers.oidc import oidc_provider, sign_on_settings

    with oidc_provider() as issuer:
        sign_on_settings(settings, issuer, name="Contoso ID")
        yield issuer


def test_the_join_pages_offer_the_company_account_when_it_is_on(client, settings, issued):
    assert "Sign in with" not in client.get(reverse("join")).content.decode()
    settings.WINSBOARD_OIDC_NAME = "Contoso ID"
    for url in (reverse("join"), reverse("join_token", args=[issued.token])):
        page = client.get(url).content.decode()
        assert "Sign in with Contoso ID" in page and 'action="/accounts/oidc/company/login/"' in page


def test_an_invited_person_who_signs_on_with_the_company_account_has_joined(client, company, team):
    from tests.helpers.oidc import set_person, sign_on

    person = services.person_add(name="Ines Invited", team=team, email="ines@example.com")
    issued = services.invitation_issue(user=person)
    set_person(company, "ines-sub", email="ines@example.com", email_verified=True, name="Ines")
    assert sign_on(client, company, "ines-sub").status_code == 302
    assert client.session.get(SESSION_KEY) == str(person.pk)
    response = Client().get(reverse("join_token", args=[issued.token]))  # her card is no longer needed
    assert response.status_code == 400 and INVALID in response.content.decode()


def test_with_password_sign_in_off_joining_points_to_the_company_account(client, settings, issued, nadia):
    settings.WINSBOARD_PASSWORD_SIGN_IN = False
    settings.WINSBOARD_OIDC_NAME = "Contoso ID"
    page = client.get(reverse("join")).content.decode()
    assert "there is no password to choose" in page and "Sign in with Contoso ID" in page
    response = choose(client, reverse("join_token", args=[issued.token]))
    assert response.status_code == 200 and 'name="new_password1"' not in response.content.decode()
    nadia.refresh_from_db()
    assert not nadia.has_usable_password()
