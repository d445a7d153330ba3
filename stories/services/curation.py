"""Managers' curation: the featured wall and its order, hiding, review (tags:
`stories.services.tags`).

The rules for what a manager types are in `stories.lib.curation`; every
refusal is a CurationError whose message tells the manager why.
"""

import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from ..lib.curation import CurationError, feature_clean_note, hide_clean_reason
from ..models import HiddenSnapshot, Story
from ..models.curation import shown_fields
from .awards import nominations_withdraw_hidden
from .changes import wins_changed
from .notifications import (
    notify_approved,
    notify_credited,
    notify_feature_note,
    notify_featured,
    notify_hidden,
    notify_mentioned_in_story,
)

log = logging.getLogger(__name__)


def _mark_reviewed(story, by, now):
    """A manager has looked at the win: it leaves the review queue."""
    if story.reviewed_at is None:
        story.reviewed_at, story.reviewed_by = now, by
    return ["reviewed_at", "reviewed_by"]


@transaction.atomic
def story_feature(*, story, by, note=None):
    """Put `story` on the featured wall (at the top, after a pinned win), or,
    when it is already there, change its "why we love this" note. `note=None`
    keeps the note as it is."""
    if story.is_hidden:
        raise CurationError(gettext("This win is hidden. Unhide it before featuring it."))
    if story.is_pending:
        raise CurationError(gettext("This win waits for review. Approve it before featuring it."))
    now = timezone.now()
    fields = _mark_reviewed(story, by, now) + ["feature_note"]
    old_note = story.feature_note
    if note is not None:
        story.feature_note = feature_clean_note(note)
    first_time = story.featured_at is None
    if first_time:
        story.featured_at, story.featured_by, story.wall_position, story.pinned = now, by, None, False
        fields += ["featured_at", "featured_by", "wall_position", "pinned"]
    story.save(update_fields=fields)
    _wall_save(_wall_ids())
    wins_changed(story)
    if first_time:
        notify_featured(story=story, by=by)
    elif story.feature_note != old_note:
        notify_feature_note(story=story)
    log.info("curation: %s featured win %s", by, story.pk)
    return story


def _unfeature_fields(story):
    story.featured_at = story.featured_by = story.wall_position = None
    story.feature_note, story.pinned = "", False
    return ["featured_at", "featured_by", "wall_position", "feature_note", "pinned"]


@transaction.atomic
def story_unfeature(*, story, by=None):
    """Take `story` off the featured wall (and so out of the slideshow)."""
    if story.featured_at is None:
        return story
    story.save(update_fields=_unfeature_fields(story))
    _wall_save(_wall_ids())
    wins_changed(story)
    log.info("curation: %s unfeatured win %s", by, story.pk)
    return story


# The wall's order is Story.objects.featured(): pinned first, then
# wall_position. These keep positions dense (0, 1, 2 …) in that order.


def _wall_ids():
    """The wall's win ids in order, locked against a concurrent rearrangement."""
    return list(Story.objects.featured().select_for_update().values_list("pk", flat=True))


def _wall_save(ids):
    """Store `ids` (the whole wall, pinned first) as the order: write the
    positions that changed."""
    current = dict(Story.objects.filter(pk__in=ids).values_list("pk", "wall_position"))
    changed = [Story(pk=pk, wall_position=index) for index, pk in enumerate(ids) if current.get(pk) != index]
    if changed:
        Story.objects.bulk_update(changed, ["wall_position"])


def _on_the_wall(story, ids):
    if story.pk not in ids:
        raise CurationError(gettext("Only wins on the featured wall can be arranged. Feature it first."))


@transaction.atomic
def wall_move(*, story, direction):
    """Swap `story` with its neighbour on the wall ("up" = earlier). A pinned
    win stays first: nothing moves across it."""
    if direction not in ("up", "down"):
        raise CurationError(gettext("Move a win up or down."))
    ids = _wall_ids()
    _on_the_wall(story, ids)
    pinned = set(Story.objects.filter(pk__in=ids, pinned=True).values_list("pk", flat=True))
    here = ids.index(story.pk)
    there = here - 1 if direction == "up" else here + 1
    if 0 <= there < len(ids) and (ids[there] in pinned) == (story.pk in pinned):
        ids[here], ids[there] = ids[there], ids[here]
        _wall_save(ids)
    wins_changed()  # the wall's order: no card shows it, the slideshow does
    return ids


@transaction.atomic
def wall_reorder(*, ids):
    """Arrange the wall as dragged: the given wins take, in the given order,
    the places they held (so a page or a part of the wall can be reordered on
    its own). Unknown, repeated or unfeatured ids are ignored; a pinned win
    stays first. Returns the wall's new order."""
    wall = _wall_ids()
    on_wall = set(wall)
    given = list(dict.fromkeys(pk for pk in ids if pk in on_wall))
    slots = sorted(wall.index(pk) for pk in given)
    for slot, pk in zip(slots, given, strict=True):
        wall[slot] = pk
    pinned = set(Story.objects.filter(pk__in=wall, pinned=True).values_list("pk", flat=True))
    wall = [pk for pk in wall if pk in pinned] + [pk for pk in wall if pk not in pinned]
    _wall_save(wall)
    wins_changed()  # the wall's order: no card shows it, the slideshow does
    return wall


