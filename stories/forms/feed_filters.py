"""The feed's filters, read from the address (so a filtered feed can be
bookmarked and shared), and the choices they offer."""

from collections import namedtuple
from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.contrib.auth import get_user_model
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ..lib import search
from ..lib.filters import FeedFilters
from ..lib.filters import describe as describe_filters
from ..models import Story, Tag, Team, display_name


class FlagInput(forms.CheckboxInput):
    """A checkbox read from an address: on for 1, on, true or yes."""

    def value_from_datadict(self, data, files, name):
        return str(data.get(name, "")).lower() in {"1", "on", "true", "yes"}


def _flag(label):
    return forms.BooleanField(label=label, required=False, widget=FlagInput)


def _day(label):
    return forms.DateField(
        label=label,
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter a date like 2026-11-22.")},
    )


Named = namedtuple("Named", "pk key name")  # a team, tag or person the filters offer (key: slug, username)


@dataclass(frozen=True)
class FeedChoices:
    """What the feed's filters offer, as plain values (cached by the feed:
    stories.views.wins): teams and tags by name, active people by the name
    pages show."""

    teams: tuple
    tags: tuple
    people: tuple


def feed_choices():
    """The filters' choices from the database (three queries)."""
    teams = tuple(Named(team.pk, str(team.pk), team.name) for team in Team.objects.all())
    tags = tuple(Named(tag.pk, tag.slug, tag.name) for tag in Tag.objects.order_by("name"))
    people = [
        Named(user.pk, user.username, display_name(user))
        for user in get_user_model().objects.filter(is_active=True).select_related("profile")
    ]
    people.sort(key=lambda person: person.name.casefold())
    return FeedChoices(teams=teams, tags=tags, people=tuple(people))


class FeedFilterForm(forms.Form):
    """The feed's filters, read from the address (so a filtered feed can be
    bookmarked and shared): kind, team, tags (any of several), hero, dates,
    featured only, with a photo, with a video, how it was decided, and
    words to search for. A value it can't use (an unknown team, a broken
    date) is ignored, and named in `ignored`; the feed still answers."""

    LIST_FIELDS = ("tag",)

    q = forms.CharField(label=_("Search"), required=False, max_length=search.MAX_QUERY_CHARS)
    kind = forms.ChoiceField(label=_("Kind of win"), required=False)
    team = forms.TypedChoiceField(
        label=pgettext_lazy("a filter: the team a win belongs to", "Team"), required=False, coerce=int, empty_value=None
    )
    tag = forms.MultipleChoiceField(label=_("Tags"), required=False, widget=forms.CheckboxSelectMultiple)
    hero = forms.ChoiceField(label=pgettext_lazy("a filter: a person credited on a win", "Hero"), required=False)
    since = _day(pgettext_lazy("a filter: a date", "From"))
    until = _day(pgettext_lazy("a filter: a date", "To"))
    featured = _flag(_("Featured only"))
    photo = _flag(_("With a photo"))
    video = _flag(_("With a video"))
    decided = forms.ChoiceField(
        label=pgettext_lazy("a filter: how the decision was made", "Decided"),
        required=False,
        choices=[("", _("Either way")), ("spot", _("On the spot")), ("approval", _("Needed approval"))],
    )

    def __init__(self, params, *, choices=None):
        """`choices`: a FeedChoices (read from the database when not given)."""
        super().__init__(self._sanitized(params))
        choices = choices or feed_choices()
        self.teams, self.tags, self.people = choices.teams, choices.tags, choices.people
        self.fields["kind"].choices = [("", _("All kinds")), *Story.Kind.choices]
        self.fields["team"].choices = [("", _("All teams"))] + [(team.key, team.name) for team in self.teams]
        self.fields["tag"].choices = [(tag.key, f"#{tag.name}") for tag in self.tags]
        self.fields["hero"].choices = [("", pgettext_lazy("a filter: any hero", "Anyone"))] + [
            (person.key, person.name) for person in self.people
        ]
        self.is_valid()  # bad values drop out of cleaned_data, named in `ignored`

    def _sanitized(self, params):
        """The address's values without NUL (PostgreSQL refuses it), capped in length."""
        data = QueryDict(mutable=True)
        for name in self.base_fields:
            values = params.getlist(name) if name in self.LIST_FIELDS else [params.get(name, "")]
            data.setlist(name, [str(value).replace("\x00", "")[:200] for value in values if value != ""])
        return data

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and until < since:
            self.add_error("until", _("“To” is before “From”."))
        return cleaned

    @property
    def ignored(self):
        """Labels of the filters in the address that could not be used."""
        return [str(self.fields[name].label) for name in self.errors if name in self.fields]

    def _value(self, name, default=None):
        return self.cleaned_data.get(name, default) if name not in self.errors else default

    def filters(self):
        """The usable filters, as values (`stories.lib.filters.FeedFilters`)."""
        tag_ids = {tag.key: tag.pk for tag in self.tags}
        hero = self._hero()
        return FeedFilters(
            kind=self._value("kind", ""),
            team_id=self._value("team"),
            tag_ids=tuple(tag_ids[slug] for slug in self._value("tag", [])),
            hero_id=hero.pk if hero else None,
            since=self._value("since"),
            until=self._value("until"),
            featured=self._value("featured", False),
            has_photo=self._value("photo", False),
            has_video=self._value("video", False),
            decided=self._value("decided", ""),
            query=search.parse(self._value("q", "")),
        )

    def _hero(self):
        username = self._value("hero", "")
        return next((person for person in self.people if person.key == username), None)

    def sentence(self):
        """The active filters in words ("Creative ideas by the Concierge team since 1 October")."""
        filters = self.filters()
        team_id, slugs = filters.team_id, set(self._value("tag", []))
        hero = self._hero()
        return describe_filters(
            filters,
            today=timezone.localdate(),
            team_name=next((team.name for team in self.teams if team.pk == team_id), ""),
            tag_names=[tag.name for tag in self.tags if tag.key in slugs],
            hero_name=hero.name if hero else "",
        )

    def query_string(self):
        """The usable filters as an address's query string (for the pager and the export)."""
        pairs = []
        for name in self.base_fields:
            value = self._value(name)
            if name in self.LIST_FIELDS:
                pairs += [(name, item) for item in value or []]
            elif value is True:
                pairs.append((name, "1"))
            elif value not in (None, "", False):
                pairs.append((name, value.isoformat() if hasattr(value, "isoformat") else str(value)))
        return urlencode(pairs)
