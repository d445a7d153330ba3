"""Winsboard's addresses, a list per feature (people bookmark these; keep them)."""

from django.conf import settings
from django.urls import path

from .views import (
    app_shell,
    awards,
    celebrate,
    curation,
    customer_voice,
    export,
    feeds,
    health,
    inbound,
    insight,
    invitations,
    join,
    languages,
    media,
    notifications,
    people,
    people_admin,
    people_import,
    queue,
    share,
    slideshow,
    tags,
    wins,
)

# Asked for most: screens poll these every few seconds, and everyone opens the
# feed. winsboard/urls.py lists them before every other pattern (resolving
# them then tries no other), and `urlpatterns` below after none.
busiest_urls = [
    path("", wins.feed, name="feed"),
    path("slideshow/slides.json", slideshow.slides_json, name="slideshow_slides"),
    path("slideshow/d/<str:token>/slides.json", slideshow.display_json, name="display_slides"),
]

wins_urls = [
    path("wins/new/", wins.story_create, name="story_create"),
    path("wins/share/", share.share_target, name="share_target"),
    path("wins/share/<str:token>/<int:number>/", share.shared_file, name="shared_file"),
    path("wins/<int:pk>/", wins.story_detail, name="story_detail"),
    path("wins/<int:pk>/edit/", wins.story_edit, name="story_edit"),
    path("wins/<int:pk>/delete/", wins.story_delete, name="story_delete"),
    path("wins/<int:pk>/show-again/", wins.story_resubmit, name="story_resubmit"),
]

# Thank-you e-mails become draft wins (opened as /wins/new/?draft=<id>); the providers' signed webhooks.
inbound_urls = [
    path("wins/drafts/", inbound.draft_list, name="inbound_drafts"),
    path("wins/drafts/<int:pk>/photos/<int:number>/", inbound.draft_photo, name="inbound_draft_photo"),
    path("wins/drafts/<int:pk>/discard/", inbound.draft_discard, name="inbound_draft_discard"),
    path("settings/forwarding/new/", inbound.forwarding_address_renew, name="forwarding_address_renew"),
    path("inbound/mailgun/inbound_mime/", inbound.mailgun_inbound, name="inbound_mailgun"),
]

people_urls = [
    path("people/", people.people_directory, name="people"),
    path("people/suggest.json", people.people_suggest, name="people_suggest"),
    path("people/<str:username>/", people.person, name="person"),
    path("settings/", people.profile_settings, name="profile_settings"),
]

people_admin_urls = [
    path("manage/people/", people_admin.people_manage, name="people_manage"),
    path("manage/people/import/", people_import.people_import, name="people_import"),
    path("manage/people/import/apply/", people_import.people_import_apply, name="people_import_apply"),
    path("manage/people/export.csv", people_import.people_export, name="people_export"),
    path("manage/people/new/", people_admin.person_add, name="person_add"),
    path("manage/people/cards/", invitations.invitation_cards, name="invitation_cards"),
    path("manage/people/<int:pk>/invitation/send/", invitations.invitation_send, name="invitation_send"),
    path("manage/people/<int:pk>/edit/", people_admin.person_edit, name="person_edit"),
    path(
        "manage/people/<int:pk>/deactivate/",
        people_admin.person_set_active,
        {"active": False},
        name="person_deactivate",
    ),
    path(
        "manage/people/<int:pk>/reactivate/",
        people_admin.person_set_active,
        {"active": True},
        name="person_reactivate",
    ),
]

# Joining with an invitation (public): the code from the card, or the link in its QR code or e-mail.
join_urls = [
    path("join/", join.join, name="join"),
    path("join/<str:token>/", join.join_token, name="join_token"),
]

# The customer's voice: asking from a win's page, and the customer's own page (public).
customer_voice_urls = [
    path("wins/<int:pk>/ask-customer/", customer_voice.customer_ask, name="customer_ask"),
    path("wins/<int:pk>/ask-customer/<int:asked>/qr/", customer_voice.customer_ask_qr, name="customer_ask_qr"),
    path("customer/<str:token>/", customer_voice.customer_voice, name="customer_voice"),
]

export_urls = [
    path("manage/export.csv", export.export_csv, name="export_csv"),
]

# Stored files are served by the app (access-checked) wherever MEDIA_URL is a
# path on this site; an object store with its own URLs serves them itself.
media_urls = (
    [path(f"{settings.MEDIA_URL.strip('/')}/<path:name>", media.media_file, name="media_file")]
    if not settings.MEDIA_URL.startswith(("http://", "https://", "//"))
    else []
)

# A win's photo in an e-mail (public, signed for its recipient).
mail_urls = [
    path("mail/photos/<str:token>/", media.mail_photo_file, name="mail_photo"),
]

