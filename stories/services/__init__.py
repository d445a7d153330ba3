"""Writes. Each service is keyword-only, atomic, and returns what it changed.
File work and notifications are scheduled with `transaction.on_commit`, never
done in `save()` or signals. One module per feature; call them as
`services.story_feature(...)`."""

from .curation import (
    stories_mark_reviewed,
    story_approve,
    story_feature,
    story_hide,
    story_pin,
    story_resubmit,
    story_unfeature,
    story_unhide,
    tag_add,
    tag_remove,
    wall_move,
    wall_reorder,
)
from .media import (
    photo_delete,
    register_video_processor,
    video_delete,
    video_ready,
    video_reject,
)
from .notifications import notifications_mark_read, notify_approved
from .slideshow import (
    display_link_create,
    display_link_record_use,
    display_link_rename,
    display_link_revoke,
    slideshow_mark_shown,
)
from .wins import (
    story_create,
    story_create_with_media,
    story_delete,
    story_update,
    story_update_with_media,
)

__all__ = [
    "display_link_create",
    "display_link_record_use",
    "display_link_rename",
    "display_link_revoke",
    "notifications_mark_read",
    "notify_approved",
    "photo_delete",
    "register_video_processor",
    "slideshow_mark_shown",
    "stories_mark_reviewed",
    "story_approve",
    "story_create",
    "story_create_with_media",
    "story_delete",
    "story_feature",
    "story_hide",
    "story_pin",
    "story_resubmit",
    "story_unfeature",
    "story_unhide",
    "story_update",
    "story_update_with_media",
    "tag_add",
    "tag_remove",
    "video_delete",
    "video_ready",
    "video_reject",
    "wall_move",
    "wall_reorder",
]
