"""Forms of the slideshow: its options (a presenter's filters) and display links."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from ..lib import text
from ..lib.slideshow_filters import DEFAULT_SECONDS, MAX_SECONDS, MIN_SECONDS, Selection
from ..models import Tag, Team
from . import lazy_text

_SECONDS = {"min": MIN_SECONDS, "max": MAX_SECONDS}  # filled into the seconds field's words


class SlideshowOptionsForm(forms.Form):
    """Which featured wins play and how. Turned into the slideshow's URL
    parameters (see `stories.lib.slideshow_filters.Selection`)."""

    tag = forms.ModelChoiceField(
        label=pgettext_lazy("noun", "Tag"),
        queryset=Tag.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All tags"),
        error_messages={"invalid_choice": _("Choose a tag from the list.")},
    )
    team = forms.ModelChoiceField(
        label=pgettext_lazy("a filter: the team", "Team"),
        queryset=Team.objects.all(),
        required=False,
        empty_label=_("All teams"),
        error_messages={"invalid_choice": _("Choose a team from the list.")},
    )
    since = forms.DateField(
        label=_("Wins since"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Only wins that happened on or after this date (optional)."),
        error_messages={"invalid": _("Enter a date like 2026-11-01.")},
    )
    seconds = forms.IntegerField(
        label=_("Seconds per slide"),
        min_value=MIN_SECONDS,
        max_value=MAX_SECONDS,
        initial=DEFAULT_SECONDS,
        help_text=lazy_text(lambda: gettext("From %(min)s to %(max)s. Uploaded videos play to their end.") % _SECONDS),
        error_messages={
            "required": lazy_text(lambda: gettext("Give the seconds per slide (%(min)s to %(max)s).") % _SECONDS),
            "invalid": lazy_text(
                lambda: gettext("Enter a whole number of seconds from %(min)s to %(max)s.") % _SECONDS
            ),
            "min_value": lazy_text(
                lambda: (
                    ngettext(
                        "Give each slide at least %(min)s second.",
                        "Give each slide at least %(min)s seconds.",
                        MIN_SECONDS,
                    )
                    % _SECONDS
                )
            ),
            "max_value": lazy_text(
                lambda: (
                    ngettext(
                        "Give each slide at most %(max)s second.",
                        "Give each slide at most %(max)s seconds.",
                        MAX_SECONDS,
                    )
                    % _SECONDS
                )
            ),
        },
    )
    shuffle = forms.BooleanField(label=_("Shuffle the order"), required=False)
    unshown = forms.BooleanField(
        label=_("Only wins not yet shown at an all-hands"),
        required=False,
        help_text=_("Leaves out wins marked “shown” at an earlier all-hands."),
    )
    title = forms.BooleanField(label=_("Start with a title slide"), required=False, initial=True)
    end = forms.BooleanField(label=_("Finish with a thank-you slide"), required=False, initial=True)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    @classmethod
    def initial_from(cls, selection):
        return {
            "tag": selection.tag or None,
            "team": selection.team,
            "since": selection.since,
            "seconds": selection.seconds,
            "shuffle": selection.shuffle,
            "unshown": selection.unshown,
            "title": selection.title,
            "end": selection.end,
        }

    def selection(self):
        data = self.cleaned_data
        return Selection(
            tag=data["tag"].slug if data.get("tag") else "",
            since=data.get("since"),
            team=data["team"].pk if data.get("team") else None,
            seconds=data["seconds"],
            shuffle=data["shuffle"],
            unshown=data["unshown"],
            title=data["title"],
            end=data["end"],
        )


def _screen_name(name, required_message):
    name = text.one_line(name)
    if not name:  # only invisible characters
        raise forms.ValidationError(required_message)
    return name


def _language_field():
    return forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", _("The site's language"))] + [(code, name) for code, name in settings.LANGUAGES],
        help_text=_("The language the screen's slideshow speaks."),
    )


class DisplayLinkForm(SlideshowOptionsForm):
    """A new display link: a name for the screen, and what it plays."""

    name = forms.CharField(
        label=pgettext_lazy("a screen's name", "Name"),
        max_length=80,
        help_text=_("Where the screen is, so you can find the link again — e.g. “Lobby TV”."),
        error_messages={
            "required": _("Name the screen, e.g. “Lobby TV”."),
            "max_length": _("Keep the name to 80 characters."),
        },
    )

    language = _language_field()

    field_order = ["name", "language"]

    def clean_name(self):
        return _screen_name(self.cleaned_data["name"], self.fields["name"].error_messages["required"])


class DisplayLinkNameForm(forms.Form):
    name = forms.CharField(
        label=pgettext_lazy("a screen's name", "Name"),
        max_length=80,
        error_messages={
            "required": _("A display link needs a name."),
            "max_length": _("Keep the name to 80 characters."),
        },
    )
    language = _language_field()

    def clean_name(self):
        return _screen_name(self.cleaned_data["name"], self.fields["name"].error_messages["required"])
