"""Accounts: sign in and out, password change and reset, every page behind
sign-in, and roles that are permissions (Managers group, superusers)."""

import re
from pathlib import Path

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.urls import URLResolver, get_resolver

from stories.models.roles import can_curate
from tests.helpers.people import PASSWORD, make_user
from tests.helpers.wins import story_post_data

pytestmark = pytest.mark.django_db

BASE_DIR = Path(__file__).resolve().parent.parent
NEW_PASSWORD = "a-brand-new-secret-42"


# --- every page needs a signed-in user -------------------------------------------------


def all_routes(patterns=None, prefix=""):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from all_routes(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern), pattern.name, pattern.callback


PUBLIC_ROUTES = {
    "accounts/login/",
    "accounts/login/code/",  # an e-mailed sign-in code (allauth)
    "accounts/login/code/confirm/",
    "accounts/inactive/",  # "this account is switched off"
    "accounts/oidc/<str:provider_id>/login/",  # company single sign-on (404 when off)
    "accounts/oidc/<str:provider_id>/login/callback/",
    "accounts/sso/cancelled/",
    "accounts/logout/",  # signing out an ended session: no data, just the sign-in page
    "accounts/password_reset/",
    "accounts/password_reset/done/",
    "accounts/reset/done/",
    "admin/login/",
    "featured/feed.atom",  # only with ?token= (a person's unguessable, revocable token): 404 without
    "healthz",
    "join/",  # an invitation's code (the same answer for every wrong one; limited per address and code)
    "manifest.webmanifest",  # the installable app: the same for everyone
    "sw.js",
    "offline/",
    "language/",  # the footer's language menu: a cookie for everyone, the choice saved for the signed-in
    "wins/share/",  # the phone's share sheet: keeps files for the form, which needs sign-in
    "inbound/mailgun/inbound_mime/",  # Mailgun's inbound webhook: each post signed (400 if not), 404 when off
}


def test_only_sign_in_password_reset_healthz_and_token_links_are_public():
    """Anything else opened without sign-in would leak wins. A URL carrying an
    unguessable token (a password reset link, a display link) may be public."""
    public = {route for route, _, view in all_routes() if getattr(view, "login_required", True) is False}
    unexpected = {route for route in public - PUBLIC_ROUTES if "token" not in route}
    assert unexpected == set()
    assert PUBLIC_ROUTES <= public


@pytest.mark.parametrize("url", ["/", "/wins/new/", "/wins/1/", "/people/erin/", "/accounts/password_change/"])
def test_pages_send_someone_not_signed_in_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={url}"


@pytest.mark.parametrize("url", ["/accounts/login/", "/accounts/password_reset/", "/healthz"])
def test_sign_in_password_reset_and_healthz_open_without_signing_in(client, url):
    assert client.get(url).status_code == 200


def test_the_admin_needs_a_staff_sign_in(client, employee):
    assert client.get("/admin/").status_code == 302
    client.force_login(employee)
    assert client.get("/admin/").status_code == 302  # not staff


def test_the_admin_lists_wins_and_teams_with_search_and_filters(client, superuser, make_story, team):
    make_story(headline="Ring found in the laundry", team=team)
    make_story(headline="Cold soup")
    client.force_login(superuser)
    response = client.get("/admin/stories/story/", {"q": "ring", "kind__exact": "fixed"})
    assert response.status_code == 200
    assert [story.headline for story in response.context["cl"].result_list] == ["Ring found in the laundry"]
    assert "Front desk" in response.text  # the team column
    assert client.get("/admin/stories/team/", {"q": "front"}).status_code == 200


# --- sign in and out -----------------------------------------------------------------------


