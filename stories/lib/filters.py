"""The feed's filters, as values (`FeedFilters`) and as a sentence a person
reads ("Creative ideas by the Concierge team since 1 October"). The form
that reads them from the address is `stories.forms.feed_filters.FeedFilterForm`;
the database side is `StoryQuerySet.filtered`. Nothing here touches the
database."""

from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import search
from .periods import day_text

# A kind of win, as the subject of a sentence ("Creative ideas by …").
KIND_NOUNS = {
    "fixed": _("Wins fixed on the spot"),
    "creative": _("Creative ideas"),
    "learned": _("Lessons from a miss"),
    "praise": _("Customer praise"),
}
FEATURED_NOUNS = {
    "": _("Featured wins"),
    "fixed": _("Featured wins fixed on the spot"),
    "creative": _("Featured creative ideas"),
    "learned": _("Featured lessons from a miss"),
    "praise": _("Featured customer praise"),
}
# Translators: the end of a sentence describing the feed's filters, e.g. "Wins that needed approval".
DECIDED = {"spot": _("decided on the spot"), "approval": _("that needed approval")}


@dataclass(frozen=True)
class FeedFilters:
    kind: str = ""
    team_id: int | None = None
    tag_ids: tuple = ()
    hero_id: int | None = None
    since: date | None = None
    until: date | None = None
    featured: bool = False
    has_photo: bool = False
    has_video: bool = False
    decided: str = ""  # "spot", "approval" or "" (either)
    query: search.Query = field(default_factory=search.Query)

    def __bool__(self):
        return any(
            (
                self.kind,
                self.team_id is not None,
                self.tag_ids,
                self.hero_id is not None,
                self.since,
                self.until,
                self.featured,
                self.has_photo,
                self.has_video,
                self.decided,
                self.query,
            )
        )


def _day(day, today):
    return day_text(day, year=day.year != today.year)


def _team_phrase(name):
    if name.casefold().endswith("team"):
        # Translators: part of a sentence describing the feed's filters: "Wins by the Concierge team".
        return gettext("by the %(team)s") % {"team": name}
    # Translators: part of a sentence describing the feed's filters: "Wins by the Concierge team".
    return gettext("by the %(team)s team") % {"team": name}


def _media_phrase(filters):
    # Translators: parts of a sentence describing the feed's filters: "Wins with a photo and a video".
    if filters.has_photo and filters.has_video:
        return gettext("with a photo and a video")
    if filters.has_photo:
        return gettext("with a photo")
    return gettext("with a video") if filters.has_video else ""


def _dates_phrase(filters, today):
    # Translators: parts of a sentence describing the feed's filters: "Wins between 1 October and 3 November".
    if filters.since and filters.until:
        values = {"since": _day(filters.since, today), "until": _day(filters.until, today)}
        return gettext("between %(since)s and %(until)s") % values
    if filters.since:
        return gettext("since %(date)s") % {"date": _day(filters.since, today)}
    return gettext("until %(date)s") % {"date": _day(filters.until, today)} if filters.until else ""


def describe(filters, *, today, team_name="", tag_names=(), hero_name=""):
    """The active filters as one sentence, or "" when there are none: a
    subject ("Creative ideas") and a phrase for each other filter, each
    phrase translatable on its own (their order is the sentence's)."""
    if not filters:
        return ""
    nouns = FEATURED_NOUNS if filters.featured else KIND_NOUNS
    parts = [str(nouns.get(filters.kind) or (_("Featured wins") if filters.featured else _("Wins")))]
    if hero_name:
        # Translators: part of a sentence describing the feed's filters: "Wins credited to Ana Ruiz".
        parts.append(gettext("credited to %(name)s") % {"name": hero_name})
    if team_name:
        parts.append(_team_phrase(team_name))
    if tag_names:
        tags = f"#{tag_names[0]}"
        for name in tag_names[1:]:
            # Translators: a list of tag names growing by one: "#Small touches or #Upgrades".
            tags = gettext("%(tags)s or %(tag)s") % {"tags": tags, "tag": f"#{name}"}
        # Translators: part of a sentence describing the feed's filters: "Wins tagged #Upgrades or #Kids".
        parts.append(gettext("tagged %(tags)s") % {"tags": tags})
    parts.append(_media_phrase(filters))
    if filters.decided in DECIDED:
        parts.append(str(DECIDED[filters.decided]))
    parts.append(_dates_phrase(filters, today))
    if filters.query:
        # Translators: part of a sentence describing the feed's filters: "Wins matching “late checkout”".
        parts.append(gettext("matching “%(words)s”") % {"words": search.describe(filters.query)})
    return " ".join(part for part in parts if part)
