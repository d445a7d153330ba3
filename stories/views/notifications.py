"""Notifications: the list (/notifications/, newest first; reading it marks
nothing), opening one (a POST that marks it read, then its win), marking
read (a POST), and how a person wants to hear of things
(/settings/notifications/: e-mail per event, the weekly digest, the
private address of the featured wall's Atom feed)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from .. import services
from ..forms.notifications import NotificationPreferencesForm
from ..lib import text
from ..lib.pagination import keyset_page_or_none
from ..lib.periods import as_micros, from_micros
from ..models import Notification, NotificationPreferences
from .responses import broken_page_link, safe_next

INBOX_PAGE_SIZE = 30


@require_safe
def notifications(request):
    """What happened to you, newest first, unread marked. Only about wins
    you may still open."""
    inbox = Notification.objects.for_user(request.user).still_visible().for_inbox().newest_first()
    page = keyset_page_or_none(request.GET, inbox, size=INBOX_PAGE_SIZE)
    if page is None:
        return broken_page_link(request, back_url=reverse("notifications"), back_label=_("Back to the newest"))
    context = {"page": page, "until": as_micros(timezone.now())}
    return render(request, "stories/notifications/list.html", context)


@require_POST
def notification_open(request, pk):
    """Follow a notification: marked read (a small POST, so a page view never
    writes), then its win or draft — or the list when it is about neither."""
    notification = get_object_or_404(
        Notification.objects.for_user(request.user).still_visible().select_related("story", "draft"), pk=pk
    )
    services.notifications_mark_read(user=request.user, ids=[notification.pk])
    about = notification.story or notification.draft
    return redirect(about.get_absolute_url() if about else reverse("notifications"))


@require_POST
def notifications_read(request):
    """Mark the posted notifications (all unread ones without `ids`) read,
    then back to the page the person was on."""
    ids = [text.posted_id(value) for value in request.POST.getlist("ids")]
    count = services.notifications_mark_read(
        user=request.user,
        ids=[pk for pk in ids if pk is not None] if ids else None,
        until=from_micros(request.POST.get("until")),  # when the list was shown: news since then stays unread
    )
    if count and not ids:
        messages.success(request, _("All caught up: every notification is marked read."))
    return redirect(safe_next(request, reverse("notifications")))


def _feed_url(request, preferences):
    if not preferences.feed_token:
        return ""
    return request.build_absolute_uri(reverse("featured_feed")) + f"?token={preferences.feed_token}"


@require_http_methods(["GET", "POST"])
def notification_settings(request):
    preferences = NotificationPreferences.objects.for_user(request.user)
    form = NotificationPreferencesForm.for_preferences(preferences, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.preferences_update(user=request.user, **form.cleaned_data)
        messages.success(request, _("Your notification settings are saved."))
        return redirect("notification_settings")
    context = {
        "form": form,
        "preferences": preferences,
        "feed_url": _feed_url(request, preferences),
        "has_email": bool(request.user.email),
    }
    return render(request, "stories/notifications/settings.html", context, status=400 if form.errors else 200)


@require_POST
def feed_token_create(request):
    had_one = bool(NotificationPreferences.objects.for_user(request.user).feed_token)
    services.feed_token_create(user=request.user)
    if had_one:
        messages.success(request, _("Your feed has a new address. The old one no longer works."))
    else:
        messages.success(request, _("Your feed's private address is ready. Copy it into your feed reader."))
    return redirect(f"{reverse('notification_settings')}#feed")


@require_POST
def feed_token_revoke(request):
    services.feed_token_revoke(user=request.user)
    messages.success(request, _("Your feed's address no longer works."))
    return redirect(f"{reverse('notification_settings')}#feed")
