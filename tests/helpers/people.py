"""The people of a small company, made for a test."""

from html.parser import HTMLParser

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


class _FormFields(HTMLParser):
    """Every field a browser would send from the page's forms: inputs (checked
    boxes only), selected options, textareas."""

    def __init__(self):
        super().__init__()
        self.fields, self._select, self._textarea = [], None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file", "image"):
            if attrs.get("type") in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.fields.append((name, attrs.get("value", "on")))
            else:
                self.fields.append((name, attrs.get("value") or ""))
        elif tag == "select":
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.fields.append((self._select, attrs.get("value", "")))
        elif tag == "textarea" and name:
            self._textarea = [name, ""]

    def handle_data(self, data):
        if self._textarea:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.fields.append(tuple(self._textarea))
            self._textarea = None


def admin_save(client, url, **changes):
    """Send the admin's change form at `url` as a browser would, with `changes`
    (a change to None leaves the field out: an unticked checkbox)."""
    parser = _FormFields()
    parser.feed(client.get(url).text)
    data = {}
    for name, value in parser.fields:
        data.setdefault(name, []).append(value)
    data.update({name: [value] for name, value in changes.items()})
    data = {name: value for name, value in data.items() if value != [None]}
    data.pop("_addanother", None), data.pop("_continue", None)
    return client.post(url, data)
