"""Shared fixtures: the people of a small company, and wins to show them."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from stories import services
from stories.models import Story, Team


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
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("TEST", {})["NAME"] = str(tmp_path_factory.mktemp("db") / "test.sqlite3")


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, tmp_path):
    """MD5 passwords for speed; media in a throwaway folder; an empty cache
    (sign-in failure counts live there)."""
    from django.core.cache import cache

    cache.clear()
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


PASSWORD = "correct-horse-battery"


def managers_group():
    """The Managers group. A data migration makes it, but the flush after a
    transactional (browser) test empties it: make it again when it is gone."""
    group, created = Group.objects.get_or_create(name="Managers")
    if created:
        group.permissions.add(Permission.objects.get(codename="curate_story", content_type__app_label="stories"))
    return group


def make_user(django_user_model, username, *, first="", last="", manager=False, **extra):
    user = django_user_model.objects.create_user(
        username=username, password=PASSWORD, first_name=first, last_name=last, **extra
    )
    if manager:
        user.groups.add(managers_group())
    return user


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


def story_post_data(*heroes, **overrides):
    """What the post/edit form sends for a valid win crediting `heroes`."""
    return {
        "headline": "Found a lost passport",
        "body": "A guest lost his passport.\nI called the station and fetched it.",
        "kind": "fixed",
        "heroes": [hero.pk for hero in heroes],
        "team": "",
        "happened_on": timezone.localdate().isoformat(),
        "needed_approval": "False",
        "cost": "",
        "quote": "",
        "quote_by": "",
        **overrides,
    }


def seed_wins(count, *, authors, heroes_per_win=3, teams=(), tags=(), created_at=None, **fields):
    """`count` published wins in a few queries, each crediting several of
    `authors` and carrying every tag in `tags` — enough data that an N+1 on
    a list page shows. With `created_at` they all share that timestamp."""
    now = timezone.now()
    stories = Story.objects.bulk_create(
        Story(
            headline=f"Win number {index}",
            body=f"Story {index}.\nIt ended well.",
            kind=Story.Kind.values[index % 4],
            team=teams[index % len(teams)] if teams else None,
            author=authors[index % len(authors)],
            created_at=created_at or now - timedelta(minutes=index),
            **fields,
        )
        for index in range(count)
    )
    Story.heroes.through.objects.bulk_create(
        Story.heroes.through(story_id=story.pk, user_id=authors[(index + offset) % len(authors)].pk)
        for index, story in enumerate(stories)
        for offset in range(min(heroes_per_win, len(authors)))
    )
    Story.tags.through.objects.bulk_create(
        Story.tags.through(story_id=story.pk, tag_id=tag.pk) for story in stories for tag in tags
    )
    return stories


# --- media --------------------------------------------------------------------

STORAGE_BACKENDS = {
    "filesystem": "django.core.files.storage.FileSystemStorage",
    "in-memory": "django.core.files.storage.InMemoryStorage",
}


@pytest.fixture(params=sorted(STORAGE_BACKENDS))
def media_storage(request, settings):
    """Run a media test on the file system and again on Django's in-memory
    storage: all file access goes through the storage API."""
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": STORAGE_BACKENDS[request.param]}}
    from django.core.files.storage import default_storage

    return default_storage
