"""People managed by managers (/manage/people/): the search box and the
form that adds or edits one person."""

from urllib.parse import urlencode

from django import forms
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from ..lib import people_csv
from ..models import DISPLAY_NAME_MAX, Profile, Team
from .people import IdChoiceField

STATUS_CHOICES = [
    ("", _("Any status")),
    ("active", pgettext_lazy("a person's account", "Active")),
    ("invited", _("Invited, not joined")),
    ("deactivated", pgettext_lazy("a person's account", "Deactivated")),
]
ROLE_CHOICES = [("", _("Any role")), ("manager", _("Manager")), ("employee", _("Employee"))]


class PeopleSearchForm(forms.Form):
    """The list's search box and filters (team, status, role), from the
    address; a value it can't use is left out, the list still answers."""

    q = forms.CharField(label=_("Name, e-mail or employee number"), max_length=100, required=False)
    team = forms.TypedChoiceField(
        label=pgettext_lazy("a person's team", "Team"), required=False, coerce=int, empty_value=None
    )
    status = forms.ChoiceField(
        label=pgettext_lazy("a person's account", "Status"), required=False, choices=STATUS_CHOICES
    )
    role = forms.ChoiceField(label=_("Role"), required=False, choices=ROLE_CHOICES)

    def __init__(self, data):
        super().__init__({name: str(data.get(name, "")).replace("\x00", "") for name in self.base_fields})
        self.fields["team"].choices = [
            ("", gettext("Every team")),
            *Team.objects.order_by("name").values_list("pk", "name"),
        ]
        self.is_valid()

    def _value(self, name, default=""):
        return self.cleaned_data.get(name, default) if name not in self.errors else default

    def words(self):
        return self._value("q").strip()

    def filters(self):
        """{"words", "team_id", "status", "role"}: what the list is narrowed by."""
        return {
            "words": self.words(),
            "team_id": self._value("team", None),
            **{n: self._value(n) for n in ("status", "role")},
        }

    def query_string(self):
        """The usable filters as an address's query (for the pager)."""
        pairs = {name: self._value(name, "") for name in self.base_fields}
        return urlencode({name: value for name, value in pairs.items() if value not in ("", None)})


class PersonForm(forms.Form):
    name = forms.CharField(label=pgettext_lazy("a person's name", "Name"), max_length=DISPLAY_NAME_MAX)
    team = IdChoiceField(
        label=pgettext_lazy("a person's team", "Team"),
        queryset=Team.objects.none(),
        required=False,
        empty_label=_("No particular team"),
        error_messages={"invalid_choice": _("Choose a team from the list.")},
    )
    email = forms.EmailField(label=_("E-mail"), required=False, help_text=_("Optional: their invitation goes there."))
    employee_id = forms.CharField(label=_("Employee number"), max_length=40, required=False)
    role = forms.ChoiceField(label=_("Role"), choices=[("employee", _("Employee")), ("manager", _("Manager"))])

    def __init__(self, *args, person=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person
        self.fields["team"].queryset = Team.objects.all()

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Enter the person's name."))
        return name

    def clean_employee_id(self):
        number = self.cleaned_data["employee_id"].strip() or None
        taken = Profile.objects.filter(employee_id=number)
        if self.person is not None:
            taken = taken.exclude(user=self.person)
        if number is not None and taken.exists():
            raise forms.ValidationError(_("Someone else already has this employee number."))
        return number

    def service_arguments(self):
        data = self.cleaned_data
        return {
            "name": data["name"],
            "team": data["team"],
            "email": data["email"].strip(),
            "employee_id": data["employee_id"],
            "manager": data["role"] == "manager",
        }


class PeopleImportForm(forms.Form):
    """The CSV upload: read and parsed here (stories.lib.people_csv); a file
    that can't be read at all is this field's error."""

    csv_file = forms.FileField(
        label=_("CSV file"),
        allow_empty_file=True,
        # Translators: keep the column names (name,email,…) as they are: the file must use them.
        help_text=_(
            "Columns name,email,team,role,employee_id,status — the first line names them. "
            "Up to 10,000 people and 5 MB; Excel's “CSV UTF-8” works."
        ),
        widget=forms.FileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_csv_file(self):
        upload = self.cleaned_data["csv_file"]
        if upload.size > people_csv.MAX_BYTES:
            raise forms.ValidationError(_("The file is over 5 MB: split it and import each part."))
        data = upload.read()
        try:
            self.parsed = people_csv.parse_people_csv(data)
        except people_csv.CsvRefused as refused:
            raise forms.ValidationError(str(refused)) from None
        self.data_bytes = data
        return upload
