"""The small forms behind the curation actions. Each cleans with the rules the
services enforce too (stories.lib.curation), so a person gets the message on
the form."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from ..lib import text
from ..lib.curation import (
    FEATURE_NOTE_MAX,
    HIDDEN_REASON_MAX,
    TAG_NAME_MAX,
    CurationError,
    feature_clean_note,
    hide_clean_reason,
    tag_clean_name,
)
from . import count_text, lazy_text


def _checked(clean, value):
    try:
        return clean(value)
    except CurationError as error:
        raise forms.ValidationError(str(error)) from None


class TagForm(forms.Form):
    name = forms.CharField(
        label=_("Tags"),
        max_length=200,  # generous for spaces; the real limit is checked after they are collapsed
        help_text=lazy_text(
            lambda: (
                ngettext(
                    "Pick an existing tag or type a new one (up to %(limit)s character).",
                    "Pick an existing tag or type a new one (up to %(limit)s characters).",
                    TAG_NAME_MAX,
                )
                % {"limit": count_text(TAG_NAME_MAX)}
            )
        ),
        error_messages={
            "required": _("Type a tag name, e.g. “Above and beyond”."),
            "max_length": _("That tag is too long."),
        },
    )

    def clean_name(self):
        return _checked(tag_clean_name, self.cleaned_data["name"])


class FeatureForm(forms.Form):
    note = forms.CharField(
        label=_("Why we love this"),
        required=False,
        max_length=1000,
        widget=forms.TextInput(attrs={"maxlength": FEATURE_NOTE_MAX}),
        help_text=lazy_text(
            lambda: (
                ngettext(
                    "Optional, up to %(limit)s character: shown on the wall and in the slideshow.",
                    "Optional, up to %(limit)s characters: shown on the wall and in the slideshow.",
                    FEATURE_NOTE_MAX,
                )
                % {"limit": count_text(FEATURE_NOTE_MAX)}
            )
        ),
        error_messages={"max_length": _("That note is too long.")},
    )

    def clean_note(self):
        return _checked(feature_clean_note, self.cleaned_data["note"])


class HideForm(forms.Form):
    reason = forms.CharField(
        label=pgettext_lazy("why a manager hid it", "Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": HIDDEN_REASON_MAX}),
        help_text=_("Its author sees this reason. Nobody else sees the win."),
        error_messages={
            "required": _("Give a reason for hiding this win. Its author will see it."),
            "max_length": _("That reason is too long."),
        },
    )

    def clean_reason(self):
        return _checked(hide_clean_reason, self.cleaned_data["reason"])


class ReorderForm(forms.Form):
    ids = forms.CharField(max_length=20_000, error_messages={"required": _("Drag a win to a new place first.")})

    def clean_ids(self):
        ids = [text.posted_id(part) for part in self.cleaned_data["ids"].split(",") if part.strip()]
        if not ids or len(ids) > 1000 or None in ids:
            raise forms.ValidationError(_("That order could not be read. Reload the wall and try again."))
        return ids