curation_urls = [
    path("featured/", curation.featured_wall, name="featured"),
    path("featured/reorder/", curation.wall_reorder, name="curate_wall_reorder"),
    path("manage/", queue.review_queue, name="manage"),
    path("manage/tags/", curation.tag_suggestions, name="curate_tag_suggestions"),
    path("manage/tags/edit/", tags.tags_manage, name="tags_manage"),
    path("manage/tags/<int:pk>/rename/", tags.tag_rename, name="tag_rename"),
    path("manage/tags/<int:pk>/merge/", tags.tag_merge, name="tag_merge"),
    path("manage/review/", queue.review_many, name="curate_review_many"),
    path("manage/review/bulk/", queue.queue_bulk, name="curate_queue_bulk"),
    path("wins/<int:pk>/tags/add/", curation.tag_add, name="curate_tag_add"),
    path("wins/<int:pk>/tags/<int:tag_pk>/remove/", curation.tag_remove, name="curate_tag_remove"),
    path("wins/<int:pk>/feature/", curation.feature, name="curate_feature"),
    path("wins/<int:pk>/unfeature/", curation.unfeature, name="curate_unfeature"),
    path("wins/<int:pk>/wall/up/", curation.wall_move, {"direction": "up"}, name="curate_move_up"),
    path("wins/<int:pk>/wall/down/", curation.wall_move, {"direction": "down"}, name="curate_move_down"),
    path("wins/<int:pk>/wall/pin/", curation.wall_pin, {"pinned": True}, name="curate_pin"),
    path("wins/<int:pk>/wall/unpin/", curation.wall_pin, {"pinned": False}, name="curate_unpin"),
    path("wins/<int:pk>/hide/", curation.hide, name="curate_hide"),
    path("wins/<int:pk>/unhide/", curation.unhide, name="curate_unhide"),
    path("wins/<int:pk>/approve/", curation.approve, name="curate_approve"),
]

slideshow_urls = [
    path("slideshow/", slideshow.slideshow, name="slideshow"),
    path("slideshow/shown/", slideshow.mark_shown, name="slideshow_mark_shown"),
    path("slideshow/files/<slug:kind>/<int:pk>", slideshow.slide_file, name="slideshow_file"),
    path("slideshow/d/<str:token>/", slideshow.display, name="display"),
    path("slideshow/d/<str:token>/files/<slug:kind>/<int:pk>", slideshow.display_file, name="display_file"),
    path("manage/displays/", slideshow.display_links, name="display_links"),
    path("manage/displays/new/", slideshow.display_link_create, name="display_link_create"),
    path("manage/displays/<int:pk>/rename/", slideshow.display_link_rename, name="display_link_rename"),
    path("manage/displays/<int:pk>/revoke/", slideshow.display_link_revoke, name="display_link_revoke"),
    path("manage/displays/<int:pk>/qr.svg", slideshow.display_link_qr, name="display_link_qr"),
]

insight_urls = [
    path("insight/", insight.insight_page, name="insight"),
    path("insight/<slug:figure>.csv", insight.insight_csv, name="insight_csv"),
]

celebrate_urls = [
    path("wins/<int:pk>/cheer/", celebrate.cheer, name="cheer"),
    path("wins/<int:pk>/comments/", celebrate.comment_create, name="comment_create"),
    path("comments/<int:pk>/edit/", celebrate.comment_edit, name="comment_edit"),
    path("comments/<int:pk>/delete/", celebrate.comment_delete, name="comment_delete"),
    path("comments/<int:pk>/hide/", celebrate.comment_hide, name="comment_hide"),
    path("featured/feed.atom", feeds.featured_feed, name="featured_feed"),
]

awards_urls = [
    path("awards/", awards.awards_list, name="awards"),
    path("wins/<int:pk>/nominate/", awards.nominate, name="nominate"),
    path("nominations/<int:pk>/withdraw/", awards.nomination_withdraw, name="nomination_withdraw"),
    path("manage/awards/", awards.awards_manage, name="awards_manage"),
    path("manage/awards/choose/", awards.award_choose, name="award_choose"),
    path("manage/awards/<int:pk>/remove/", awards.award_remove, name="award_remove"),
    path("manage/awards/announce/", awards.awards_announce, name="awards_announce"),
    path("manage/awards/categories/new/", awards.award_category_save, name="award_category_add"),
    path("manage/awards/categories/<int:pk>/", awards.award_category_save, name="award_category_save"),
]

notifications_urls = [
    path("notifications/", notifications.notifications, name="notifications"),
    path("notifications/read/", notifications.notifications_read, name="notifications_read"),
    path("notifications/<int:pk>/open/", notifications.notification_open, name="notification_open"),
    path("settings/notifications/", notifications.notification_settings, name="notification_settings"),
    path("settings/notifications/feed/new/", notifications.feed_token_create, name="feed_token_create"),
    path("settings/notifications/feed/revoke/", notifications.feed_token_revoke, name="feed_token_revoke"),
]

health_urls = [
    path("healthz", health.healthz, name="healthz"),
]

# The installable app (public, the same for everyone).
app_urls = [
    path("manifest.webmanifest", app_shell.manifest, name="manifest"),
    path("sw.js", app_shell.service_worker, name="service_worker"),
    path("offline/", app_shell.offline, name="offline"),
    path("language/", languages.language_choose, name="language_choose"),
]

urlpatterns = [
    *app_urls,
    *wins_urls,
    *inbound_urls,
    *people_urls,
    *people_admin_urls,
    *join_urls,
    *customer_voice_urls,
    *export_urls,
    *media_urls,
    *mail_urls,
    *curation_urls,
    *slideshow_urls,
    *insight_urls,
    *celebrate_urls,
    *awards_urls,
    *notifications_urls,
    *health_urls,
]
