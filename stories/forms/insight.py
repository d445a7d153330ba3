"""The insight page's filters, read from the address (GET): a team, and a
period — this month, quarter or year (or the one containing `date`), or a
custom range from `start` to `end`. A bad value is explained on the page
(answered with a 400), never a server error."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from ..lib.periods import FIRST_DAY, LAST_DAY, MAX_RANGE_YEARS, PERIODS, Period, period_containing
from ..models import Team

DEFAULT_PERIOD = "year"
_ID_DIGITS = 12


class TeamChoiceField(forms.ModelChoiceField):
    """A team by id; anything that is not a plausible id (letters, "²", 30
    digits) is refused before it reaches the database."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = str(value)
        if not (text.isascii() and text.isdigit() and len(text) <= _ID_DIGITS):
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(text)


def _date_field(label, help_text=""):
    return forms.DateField(
        label=label,
        required=False,
        help_text=help_text,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter a date like 2026-11-01.")},
    )


class InsightFilterForm(forms.Form):
    team = TeamChoiceField(
        label=pgettext_lazy("a filter: the team", "Team"),
        queryset=Team.objects.all(),
        required=False,
        empty_label=_("All teams"),
        error_messages={"invalid_choice": _("Choose a team from the list.")},
    )
    period = forms.ChoiceField(
        label=pgettext_lazy("a filter: month, quarter, year or a custom range", "Period"),
        choices=list(PERIODS.items()),
        required=False,
        error_messages={"invalid_choice": _("Choose a month, a quarter, a year or a custom range.")},
    )
    date = forms.DateField(
        required=False, widget=forms.HiddenInput, error_messages={"invalid": _("Enter a date like 2026-11-01.")}
    )
    start = _date_field(pgettext_lazy("a filter: a date", "From"), _("For a custom range."))
    end = _date_field(pgettext_lazy("a filter: a date", "To"), _("For a custom range."))

    def __init__(self, *args, today=None, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()

    def clean(self):
        data = super().clean()
        for name in ("date", "start", "end"):
            day = data.get(name)
            if day is not None and not FIRST_DAY <= day <= LAST_DAY:
                self.add_error(
                    name,
                    gettext("Choose a date between %(first)s and %(last)s.")
                    % {"first": FIRST_DAY.year, "last": LAST_DAY.year},
                )
        if self.errors:
            return data
        period = data.get("period") or ("custom" if data.get("start") or data.get("end") else DEFAULT_PERIOD)
        if period == "custom":
            data["period_range"] = self._custom_range(data.get("start"), data.get("end"))
        else:
            data["period_range"] = period_containing(period, data.get("date") or self.today)
        return data

    def _custom_range(self, start, end):
        if start is None or end is None:
            raise forms.ValidationError(_("For a custom range, give both a From and a To date."))
        if start > end:
            raise forms.ValidationError(_("The From date must be on or before the To date."))
        if end - start > datetime.timedelta(days=366 * MAX_RANGE_YEARS):
            raise forms.ValidationError(
                ngettext(
                    "Choose a range of at most %(count)s year.",
                    "Choose a range of at most %(count)s years.",
                    MAX_RANGE_YEARS,
                )
                % {"count": MAX_RANGE_YEARS}
            )
        return Period("custom", start, end)

    def filters(self):
        """(period, team) once the form is valid."""
        return self.cleaned_data["period_range"], self.cleaned_data.get("team")
