"""Winsboard's data, one module per feature; every read is a named QuerySet
method. Import models from here: `from stories.models import Story`."""

from .curation import HiddenSnapshot
from .media import Photo, Video
from .notifications import Notification
from .slideshow import DisplayLink, new_display_token
from .wins import HERO_ORDER, QUEUES, Story, Tag, Team, display_name

__all__ = [
    "HERO_ORDER",
    "QUEUES",
    "DisplayLink",
    "HiddenSnapshot",
    "Notification",
    "Photo",
    "Story",
    "Tag",
    "Team",
    "Video",
    "display_name",
    "new_display_token",
]
