"""Posting and editing a win: the story fields, with messages written for the
person at the form. The photo and video part is `stories.forms.media`."""

import re
import secrets
from decimal import Decimal

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from ..lib import text
from ..lib.money import money_text
from ..models import HERO_ORDER, POSTED_FIELDS, Story, Team, display_name

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
        label=pgettext_lazy("the people credited on a win", "Heroes"),
        queryset=get_user_model().objects.none(),
        help_text=_("Who made this win happen? You are credited by default; add or remove colleagues."),
        error_messages={
            "required": _("Credit at least one hero: who made this win happen?"),
            "invalid_choice": _("Choose heroes from the list of colleagues."),
            "invalid_pk_value": _("Choose heroes from the list of colleagues."),
        },
    )
    needed_approval = forms.TypedChoiceField(
        label=_("Needed approval"),
        choices=[("False", _("No — I decided on the spot")), ("True", _("Yes — someone approved it"))],
        coerce=lambda value: value == "True",
        widget=forms.RadioSelect,
        initial="False",
        help_text=_("Did you need a supervisor's OK? Deciding on the spot is what Winsboard celebrates."),
        error_messages={
            "required": _("Say whether you needed approval."),
            "invalid_choice": _("Choose “No” or “Yes”: did you need approval?"),
        },
    )

    # One per form drawn: sent twice, the form saves once (stories.services.wins).
    form_token = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Story
        fields = [*POSTED_FIELDS[:3], "heroes", *POSTED_FIELDS[3:]]  # heroes after the kind of win
        widgets = {
            # dir="auto": what is typed keeps its own direction (English on an Arabic page, and back)
            "headline": forms.TextInput(
                attrs={"placeholder": _("A guest's anniversary, saved"), "autofocus": True, "dir": "auto"}
            ),
            "body": forms.Textarea(
                attrs={
                    "rows": 8,
                    "dir": "auto",
                    "data-mentions": reverse_lazy("people_suggest"),
                    "placeholder": _("What happened? What did you decide and do? How did it end for the customer?"),
                }
            ),
            "kind": forms.RadioSelect,
            "happened_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "cost": forms.NumberInput(attrs={"min": "0", "step": "0.01", "inputmode": "decimal"}),
            "quote": forms.Textarea(attrs={"rows": 3, "placeholder": _("“You made our day.”"), "dir": "auto"}),
        }
        help_texts = {
            "headline": _("One line a colleague would want to read (up to 120 characters)."),
            "body": _(
                "Plain text, up to 5,000 characters: what happened, what you decided and did, "
                "and how it ended for the customer. Type @ and a name to mention a colleague."
            ),
            "kind": _("Fixed it on the spot, tried something new, learned from a miss, or a customer said thanks."),
            "team": _("The team that made it happen (optional)."),
            "happened_on": _("When it happened (today or earlier)."),
            "quote": _("The customer's own words (optional). Only with their agreement."),
            "quote_by": _("Who said it, as they agreed to be named, e.g. “Maria, guest in room 412”."),
            "customer_consent": _("Tick only if the customer agreed to be quoted or shown."),
        }
        error_messages = {
            "headline": {
                "required": _("Give your win a headline."),
                "max_length": _("Keep the headline to 120 characters (it has %(show_value)d)."),
            },
            "body": {
                "required": _("Tell the story: what happened and what you did."),
                "max_length": _("Keep the story to 5,000 characters (it has %(show_value)d)."),
            },
            "kind": {"required": _("Choose the kind of win."), "invalid_choice": _("Choose one of the kinds listed.")},
            "happened_on": {"required": _("Give the date it happened."), "invalid": _("Enter a date like 2026-11-22.")},
            "cost": {
                "invalid": _("Enter an amount like 45.50, or leave it empty."),
                "max_digits": _("That amount is too large or too precise. Enter an amount like 45.50."),
                "max_whole_digits": _("That amount is too large. Check the number."),
                "max_decimal_places": _("Use at most two decimals, like 45.50."),
            },
            "quote": {"max_length": _("Keep the quote to 500 characters (it has %(show_value)d).")},
            "quote_by": {"max_length": _("Keep the name to 120 characters (it has %(show_value)d).")},
            "team": {"invalid_choice": _("Choose a team from the list.")},
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
        self.fields["team"].empty_label = gettext("No particular team")
        self.fields["kind"].choices = Story.Kind.choices
        self.fields["happened_on"].widget.attrs["max"] = timezone.localdate().isoformat()
        budget = money_text(settings.WINSBOARD_EMPOWERMENT_BUDGET, settings.WINSBOARD_CURRENCY, whole=True)
        # Translators: %(currency)s is a currency code (EUR); %(budget)s an amount with its currency.
        self.fields["cost"].help_text = gettext(
            "What it cost to make it right, in %(currency)s (optional). "
            "Your empowerment budget is %(budget)s: spend within it without asking anyone. "
            "More is fine when it's right for the customer. Only you, the heroes and managers see the amount."
        ) % {"currency": settings.WINSBOARD_CURRENCY, "budget": budget}
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
            raise forms.ValidationError(_("Give your win a headline."))
        return headline

    def clean_body(self):
        body = text.paragraphs(self.cleaned_data["body"])
        if not body:
            raise forms.ValidationError(_("Tell the story: what happened and what you did."))
        return body

    def clean_happened_on(self):
        day = self.cleaned_data["happened_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The date can't be in the future. When did it happen?"))
        if day.year < 2000:
            raise forms.ValidationError(_("That date is too long ago. Check the year."))
        return day

    def clean_cost(self):
        cost = self.cleaned_data.get("cost")
        if cost is None:
            return None
        if not cost.is_finite():
            raise forms.ValidationError(_("Enter an amount like 45.50, or leave it empty."))
        if cost < 0:
            raise forms.ValidationError(_("The cost can't be negative. Enter 0 if it cost nothing."))
        if cost > MAX_COST:
            raise forms.ValidationError(_("That amount is too large. Check the number."))
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
                _(
                    "Tick “Customer agreed” to include the quote — or remove the quote. "
                    "We only share a customer's words with their agreement."
                ),
            )
        if cleaned.get("quote_by") and not quote:
            self.add_error("quote", _("Add the quote, or clear “Quote by”."))
        return cleaned
