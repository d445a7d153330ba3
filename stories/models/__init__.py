"""Winsboard's data, one module per feature; every read is a named QuerySet
method. Import models from here: `from stories.models import Story`."""

from .awards import Award, AwardCategory, Nomination
from .celebrate import Cheer, Comment
from .curation import HiddenSnapshot
from .customer_voice import ConsentRequest
from .inbound import InboundAddress, InboundDraft, address_of
from .invitations import Invitation
from .media import Photo, Video
from .notifications import DigestSent, Notification, NotificationPreferences, new_feed_token
from .people import DISPLAY_NAME_MAX, PersonQuerySet, Profile, people
from .search import FTS_COLUMNS, FTS_TABLE
from .slideshow import DisplayLink, new_display_token
from .wins import HERO_ORDER, POSTED_FIELDS, QUEUES, Story, Tag, Team, display_name

__all__ = [
    "DISPLAY_NAME_MAX",
    "FTS_COLUMNS",
    "FTS_TABLE",
    "HERO_ORDER",
    "POSTED_FIELDS",
    "QUEUES",
    "Award",
    "AwardCategory",
    "Cheer",
    "Comment",
    "ConsentRequest",
    "DigestSent",
    "DisplayLink",
    "HiddenSnapshot",
    "InboundAddress",
    "InboundDraft",
    "Invitation",
    "Nomination",
    "Notification",
    "NotificationPreferences",
    "PersonQuerySet",
    "Photo",
    "Profile",
    "Story",
    "Tag",
    "Team",
    "Video",
    "address_of",
    "display_name",
    "people",
    "new_display_token",
    "new_feed_token",
]
