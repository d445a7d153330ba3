"""Logs: one line per request (method, path without its query, status, ms,
user id); LOG_FORMAT=json writes each as one JSON object; no password, token
or cookie in any line; 4xx answers without a traceback."""

import json
import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from stories import services
from stories.lib.logs import JsonFormatter, RedactFilter

BASE_DIR = Path(__file__).resolve().parent.parent


@pytest.mark.django_db
def test_each_request_is_one_line_with_method_path_status_time_and_user(employee_client, employee, caplog):
    with caplog.at_level(logging.INFO, logger="winsboard.requests"):
        employee_client.get("/?q=secret+search")
    (record,) = [r for r in caplog.records if r.name == "winsboard.requests"]
    assert (record.method, record.path, record.status, record.user) == ("GET", "/", 200, employee.pk)
    assert isinstance(record.ms, float) and record.ms > 0
    assert "secret" not in record.getMessage()


@pytest.mark.django_db
def test_a_display_links_token_never_reaches_the_log(client, manager, caplog):
    link = services.display_link_create(name="Lobby", query="", by=manager)
    with caplog.at_level(logging.INFO, logger="winsboard.requests"):
        client.get(f"/slideshow/d/{link.token}/slides.json")
    (record,) = [r for r in caplog.records if r.name == "winsboard.requests"]
    assert record.path == "/slideshow/d/[redacted]/slides.json" and record.user is None


def make_record(message, *args, status=None, exc=None):
    record = logging.LogRecord("django.request", logging.WARNING, __file__, 1, message, args, exc)
    if status:
        record.status_code = status
    return record


def test_the_filter_masks_tokens_passwords_cookies_and_credentials():
    record = make_record(
        "%s %s %s",
        "/accounts/reset/MQ/c2x1-abcdef0123456789/ /slideshow/d/Zx9_tokenTOKENtoken/files/photo-card/3",
        "password=hunter2&next=/ sessionid=abc123; csrftoken=def456",
        "redis://:redispass@cache:6379/0 postgres://wins:dbpass@db/wins",
    )
    RedactFilter().filter(record)
    line = record.getMessage()
    for secret in (
        "c2x1-abcdef0123456789",
        "Zx9_tokenTOKENtoken",
        "hunter2",
        "abc123",
        "def456",
        "redispass",
        "dbpass",
    ):
        assert secret not in line
    assert "/slideshow/d/[redacted]/files/photo-card/3" in line and "next=/" in line


def test_a_4xx_is_logged_without_its_traceback():
    try:
        raise PermissionError("not a manager")
    except PermissionError:
        record = make_record("Forbidden (Permission denied): %s", "/manage/", status=403, exc=sys.exc_info())
    RedactFilter().filter(record)
    assert record.exc_info is None and not record.exc_text


def test_json_lines_are_one_object_per_line_with_the_request_fields():
    record = make_record("GET / 200", status=None)
    record.method, record.path, record.status, record.ms, record.user = "GET", "/", 200, 12.5, 7
    try:
        raise ValueError("boom\nsecond line")
    except ValueError:
        record.exc_info = sys.exc_info()
    line = JsonFormatter().format(record)
    assert "\n" not in line
    parsed = json.loads(line)
    assert {k: parsed[k] for k in ("method", "path", "status", "ms", "user")} == {
        "method": "GET",
        "path": "/",
        "status": 200,
        "ms": 12.5,
        "user": 7,
    }
    assert parsed["level"] == "WARNING" and "ValueError: boom" in parsed["traceback"]


