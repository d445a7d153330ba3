"""The customer's voice: ask the customer about a win's quote (by e-mail or a
QR code), record their answer on the win, erase addresses no longer needed.

The link's token exists in plain text only in what `consent_ask` returns
(for the QR code) or `consent_link_issue` returns (to the e-mail task, which
issues it right before mailing it: the queue holds the request's id only).
The customer's answer moves onto the win at once, through `wins_changed`:
"no" takes the quote off the win (so off every card, the wall, slides, the
Atom feed, the export, e-mails and search), an edit replaces its words,
"anonymous" shows "a guest" as Quote by. The request keeps what was asked,
so the answer may be changed from the same link for CHANGE_DAYS.
"""

from dataclasses import dataclass
from datetime import timedelta
from functools import partial

from django.db import transaction
from django.utils import timezone, translation

from .. import tasks
from ..lib.customer_links import new_token, token_hash
from ..models import ConsentRequest, Story
from ..models.customer_voice import ANONYMOUS_NAME, CONFIRMING, LINK_DAYS, Answer
from .changes import wins_changed
from .notifications import notify_customer_answered


class ConsentClosed(Exception):
    """The link no longer takes answers (expired, or answered too long ago)."""


@dataclass(frozen=True)
class Asked:
    request: ConsentRequest
    token: str  # "" when asked by e-mail: the e-mail task issues it


@transaction.atomic
def consent_ask(*, story, by, email=""):
    """Ask the customer about `story`'s quote as it is now: by e-mail to
    `email` (sent by a task once committed), or, without one, by a QR code
    of the returned token. Who may ask is `models.customer_voice.may_ask_customer`."""
    now = timezone.now()
    token = "" if email else new_token()
    request = ConsentRequest.objects.create(
        story=story,
        asked_by=by,
        via=ConsentRequest.Via.EMAIL if email else ConsentRequest.Via.QR,
        email=email,
        token_hash=token_hash(token) if token else None,
        quote=story.quote,
        quote_by=story.quote_by,
        language=translation.get_language() or "",  # the e-mail speaks the asker's language
        created_at=now,
        expires_at=now + timedelta(days=LINK_DAYS),
    )
    if email:
        transaction.on_commit(partial(tasks.email_consent_request.enqueue, request.pk), robust=True)
    return Asked(request=request, token=token)


@transaction.atomic
def consent_link_issue(*, request):
    """A fresh token for an e-mailed request that still waits for its answer
    (the e-mail task mails it; an earlier one stops working). None when the
    request was answered, expired or has no address any more."""
    now = timezone.now()
    waiting = ConsentRequest.objects.select_for_update().filter(pk=request.pk, answered_at__isnull=True)
    waiting = waiting.filter(expires_at__gt=now).exclude(email="")
    if not waiting.exists():
        return None
    token = new_token()
    waiting.update(token_hash=token_hash(token))
    return token


def _apply(story, request):
    """The answer onto the win: the words and name it shows, and the customer's own line."""
    answer = request.answer
    if answer == Answer.NO:
        story.quote, story.quote_by, story.customer_consent = "", "", False
    else:
        story.quote = request.words if answer == Answer.EDIT else request.quote
        story.quote_by = ANONYMOUS_NAME if answer == Answer.ANONYMOUS else request.quote_by
        story.customer_consent = True
    confirmed = answer in CONFIRMING
    story.customer_answer = answer
    story.customer_feeling = request.feeling if confirmed else ""
    story.customer_rating = request.rating  # counted in /insight/ whatever the answer; shown only when confirmed
    fields = ["quote", "quote_by", "customer_consent", "customer_answer", "customer_feeling", "customer_rating"]
    story.save(update_fields=[*fields, "updated_at"])


@transaction.atomic
def consent_answer(*, request, answer, words="", feeling="", rating=None):
    """Record the customer's answer (or their changed one) and show it on the
    win at once; the address they were asked at is erased; the win's author
    is told. ConsentClosed when the link no longer takes answers."""
    now = timezone.now()
    locked = ConsentRequest.objects.select_for_update().filter(pk=request.pk).first()
    if locked is None or not locked.takes_answers_at(now):
        raise ConsentClosed
    locked.answer = answer
    locked.words = words if answer == Answer.EDIT else ""
    locked.feeling, locked.rating = feeling, rating
    locked.answered_at = locked.answered_at or now
    locked.changed_at = now
    locked.email = ""
    locked.save()
    story = Story.objects.select_for_update().get(pk=locked.story_id)
    _apply(story, locked)
    wins_changed(story, reindex=True)
    notify_customer_answered(story=story, answer=answer)
    return locked


def consent_requests_close(*, story):
    """The win's quote was edited (by its author or a manager): what the
    customer confirmed or was asked about is not what it shows any more.
    The confirmation goes (so, with WINSBOARD_REQUIRE_CUSTOMER_CONSENT, the
    quote shows nowhere until asked again), and the open links take no more
    answers (their addresses are erased). Called by `story_update` in its
    transaction, before it saves `story` and calls `wins_changed`."""
    story.customer_answer = ""  # their line and rating stay: about the help, counted in /insight/
    open_requests = ConsentRequest.objects.filter(story=story, closed_at__isnull=True)
    open_requests.update(closed_at=timezone.now(), email="")


@transaction.atomic
def consent_addresses_erase(*, now=None):
    """Erase the customer's address of every request answered or expired
    (`manage.py sweep_consent`, daily). Returns how many were erased."""
    return ConsentRequest.objects.holding_addresses_past(now or timezone.now()).update(email="")
