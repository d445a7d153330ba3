"""Shared fixtures: the people of a small company, and wins to show them."""

import pytest

from stories import services
from stories.models import Story, Team
from tests.helpers.people import PASSWORD, make_user
from tests.helpers.servers import moto_server, s3_storage_settings


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """On SQLite, test in a file rather than in memory, as production does.

    With an in-memory database Django shares ONE connection between the test
    and live_server's thread, so a test that writes while the browser is
    loading a page can corrupt a cursor (a spurious 500). A file gives each
    thread its own connection, with WAL and IMMEDIATE transactions like
    production."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] in {"django.db.backends.sqlite3", "winsboard.sqlite3"}:
        database.setdefault("TEST", {})["NAME"] = str(tmp_path_factory.mktemp("db") / "test.sqlite3")


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, tmp_path):
    """MD5 passwords for speed; media in a throwaway folder; empty caches
    (sign-in failure counts live in one, rendered cards in the other)."""
    from django.core.cache import caches

    caches["default"].clear()
    caches["cards"].clear()
    caches["pages"].clear()
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


# Mid-way through every window a limit uses (a minute, 15 minutes, an hour):
# a test that counts on a limit can't straddle a window's end and flake.
MID_WINDOW = 1_900_000_800 + 7 * 60 + 30


@pytest.fixture(autouse=True)
def _limits_clock_held_mid_window(request, monkeypatch):
    """Rate limits count in fixed windows; tests that move the clock
    themselves (the `clock` fixture of test_limits_hold_their_window) do."""
    if "clock" not in request.fixturenames:
        from stories.lib import limits

        monkeypatch.setattr(limits, "now", lambda: MID_WINDOW)


@pytest.fixture
def employee(django_user_model):
    return make_user(django_user_model, "erin", first="Erin", last="Employee")


@pytest.fixture
def other_employee(django_user_model):
    return make_user(django_user_model, "oscar", first="Oscar", last="Other")


@pytest.fixture
def manager(django_user_model):
    return make_user(django_user_model, "mona", first="Mona", last="Manager", manager=True)


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser(username="root", password=PASSWORD, email="root@example.com")


@pytest.fixture
def team(db):
    return Team.objects.create(name="Front desk")


@pytest.fixture
def make_story(employee):
    """Make a published win (by `employee` unless another author is given)."""

    def _make(**overrides):
        author = overrides.pop("author", employee)
        heroes = overrides.pop("heroes", [author])
        fields = {
            "headline": "Saved a guest's anniversary",
            "body": "We upgraded the room and sent champagne.",
            "kind": Story.Kind.FIXED,
            **overrides,
        }
        created_at = fields.pop("created_at", None)
        story = services.story_create(author=author, heroes=heroes, **fields)
        if created_at is not None:
            Story.objects.filter(pk=story.pk).update(created_at=created_at)
            story.refresh_from_db()
        return story

    return _make


@pytest.fixture
def story(make_story):
    return make_story()


@pytest.fixture
def employee_client(client, employee):
    client.force_login(employee)
    return client


@pytest.fixture
def manager_client(client, manager):
    client.force_login(manager)
    return client


# --- media --------------------------------------------------------------------

STORAGE_BACKENDS = {
    "filesystem": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "in-memory": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "s3": None,  # a private bucket on moto's S3 server (s3_endpoint)
}


@pytest.fixture(scope="session")
def s3_endpoint():
    """moto's S3 server, started once for the session on a loopback port."""
    with moto_server() as endpoint:
        yield endpoint


@pytest.fixture(params=sorted(STORAGE_BACKENDS))
def media_storage(request, settings):
    """Run a media test on the file system, on Django's in-memory storage and
    on an S3 bucket (moto's server; a new bucket per test): all file access
    goes through the storage API."""
    backend = STORAGE_BACKENDS[request.param] or s3_storage_settings(request.getfixturevalue("s3_endpoint"))
    settings.STORAGES = {**settings.STORAGES, "default": backend}
    from django.core.files.storage import default_storage

    return default_storage
