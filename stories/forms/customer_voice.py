"""The customer's voice: asking the customer (the win's page), and the
customer's answer (/customer/<token>/, whose words are marked for
translation: the page speaks the customer's language where Winsboard has it)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..lib import text
from ..models.customer_voice import Answer


class AskCustomerForm(forms.Form):
    """By e-mail (the address typed once) or by a QR code shown on the phone."""

    VIA = (("email", _("By e-mail")), ("qr", _("Show a QR code")))

    via = forms.ChoiceField(choices=VIA, widget=forms.HiddenInput)
    email = forms.EmailField(
        label=_("The customer's e-mail"),
        required=False,
        max_length=254,
        help_text=_("Used once for the link, erased when they answer or the link expires. Only you see it."),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("via") == "email" and not cleaned.get("email") and "email" not in self.errors:
            self.add_error("email", _("Type the customer's e-mail address, or show them a QR code instead."))
        if cleaned.get("via") == "qr":
            cleaned["email"] = ""
        return cleaned


ANSWERS = (
    (Answer.AGREE, _("Yes, share my words as they are")),
    (Answer.EDIT, _("Yes, with my words as I wrote them below")),
    (Answer.ANONYMOUS, _("Yes, but without my name (shown as “a guest”)")),
    (Answer.NO, _("No, please don't share my words")),
)
RATINGS = [(str(number), str(number)) for number in range(1, 6)]


class CustomerAnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Your answer"),
        choices=ANSWERS,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose one of the answers.")},
    )
    words = forms.CharField(
        label=_("Your words"),
        required=False,
        max_length=500,
        help_text=_("Change them as you like; they are shared only if you choose “with my words”."),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": _("Keep your words to 500 characters.")},
    )
    feeling = forms.CharField(
        label=_("How did it make you feel? (optional)"),
        required=False,
        max_length=300,
        error_messages={"max_length": _("Keep this to 300 characters.")},
    )
    rating = forms.TypedChoiceField(
        label=_("Your rating, from 1 (poor) to 5 (excellent) (optional)"),
        choices=RATINGS,
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )

    def clean_words(self):
        return text.paragraphs(self.cleaned_data["words"])

    def clean_feeling(self):
        return text.one_line(self.cleaned_data["feeling"])

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("answer") == Answer.EDIT and not cleaned.get("words") and "words" not in self.errors:
            self.add_error("words", _("Write your words, or choose another answer."))
        return cleaned
