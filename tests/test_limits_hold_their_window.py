"""Every rate limit holds exactly its window, on every cache backend (the
database cache, local memory, a real Redis), with a controlled clock; and a
limit's count is atomic, taken before the guarded work (30 parallel wrong
passwords: exactly the limit are checked)."""

import threading
import time
from datetime import UTC, datetime

import pytest
from django.contrib.auth.signals import user_login_failed
from django.core import mail
from django.core.cache import caches
from django.core.cache.backends import db as db_cache
from django.core.management import call_command
from django.test import Client, RequestFactory

from stories import auth
from stories.lib import limits
from stories.models.celebrate import COMMENTS_PER_MINUTE
from tests.helpers.people import PASSWORD
from tests.helpers.servers import redis_server

T0 = 1_900_000_800  # a multiple of an hour: every window starts here

BACKENDS = {
    "database": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "limits_test_cache"},
    "memory": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "limits-test"},
    "redis": {"BACKEND": "winsboard.redis_cache.RedisCache"},  # the one CACHE_URL=redis:// picks
}

# Every limit in the code: (name as counted, limit, window).
EVERY_LIMIT = [
    ("sign-in:account", auth.FAILURES_PER_ACCOUNT, auth.WINDOW_SECONDS),
    ("sign-in:address", auth.FAILURES_PER_ADDRESS, auth.WINDOW_SECONDS),
    ("sign-in:minute", auth.FAILURES_PER_MINUTE, auth.MINUTE),
    ("reset:email-from", auth.RESETS_PER_EMAIL, auth.RESET_WINDOW_SECONDS),
    ("reset:address", auth.RESETS_PER_ADDRESS, auth.RESET_WINDOW_SECONDS),
    ("reset:email", auth.RESET_MAILS_PER_EMAIL, auth.RESET_WINDOW_SECONDS),
    ("comments", COMMENTS_PER_MINUTE, 60),
    ("code:email-from", auth.CODES_PER_EMAIL, auth.CODE_WINDOW_SECONDS),
    ("code:address", auth.CODES_PER_ADDRESS, auth.CODE_WINDOW_SECONDS),
    ("code:email", auth.CODE_MAILS_PER_EMAIL, auth.CODE_WINDOW_SECONDS),
]


class Clock:
    """time.time() and the database cache's now(), moved by hand."""

    def __init__(self, monkeypatch, start):
        self.now = float(start)
        monkeypatch.setattr(time, "time", lambda: self.now)
        monkeypatch.setattr(db_cache, "tz_now", lambda: datetime.fromtimestamp(self.now, UTC))

    def at(self, seconds_after_start):
        self.now = T0 + seconds_after_start


@pytest.fixture(params=[*sorted(BACKENDS.keys() - {"redis"}), pytest.param("redis", marks=pytest.mark.slow)])
def cache_backend(request, settings, tmp_path, db):
    backend = dict(BACKENDS[request.param], KEY_PREFIX="wb")
    if request.param == "redis":
        backend["LOCATION"] = request.getfixturevalue("redis_url")
    settings.CACHES = {**settings.CACHES, "default": backend}
    if request.param == "database":
        call_command("createcachetable", verbosity=0)
    caches["default"].clear()
    return request.param


@pytest.fixture
def redis_url(tmp_path):
    with redis_server(tmp_path) as url:
        yield url


@pytest.fixture
def owner(employee):
    employee.email = "erin@example.com"
    employee.save()
    return employee


@pytest.fixture
def clock(monkeypatch, cache_backend):
    return Clock(monkeypatch, T0)


@pytest.mark.parametrize(("name", "limit", "window"), EVERY_LIMIT)
def test_every_limit_holds_exactly_its_window(clock, name, limit, window):
    assert all(limits.hit(name, "k", limit=limit, window=window) for _ in range(limit))
    assert not limits.hit(name, "k", limit=limit, window=window)
    for later in (300 + 30, window - 1):  # past the database cache's default 300 s, to the last second
        clock.at(min(later, window - 1))
        assert limits.exceeded(name, "k", limit=limit, window=window), f"{name} reopened after {later} s"
        assert not limits.hit(name, "k", limit=limit, window=window)
    clock.at(window)
    assert not limits.exceeded(name, "k", limit=limit, window=window)
    assert limits.hit(name, "k", limit=limit, window=window)
    assert limits.hit(name, "other key", limit=limit, window=window)


def test_a_locked_account_stays_locked_for_the_whole_15_minutes(clock, client, employee):
    wrong = {"username": employee.username, "password": "wrong"}
    for _ in range(12):
        client.post("/accounts/login/", wrong)
    right = {"username": employee.username, "password": PASSWORD}
    clock.at(5 * 60 + 30)
    assert client.post("/accounts/login/", right).status_code == 429
    clock.at(auth.WINDOW_SECONDS - 1)
    assert client.post("/accounts/login/", right).status_code == 429
    clock.at(auth.WINDOW_SECONDS)
    assert client.post("/accounts/login/", right).status_code == 302


def test_resets_from_one_client_stay_limited_for_the_whole_hour(clock, client, owner):
    for _ in range(auth.RESETS_PER_EMAIL):
        assert client.post("/accounts/password_reset/", {"email": owner.email}).status_code == 302
    clock.at(5 * 60 + 30)
    assert client.post("/accounts/password_reset/", {"email": owner.email}).status_code == 429
    clock.at(auth.RESET_WINDOW_SECONDS - 1)
    assert client.post("/accounts/password_reset/", {"email": owner.email}).status_code == 429
    clock.at(auth.RESET_WINDOW_SECONDS)
    assert client.post("/accounts/password_reset/", {"email": owner.email}).status_code == 302