def test_signing_in_with_the_right_password_opens_the_feed(client, employee):
    response = client.post("/accounts/login/", {"username": "erin", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.get("/").context["user"] == employee


def test_signing_in_returns_to_the_page_asked_for(client, employee):
    response = client.post(
        "/accounts/login/?next=/wins/new/", {"username": "erin", "password": PASSWORD, "next": "/wins/new/"}
    )
    assert response["Location"] == "/wins/new/"


def test_signing_in_never_redirects_to_another_site(client, employee):
    data = {"username": "erin", "password": PASSWORD, "next": "https://evil.example/"}
    assert client.post("/accounts/login/", data)["Location"] == "/"


def test_a_wrong_password_is_refused_with_a_message(client, employee):
    response = client.post("/accounts/login/", {"username": "erin", "password": "wrong"})
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.text
    assert client.get("/").status_code == 302


def test_an_inactive_account_cannot_sign_in(client, django_user_model):
    make_user(django_user_model, "gone", is_active=False)
    client.post("/accounts/login/", {"username": "gone", "password": PASSWORD})
    assert client.get("/").status_code == 302


def test_signing_out_is_a_post_and_ends_the_session(employee_client):
    assert employee_client.get("/accounts/logout/").status_code == 405
    assert employee_client.get("/").status_code == 200
    response = employee_client.post("/accounts/logout/")
    assert response["Location"] == "/accounts/login/"
    assert employee_client.get("/").status_code == 302


def test_signing_out_after_the_session_ended_lands_on_sign_in_not_an_error(client, employee):
    """Sign out in one tab, then press Sign out in another."""
    response = client.post("/accounts/logout/")
    assert response.status_code == 302 and response["Location"] == "/accounts/login/"
    # Signing in never sends anyone "back" to the sign-out address (a GET there is a 405).
    response = client.post("/accounts/login/?next=/accounts/logout/", {"username": "erin", "password": PASSWORD})
    assert response["Location"] == "/"


def wrong_password(client, username="erin", address="10.0.0.1"):
    return client.post("/accounts/login/", {"username": username, "password": "guess"}, REMOTE_ADDR=address)


def test_password_guessing_is_stopped_after_ten_tries_with_a_clear_message(client, employee):
    for _ in range(10):
        assert wrong_password(client).status_code == 200
    response = client.post("/accounts/login/", {"username": "erin", "password": PASSWORD}, REMOTE_ADDR="10.0.0.1")
    assert response.status_code == 429
    assert "Too many failed sign-ins. Wait 15 minutes and try again" in response.text
    assert client.get("/").status_code == 302  # not signed in, even with the right password
    # The same account from another address, and another account, still sign in.
    response = client.post("/accounts/login/", {"username": "erin", "password": PASSWORD}, REMOTE_ADDR="10.0.0.2")
    assert response.status_code == 302


def test_the_count_ends_with_a_successful_sign_in(client, employee):
    for _ in range(9):
        wrong_password(client)
    client.post("/accounts/login/", {"username": "erin", "password": PASSWORD}, REMOTE_ADDR="10.0.0.1")
    client.post("/accounts/logout/")
    for _ in range(9):
        wrong_password(client)
    response = client.post("/accounts/login/", {"username": "erin", "password": PASSWORD}, REMOTE_ADDR="10.0.0.1")
    assert response.status_code == 302


def test_one_address_guessing_many_accounts_is_stopped_too(client, employee):
    for number in range(200):
        wrong_password(client, username=f"user{number}")
    response = client.post("/accounts/login/", {"username": "erin", "password": PASSWORD}, REMOTE_ADDR="10.0.0.1")
    assert response.status_code == 429


def test_behind_a_proxy_the_limit_counts_the_address_the_proxy_saw(client, employee, settings):
    settings.BEHIND_PROXY = True
    for number in range(10):  # a forged first entry changes nothing: the proxy's entry is the last
        client.post(
            "/accounts/login/",
            {"username": "erin", "password": "guess"},
            REMOTE_ADDR="10.0.0.254",
            HTTP_X_FORWARDED_FOR=f"1.2.3.{number}, 203.0.113.7",
        )
    data = {"username": "erin", "password": PASSWORD}
    blocked = client.post("/accounts/login/", data, REMOTE_ADDR="10.0.0.254", HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert blocked.status_code == 429
    # Someone else behind the same proxy still signs in.
    other = client.post("/accounts/login/", data, REMOTE_ADDR="10.0.0.254", HTTP_X_FORWARDED_FOR="198.51.100.4")
    assert other.status_code == 302


def test_the_admin_sign_in_is_limited_as_well(client, superuser):
    for _ in range(10):
        client.post("/admin/login/", {"username": superuser.username, "password": "guess"}, REMOTE_ADDR="10.0.0.9")
    data = {"username": superuser.username, "password": PASSWORD}
    response = client.post("/admin/login/", data, REMOTE_ADDR="10.0.0.9")
    assert "Too many failed sign-ins" in response.text
    assert client.get("/admin/").status_code == 302


def test_pages_show_the_display_name_falling_back_to_the_username(client, employee, django_user_model):
    client.force_login(employee)
    assert "Erin Employee" in client.get("/").text
    client.force_login(make_user(django_user_model, "nofullname"))
    assert "nofullname" in client.get("/").text


# --- passwords -----------------------------------------------------------------------------


def test_a_signed_in_user_can_change_their_password(employee_client, employee):
    data = {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    response = employee_client.post("/accounts/password_change/", data)
    assert response["Location"] == "/accounts/password_change/done/"
    assert "Your password was changed" in employee_client.get(response["Location"]).text
    assert authenticate(username="erin", password=NEW_PASSWORD) == employee
    assert authenticate(username="erin", password=PASSWORD) is None


def test_changing_the_password_needs_the_old_one(employee_client):
    data = {"old_password": "wrong", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    employee_client.post("/accounts/password_change/", data)
    assert authenticate(username="erin", password=PASSWORD) is not None


def test_password_reset_emails_a_link_that_sets_a_new_password(client, employee):
    employee.email = "erin@example.com"
    employee.save()
    response = client.post("/accounts/password_reset/", {"email": "erin@example.com"})
    assert response["Location"] == "/accounts/password_reset/done/"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["erin@example.com"]
    assert mail.outbox[0].subject == "Choose a new Winsboard password"
    assert mail.outbox[0].body.startswith("Hello Erin Employee,")
    assert "Thanks for using our site" not in mail.outbox[0].body
    link = re.search(r"https?://[^/\s]+(/accounts/reset/\S+/)", mail.outbox[0].body).group(1)

    form_url = client.get(link)["Location"]  # Django swaps the token for a session-held one
    assert "Choose a new password" in client.get(form_url).text
    response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response["Location"] == "/accounts/reset/done/"
    assert authenticate(username="erin", password=NEW_PASSWORD) == employee

    assert "This link has expired" in client.get(link, follow=True).text  # used once only


def test_password_reset_for_an_unknown_email_sends_nothing_and_says_the_same(client, employee):
    response = client.post("/accounts/password_reset/", {"email": "nobody@example.com"})
    assert response["Location"] == "/accounts/password_reset/done/"
    assert mail.outbox == []


# --- roles are permissions ------------------------------------------------------------------


def test_a_managers_group_holds_the_curate_permission():
    group = Group.objects.get(name="Managers")
    assert list(group.permissions.values_list("content_type__app_label", "codename")) == [("stories", "curate_story")]


def test_managers_and_superusers_curate_and_employees_do_not(employee, manager, superuser):
    assert can_curate(manager)
    assert can_curate(superuser)
    assert not can_curate(employee)


def test_the_curate_permission_not_the_group_name_makes_a_manager(client, django_user_model, make_story):
    """A "Shift leads" group granted the permission manages; a "Managers"
    group stripped of it does not."""
    story = make_story()
    leads = Group.objects.create(name="Shift leads")
    leads.permissions.add(Permission.objects.get(codename="curate_story"))
    lead = make_user(django_user_model, "lead")
    lead.groups.add(leads)
    Group.objects.get(name="Managers").permissions.clear()
    named_manager = make_user(django_user_model, "named", manager=True)

    client.force_login(lead)
    data = story_post_data(story.author, headline="Edited by a shift lead")
    assert client.post(f"/wins/{story.pk}/edit/", data).status_code == 302
    client.force_login(named_manager)
    assert client.post(f"/wins/{story.pk}/edit/", data).status_code == 403


def test_code_never_checks_the_managers_group_by_name():
    offenders = []
    for path in [*BASE_DIR.glob("stories/**/*.py"), *BASE_DIR.glob("winsboard/*.py"), *BASE_DIR.glob("*/**/*.html")]:
        if {"migrations", "management", ".venv", "staticfiles"} & set(path.parts):
            continue
        if re.search(r"""(?<!["'])(["'])Managers\1(?!["'])""", path.read_text()):  # the name as a string
            offenders.append(str(path.relative_to(BASE_DIR)))
    assert offenders == []


# --- the signed-in user, loaded by SQL built once ------------------------------------------


def _everything(user):
    profile = getattr(user, "profile", None)
    return (
        {field.attname: getattr(user, field.attname) for field in user._meta.concrete_fields},
        {field.attname: getattr(profile, field.attname) for field in profile._meta.concrete_fields}
        if profile
        else None,
        user.unread_notifications,
        user.holds_curate_permission,
        user._state.db,
        user._state.adding,
    )


def test_the_signed_in_user_is_loaded_exactly_as_the_orm_loads_it(employee, other_employee, manager, make_story):
    """stories.lib.prepared runs the user's query from SQL built once: every
    field, the profile, the unread count and may-curate equal the ORM's —
    for an employee with news, a manager, someone without a profile, and an
    id nobody has (None)."""
    from stories import services
    from stories.auth import NotifiedUserBackend, _signed_in_users
    from stories.models import Profile

    story = make_story(author=other_employee, heroes=[employee, other_employee])
    services.cheer_set(story=story, user=manager, on=True)
    Profile.objects.filter(user=manager).delete()
    backend = NotifiedUserBackend()
    for person in (employee, other_employee, manager):
        loaded = backend.get_user(person.pk)
        assert _everything(loaded) == _everything(_signed_in_users().get(pk=person.pk))
    assert backend.get_user(employee.pk).unread_notifications >= 1
    assert backend.get_user(manager.pk).holds_curate_permission is True
    assert backend.get_user(str(employee.pk)).pk == employee.pk  # a session keeps the id as text
    assert backend.get_user(987654) is None


def test_each_load_of_the_user_makes_objects_of_its_own(employee):
    """How a row becomes a user and profile is found once and kept: the
    objects are still new each time, each profile pointing at its own user,
    and a change between two loads shows in the second."""
    from stories.auth import NotifiedUserBackend
    from stories.models import Profile

    Profile.objects.update_or_create(user=employee, defaults={"display_name": "Erin"})
    backend = NotifiedUserBackend()
    first = backend.get_user(employee.pk)
    Profile.objects.filter(user=employee).update(display_name="Erin Again")
    second = backend.get_user(employee.pk)
    assert first is not second and first.profile is not second.profile
    assert first.profile.user is first and second.profile.user is second
    assert (first.profile.display_name, second.profile.display_name) == ("Erin", "Erin Again")


def test_a_prepared_query_that_fetches_peers_gathers_only_its_own_load(employee, other_employee):
    """A fetch mode that tracks peers gathers every related object its
    populators make: a load must not count another load's as its peers."""
    from django.contrib.auth import get_user_model
    from django.db.models import FETCH_PEERS

    from stories.lib.prepared import Prepared
    from stories.models import Profile

    for person in (employee, other_employee):
        Profile.objects.update_or_create(user=person, defaults={"display_name": person.username})
    users = get_user_model().objects.select_related("profile").fetch_mode(FETCH_PEERS)
    load = Prepared(users.filter(pk=Prepared.SLOT))
    first = load.first(alias="default", value=employee.pk)
    second = load.first(alias="default", value=other_employee.pk)
    assert [peer() for peer in first.profile._state.peers] == [first.profile]
    assert [peer() for peer in second.profile._state.peers] == [second.profile]


def test_a_display_link_is_loaded_exactly_as_the_orm_loads_it(manager):
    """The screens' link lookup (stories.access) runs SQL built once, with
    the token in a text slot: the same link as the ORM's; none for a revoked
    or unknown token."""
    from django.http import Http404
    from django.utils import timezone

    from stories import services
    from stories.access import active_display_link
    from stories.models import DisplayLink

    lobby = services.display_link_create(name="Lobby", query="featured=1", by=manager, language="fr")
    gone = services.display_link_create(name="Old", query="", by=manager)
    DisplayLink.objects.filter(pk=gone.pk).update(revoked_at=timezone.now())
    loaded = active_display_link(lobby.token)
    fields = [field.attname for field in DisplayLink._meta.concrete_fields]
    orm = DisplayLink.objects.get(pk=lobby.pk)
    assert [getattr(loaded, name) for name in fields] == [getattr(orm, name) for name in fields]
    assert (loaded._state.db, loaded._state.adding) == ("default", False)
    for token in (gone.token, "x" * 43):
        with pytest.raises(Http404):
            active_display_link(token)


@pytest.mark.django_db(transaction=True)
def test_each_thread_loads_the_user_on_its_own_connection(employee):
    """(gunicorn's threads: a compiled query belongs to its thread's connection.)"""
    import threading

    from django.db import connection

    from stories.auth import NotifiedUserBackend

    backend = NotifiedUserBackend()
    here = backend.get_user(employee.pk)
    elsewhere = []

    def load():
        elsewhere.append(backend.get_user(employee.pk))
        connection.close()

    thread = threading.Thread(target=load)
    thread.start()
    thread.join()
    assert elsewhere[0] is not None and _everything(elsewhere[0]) == _everything(here)
