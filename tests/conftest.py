"""Shared fixtures: the people of a small company, and wins to show them."""

import pytest
from django.contrib.auth.models import Group

from stories import services
from stories.models import Story, Team


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, tmp_path):
    """MD5 passwords for speed; media in a throwaway folder."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


PASSWORD = "correct-horse-battery"


def make_user(django_user_model, username, *, first="", last="", manager=False, **extra):
    user = django_user_model.objects.create_user(
        username=username, password=PASSWORD, first_name=first, last_name=last, **extra
    )
    if manager:
        user.groups.add(Group.objects.get(name="Managers"))
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
