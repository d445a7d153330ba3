"""How a person wants to hear of what happens to their wins
(/settings/notifications/): each important event in the app only or also
by e-mail, and the weekly digest on or off."""

from django import forms

EMAIL_CHOICES = [("0", "In the app only"), ("1", "Also by e-mail")]
DIGEST_CHOICES = [("0", "Off"), ("1", "On: every Monday, by e-mail")]

EMAIL_EVENTS = {
    "email_credited": "You are credited as a hero",
    "email_approved": "Your win is approved",
    "email_featured": "Your win is featured (with the manager's note)",
    "email_hidden": "Your win is hidden (with the reason)",
    "email_draft": "A thank-you e-mail you forwarded became a draft",
    "email_mentioned": "A colleague mentions you (@your name) in a win or a comment",
    "email_awarded": "Your win wins an award (with the citation)",
}


def _choice(label, choices, help_text=""):
    return forms.TypedChoiceField(
        label=label,
        choices=choices,
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        help_text=help_text,
        error_messages={"required": "Pick one.", "invalid_choice": "Pick one of the choices."},
    )


class NotificationPreferencesForm(forms.Form):
    email_credited = _choice(EMAIL_EVENTS["email_credited"], EMAIL_CHOICES)
    email_approved = _choice(EMAIL_EVENTS["email_approved"], EMAIL_CHOICES)
    email_featured = _choice(EMAIL_EVENTS["email_featured"], EMAIL_CHOICES)
    email_hidden = _choice(EMAIL_EVENTS["email_hidden"], EMAIL_CHOICES)
    email_draft = _choice(EMAIL_EVENTS["email_draft"], EMAIL_CHOICES)
    email_mentioned = _choice(EMAIL_EVENTS["email_mentioned"], EMAIL_CHOICES)
    email_awarded = _choice(EMAIL_EVENTS["email_awarded"], EMAIL_CHOICES)
    weekly_digest = _choice(
        "Weekly digest",
        DIGEST_CHOICES,
        help_text="The week's featured wins with their notes, the cheers on your wins and the heroes of the week.",
    )

    @classmethod
    def for_preferences(cls, preferences, data=None):
        initial = {name: "1" if getattr(preferences, name) else "0" for name in cls.base_fields}
        return cls(data, initial=initial)
