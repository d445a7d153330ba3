"""The people of a small company, made for a test."""

from django.contrib.auth.models import Group, Permission
from django.test import Client

from stories.models import Tag

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


def client_for(user):
    """A test client signed in as `user` (several people in one test)."""
    client = Client()
    client.force_login(user)
    return client


def crowd(django_user_model):
    """Four colleagues and three tags to spread seeded wins across, so that
    an N+1 over heroes or tags would show in a query count."""
    people = [make_user(django_user_model, f"p{i}", first=f"P{i}") for i in range(4)]
    tags = [Tag.objects.create(name=f"Tag {i}", slug=f"tag-{i}") for i in range(3)]
    return people, tags


def linked_name(user, name, *, initials="", css=""):
    """How a page shows `user` called `name`: a link to their page (with
    their initials before the name when `initials` is given; `css`: the
    name's extra classes, as a card gives them)."""
    avatar = f'<span class="avatar avatar-initials me-1" aria-hidden="true">{initials}</span>' if initials else ""
    classes = f"person-link {css}".strip()
    return f'<a class="{classes}" href="/people/{user.username}/">{avatar}<span class="person-name">{name}</span></a>'
