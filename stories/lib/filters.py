"""The feed's filters, as values (`FeedFilters`) and as a sentence a person
reads ("Creative ideas by the Concierge team since 1 October"). The form
that reads them from the address is `stories.forms.wins.FeedFilterForm`;
the database side is `StoryQuerySet.filtered`. Nothing here touches the
database."""

from dataclasses import dataclass, field
from datetime import date

from django.utils.dateformat import format as date_format

from . import search

# A kind of win, as the subject of a sentence ("Creative ideas by …").
KIND_NOUNS = {
    "fixed": "Wins fixed on the spot",
    "creative": "Creative ideas",
    "learned": "Lessons from a miss",
    "praise": "Customer praise",
}
DECIDED = {"spot": "decided on the spot", "approval": "that needed approval"}


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
    return date_format(day, "j F" if day.year == today.year else "j F Y")


def _team_phrase(name):
    return f"by the {name}" + ("" if name.casefold().endswith("team") else " team")


def describe(filters, *, today, team_name="", tag_names=(), hero_name=""):
    """The active filters as one sentence, or "" when there are none."""
    if not filters:
        return ""
    subject = KIND_NOUNS.get(filters.kind, "Wins")
    if filters.featured:
        subject = "Featured " + subject[0].lower() + subject[1:]
    parts = [subject]
    if hero_name:
        parts.append(f"credited to {hero_name}")
    if team_name:
        parts.append(_team_phrase(team_name))
    if tag_names:
        parts.append("tagged " + " or ".join(f"#{name}" for name in tag_names))
    media = [label for wanted, label in ((filters.has_photo, "a photo"), (filters.has_video, "a video")) if wanted]
    if media:
        parts.append("with " + " and ".join(media))
    if filters.decided in DECIDED:
        parts.append(DECIDED[filters.decided])
    if filters.since and filters.until:
        parts.append(f"between {_day(filters.since, today)} and {_day(filters.until, today)}")
    elif filters.since:
        parts.append(f"since {_day(filters.since, today)}")
    elif filters.until:
        parts.append(f"until {_day(filters.until, today)}")
    if filters.query:
        parts.append(f"matching “{search.describe(filters.query)}”")
    return " ".join(parts)