@transaction.atomic
def story_pin(*, story, pinned=True):
    """Pin `story` to the top of the wall (one pinned win at a time), or unpin
    it (it stays first until something moves above it)."""
    ids = _wall_ids()
    _on_the_wall(story, ids)
    unpinned = []
    if pinned:
        unpinned = list(Story.objects.filter(pinned=True).exclude(pk=story.pk).values_list("pk", flat=True))
        Story.objects.filter(pk__in=unpinned).update(pinned=False)
        ids.remove(story.pk)
        ids.insert(0, story.pk)
    story.pinned = pinned
    story.save(update_fields=["pinned"])
    _wall_save(ids)
    wins_changed([story.pk, *unpinned])  # the card it pins and the card it unpins
    return story


@transaction.atomic
def story_hide(*, story, by, reason):
    """Hide `story` from everyone but its author and managers, with a reason
    its author sees. It also leaves the featured wall and the review queue."""
    reason = hide_clean_reason(reason)
    now = timezone.now()
    was_featured = story.featured_at is not None
    story.hidden_at, story.hidden_by, story.hidden_reason = now, by, reason
    fields = ["hidden_at", "hidden_by", "hidden_reason"] + _mark_reviewed(story, by, now) + _unfeature_fields(story)
    story.save(update_fields=fields)
    _snapshot_take(story, now)
    if was_featured:
        _wall_save(_wall_ids())
    wins_changed(story)
    notify_hidden(story=story, by=by)
    nominations_withdraw_hidden(story=story, by=by)
    log.info("curation: %s hid win %s", by, story.pk)
    return story


def _snapshot_take(story, now):
    """Remember what the hidden win says now: its author's changes are shown
    against this when they ask for it to be shown again."""
    HiddenSnapshot.objects.update_or_create(
        story=story, defaults={"fields": shown_fields(story), "taken_at": now, "resubmitted_at": None}
    )


@transaction.atomic
def story_unhide(*, story, by=None):
    """Show a hidden win to everyone again. The manager has looked at it: it
    counts as reviewed."""
    story.hidden_at = story.hidden_by = None
    story.hidden_reason = ""
    fields = ["hidden_at", "hidden_by", "hidden_reason"]
    if by is not None:
        fields += _mark_reviewed(story, by, timezone.now())
    story.save(update_fields=fields)
    HiddenSnapshot.objects.filter(story=story).delete()
    wins_changed(story)
    notify_credited(story=story)  # heroes who could not see it until now
    notify_mentioned_in_story(story=story)  # and the people it mentions
    log.info("curation: %s unhid win %s", by, story.pk)
    return story


@transaction.atomic
def story_resubmit(*, story, by):
    """The author of a hidden win fixed it and asks for it to be shown again:
    it goes back to the review queue, marked, with what changed since it was
    hidden. It stays hidden until a manager unhides it."""
    if not story.is_hidden:
        raise CurationError(gettext("This win isn't hidden; everyone can see it already."))
    now = timezone.now()
    snapshot, _ = HiddenSnapshot.objects.get_or_create(story=story, defaults={"taken_at": story.hidden_at})
    snapshot.resubmitted_at = now
    snapshot.save(update_fields=["resubmitted_at"])
    story.reviewed_at = story.reviewed_by = None
    story.save(update_fields=["reviewed_at", "reviewed_by"])
    wins_changed(story)
    story.hidden_snapshot = snapshot
    log.info("curation: %s asked for hidden win %s to be shown again", by, story.pk)
    return story


@transaction.atomic
def stories_mark_reviewed(*, stories, by):
    """Mark many published, visible wins reviewed at once (the queue's bulk
    action). Returns how many were marked."""
    ids = list(stories.published().filter(reviewed_at__isnull=True).values_list("pk", flat=True))
    Story.objects.filter(pk__in=ids).update(reviewed_at=timezone.now(), reviewed_by=by)
    wins_changed(ids)
    log.info("curation: %s marked %s wins reviewed", by, len(ids))
    return len(ids)


@transaction.atomic
def story_approve(*, story, by):
    """Mark `story` reviewed; a pending win is also published, and its author
    is notified (and its heroes learn they were credited) — unless it is
    hidden, when nobody but its author and managers sees it still."""
    now = timezone.now()
    fields = _mark_reviewed(story, by, now)
    was_pending = story.is_pending
    if was_pending:
        story.status = Story.Status.PUBLISHED
        fields += ["status"]
    story.save(update_fields=fields)
    if story.asked_to_show_again:  # a manager decided: it stays hidden, as it is now
        _snapshot_take(story, now)
    wins_changed(story)
    if was_pending and not story.is_hidden:
        notify_approved(story=story, by=by)
        notify_credited(story=story)
        notify_mentioned_in_story(story=story)
    log.info("curation: %s approved win %s", by, story.pk)
    return story
