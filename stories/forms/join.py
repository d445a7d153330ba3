"""Joining (/join/): the code from the card, then the person confirms their
name and chooses a password (Django's password validators)."""

from django import forms
from django.contrib.auth.forms import SetPasswordForm
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class JoinCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Your code"),
        max_length=40,  # room for stray spaces; anything else wrong is "not valid", like a wrong code
        help_text=_("The 8 characters on your invitation card, like ABCD-EFGH."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )


class JoinForm(SetPasswordForm):
    """Confirm who you are and choose a password (for the invitation's person)."""

    confirm = forms.BooleanField(label=_("This is me"), error_messages={"required": _("Confirm that this is you.")})

    field_order = ["confirm", "new_password1", "new_password2"]

    def __init__(self, user, *args, name="", **kwargs):
        super().__init__(user, *args, **kwargs)
        # Translators: %(name)s is the invited person's full name.
        self.fields["confirm"].label = gettext("I am %(name)s") % {"name": name} if name else gettext("This is me")
        self.fields["new_password1"].label = gettext("Choose a password")
        self.fields["new_password2"].label = gettext("The password again")
