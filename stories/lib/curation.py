"""Curation's rules, as pure code: what a tag name, a "why we love this"
note and a hiding reason may be. The forms (stories.forms.curation) and the
services (stories.services.curation, .tags) both apply them, so a person gets the
message on the form and nothing else can store a bad value."""

import re
import unicodedata

from django.utils.translation import gettext_lazy as _

from . import text
from .search import fold

TAG_NAME_MAX = 50  # Tag.name's max_length
TAGS_PER_WIN_MAX = 12
FEATURE_NOTE_MAX = 200  # Story.feature_note's max_length
HIDDEN_REASON_MAX = 300  # Story.hidden_reason's max_length


class CurationError(ValueError):
    """A curation step that cannot be done; the message tells a manager why."""


# Translators: keep {name} (a tag's name) as it is: this message is filled in with str.format.
TAG_MERGE_SELF = _("Pick another tag to merge “{name}” into: that is the tag itself.")
TAG_EMPTY = _("Type a tag name, e.g. “Above and beyond”.")
_HYPHEN_BETWEEN_WORDS = re.compile(r"(?<=\w)-(?=\w)")


def tag_clean_name(name):
    """The tag name as stored (its tidy display form):
    - look-alike and invisible characters folded or dropped (`text.label`),
      trimmed, runs of spaces made one, leading "#"s removed;
    - underscores become spaces ("small_touches" → "small touches");
    - a name typed all in lower case is read as a hashtag: its hyphens
      between words become spaces and its first letter a capital
      ("#guest-recovery" → "Guest recovery"); a name with any capital letter
      keeps its case and hyphens ("Q3-2026", "eBay").
    Raises CurationError when empty (or nothing but hyphens) or too long."""
    name = " ".join(_label(name).replace("_", " ").split())
    if name == name.lower():
        name = " ".join(_HYPHEN_BETWEEN_WORDS.sub(" ", name).split())
        name = name[:1].upper() + name[1:]
    name = text.within(
        name,
        limit=TAG_NAME_MAX,
        empty=TAG_EMPTY,
        too_long=_("Keep tag names to %(limit)s characters (this one has %(count)s)."),
        error=CurationError,
    )
    if not tag_key(name):
        raise CurationError(str(TAG_EMPTY))
    return name


def _label(name):
    """`text.label(name)` without the "#"s (and spaces) it begins with."""
    return text.label(name).lstrip("# ")


def tag_key(name):
    """What tag names are matched by (Tag.key, unique): case, accents,
    spaces, hyphens and dashes, underscores and a leading "#" ignored —
    "small-touches", "#Small Touches", "small_touches" and "Smäll touches"
    are all "smalltouches". Other punctuation counts ("C#" is not "C")."""
    folded = fold(_label(name))
    return "".join(char for char in folded if not (char.isspace() or char == "_" or unicodedata.category(char) == "Pd"))


def feature_clean_note(note):
    return text.within(
        text.one_line(note),
        limit=FEATURE_NOTE_MAX,
        too_long=_("Keep “Why we love this” to %(limit)s characters (it has %(count)s)."),
        error=CurationError,
    )


def hide_clean_reason(reason):
    return text.within(
        text.one_line(reason),
        limit=HIDDEN_REASON_MAX,
        empty=_("Give a reason for hiding this win. Its author will see it."),
        too_long=_("Keep the reason to %(limit)s characters (it has %(count)s)."),
        error=CurationError,
    )
