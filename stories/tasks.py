"""Background work, as Django 6 tasks (`django.tasks`): processing uploaded
videos, e-mailing notifications, posting to the chat when a win is featured.

The immediate backend runs them at once in development and tests;
production queues them in the database (django-tasks-db) for
`manage.py db_worker`. See settings.TASKS. The services import the tasks
they enqueue (a plain import: nothing to register, nothing that silently
does nothing); a task imports the services it calls when it runs — the one
import cycle left, listed in the import contract (pyproject.toml).
"""

import json
import logging
import time
import urllib.error
import urllib.request
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .languages import in_language_of
from .lib.customer_links import sign
from .lib.media import MediaError
from .lib.videos import examine_video
from .models import Award, ConsentRequest, Notification, NotificationPreferences, Story, Video, display_name, people
from .models.awards import awards_chat_message
from .models.media import mail_photo_token
from .models.notifications import chat_message, describe_notification

logger = logging.getLogger(__name__)


def _services():
    """The services, imported when a task runs (they import this module)."""
    from . import services

    return services


@task
def process_video(video_id):
    """Probe an uploaded video, read its duration and give it a poster —
    or mark it rejected with a reason its author sees."""
    video = Video.objects.filter(pk=video_id, status=Video.Status.PROCESSING).first()
    if video is None or not video.file:
        return "gone"
    try:
        report = examine_video(video.file.name, video.content_type)
    except MediaError as error:
        _services().video_reject(
            video=video,
            # Translators: %(error)s says what is wrong with the video.
            reason=gettext("We couldn't use this video: %(error)s") % {"error": error},
        )
        return "rejected"
    except Exception:  # noqa: BLE001 - never leave a video "processing" for ever
        logger.exception("Processing video %s failed", video_id)
        _services().video_reject(video=video, reason=gettext("We couldn't process this video. Try uploading it again."))
        return "rejected"
    _services().video_ready(video=video, report=report)
    return "ready"


# --- e-mail ---------------------------------------------------------------------


def email_subject(kind, headline):
    """A notification e-mail's subject, in the language being rendered (the
    recipient's, when the sender switches to it)."""
    if kind == Notification.Kind.DRAFT:
        return gettext("Your draft is waiting")
    # Translators: e-mail subjects; %(headline)s is the win's headline.
    subjects = {
        Notification.Kind.CREDITED: gettext("You were credited as a hero: “%(headline)s”"),
        Notification.Kind.APPROVED: gettext("Your win is approved: “%(headline)s”"),
        Notification.Kind.FEATURED: gettext("Your win is featured: “%(headline)s”"),
        Notification.Kind.HIDDEN: gettext("Your win was hidden: “%(headline)s”"),
        Notification.Kind.MENTIONED: gettext("You were mentioned: “%(headline)s”"),
        Notification.Kind.AWARDED: gettext("Your win won an award: “%(headline)s”"),
    }
    return subjects[kind] % {"headline": headline}


def site_url(path=""):
    """An absolute address on this site for e-mails and chat (WINSBOARD_SITE_URL)."""
    return settings.WINSBOARD_SITE_URL + path


def send_mail_to(user, *, subject, template, context):
    """One e-mail to `user`: a plain-text part and an HTML part, rendered from
    `template`.txt and `template`.html, through the default mailer."""
    context = {"recipient": user, "recipient_name": display_name(user), "site_url": site_url(), **context}
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split())[:200],
        body=render_to_string(f"{template}.txt", context),
        to=[user.email],
        headers={"Content-Language": translation.get_language()},
    )
    message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    message.send(using="default")


@task
def email_notification(notification_id):
    """E-mail one notification to its recipient, if they still want it, can
    still see its win, and have not read it in the app meanwhile."""
    notification = Notification.objects.to_email().filter(pk=notification_id).first()
    if notification is None or not notification.recipient.email or not notification.recipient.is_active:
        return "skipped"
    if not NotificationPreferences.objects.for_user(notification.recipient).wants_email(notification.kind):
        return "not wanted"
    with in_language_of(notification.recipient):  # the reader's language, never the sender's
        words = describe_notification(notification)
        about = notification.story or notification.draft
        context = {
            "words": words,
            "story_url": site_url(about.get_absolute_url()) if about else site_url("/"),
            "settings_url": site_url(reverse("notification_settings")),
        }
        if words["photo"] is not None:  # a credit: the win's first photo, signed for this reader
            token = mail_photo_token(photo=words["photo"], recipient=notification.recipient)
            context["photo_url"] = site_url(reverse("mail_photo", args=[token]))
        subject = email_subject(notification.kind, notification.story.headline if notification.story else "")
        try:
            send_mail_to(
                notification.recipient, subject=subject, template="stories/notifications/email", context=context
            )
        except Exception:  # noqa: BLE001 - the action is done; a mail server's trouble is logged
            logger.exception("E-mailing notification %s failed", notification_id)
            return "failed"
    _services().notification_emailed(notification=notification)
    return "sent"


INVITATION_SUBJECT = _("You're invited to Winsboard")


@task
def email_invitations(user_ids):
    """E-mail each of these people (still not joined, with an address) a
    fresh invitation: a link to /join/<token>/ and the code. Issuing it here
    keeps the token out of the queue (it holds the ids only); it replaces
    their earlier invitation. A mail server's trouble is logged per person."""
    sent = 0
    users = people().shown().filter(pk__in=user_ids).exclude(email="").select_related("profile").order_by("pk")
    for issued in _services().invitations_issue(users=list(users)):  # joined or deactivated meanwhile: left out
        context = {
            "join_url": site_url(reverse("join_token", args=[issued.token])),
            "code_url": site_url(reverse("join")),
            "code": issued.shown_code,
            "expires_at": issued.expires_at,
        }
        try:
            with in_language_of(issued.user):
                send_mail_to(
                    issued.user, subject=str(INVITATION_SUBJECT), template="stories/invitations/email", context=context
                )
        except Exception:  # noqa: BLE001 - one bad address or a server hiccup never stops the others
            logger.exception("E-mailing the invitation of user %s failed", issued.user.pk)
            continue
        sent += 1
    return sent


