"""Forms of the slideshow: its options (a presenter's filters) and display links."""

from django import forms

from ..lib import text
from ..lib.slideshow_filters import DEFAULT_SECONDS, MAX_SECONDS, MIN_SECONDS, Selection
from ..models import Tag, Team


class SlideshowOptionsForm(forms.Form):
    """Which featured wins play and how. Turned into the slideshow's URL
    parameters (see `stories.lib.slideshow_filters.Selection`)."""

    tag = forms.ModelChoiceField(
        label="Tag",
        queryset=Tag.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="All tags",
        error_messages={"invalid_choice": "Choose a tag from the list."},
    )
    team = forms.ModelChoiceField(
        label="Team",
        queryset=Team.objects.all(),
        required=False,
        empty_label="All teams",
        error_messages={"invalid_choice": "Choose a team from the list."},
    )
    since = forms.DateField(
        label="Wins since",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="Only wins that happened on or after this date (optional).",
        error_messages={"invalid": "Enter a date like 2026-11-01."},
    )
    seconds = forms.IntegerField(
        label="Seconds per slide",
        min_value=MIN_SECONDS,
        max_value=MAX_SECONDS,
        initial=DEFAULT_SECONDS,
        help_text=f"From {MIN_SECONDS} to {MAX_SECONDS}. Uploaded videos play to their end.",
        error_messages={
            "required": f"Give the seconds per slide ({MIN_SECONDS} to {MAX_SECONDS}).",
            "invalid": f"Enter a whole number of seconds from {MIN_SECONDS} to {MAX_SECONDS}.",
            "min_value": f"Give each slide at least {MIN_SECONDS} seconds.",
            "max_value": f"Give each slide at most {MAX_SECONDS} seconds.",
        },
    )
    shuffle = forms.BooleanField(label="Shuffle the order", required=False)
    unshown = forms.BooleanField(
        label="Only wins not yet shown at an all-hands",
        required=False,
        help_text="Leaves out wins marked “shown” at an earlier all-hands.",
    )
    title = forms.BooleanField(label="Start with a title slide", required=False, initial=True)
    end = forms.BooleanField(label="Finish with a thank-you slide", required=False, initial=True)

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


class DisplayLinkForm(SlideshowOptionsForm):
    """A new display link: a name for the screen, and what it plays."""

    name = forms.CharField(
        label="Name",
        max_length=80,
        help_text="Where the screen is, so you can find the link again — e.g. “Lobby TV”.",
        error_messages={
            "required": "Name the screen, e.g. “Lobby TV”.",
            "max_length": "Keep the name to 80 characters.",
        },
    )

    field_order = ["name"]

    def clean_name(self):
        return _screen_name(self.cleaned_data["name"], self.fields["name"].error_messages["required"])


class DisplayLinkNameForm(forms.Form):
    name = forms.CharField(
        label="Name",
        max_length=80,
        error_messages={"required": "A display link needs a name.", "max_length": "Keep the name to 80 characters."},
    )

    def clean_name(self):
        return _screen_name(self.cleaned_data["name"], self.fields["name"].error_messages["required"])
