"""The tags page's forms (/manage/tags/edit/): rename a tag, merge it into
another. Names are cleaned and matched by the rules of `stories.lib.curation`,
so a person gets the message on the form."""

from django import forms

from ..lib.curation import TAG_MERGE_SELF, TAG_NAME_MAX, CurationError, tag_clean_name
from ..models import Tag

TYPED_MAX = 200  # generous for spaces; the real limit is checked after they are collapsed


class TagRenameForm(forms.Form):
    name = forms.CharField(
        label="New name",
        max_length=TYPED_MAX,
        help_text=f"Up to {TAG_NAME_MAX} characters. Wins keep the tag; its links stay the same.",
        error_messages={"required": "Type the tag's new name.", "max_length": "That name is too long."},
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
        label="Merge into",
        max_length=TYPED_MAX,
        help_text="The tag that stays: its wins get this tag's wins.",
        error_messages={"required": "Type the tag to merge into.", "max_length": "That name is too long."},
    )

    def __init__(self, *args, tag, **kwargs):
        super().__init__(*args, **kwargs)
        self.tag = tag

    def clean_into(self):
        typed = self.cleaned_data["into"]
        into = Tag.objects.find(typed)
        if into is None:
            raise forms.ValidationError(
                f"There is no tag “{' '.join(typed.split())}”. Pick one from the list, or rename this tag instead."
            )
        if into.pk == self.tag.pk:
            raise forms.ValidationError(TAG_MERGE_SELF.format(name=self.tag.name))
        return into
