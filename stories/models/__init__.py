"""Winsboard's data, one module per feature; every read is a named QuerySet
method. Import models from here: `from stories.models import Story`."""

from .media import Photo, Video
from .notifications import Notification
from .people import DISPLAY_NAME_MAX, PersonQuerySet, Profile, people
from .search import CELEBRATION_COUNTS, FTS_COLUMNS, FTS_TABLE
from .slideshow import DisplayLink, new_display_token
from .wins import HERO_ORDER, QUEUES, Story, Tag, Team, display_name

__all__ = [
    "CELEBRATION_COUNTS",
    "DISPLAY_NAME_MAX",
    "FTS_COLUMNS",
    "FTS_TABLE",
    "HERO_ORDER",
    "QUEUES",
    "DisplayLink",
    "Notification",
    "PersonQuerySet",
    "Photo",
    "Profile",
    "Story",
    "Tag",
    "Team",
    "Video",
    "display_name",
    "people",
    "new_display_token",
]
