"""Posting and editing a win: the story fields, with messages written for the
person at the form. The photo and video part is `stories.forms.media`."""

from decimal import Decimal

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from ..lib import text
from ..lib.money import money_text
from ..models import HERO_ORDER, Story, Team, display_name

MAX_COST = Decimal("99999999.99")


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

    class Meta:
        model = Story
        fields = [
            "headline",
            "body",
            "kind",
            "heroes",
            "team",
            "happened_on",
            "needed_approval",
            "cost",
            "quote",
            "quote_by",
            "customer_consent",
        ]
        widgets = {
            "headline": forms.TextInput(attrs={"placeholder": "A guest's anniversary, saved", "autofocus": True}),
            "body": forms.Textarea(
                attrs={
                    "rows": 8,
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
            "and how it ended for the customer.",
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
        users = get_user_model().objects.filter(choosable)
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
            self.initial.setdefault("team", Story.objects.last_team_of(user))  # as on their last post

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
