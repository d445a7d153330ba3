"""Comments: writing or editing one, and a manager's reason for hiding one.
Each cleans with the rules the services enforce too (stories.models.celebrate),
so a person gets the message on the form."""

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from ..models.celebrate import COMMENT_MAX, COMMENT_REASON_MAX, CelebrateError, comment_clean_body, comment_clean_reason
from . import count_text, lazy_text


def _checked(clean, value):
    try:
        return clean(value)
    except CelebrateError as error:
        raise forms.ValidationError(str(error)) from None


class CommentForm(forms.Form):
    body = forms.CharField(
        label=pgettext_lazy("noun", "Comment"),
        max_length=COMMENT_MAX * 4,  # generous for spaces; the real limit is checked once they are trimmed
        widget=forms.Textarea(attrs={"rows": 3, "data-mentions": reverse_lazy("people_suggest"), "dir": "auto"}),
        help_text=lazy_text(
            lambda: (
                ngettext(
                    "Plain text, up to %(limit)s character. Links start with https://. "
                    "Type @ and a name to mention a colleague.",
                    "Plain text, up to %(limit)s characters. Links start with https://. "
                    "Type @ and a name to mention a colleague.",
                    COMMENT_MAX,
                )
                % {"limit": count_text(COMMENT_MAX)}
            )
        ),
        error_messages={"required": _("Write something first."), "max_length": _("That comment is too long.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].widget.attrs["maxlength"] = COMMENT_MAX  # the browser counts what is kept

    def clean_body(self):
        return _checked(comment_clean_body, self.cleaned_data["body"])


class CommentHideForm(forms.Form):
    reason = forms.CharField(
        label=pgettext_lazy("why a manager hid it", "Reason"),
        max_length=2000,
        help_text=_("Its author sees this reason. Nobody else sees the comment."),
        error_messages={
            "required": _("Give a reason for hiding this comment. Its author will see it."),
            "max_length": _("That reason is too long."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].widget.attrs["maxlength"] = COMMENT_REASON_MAX

    def clean_reason(self):
        return _checked(comment_clean_reason, self.cleaned_data["reason"])
