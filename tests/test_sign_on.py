"""Company single sign-on (OpenID Connect) against a real provider on
localhost: discovery, the authorization-code flow with PKCE, state and nonce
checked, the ID token's signature checked, people matched by verified
e-mail only, the managers' group applied at every sign-on."""

import pytest
import requests
from django.contrib.auth import get_user_model

from stories.models.roles import can_curate
from tests.helpers.oidc import (
    LOGIN_URL,
    authorize,
    oidc_provider,
    query_of,
    set_person,
    sign_on,
    sign_on_settings,
    tampering_token_endpoint,
)
from tests.helpers.people import PASSWORD, make_user, managers_group

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def issuer():
    with oidc_provider() as address:
        yield address


@pytest.fixture
def company(settings, issuer):
    sign_on_settings(settings, issuer)
    return issuer


@pytest.fixture
def priya(django_user_model):
    return make_user(django_user_model, "priya", first="Priya", email="Priya@Example.com")


def signed_in_user(client):
    return client.session.get("_auth_user_id")


def test_the_sign_in_page_offers_the_company_account_only_when_it_is_set(client, settings, issuer):
    assert "Sign in with" not in client.get("/accounts/login/").text
    assert client.post(LOGIN_URL).status_code == 404  # no provider: nothing to start
    sign_on_settings(settings, issuer, name="Contoso ID")
    page = client.get("/accounts/login/").text
    assert "Sign in with Contoso ID" in page and f'action="{LOGIN_URL}"' in page


def test_a_known_person_signs_on_with_pkce_state_and_a_nonce(client, company, priya):
    set_person(company, "priya-sub", email="priya@example.com", email_verified=True, name="Priya")
    start = client.post(LOGIN_URL)
    sent = query_of(start["Location"])
    assert start["Location"].startswith(f"{company}/oauth2/authorize?")
    assert sent["code_challenge_method"] == "S256" and len(sent["code_challenge"]) >= 43
    assert len(sent["state"]) >= 12 and len(sent["nonce"]) >= 32
    assert set(sent["scope"].split()) >= {"openid", "email", "profile"}
    done = client.get(authorize(start["Location"], "priya-sub"))
    assert done.status_code == 302 and done["Location"] == "/"
    assert signed_in_user(client) == str(priya.pk)
    # Next time the same subject is enough, whatever the e-mail says now.
    client.logout()
    set_person(company, "priya-sub", email="priya.new@example.com", email_verified=False)
    assert sign_on(client, company, "priya-sub").status_code == 302
    assert signed_in_user(client) == str(priya.pk)


def test_the_callback_refuses_a_state_this_browser_never_started(client, company, priya):
    set_person(company, "priya-sub", email="priya@example.com", email_verified=True)
    start = client.post(LOGIN_URL)
    back = authorize(start["Location"], "priya-sub")
    stranger = client.__class__()
    refused = stranger.get(back)  # the same answer, in another browser
    assert refused.status_code == 401
    assert signed_in_user(stranger) is None


@pytest.mark.parametrize("kept_nonce", ["not-the-nonce-the-provider-saw", "nonce-with-é"])
def test_an_id_token_carrying_another_nonce_is_refused(client, company, priya, kept_nonce):
    set_person(company, "priya-sub", email="priya@example.com", email_verified=True)
    start = client.post(LOGIN_URL)
    session = client.session
    states = session["socialaccount_states"]
    for state, _started, _provider in states.values():
        state["nonce"] = kept_nonce
    session["socialaccount_states"] = states
    session.save()
    refused = client.get(authorize(start["Location"], "priya-sub"))
    assert refused.status_code == 401 and "didn't match the sign-in this browser started" in refused.text
    assert signed_in_user(client) is None


def test_an_id_token_altered_on_its_way_is_refused(client, settings, issuer, priya, django_user_model):
    victim = make_user(django_user_model, "boss", email="boss@example.com", manager=True)
    set_person(issuer, "mallory-sub", email="mallory@example.com", email_verified=True)
    with tampering_token_endpoint(issuer, {"sub": "boss-sub", "email": victim.email}) as token_endpoint:
        sign_on_settings(settings, issuer, openid_configuration_overrides={"token_endpoint": token_endpoint})
        refused = sign_on(client, issuer, "mallory-sub")
    assert refused.status_code == 401
    assert signed_in_user(client) is None


