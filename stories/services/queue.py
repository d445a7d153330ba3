"""The review queue's bulk actions: one action on the wins a manager ticked
in the queue's list, through the single-win services (so each win moves,
notifies and is logged exactly as with its own button), all or nothing."""

import logging

from django.db import transaction
from django.utils.translation import gettext

from ..lib.curation import CurationError
from .curation import story_approve, story_hide
from .tags import tag_add

log = logging.getLogger(__name__)

BULK_ACTIONS = ("approve", "hide", "tag")


@transaction.atomic
def stories_bulk(*, action, stories, by, reason="", tag=""):
    """Apply `action` to `stories` (a queryset): "approve" (a pending win is
    published, an unreviewed one marked reviewed; a hidden one is left to
    its own button), "hide" (with `reason`; hidden ones stay as they are) or
    "tag" (with the tag `tag`). Returns how many wins it changed. A
    CurationError for one win (a tag too many) changes none, and says which."""
    if action not in BULK_ACTIONS:
        raise CurationError(gettext("Pick what to do with the selected wins."))
    changed = 0
    for story in stories.select_for_update().order_by("pk"):
        try:
            changed += _apply(action, story, by=by, reason=reason, tag=tag)
        except CurationError as error:
            raise CurationError(
                gettext("“%(headline)s”: %(error)s") % {"headline": story.headline, "error": error}
            ) from None
    log.info("curation: %s applied %s to %s wins", by, action, changed)
    return changed


def _apply(action, story, *, by, reason, tag):
    if action == "approve":
        if story.is_hidden or (story.reviewed_at is not None and not story.is_pending):
            return 0
        story_approve(story=story, by=by)
    elif action == "hide":
        if story.is_hidden:
            return 0
        story_hide(story=story, by=by, reason=reason)
    else:
        tag_add(story=story, name=tag, by=by)
    return 1