def test_a_stranger_cannot_get_the_owners_reset_refused(clock, client, owner):
    """The stranger is told to wait; the owner, elsewhere, gets the usual
    page and an e-mail; across clients at most RESET_MAILS_PER_EMAIL go out."""
    stranger = [
        client.post("/accounts/password_reset/", {"email": owner.email}, REMOTE_ADDR="10.6.6.6").status_code
        for _ in range(auth.RESETS_PER_EMAIL + 2)
    ]
    assert stranger == [302] * auth.RESETS_PER_EMAIL + [429, 429]
    answer = client.post("/accounts/password_reset/", {"email": owner.email}, REMOTE_ADDR="10.1.1.1")
    assert answer.status_code == 302 and answer.url == "/accounts/password_reset/done/"
    assert len(mail.outbox) == auth.RESETS_PER_EMAIL + 1 and mail.outbox[-1].to == [owner.email]
    for n in range(auth.RESET_MAILS_PER_EMAIL):
        client.post("/accounts/password_reset/", {"email": owner.email}, REMOTE_ADDR=f"10.7.0.{n}")
    assert len(mail.outbox) == auth.RESET_MAILS_PER_EMAIL  # the cap, quietly
    clock.at(auth.RESET_WINDOW_SECONDS)
    client.post("/accounts/password_reset/", {"email": owner.email}, REMOTE_ADDR="10.1.1.1")
    assert len(mail.outbox) == auth.RESET_MAILS_PER_EMAIL + 1  # a new hour: the owner's request sends again


def ask_for_code(email, address):
    return Client(REMOTE_ADDR=address).post("/accounts/login/code/", {"email": email})  # a new browser each time


def test_code_requests_from_one_client_stay_limited_for_the_whole_15_minutes(clock, owner):
    for _ in range(auth.CODES_PER_EMAIL):
        assert ask_for_code(owner.email, "10.2.2.2").status_code == 302
    clock.at(5 * 60 + 30)
    assert ask_for_code(owner.email, "10.2.2.2").status_code == 429
    clock.at(auth.CODE_WINDOW_SECONDS - 1)
    assert ask_for_code(owner.email, "10.2.2.2").status_code == 429
    clock.at(auth.CODE_WINDOW_SECONDS)
    assert ask_for_code(owner.email, "10.2.2.2").status_code == 302
    assert len(mail.outbox) == auth.CODES_PER_EMAIL + 1


def test_a_stranger_cannot_get_the_owners_sign_in_code_refused(clock, owner):
    """The stranger is told to wait after a few; the owner, elsewhere, still
    gets a code mailed — a code works only in the browser that asked."""
    stranger = [ask_for_code(owner.email, "10.6.6.6").status_code for _ in range(auth.CODES_PER_EMAIL + 2)]
    assert stranger == [302] * auth.CODES_PER_EMAIL + [429, 429]
    assert ask_for_code(owner.email, "10.1.1.1").status_code == 302
    assert len(mail.outbox) == auth.CODES_PER_EMAIL + 1
    assert mail.outbox[-1].to == [owner.email]


def test_codes_mailed_to_one_address_are_capped_quietly_across_clients(clock, owner):
    for n in range(auth.CODE_MAILS_PER_EMAIL + 2):
        answer = ask_for_code(owner.email, f"10.3.0.{n}")
        assert answer.status_code == 302 and answer.url.startswith("/accounts/login/code/confirm/")
    assert len(mail.outbox) == auth.CODE_MAILS_PER_EMAIL
    clock.at(auth.CODE_WINDOW_SECONDS)
    ask_for_code(owner.email, "10.3.1.1")
    assert len(mail.outbox) == auth.CODE_MAILS_PER_EMAIL + 1


def test_allauths_own_sliding_limits_are_off_so_ours_are_the_only_ones(db):
    """(allauth's limits slide, counted by a get then a set: not atomic, and
    one typed address's limit let a stranger block its owner.)"""
    from allauth.account import app_settings as allauth_settings
    from allauth.core.internal.ratelimit import get_rates

    assert allauth_settings.RATE_LIMITS == {}
    for action in ("request_login_code", "login_failed", "login", "reset_password", "confirm_email"):
        assert get_rates(app="allauth.account", action=action) == []


# --- the count is atomic and comes before the password check ---------------------------


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("backend", ["database", "memory"])
def test_thirty_parallel_wrong_passwords_check_only_the_limit(backend, settings, employee, monkeypatch):
    """(The per-minute limit, 20 per address, would refuse some too: it is
    lifted here so the per-account count alone decides.)"""
    monkeypatch.setattr(auth, "_SIGN_IN_PER_ADDRESS", (("sign-in:address", 1000, auth.WINDOW_SECONDS),))
    settings.CACHES = {**settings.CACHES, "default": dict(BACKENDS[backend], KEY_PREFIX="wb")}
    if backend == "database":
        call_command("createcachetable", verbosity=0)
    caches["default"].clear()
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]  # a real, slow check
    checked, errors, lock, start = [], [], threading.Lock(), threading.Barrier(30)

    def count_check(sender, credentials, **kwargs):
        with lock:
            checked.append(credentials["username"])

    def guess():
        from django.db import connection

        request = RequestFactory().post("/accounts/login/", REMOTE_ADDR="10.0.0.5")
        form = auth.ThrottledAuthenticationForm(request, {"username": employee.username, "password": "wrong"})
        start.wait()
        try:
            form.is_valid()
        except Exception as error:  # noqa: BLE001 - counted below: none may fail
            errors.append(error)
        connection.close()

    user_login_failed.connect(count_check)
    try:
        threads = [threading.Thread(target=guess) for _ in range(30)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        user_login_failed.disconnect(count_check)
    assert errors == []
    assert len(checked) == auth.FAILURES_PER_ACCOUNT
