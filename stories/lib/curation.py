"""Curation's rules, as pure code: what a tag name, a "why we love this"
note and a hiding reason may be. The forms (stories.forms.curation) and the
services (stories.services.curation) both apply them, so a person gets the
message on the form and nothing else can store a bad value."""

from . import text

TAG_NAME_MAX = 50  # Tag.name's max_length
TAGS_PER_WIN_MAX = 12
FEATURE_NOTE_MAX = 200  # Story.feature_note's max_length
HIDDEN_REASON_MAX = 300  # Story.hidden_reason's max_length


class CurationError(ValueError):
    """A curation step that cannot be done; the message tells a manager why."""


def tag_clean_name(name):
    """The tag name as stored: trimmed, spaces collapsed, no leading "#".
    Raises CurationError when empty or too long."""
    return text.within(
        text.label(name).lstrip("#").strip(),
        limit=TAG_NAME_MAX,
        empty="Type a tag name, e.g. “Above and beyond”.",
        too_long="Keep tag names to {limit} characters (this one has {count}).",
        error=CurationError,
    )


def feature_clean_note(note):
    return text.within(
        text.one_line(note),
        limit=FEATURE_NOTE_MAX,
        too_long="Keep “Why we love this” to {limit} characters (it has {count}).",
        error=CurationError,
    )


def hide_clean_reason(reason):
    return text.within(
        text.one_line(reason),
        limit=HIDDEN_REASON_MAX,
        empty="Give a reason for hiding this win. Its author will see it.",
        too_long="Keep the reason to {limit} characters (it has {count}).",
        error=CurationError,
    )