def test_an_unverified_email_is_refused_and_says_why(client, company, priya):
    set_person(company, "fake-priya", email="priya@example.com", email_verified=False)
    refused = sign_on(client, company, "fake-priya")
    assert refused.status_code == 403 and "isn't confirmed" in refused.text
    assert signed_in_user(client) is None


def test_someone_unknown_is_told_to_ask_their_manager(client, company):
    set_person(company, "new-sub", email="newcomer@example.com", email_verified=True, name="Nia Newcomer")
    refused = sign_on(client, company, "new-sub")
    assert refused.status_code == 403 and "Ask your manager to add you" in refused.text
    assert not get_user_model().objects.filter(email="newcomer@example.com").exists()


def test_with_create_users_on_someone_unknown_gets_an_account(client, settings, company):
    settings.WINSBOARD_OIDC_CREATE_USERS = True
    set_person(company, "new-sub", email="nia@example.com", email_verified=True, name="Nia Newcomer")
    assert sign_on(client, company, "new-sub").status_code == 302
    nia = get_user_model().objects.get(email="nia@example.com")
    assert signed_in_user(client) == str(nia.pk)
    assert nia.profile.display_name == "Nia Newcomer" and not nia.has_usable_password()


def test_a_deactivated_person_cannot_sign_on(client, company, priya):
    set_person(company, "priya-sub", email="priya@example.com", email_verified=True)
    priya.is_active = False
    priya.save()
    refused = sign_on(client, company, "priya-sub")
    assert refused.status_code == 403 and "switched off" in refused.text
    assert signed_in_user(client) is None


def test_the_managers_group_decides_the_role_at_every_sign_on(client, settings, company, priya):
    settings.WINSBOARD_OIDC_MANAGER_GROUP = "winsboard-managers"
    set_person(company, "priya-sub", email="priya@example.com", email_verified=True, groups=["winsboard-managers"])
    sign_on(client, company, "priya-sub")
    assert can_curate(get_user_model().objects.get(pk=priya.pk))
    client.logout()
    set_person(company, "priya-sub", email="priya@example.com", email_verified=True, groups=["front-desk"])
    sign_on(client, company, "priya-sub")
    assert signed_in_user(client) == str(priya.pk)
    assert not can_curate(get_user_model().objects.get(pk=priya.pk))


def test_without_a_managers_group_sign_on_leaves_roles_alone(client, company, priya):
    priya.groups.add(managers_group())
    set_person(company, "priya-sub", email="priya@example.com", email_verified=True, groups=[])
    sign_on(client, company, "priya-sub")
    assert can_curate(get_user_model().objects.get(pk=priya.pk))


def test_cancelling_at_the_provider_signs_no_one_in(client, company, priya):
    start = client.post(LOGIN_URL)
    denied = requests.post(start["Location"], data={"action": "deny"}, allow_redirects=False, timeout=10)
    back = denied.headers["Location"]
    answer = client.get(back[back.index("/accounts/") :], follow=True)
    assert "Sign-in cancelled" in answer.text
    assert signed_in_user(client) is None


def test_with_password_sign_in_off_only_superusers_use_a_password(client, settings, company, django_user_model):
    settings.WINSBOARD_PASSWORD_SIGN_IN = False
    make_user(django_user_model, "erin", email="erin@example.com")
    django_user_model.objects.create_superuser("root", "root@example.com", "root-password-42")
    page = client.get("/accounts/login/").text
    assert "Sign in with Contoso ID" in page and "Administrators: sign in with a password" in page
    refused = client.post("/accounts/login/", {"username": "erin", "password": PASSWORD})
    assert refused.status_code == 200 and "Password sign-in is off here: sign in with Contoso ID" in refused.text
    assert signed_in_user(client) is None
    root = client.post("/accounts/login/", {"username": "root", "password": "root-password-42"})
    assert root.status_code == 302 and signed_in_user(client) is not None


def test_a_provider_that_cannot_be_reached_is_a_clear_503(client, settings):
    sign_on_settings(settings, "http://127.0.0.1:9")  # nothing listens there
    answer = client.post(LOGIN_URL)
    assert answer.status_code == 503 and "Your company's sign-in can't be reached" in answer.text
