"""Awards: a colleague's nomination (category and reason), a manager's
choice (winner or runner-up, with a citation) and the announcement. Each
cleans with the rules the services enforce too (stories.models.awards), so
a person gets the message on the form."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from ..lib import text
from ..models import Award, AwardCategory, Story
from ..models.awards import CITATION_MAX, REASON_MAX, AwardError, clean_citation, clean_reason
from . import count_text, lazy_text


def _checked(clean, value):
    try:
        return clean(value)
    except AwardError as error:
        raise forms.ValidationError(str(error)) from None


class NominationForm(forms.Form):
    category = forms.ModelChoiceField(
        label=pgettext_lazy("a form field: which award", "Award"),
        queryset=AwardCategory.objects.active(),
        empty_label=None,
        error_messages={"required": _("Choose an award."), "invalid_choice": _("Choose one of the awards.")},
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=REASON_MAX * 4,  # generous for spaces; the real limit is checked once they are trimmed
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=lazy_text(
            lambda: (
                ngettext(
                    "Why this win deserves it, in a sentence or two (up to %(limit)s character). "
                    "Its author and heroes read it.",
                    "Why this win deserves it, in a sentence or two (up to %(limit)s characters). "
                    "Its author and heroes read it.",
                    REASON_MAX,
                )
                % {"limit": count_text(REASON_MAX)}
            )
        ),
        error_messages={"required": _("Say in a sentence why this win deserves it.")},
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
        label=pgettext_lazy("a form field: winner or runner-up", "Award"),
        choices=Award.Place.choices,
        initial=Award.Place.WINNER,
        error_messages={"invalid_choice": _("Choose winner or runner-up.")},
    )
    citation = forms.CharField(
        label=_("Citation"),
        max_length=CITATION_MAX * 4,
        help_text=lazy_text(
            lambda: (
                ngettext(
                    "What everyone reads when it is announced (up to %(limit)s character).",
                    "What everyone reads when it is announced (up to %(limit)s characters).",
                    CITATION_MAX,
                )
                % {"limit": count_text(CITATION_MAX)}
            )
        ),
        error_messages={"required": _("Write the citation: a sentence everyone will read when it is announced.")},
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

    name = forms.CharField(
        label=pgettext_lazy("an award category's name", "Name"),
        max_length=80,
        error_messages={"required": _("Give the category a name.")},
    )
    description = forms.CharField(label=_("Description"), max_length=300, required=False)
    period = forms.ChoiceField(
        label=pgettext_lazy("how often an award is given", "Period"), choices=AwardCategory.Period.choices
    )
    active = forms.BooleanField(label=_("Takes nominations"), required=False)

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
            raise forms.ValidationError(_("Give the category a name."))
        return name
