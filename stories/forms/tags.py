"""The tags page's forms (/manage/tags/edit/): rename a tag, merge it into
another. Names are cleaned and matched by the rules of `stories.lib.curation`,
so a person gets the message on the form."""

from django import forms
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from ..lib.curation import TAG_MERGE_SELF, TAG_NAME_MAX, CurationError, tag_clean_name
from ..models import Tag
from . import count_text, lazy_text

TYPED_MAX = 200  # generous for spaces; the real limit is checked after they are collapsed


class TagRenameForm(forms.Form):
    name = forms.CharField(
        label=_("New name"),
        max_length=TYPED_MAX,
        help_text=lazy_text(
            lambda: (
                ngettext(
                    "Up to %(limit)s character. Wins keep the tag; its links stay the same.",
                    "Up to %(limit)s characters. Wins keep the tag; its links stay the same.",
                    TAG_NAME_MAX,
                )
                % {"limit": count_text(TAG_NAME_MAX)}
            )
        ),
        error_messages={"required": _("Type the tag's new name."), "max_length": _("That name is too long.")},
    )

    def clean_name(self):
        try:
            return tag_clean_name(self.cleaned_data["name"])
        except CurationError as error:
            raise forms.ValidationError(str(error)) from None


class TagMergeForm(forms.Form):
    """`into`: the tag typed (matched like tags are: "small-touches" is
    "Small touches"), never `tag` itself."""

    into = forms.CharField(
        label=_("Merge into"),
        max_length=TYPED_MAX,
        help_text=_("The tag that stays: its wins get this tag's wins."),
        error_messages={"required": _("Type the tag to merge into."), "max_length": _("That name is too long.")},
    )

    def __init__(self, *args, tag, **kwargs):
        super().__init__(*args, **kwargs)
        self.tag = tag

    def clean_into(self):
        typed = self.cleaned_data["into"]
        into = Tag.objects.find(typed)
        if into is None:
            raise forms.ValidationError(
                # Translators: %(name)s is the tag name the person typed.
                gettext("There is no tag “%(name)s”. Pick one from the list, or rename this tag instead.")
                % {"name": " ".join(typed.split())}
            )
        if into.pk == self.tag.pk:
            raise forms.ValidationError(TAG_MERGE_SELF.format(name=self.tag.name))
        return into
