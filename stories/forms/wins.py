"""Posting and editing a win: the story fields, with messages written for the
person at the form. The photo and video part is `stories.forms.media`."""

import re
import secrets
from collections import namedtuple
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.http import QueryDict
from django.urls import reverse_lazy
from django.utils import timezone

from ..lib import search, text
from ..lib.filters import FeedFilters
from ..lib.filters import describe as describe_filters
from ..lib.money import money_text
from ..models import HERO_ORDER, POSTED_FIELDS, Story, Tag, Team, display_name

MAX_COST = Decimal("99999999.99")
FORM_TOKEN = re.compile(r"[A-Za-z0-9_-]{32,64}")


class HeroChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        # An id no database integer can hold is refused here: SQLite would
        # raise OverflowError on the `pk__in` lookup (a 500, not a message).
        for pk in value if isinstance(value, list | tuple) else []:
            if not isinstance(pk, str) or text.posted_id(pk) is None:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                )
        return super()._check_values(value)

    def label_from_instance(self, obj):
        name = display_name(obj)
        return name if name == obj.get_username() else f"{name} ({obj.get_username()})"


class StoryForm(forms.ModelForm):
    """Post or edit a win. Photos and video: `stories.forms.media`."""

    heroes = HeroChoiceField(
        label="Heroes",
        queryset=get_user_model().objects.none(),
        help_text="Who made this win happen? You are credited by default; add or remove colleagues.",
        error_messages={
            "required": "Credit at least one hero: who made this win happen?",
            "invalid_choice": "Choose heroes from the list of colleagues.",
            "invalid_pk_value": "Choose heroes from the list of colleagues.",
        },
    )
    needed_approval = forms.TypedChoiceField(
        label="Needed approval",
        choices=[("False", "No — I decided on the spot"), ("True", "Yes — someone approved it")],
        coerce=lambda value: value == "True",
        widget=forms.RadioSelect,
        initial="False",
        help_text="Did you need a supervisor's OK? Deciding on the spot is what Winsboard celebrates.",
        error_messages={
            "required": "Say whether you needed approval.",
            "invalid_choice": "Choose “No” or “Yes”: did you need approval?",
        },
    )

    # One per form drawn: sent twice, the form saves once (stories.services.wins).
    form_token = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Story
        fields = [*POSTED_FIELDS[:3], "heroes", *POSTED_FIELDS[3:]]  # heroes after the kind of win
        widgets = {
            "headline": forms.TextInput(attrs={"placeholder": "A guest's anniversary, saved", "autofocus": True}),
            "body": forms.Textarea(
                attrs={
                    "rows": 8,
                    "data-mentions": reverse_lazy("people_suggest"),
                    "placeholder": "What happened? What did you decide and do? How did it end for the customer?",
                }
            ),
            "kind": forms.RadioSelect,
            "happened_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "cost": forms.NumberInput(attrs={"min": "0", "step": "0.01", "inputmode": "decimal"}),
            "quote": forms.Textarea(attrs={"rows": 3, "placeholder": "“You made our day.”"}),
        }
        help_texts = {
            "headline": "One line a colleague would want to read (up to 120 characters).",
            "body": "Plain text, up to 5,000 characters: what happened, what you decided and did, "
            "and how it ended for the customer. Type @ and a name to mention a colleague.",
            "kind": "Fixed it on the spot, tried something new, learned from a miss, or a customer said thanks.",
            "team": "The team that made it happen (optional).",
            "happened_on": "When it happened (today or earlier).",
            "quote": "The customer's own words (optional). Only with their agreement.",
            "quote_by": "Who said it, as they agreed to be named, e.g. “Maria, guest in room 412”.",
            "customer_consent": "Tick only if the customer agreed to be quoted or shown.",
        }
        error_messages = {
            "headline": {
                "required": "Give your win a headline.",
                "max_length": "Keep the headline to 120 characters (it has %(show_value)d).",
            },
            "body": {
                "required": "Tell the story: what happened and what you did.",
                "max_length": "Keep the story to 5,000 characters (it has %(show_value)d).",
            },
            "kind": {"required": "Choose the kind of win.", "invalid_choice": "Choose one of the kinds listed."},
            "happened_on": {"required": "Give the date it happened.", "invalid": "Enter a date like 2026-11-22."},
            "cost": {
                "invalid": "Enter an amount like 45.50, or leave it empty.",
                "max_digits": "That amount is too large or too precise. Enter an amount like 45.50.",
                "max_whole_digits": "That amount is too large. Check the number.",
                "max_decimal_places": "Use at most two decimals, like 45.50.",
            },
            "quote": {"max_length": "Keep the quote to 500 characters (it has %(show_value)d)."},
            "quote_by": {"max_length": "Keep the name to 120 characters (it has %(show_value)d)."},
            "team": {"invalid_choice": "Choose a team from the list."},
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        # Active colleagues, and anyone already credited on this win (an account
        # closed since then keeps its credit when the win is edited).
        choosable = Q(is_active=True)
        if self.instance.pk:
            choosable |= Q(pk__in=self.instance.heroes.values("pk"))
        users = get_user_model().objects.filter(choosable).select_related("profile")
        self.fields["heroes"].queryset = users.order_by(*HERO_ORDER)
        self.fields["team"].queryset = Team.objects.all()
        self.fields["team"].empty_label = "No particular team"
        self.fields["kind"].choices = Story.Kind.choices
        self.fields["happened_on"].widget.attrs["max"] = timezone.localdate().isoformat()
        budget = money_text(settings.WINSBOARD_EMPOWERMENT_BUDGET, settings.WINSBOARD_CURRENCY, whole=True)
        self.fields["cost"].help_text = (
            f"What it cost to make it right, in {settings.WINSBOARD_CURRENCY} (optional). "
            f"Your empowerment budget is {budget}: spend within it without asking anyone. "
            "More is fine when it's right for the customer. Only you, the heroes and managers see the amount."
        )
        # static/js/story-form.js shows a friendly hint while a cost above the budget is typed.
        self.fields["cost"].widget.attrs.update(
            {"data-budget": str(settings.WINSBOARD_EMPOWERMENT_BUDGET), "data-budget-text": budget}
        )
        if not self.is_bound and self.instance.pk is None:
            self.initial.setdefault("heroes", [user.pk])
            # The team set at /settings/, else the team of their last post.
            profile = getattr(user, "profile", None)
            team = profile.team_id if profile is not None and profile.team_id else Story.objects.last_team_of(user)
            self.initial.setdefault("team", team)
        if not self.is_bound:
            self.initial["form_token"] = secrets.token_urlsafe(32)

    def clean_form_token(self):
        """A token we could have made, or none (a form from before tokens, or damaged)."""
        token = self.cleaned_data.get("form_token", "")
        return token if FORM_TOKEN.fullmatch(token) else ""

    # The post form's folded sections (stories/includes/_story_fields.html) and their fields.
    FOLDS = {"customer": ("quote", "quote_by", "customer_consent"), "how": ("needed_approval", "cost")}
    DEFAULTED_FOLDS = {"when": ("team", "happened_on")}  # always hold a value: the team and date to start with

    def open_folds(self):
        """{section: open?}: a folded section opens itself when one of its fields has an error or a value
        (other than what a new form starts with); team and date when changed from what the form showed."""
        folds = {
            fold: any(self[name].errors or self._holds(name) for name in names) for fold, names in self.FOLDS.items()
        }
        for fold, names in self.DEFAULTED_FOLDS.items():
            folds[fold] = any(self[name].errors or self._changed(name) for name in names)
        return folds

    def _changed(self, name):  # not changed_data: a callable default's hidden initial is never sent
        field = self[name]
        return self.is_bound and self.fields[name].has_changed(field.initial, field.data)

    def _holds(self, name):
        value = self[name].value()
        return value not in (None, "", False, "False") and str(value) != str(self.fields[name].initial)

    def error_links(self):
        """Every problem as (the id of its field, the message), for the summary
        above the form: each links to its field ("" for the whole form)."""
        return [
            (self[name].id_for_label if name in self.fields else "", message)
            for name, messages in self.errors.items()
            for message in messages
        ]

    def clean_headline(self):
        headline = text.one_line(self.cleaned_data["headline"])
        if not headline:
            raise forms.ValidationError("Give your win a headline.")
        return headline

    def clean_body(self):
        body = text.paragraphs(self.cleaned_data["body"])
        if not body:
            raise forms.ValidationError("Tell the story: what happened and what you did.")
        return body

    def clean_happened_on(self):
        day = self.cleaned_data["happened_on"]
        if day > timezone.localdate():
            raise forms.ValidationError("The date can't be in the future. When did it happen?")
        if day.year < 2000:
            raise forms.ValidationError("That date is too long ago. Check the year.")
        return day

    def clean_cost(self):
        cost = self.cleaned_data.get("cost")
        if cost is None:
            return None
        if not cost.is_finite():
            raise forms.ValidationError("Enter an amount like 45.50, or leave it empty.")
        if cost < 0:
            raise forms.ValidationError("The cost can't be negative. Enter 0 if it cost nothing.")
        if cost > MAX_COST:
            raise forms.ValidationError("That amount is too large. Check the number.")
        return cost

    def clean_quote(self):
        return text.paragraphs(self.cleaned_data["quote"])

    def clean_quote_by(self):
        return text.one_line(self.cleaned_data["quote_by"])

    def clean(self):
        cleaned = super().clean()
        quote = cleaned.get("quote")
        if quote and not cleaned.get("customer_consent"):
            self.add_error(
                "customer_consent",
                "Tick “Customer agreed” to include the quote — or remove the quote. "
                "We only share a customer's words with their agreement.",
            )
        if cleaned.get("quote_by") and not quote:
            self.add_error("quote", "Add the quote, or clear “Quote by”.")
        return cleaned


# --- the feed's filters -----------------------------------------------------------


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
        error_messages={"invalid": "Enter a date like 2026-11-22."},
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

    q = forms.CharField(label="Search", required=False, max_length=search.MAX_QUERY_CHARS)
    kind = forms.ChoiceField(label="Kind of win", required=False)
    team = forms.TypedChoiceField(label="Team", required=False, coerce=int, empty_value=None)
    tag = forms.MultipleChoiceField(label="Tags", required=False, widget=forms.CheckboxSelectMultiple)
    hero = forms.ChoiceField(label="Hero", required=False)
    since = _day("From")
    until = _day("To")
    featured = _flag("Featured only")
    photo = _flag("With a photo")
    video = _flag("With a video")
    decided = forms.ChoiceField(
        label="Decided",
        required=False,
        choices=[("", "Either way"), ("spot", "On the spot"), ("approval", "Needed approval")],
    )

    def __init__(self, params, *, choices=None):
        """`choices`: a FeedChoices (read from the database when not given)."""
        super().__init__(self._sanitized(params))
        choices = choices or feed_choices()
        self.teams, self.tags, self.people = choices.teams, choices.tags, choices.people
        self.fields["kind"].choices = [("", "All kinds"), *Story.Kind.choices]
        self.fields["team"].choices = [("", "All teams")] + [(team.key, team.name) for team in self.teams]
        self.fields["tag"].choices = [(tag.key, f"#{tag.name}") for tag in self.tags]
        self.fields["hero"].choices = [("", "Anyone")] + [(person.key, person.name) for person in self.people]
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
            self.add_error("until", "“To” is before “From”.")
        return cleaned

    @property
    def ignored(self):
        """Labels of the filters in the address that could not be used."""
        return [self.fields[name].label for name in self.errors if name in self.fields]

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
