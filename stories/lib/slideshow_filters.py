"""The all-hands slideshow's URL filters, as pure code: `parse_selection`
reads them into a `Selection` (what the deck shows and how), `as_query`
writes them back. The wins they select come from
`Story.objects.for_deck(selection)`; the slides, from `stories.slides`.
"""

import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from django.utils.translation import gettext

DEFAULT_SECONDS = 12
MIN_SECONDS = 4
MAX_SECONDS = 120

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}
_SLUG = re.compile(r"[-a-zA-Z0-9_]{1,60}")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_WHOLE_NUMBER = re.compile(r"[0-9]{1,12}")


class BadSelection(ValueError):
    """A slideshow URL parameter that makes no sense; the message tells a person how to fix it."""


@dataclass(frozen=True)
class Selection:
    """What the deck shows and how: the parsed, validated URL filters."""

    tag: str = ""
    since: date | None = None
    team: int | None = None
    seconds: int = DEFAULT_SECONDS
    shuffle: bool = False
    unshown: bool = False
    title: bool = True
    end: bool = True

    def as_query(self):
        """The canonical query string: only what differs from the defaults, in a fixed order."""
        params = []
        if self.tag:
            params.append(("tag", self.tag))
        if self.since:
            params.append(("since", self.since.isoformat()))
        if self.team is not None:
            params.append(("team", str(self.team)))
        if self.seconds != DEFAULT_SECONDS:
            params.append(("seconds", str(self.seconds)))
        for name in ("shuffle", "unshown"):
            if getattr(self, name):
                params.append((name, "1"))
        for name in ("title", "end"):
            if not getattr(self, name):
                params.append((name, "0"))
        return urlencode(params)


# --- parsing the URL ----------------------------------------------------------


def _text(params, name):
    value = params.get(name, "")
    return value.strip() if isinstance(value, str) else ""


def _flag(params, name, default):
    value = _text(params, name).lower()
    if value == "":
        return default
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    # Translators: a slideshow address's parameter was wrong; keep the parameter's name and example as they are.
    raise BadSelection(gettext("“%(name)s” takes 1 (yes) or 0 (no).") % {"name": name})


def _tag(params):
    value = _text(params, "tag").lower()  # slugs are lower case; a hand-typed ?tag=Q4-2026 still finds its tag
    if value and not _SLUG.fullmatch(value):
        # Translators: a slideshow address's parameter was wrong; keep the parameter's name and example as they are.
        raise BadSelection(
            gettext("“tag” takes a tag's short name as it appears in a tag link, like tag=above-and-beyond.")
        )
    return value


def _since(params):
    value = _text(params, "since")
    if not value:
        return None
    try:
        if not _ISO_DATE.fullmatch(value):
            raise ValueError(value)
        return date.fromisoformat(value)
    except ValueError:
        # Translators: a slideshow address's parameter was wrong; keep the parameter's name and example as they are.
        raise BadSelection(gettext("“since” takes a date written year-month-day, like since=2026-11-01.")) from None


def _team(params):
    value = _text(params, "team")
    if not value:
        return None
    if not _WHOLE_NUMBER.fullmatch(value) or int(value) > 2**31:
        # Translators: a slideshow address's parameter was wrong; keep the parameter's name and example as they are.
        raise BadSelection(gettext("“team” takes a team's number, like team=3 (the feed's team filter shows it)."))
    return int(value)


def _seconds(params):
    value = _text(params, "seconds")
    if not value:
        return DEFAULT_SECONDS
    if not _WHOLE_NUMBER.fullmatch(value):
        values = {"min": MIN_SECONDS, "max": MAX_SECONDS}
        # Translators: a slideshow address's parameter was wrong; keep the parameter's name and example as they are.
        raise BadSelection(
            gettext("“seconds” takes a whole number of seconds per slide, from %(min)s to %(max)s.") % values
        )
    return min(max(int(value), MIN_SECONDS), MAX_SECONDS)


def parse_selection(params):
    """A Selection from URL parameters (a QueryDict or dict).

    Malformed values raise BadSelection; out-of-range seconds are clamped;
    parameters the slideshow does not know are ignored.
    """
    return Selection(
        tag=_tag(params),
        since=_since(params),
        team=_team(params),
        seconds=_seconds(params),
        shuffle=_flag(params, "shuffle", False),
        unshown=_flag(params, "unshown", False),
        title=_flag(params, "title", True),
        end=_flag(params, "end", True),
    )
