"""The review queue's forms: its filters (the feed's team, kind, tag and
dates, read from the address) and its bulk actions on the ticked wins."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ..lib import text
from ..lib.curation import CurationError, hide_clean_reason, tag_clean_name
from .feed_filters import FeedFilterForm

BULK_MAX = 100
BULK_CHOICES = [
    ("approve", pgettext_lazy("verb: approve the selected wins", "Approve")),
    ("hide", pgettext_lazy("verb: hide the selected wins (a reason follows)", "Hide…")),
    ("tag", pgettext_lazy("verb: tag the selected wins (a tag follows)", "Tag…")),
]


class QueueFilterForm(FeedFilterForm):
    """The feed's filter form, narrowed to what the queue filters by: kind,
    team, a tag and the dates (anything else in the address is left out)."""

    KEPT = ("kind", "team", "tag", "since", "until")

    def _sanitized(self, params):
        data = super()._sanitized(params)
        for name in list(data):
            if name not in self.KEPT:
                del data[name]
        return data


class QueueBulkForm(forms.Form):
    """One action on the wins ticked in the queue's list: approve, hide (with
    a reason its authors read), or tag (an existing tag however typed, or a
    new one)."""

    action = forms.ChoiceField(
        label=_("With the selected wins"),
        choices=BULK_CHOICES,
        error_messages={
            "required": _("Pick what to do with the selected wins."),
            "invalid_choice": _("Pick an action."),
        },
    )
    reason = forms.CharField(label=pgettext_lazy("why a manager hid it", "Reason"), required=False, max_length=2000)
    tag = forms.CharField(label=pgettext_lazy("noun", "Tag"), required=False, max_length=200)

    def __init__(self, data):
        super().__init__(data)
        posted = data.getlist("ids")[:BULK_MAX]
        self.ids = [pk for pk in map(text.posted_id, posted) if pk is not None]

    def clean(self):
        cleaned = super().clean()
        if not self.ids:
            raise forms.ValidationError(_("Tick the wins first."))
        action = cleaned.get("action")
        try:
            if action == "hide":
                cleaned["reason"] = hide_clean_reason(cleaned.get("reason", ""))
            elif action == "tag":
                cleaned["tag"] = tag_clean_name(cleaned.get("tag", ""))
        except CurationError as error:
            self.add_error("reason" if action == "hide" else "tag", str(error))
        return cleaned
