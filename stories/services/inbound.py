"""Thank-you e-mails become draft wins. `inbound_receive` is the one way in
for the three doors (`manage.py receive_email`, `manage.py email_server`, a
provider's signed webhook): the raw message, parsed by the one parser
(stories.lib.inbound_mail), for the person whose private address it was sent
to, from that person's own e-mail address, becomes an `InboundDraft` with the
customer's words, name, date and photos (through the photo checks) — and
they are told "Your draft is waiting".

Whatever is wrong (an unknown or replaced address, another sender, a message
the parser refuses, a photo that fails the checks) is dropped with one log
line and nothing kept: never a reply to the sender, never half a draft.
"""

import logging
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import IntegrityError, OperationalError, transaction
from django.utils import timezone

from ..lib import photos
from ..lib.inbound_addresses import token_of
from ..lib.inbound_mail import MailRefused, parse_message
from ..lib.media import MAX_PHOTOS, MediaError, file_label
from ..models import InboundAddress, InboundDraft
from .media import files_removed_on_error, storage_delete_on_commit
from .notifications import notify_draft_waiting

log = logging.getLogger(__name__)

FOLDER = "inbound"
MIN_PHOTO_EDGE = 64  # smaller images are tracking pixels, icons and logos, not photos of a win


@dataclass(frozen=True)
class Received:
    """What became of one message: the draft, or why it was dropped."""

    draft: InboundDraft | None
    reason: str = ""
    temporary: bool = False  # our side failed (storage, a busy database): the sender's server may try again


def recipient_owner(address):
    """The active person whose current forwarding address is `address`, or None."""
    token = token_of(address)
    return InboundAddress.objects.owner_of(token) if token else None


def _owner(parsed, recipients):
    for address in recipients or parsed.recipients:
        owner = recipient_owner(address)
        if owner is not None:
            return owner
    return None


def _dropped(reason, **facts):
    details = " ".join(f"{key}={value}" for key, value in facts.items() if value)
    log.warning("Inbound e-mail dropped: %s %s", reason, details)
    return Received(draft=None, reason=reason)


def _checked_photos(parsed):
    """The message's photos, re-encoded (MediaError when one fails the checks);
    images too small to be a photo are left out."""
    kept = []
    for photo in parsed.photos:
        upload = ContentFile(photo.data, name=photo.name)
        photos.check_photo_size(upload)
        large = photos.process_photo(upload).large
        if min(large.width, large.height) >= MIN_PHOTO_EDGE and len(kept) < MAX_PHOTOS:
            kept.append((photo.name, large))
    return kept


def inbound_receive(*, raw, recipients=()):
    """Make a draft of the raw message `raw` for whoever `recipients` (the
    envelope's; else the message's own To, Cc and Delivered-To) names.
    Returns Received; never raises for anything the message holds."""
    try:
        parsed = parse_message(raw)
    except MailRefused as refused:
        return _dropped(f"refused: {refused}", size=len(raw or b""))
    owner = _owner(parsed, recipients)
    if owner is None:
        return _dropped("unknown or replaced address", message=parsed.message_id)
    if not owner.email or parsed.sender != owner.email.strip().lower():
        return _dropped("the sender is not the address's owner", owner=owner.pk, message=parsed.message_id)
    existing = InboundDraft.objects.filter(owner=owner, message_id=parsed.message_id).exclude(message_id="").first()
    if existing is not None:
        return Received(draft=existing, reason="received before")
    try:
        kept = _checked_photos(parsed)
    except MediaError as error:
        return _dropped(f"a photo failed the checks ({error})", owner=owner.pk, message=parsed.message_id)
    if not parsed.quote and not kept:
        return _dropped("no words and no photos in it", owner=owner.pk, message=parsed.message_id)
    try:
        return Received(draft=_draft_create(owner=owner, parsed=parsed, kept=kept))
    except IntegrityError:  # the same message, through another door, at the same moment
        again = InboundDraft.objects.filter(owner=owner, message_id=parsed.message_id).first()
        return Received(draft=again, reason="received before")
    except (MediaError, OperationalError) as error:  # storage full or away, the database busy: nothing kept
        log.error("Inbound e-mail for %s not kept: %s", owner.pk, error)
        return Received(draft=None, reason="not kept: try again later", temporary=True)


def _draft_create(*, owner, parsed, kept):
    with files_removed_on_error() as save:
        files = [
            {
                "name": save(f"{FOLDER}/{secrets.token_urlsafe(24)}.{large.extension}", ContentFile(large.data)),
                "label": file_label(name),
                "type": f"image/{large.extension}",
            }
            for name, large in kept
        ]
        with transaction.atomic():
            draft = InboundDraft.objects.create(
                owner=owner,
                quote=parsed.quote,
                quote_by=parsed.quote_by,
                subject=parsed.subject,
                happened_on=parsed.happened_on if parsed.happened_on and parsed.happened_on <= _today() else None,
                photos=files,
                message_id=parsed.message_id,
            )
            notify_draft_waiting(draft=draft)
    log.info("Inbound e-mail became draft %s for %s (%d photos)", draft.pk, owner.pk, len(files))
    return draft


def _today():
    return timezone.localdate()


@transaction.atomic
def inbound_address_renew(*, user):
    """A new forwarding address for `user`: the old one stops at once."""
    address, _ = InboundAddress.objects.update_or_create(
        user=user, defaults={"nonce": secrets.token_urlsafe(24), "created_at": timezone.now()}
    )
    return address


@transaction.atomic
def inbound_draft_discard(*, draft):
    """The draft and its photos go (the files once the deletion commits)."""
    storage_delete_on_commit(draft.file_names())
    draft.delete()


def inbound_draft_posted(*, owner, draft_id):
    """`owner` posted the win their draft became: the draft and its leftovers go."""
    draft = InboundDraft.objects.for_owner(owner).filter(pk=draft_id).first() if draft_id else None
    if draft is not None:
        inbound_draft_discard(draft=draft)


def inbound_drafts_sweep(*, days):
    """Drafts received more than `days` days ago go; how many went."""
    old = InboundDraft.objects.received_before(timezone.now() - timedelta(days=days))
    swept = 0
    for draft in old.iterator():
        inbound_draft_discard(draft=draft)
        swept += 1
    return swept
