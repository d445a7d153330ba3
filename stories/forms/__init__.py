"""Forms, one module per feature, with messages written for the person at
the form: `stories.forms.wins`, `.media`, `.curation`, `.slideshow`."""

from django.utils.formats import number_format
from django.utils.functional import lazy


def lazy_text(words):
    """A label or message that needs numbers filled in, read in the reader's
    language each time it is shown: `words` is a function that calls
    gettext or ngettext and fills in the placeholders (a class attribute
    must not be translated once, at import)."""
    return lazy(words, str)()


def count_text(number):
    """A limit as people read it: 1,000 (grouped the reader's way)."""
    return number_format(number, force_grouping=True)