REQUESTS = """
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from django.contrib.auth import get_user_model
from django.test import Client
from stories import services
from stories.models import Story
user = get_user_model().objects.create_user("erin", password="Pa55-word-in-a-log?")
story = services.story_create(author=user, heroes=[user], headline="A win", body="A story.")
link = services.display_link_create(name="Lobby", query="", by=user)
client = Client(raise_request_exception=False)
client.post("/accounts/login/", {"username": "erin", "password": "Pa55-word-in-a-log?"})
client.get("/?q=private+words")
client.post(f"/wins/{story.pk}/hide/", {"reason": "no"})  # 403: not a manager
client.get(f"/slideshow/d/{link.token}/")
client.get("/accounts/reset/MQ/set-password-token-1234567890/")
print("TOKEN", link.token, client.cookies["sessionid"].value)
"""


def test_with_log_format_json_every_line_is_json_and_none_carries_a_secret(tmp_path):
    environ = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    environ |= {"DJANGO_SETTINGS_MODULE": "winsboard.settings", "ALLOWED_HOSTS": "testserver", "LOG_FORMAT": "json"}
    environ |= {"SQLITE_PATH": str(tmp_path / "db.sqlite3"), "MEDIA_ROOT": str(tmp_path / "media")}
    result = subprocess.run(
        [sys.executable, "-c", REQUESTS], cwd=BASE_DIR, env=environ, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    _, token, session = result.stdout.split()
    lines = [json.loads(line) for line in result.stderr.splitlines() if line.strip()]
    requests = [
        (line["method"], line["path"], line["status"]) for line in lines if line["logger"] == "winsboard.requests"
    ]
    assert requests == [
        ("POST", "/accounts/login/", 302),
        ("GET", "/", 200),
        ("POST", f"/wins/{requests[2][1].split('/')[2]}/hide/", 403),
        ("GET", "/slideshow/d/[redacted]/", 200),
        ("GET", "/accounts/reset/[redacted]/", 200),
    ]
    for secret in ("Pa55-word-in-a-log?", token, session, "set-password-token-1234567890", "private"):
        assert secret not in result.stderr
    forbidden = [line for line in lines if line.get("status_code") == 403 or "Forbidden" in line["message"]]
    assert forbidden and all("traceback" not in line for line in forbidden)


SECRET = "Zq9SeCrEtToKeN"


def _paths_with_a_secret(patterns, prefix=""):
    """A path for every URL pattern with a secret argument (token, uidb64),
    that argument SECRET and every other a plausible value."""
    from django.urls import URLPattern, URLResolver

    samples = {"int": "7", "slug": "photo-card", "str": "x", "path": "x"}
    for pattern in patterns:
        route = str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _paths_with_a_secret(pattern.url_patterns, prefix + route)
        elif isinstance(pattern, URLPattern) and ("<str:token>" in route or "<uidb64>" in route):
            path = "/" + prefix + route.replace("<str:token>", SECRET).replace("<uidb64>", SECRET)
            for converter, value in samples.items():
                path = re.sub(rf"<{converter}:\w+>", value, path)
            yield re.sub(r"<\w+>", "x", path)


def test_every_link_with_a_secret_in_its_path_is_masked_in_the_log():
    """Walks the URL patterns: a new one with a token fails here until
    stories/lib/logs.py masks it (with and without its trailing slash)."""
    from django.urls import get_resolver

    from stories.lib.logs import redact

    paths = list(_paths_with_a_secret(get_resolver().url_patterns))
    assert any(path.startswith("/join/") for path in paths) and len(paths) >= 7
    for path in paths:
        for line in (f"GET {path} 200", f"Bad Request: {path.rstrip('/')}", f"next={path}"):
            assert SECRET not in redact(line), line


@pytest.mark.django_db
def test_an_invitations_token_never_reaches_the_log_even_unresolved(client, caplog):
    """A link with its slash missing (a 301 before any view) and one refused
    (Django's own "Bad Request" line): every line as the handler writes it."""
    with caplog.at_level(logging.INFO):
        client.get(f"/join/{SECRET}")
        client.get(f"/join/{SECRET}/")
    assert len(caplog.records) >= 2
    for record in caplog.records:
        RedactFilter().filter(record)
        assert SECRET not in record.getMessage() and SECRET not in str(getattr(record, "path", ""))
