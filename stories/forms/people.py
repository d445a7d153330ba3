"""People: your profile at /settings/ (display name, team, photo) and the
directory's search box (/people/)."""

from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from ..lib import photos, text
from ..lib.media import MediaError
from ..models import DISPLAY_NAME_MAX, Team


class IdChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField that refuses, as an invalid choice, an id no
    database integer can hold (SQLite raises OverflowError on it: a 500)."""

    def to_python(self, value):
        if value not in self.empty_values and text.posted_id(value) is None:
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class ProfileForm(forms.Form):
    display_name = forms.CharField(
        label=_("Display name"),
        max_length=DISPLAY_NAME_MAX,
        required=False,
        error_messages={"max_length": _("Keep your display name to 80 characters (it has %(show_value)d).")},
    )
    team = IdChoiceField(
        label=pgettext_lazy("a person's team", "Team"),
        queryset=Team.objects.none(),
        required=False,
        empty_label=_("No particular team"),
        help_text=_("Shown next to your name in the people directory and on your page."),
        error_messages={"invalid_choice": _("Choose a team from the list.")},
    )
    photo = forms.FileField(
        label=pgettext_lazy("a person's photo", "Photo"),
        required=False,
        allow_empty_file=True,  # an empty file gets our own message
        widget=forms.FileInput(attrs={"accept": "image/*"}),
    )
    remove_photo = forms.BooleanField(label=_("Remove my photo (show my initials instead)"), required=False)
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", _("My browser's language"))] + [(code, name) for code, name in settings.LANGUAGES],
        help_text=_("Winsboard and its e-mails to you speak it, on every device you sign in on."),
        error_messages={"invalid_choice": _("Choose a language from the list.")},
    )

    def __init__(self, *args, user, profile=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.profile = user, profile
        self.fields["team"].queryset = Team.objects.all()
        self.initial.setdefault("language", getattr(profile, "language", ""))
        full_name = user.get_full_name().strip() or user.get_username()
        # Translators: %(name)s is the person's full name.
        self.fields["display_name"].help_text = gettext(
            "How your name is shown to colleagues. Leave it empty to be shown as “%(name)s”."
        ) % {"name": full_name}
        # Translators: %(types)s lists photo file types (“JPEG, PNG, WebP or HEIC”).
        self.fields["photo"].help_text = gettext(
            "Optional: a %(types)s photo, up to %(mb)s MB. We use its centre square and remove location and "
            "camera details. Without one, your initials are shown."
        ) % {"types": gettext(photos.PHOTO_TYPES), "mb": settings.WINSBOARD_MAX_PHOTO_MB}
        if not self.is_bound and profile is not None:
            self.initial.update(display_name=profile.display_name, team=profile.team_id)
        if profile is None or not profile.photo:
            del self.fields["remove_photo"]

    def clean_display_name(self):
        return text.one_line(self.cleaned_data["display_name"])[:DISPLAY_NAME_MAX]

    def clean_photo(self):
        upload = self.cleaned_data.get("photo")
        if not upload:
            return None
        try:
            photos.check_photo_size(upload)
            return photos.process_avatar(upload)
        except MediaError as error:
            raise forms.ValidationError(
                # Translators: %(name)s is a file's name; %(error)s says what is wrong with it.
                gettext("We couldn't use “%(name)s”: %(error)s") % {"name": upload.name[:80], "error": error}
            ) from None

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("photo") is not None and cleaned.get("remove_photo"):
            self.add_error("remove_photo", gettext("Choose a new photo or remove the one you have, not both."))
        return cleaned


class DirectoryForm(forms.Form):
    """The people directory's search box and team menu (GET). Values it
    can't use are ignored: the directory still answers."""

    q = forms.CharField(label=pgettext_lazy("a person's name", "Name"), required=False, max_length=100)
    team = IdChoiceField(
        label=pgettext_lazy("a person's team", "Team"),
        queryset=Team.objects.none(),
        required=False,
        empty_label=_("All teams"),
    )

    def __init__(self, data=None, **kwargs):
        if data is not None:
            data = {key: data.get(key, "").replace("\x00", "") for key in ("q", "team")}
        super().__init__(data, **kwargs)
        self.fields["team"].queryset = Team.objects.all()

    def criteria(self):
        """(words to find, team or None), from the valid fields only."""
        self.is_valid()
        words = " ".join(self.cleaned_data.get("q", "").split())
        return words, self.cleaned_data.get("team")

    def query_string(self):
        """The usable criteria, for the pager's links."""
        words, team = self.criteria()
        pairs = ([("q", words)] if words else []) + ([("team", team.pk)] if team is not None else [])
        return urlencode(pairs)