CONSENT_SUBJECT = _("May we share your words?")


@task
def email_consent_request(request_id):
    """E-mail the customer their link to /customer/<token>/, issued here
    (the queue holds the request's id only). Nothing when it was answered or
    expired meanwhile; a mail server's trouble is logged without the address."""
    request = ConsentRequest.objects.filter(pk=request_id).select_related("story", "asked_by__profile").first()
    token = _services().consent_link_issue(request=request) if request is not None else None
    if token is None:
        return "skipped"
    context = {
        "link": site_url(reverse("customer_voice", args=[sign(token)])),
        "asked_by": display_name(request.asked_by).split()[0] if request.asked_by else "",
        "expires_at": request.expires_at,
    }
    with translation.override(request.language or settings.LANGUAGE_CODE):  # the language the asker spoke
        message = EmailMultiAlternatives(
            subject=str(CONSENT_SUBJECT),
            body=render_to_string("stories/customer_voice/email.txt", context),
            to=[request.email],
            headers={"Content-Language": translation.get_language()},
        )
        message.attach_alternative(render_to_string("stories/customer_voice/email.html", context), "text/html")
    try:
        message.send(using="default")
    except Exception:  # noqa: BLE001 - logged; the asker can ask again
        logger.exception("E-mailing consent request %s failed", request_id)
        return "failed"
    return "sent"


# --- the chat message when a win is featured --------------------------------------

INLINE_SLEEP_MAX = 2  # a backend that cannot defer (development) waits in place, briefly


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a webhook answers itself; a redirect is a failure


def _post_json(url, payload):
    """POST `payload` as JSON: "ok", "retry" (network trouble, 429, 5xx) or
    "fail" (any other answer). The address is never logged: it is a secret."""
    request = urllib.request.Request(  # noqa: S310 - settings allow https:// only
        url,
        data=json.dumps(payload).encode(),
        headers={"Content-Type": "application/json; charset=utf-8", "User-Agent": "Winsboard"},
        method="POST",
    )
    opener = urllib.request.build_opener(_NoRedirects)
    try:
        with opener.open(request, timeout=settings.WINSBOARD_CHAT_TIMEOUT_SECONDS) as response:
            response.read(1024)
            return "ok" if 200 <= response.status < 300 else "fail"
    except urllib.error.HTTPError as error:
        logger.warning("The chat webhook answered %s", error.code)
        return "retry" if error.code == 429 or error.code >= 500 else "fail"
    except (OSError, ValueError) as error:  # refused, reset, timed out, DNS …
        logger.warning("The chat webhook could not be reached: %s", type(error).__name__)
        return "retry"


def featured_chat_message(story):
    quote = story.shown_quote
    return chat_message(
        headline=story.headline,
        heroes=story.hero_names(),
        note=story.feature_note,
        url=site_url(story.get_absolute_url()),
        quote=quote,
        quote_by=story.quote_by if quote else "",
    )


@task
def post_featured_to_chat(story_id, attempt=1):
    """Post "a win was featured" to WINSBOARD_CHAT_WEBHOOK_URL. A failure is
    retried after each of WINSBOARD_CHAT_RETRY_DELAYS (a new task run later
    where the backend can defer, else after a short wait here), then logged.
    A win no longer featured by then is not announced."""
    story = Story.objects.featured().for_slides().filter(pk=story_id).first()
    if not settings.WINSBOARD_CHAT_WEBHOOK_URL or story is None:
        return "skipped"
    with translation.override(settings.LANGUAGE_CODE):  # the company's channel: the site's language
        message = featured_chat_message(story)
    return _post_with_retries(post_featured_to_chat, message, story_id, attempt=attempt, what="featured win")


@task
def post_awards_to_chat(award_ids, attempt=1):
    """Post the awards just announced (retried like a featured win); those
    whose win was hidden meanwhile are left out."""
    awards = list(Award.objects.announced().on_shared_wins().filter(pk__in=award_ids).for_list().newest_first())
    if not settings.WINSBOARD_CHAT_WEBHOOK_URL or not awards:
        return "skipped"
    with translation.override(settings.LANGUAGE_CODE):  # the company's channel: the site's language
        message = awards_chat_message(
            awards, url_of=lambda story: site_url(story.get_absolute_url()), awards_url=site_url(reverse("awards"))
        )
    return _post_with_retries(post_awards_to_chat, message, award_ids, attempt=attempt, what="awards")


def _post_with_retries(again, message, subject, *, attempt, what):
    """Post `message`; on failure run `again(subject, attempt + 1)` later
    (or wait briefly here when the backend cannot defer), then give up, logged."""
    delays = settings.WINSBOARD_CHAT_RETRY_DELAYS
    while True:
        outcome = _post_json(settings.WINSBOARD_CHAT_WEBHOOK_URL, message)
        if outcome == "ok":
            return "posted"
        if outcome == "fail" or attempt > len(delays):
            logger.error("Posting %s %s to the chat failed after %s attempt(s)", what, subject, attempt)
            return "failed"
        delay = delays[attempt - 1]
        if delay and again.get_backend().supports_defer:
            again.using(run_after=timezone.now() + timedelta(seconds=delay)).enqueue(subject, attempt + 1)
            return "retrying"
        time.sleep(min(delay, INLINE_SLEEP_MAX))
        attempt += 1
