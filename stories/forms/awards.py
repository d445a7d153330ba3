"""Awards: a colleague's nomination (category and reason), a manager's
choice (winner or runner-up, with a citation) and the announcement. Each
cleans with the rules the services enforce too (stories.models.awards), so
a person gets the message on the form."""

from django import forms

from ..lib import text
from ..models import Award, AwardCategory, Story
from ..models.awards import CITATION_MAX, REASON_MAX, AwardError, clean_citation, clean_reason


def _checked(clean, value):
    try:
        return clean(value)
    except AwardError as error:
        raise forms.ValidationError(str(error)) from None


class NominationForm(forms.Form):
    category = forms.ModelChoiceField(
        label="Award",
        queryset=AwardCategory.objects.active(),
        empty_label=None,
        error_messages={"required": "Choose an award.", "invalid_choice": "Choose one of the awards."},
    )
    reason = forms.CharField(
        label="Reason",
        max_length=REASON_MAX * 4,  # generous for spaces; the real limit is checked once they are trimmed
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=f"Why this win deserves it, in a sentence or two (up to {REASON_MAX} characters). "
        "Its author and heroes read it.",
        error_messages={"required": "Say in a sentence why this win deserves it."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].widget.attrs["maxlength"] = REASON_MAX

    def clean_reason(self):
        return _checked(clean_reason, self.cleaned_data["reason"])


class AwardChoiceForm(forms.Form):
    """A manager chooses one nominee of a category's period."""

    category = forms.ModelChoiceField(queryset=AwardCategory.objects.all(), widget=forms.HiddenInput)
    period_start = forms.DateField(widget=forms.HiddenInput)
    story = forms.ModelChoiceField(queryset=Story.objects.all(), widget=forms.HiddenInput)
    place = forms.ChoiceField(
        label="Award",
        choices=Award.Place.choices,
        initial=Award.Place.WINNER,
        error_messages={"invalid_choice": "Choose winner or runner-up."},
    )
    citation = forms.CharField(
        label="Citation",
        max_length=CITATION_MAX * 4,
        help_text=f"What everyone reads when it is announced (up to {CITATION_MAX} characters).",
        error_messages={"required": "Write the citation: a sentence everyone will read when it is announced."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["citation"].widget.attrs["maxlength"] = CITATION_MAX

    def clean_citation(self):
        return _checked(clean_citation, self.cleaned_data["citation"])


class AnnounceForm(forms.Form):
    period_start = forms.DateField(widget=forms.HiddenInput)


class AwardCategoryForm(forms.Form):
    """Add or change a category on /manage/awards/."""

    name = forms.CharField(label="Name", max_length=80, error_messages={"required": "Give the category a name."})
    description = forms.CharField(label="Description", max_length=300, required=False)
    period = forms.ChoiceField(label="Period", choices=AwardCategory.Period.choices)
    active = forms.BooleanField(label="Takes nominations", required=False)

    @classmethod
    def for_category(cls, category):
        initial = {
            "name": category.name,
            "description": category.description,
            "period": category.period,
            "active": category.active,
        }
        return cls(initial=initial, prefix=f"category-{category.pk}")

    def clean_name(self):
        name = text.one_line(self.cleaned_data["name"])
        if not name:
            raise forms.ValidationError("Give the category a name.")
        return name
