"""How a person wants to hear of what happens to their wins
(/settings/notifications/): each important event in the app only or also
by e-mail, and the weekly digest on or off."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

EMAIL_CHOICES = [("0", _("In the app only")), ("1", _("Also by e-mail"))]
DIGEST_CHOICES = [("0", pgettext_lazy("the weekly digest is", "Off")), ("1", _("On: every Monday, by e-mail"))]

EMAIL_EVENTS = {
    "email_credited": _("You are credited as a hero"),
    "email_approved": _("Your win is approved"),
    "email_featured": _("Your win is featured (with the manager's note)"),
    "email_hidden": _("Your win is hidden (with the reason)"),
    "email_draft": _("A thank-you e-mail you forwarded became a draft"),
    "email_mentioned": _("A colleague mentions you (@your name) in a win or a comment"),
    "email_awarded": _("Your win wins an award (with the citation)"),
}


def _choice(label, choices, help_text=""):
    return forms.TypedChoiceField(
        label=label,
        choices=choices,
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        help_text=help_text,
        error_messages={"required": _("Pick one."), "invalid_choice": _("Pick one of the choices.")},
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
        _("Weekly digest"),
        DIGEST_CHOICES,
        help_text=_("The week's featured wins with their notes, the cheers on your wins and the heroes of the week."),
    )

    @classmethod
    def for_preferences(cls, preferences, data=None):
        initial = {name: "1" if getattr(preferences, name) else "0" for name in cls.base_fields}
        return cls(data, initial=initial)
