"""Comments: writing or editing one, and a manager's reason for hiding one.
Each cleans with the rules the services enforce too (stories.models.celebrate),
so a person gets the message on the form."""

from django import forms
from django.urls import reverse_lazy

from ..models.celebrate import COMMENT_MAX, COMMENT_REASON_MAX, CelebrateError, comment_clean_body, comment_clean_reason


def _checked(clean, value):
    try:
        return clean(value)
    except CelebrateError as error:
        raise forms.ValidationError(str(error)) from None


class CommentForm(forms.Form):
    body = forms.CharField(
        label="Comment",
        max_length=COMMENT_MAX * 4,  # generous for spaces; the real limit is checked once they are trimmed
        widget=forms.Textarea(attrs={"rows": 3, "data-mentions": reverse_lazy("people_suggest")}),
        help_text=f"Plain text, up to {COMMENT_MAX:,} characters. Links start with https://. "
        "Type @ and a name to mention a colleague.",
        error_messages={"required": "Write something first.", "max_length": "That comment is too long."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].widget.attrs["maxlength"] = COMMENT_MAX  # the browser counts what is kept

    def clean_body(self):
        return _checked(comment_clean_body, self.cleaned_data["body"])


class CommentHideForm(forms.Form):
    reason = forms.CharField(
        label="Reason",
        max_length=2000,
        help_text="Its author sees this reason. Nobody else sees the comment.",
        error_messages={
            "required": "Give a reason for hiding this comment. Its author will see it.",
            "max_length": "That reason is too long.",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].widget.attrs["maxlength"] = COMMENT_REASON_MAX

    def clean_reason(self):
        return _checked(comment_clean_reason, self.cleaned_data["reason"])
