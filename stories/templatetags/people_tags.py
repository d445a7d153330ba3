"""How a person is shown: `{% load people_tags %}`, then
`{% person_shown user as p %}` (name, link, photo or initials) — used by
`stories/includes/_person_link.html`, the one template that shows a name —
or `{{ user|display_name }}` for a name in plain text."""

from dataclasses import dataclass

from django import template
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import pgettext

from ..lib.text import initials
from ..models import display_name as name_of

register = template.Library()


@dataclass(frozen=True)
class Shown:
    name: str
    url: str  # "" for a closed account (its page is gone) or a former colleague
    photo_url: str  # "" when there is no photo: show `initials`
    initials: str


@register.simple_tag
def person_link(user):
    """`_person_link.html` for `user` as a value, to put a linked name inside a
    translated sentence: `{% person_link story.author as author %}` then
    `{% blocktranslate %}posted by {{ author }}{% endblocktranslate %}` (it is our
    template's output: the name is escaped there)."""
    return render_to_string("stories/includes/_person_link.html", {"person": user})


@register.simple_tag
def person_shown(user):
    """What shows `user` (loaded with `select_related("profile")`: no query)."""
    name = name_of(user)
    if user is None:
        return Shown(name=name, url="", photo_url="", initials=initials(name))
    profile = getattr(user, "profile", None)
    photo = profile.photo_small if profile is not None else None
    url = reverse("person", args=[user.get_username()]) if user.is_active else ""
    return Shown(name=name, url=url, photo_url=photo.url if photo else "", initials=initials(name))


@register.filter
def display_name(user):
    return name_of(user)


@register.filter
def with_separators(people):
    """[(person, what follows them)]: "Ann, Bo and Cy" with each name a link
    (the rule of the plain-text lists, `stories.models.celebrate.names_list`),
    in the reader's language."""
    people = list(people)
    # Translators: what separates names in a list, as in “Ana, Ben and Cy”.
    comma = pgettext("between names in a list", ", ")
    # Translators: what comes before the last name in a list, as in “Ana, Ben and Cy” (spaces included).
    last = pgettext("before the last name in a list", " and ")
    return [
        (person, "" if index == len(people) - 1 else last if index == len(people) - 2 else comma)
        for index, person in enumerate(people)
    ]
