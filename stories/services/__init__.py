"""Writes. Each service is keyword-only, atomic, and returns what it changed.
File work and notifications are scheduled with `transaction.on_commit`, never
done in `save()` or signals. One module per feature; call them as
`services.story_feature(...)`."""

from .awards import (
    award_category_save,
    award_choose,
    award_remove,
    awards_announce,
    nomination_create,
    nomination_withdraw,
)
from .celebrate import cheer_set, comment_create, comment_delete, comment_edit, comment_hide, comment_quota_take
from .changes import wins_changed
from .curation import (
    stories_mark_reviewed,
    story_approve,
    story_feature,
    story_hide,
    story_pin,
    story_resubmit,
    story_unfeature,
    story_unhide,
    wall_move,
    wall_reorder,
)
from .invitations import (
    InvitationRefused,
    invitation_accept,
    invitation_issue,
    invitations_issue,
    invitations_send,
)
from .media import (
    photo_delete,
    video_delete,
    video_ready,
    video_reject,
)
from .notifications import (
    digest_claim,
    digest_release,
    feed_token_create,
    feed_token_revoke,
    notification_emailed,
    notifications_mark_read,
    notify_approved,
    notify_credited,
    preferences_update,
)
from .people import profile_update
from .people_admin import person_add, person_edit, person_set_active
from .people_import import PlanChanged, people_import_apply, people_import_plan
from .search import search_index_rebuild
from .shared import share_forget, share_initial, share_keep, share_of, share_quota_take
from .slideshow import (
    display_link_create,
    display_link_record_use,
    display_link_rename,
    display_link_revoke,
    slideshow_mark_shown,
)
from .tags import tag_add, tag_merge, tag_remove, tag_rename
from .versions import NAMES, WINS, version_of, version_with, without_waiting
from .wins import (
    AlreadySaved,
    story_create,
    story_create_with_media,
    story_delete,
    story_update,
    story_update_with_media,
)

__all__ = [
    "share_forget",
    "share_initial",
    "share_keep",
    "share_of",
    "share_quota_take",
    "NAMES",
    "WINS",
    "AlreadySaved",
    "award_category_save",
    "award_choose",
    "award_remove",
    "awards_announce",
    "nomination_create",
    "nomination_withdraw",
    "InvitationRefused",
    "PlanChanged",
    "cheer_set",
    "comment_create",
    "comment_delete",
    "comment_edit",
    "comment_hide",
    "comment_quota_take",
    "digest_claim",
    "digest_release",
    "display_link_create",
    "display_link_record_use",
    "display_link_rename",
    "display_link_revoke",
    "feed_token_create",
    "feed_token_revoke",
    "invitation_accept",
    "invitation_issue",
    "invitations_issue",
    "invitations_send",
    "notification_emailed",
    "notifications_mark_read",
    "people_import_apply",
    "people_import_plan",
    "person_add",
    "person_edit",
    "person_set_active",
    "notify_approved",
    "notify_credited",
    "photo_delete",
    "preferences_update",
    "profile_update",
    "search_index_rebuild",
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
    "tag_merge",
    "tag_remove",
    "tag_rename",
    "video_delete",
    "video_ready",
    "version_of",
    "version_with",
    "video_reject",
    "wall_move",
    "wall_reorder",
    "wins_changed",
    "without_waiting",
]
