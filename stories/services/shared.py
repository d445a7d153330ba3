"""What another app shares into Winsboard (the manifest's share target):
photos, a video, a link, text. Kept for the "Post a win" form that opens
next — server-side, for this browser session only, for an hour at most —
and forgotten once the win is posted.

Shared files pass the same checks as uploads, by content: a photo is
decoded and re-encoded (what is kept is its large rendition: no metadata,
never the file as it came), a video is recognised by its first bytes,
sizes and the number of photos are capped. Anything refused is named.
"""

import secrets
import time

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext, ngettext

from ..lib import limits, photos, video_links, videos
from ..lib.media import MAX_PHOTOS, MediaError, file_label
from .media import files_removed_on_error

SESSION_KEY = "winsboard_shared"
KEEP_SECONDS = 60 * 60
KEPT_SHARES = 3  # per session: older ones are forgotten
FOLDER = "shared"
TEXT_MAX = 5000
SHARES_PER_HOUR = 20  # from one client address (signed in or not): a share writes files


def share_quota_take(*, address):
    """Count one share from `address` this hour; False past SHARES_PER_HOUR."""
    return limits.hit("shares", address, limit=SHARES_PER_HOUR, window=60 * 60)


def _forget_files(share):
    for kept in share.get("files", []):
        default_storage.delete(kept["name"])


def _expired(share, now):
    return now - share.get("at", 0) > KEEP_SECONDS


def _shares(session):
    """This session's shares, the expired ones forgotten (files deleted)."""
    now = time.time()
    shares = dict(session.get(SESSION_KEY, {}))
    for token, share in list(shares.items()):
        if _expired(share, now):
            _forget_files(share)
            del shares[token]
    return shares


def _left_out(upload, error):
    # Translators: %(file)s is a file's name; %(problem)s says why it was refused.
    return gettext("“%(file)s” was left out: %(problem)s") % {"file": file_label(upload.name), "problem": error}


def _kept_photos(uploads, save, problems):
    kept = []
    for upload in uploads:
        if len(kept) == MAX_PHOTOS:
            values = {"count": MAX_PHOTOS, "file": file_label(upload.name)}
            problems.append(
                ngettext(
                    "Only %(count)s photo fits in a win: “%(file)s” was left out.",
                    "Only %(count)s photos fit in a win: “%(file)s” was left out.",
                    MAX_PHOTOS,
                )
                % values
            )
            continue
        try:
            photos.check_photo_size(upload)
            large = photos.process_photo(upload).large
        except MediaError as error:
            problems.append(_left_out(upload, error))
            continue
        name = save(f"{FOLDER}/{secrets.token_urlsafe(24)}.{large.extension}", ContentFile(large.data))
        kept.append(
            {"name": name, "label": file_label(upload.name), "kind": "photo", "type": f"image/{large.extension}"}
        )
    return kept


def _kept_video(upload, save, problems):
    try:
        kind = videos.sniff_video(upload)
    except MediaError as error:
        problems.append(_left_out(upload, error))
        return []
    name = save(f"{FOLDER}/{secrets.token_urlsafe(24)}.{kind.extension}", upload)
    return [{"name": name, "label": file_label(upload.name), "kind": "video", "type": kind.content_type}]


def share_keep(*, session, title="", body="", url="", photo_uploads=(), video_upload=None):
    """Keep what was shared; (its token, the problems to tell the person)."""
    problems = []
    with files_removed_on_error() as save:
        files = _kept_photos(photo_uploads, save, problems)
        if video_upload is not None:
            files += _kept_video(video_upload, save, problems)
    shares = _shares(session)
    for token in sorted(shares, key=lambda t: shares[t]["at"])[: max(0, len(shares) - KEPT_SHARES + 1)]:
        _forget_files(shares.pop(token))
    token = secrets.token_urlsafe(16)
    shares[token] = {
        "at": time.time(),
        "title": " ".join(str(title).split())[:200],
        "text": str(body).strip()[:TEXT_MAX],
        "url": str(url).strip()[: video_links.MAX_LINK_LENGTH],
        "files": files,
    }
    session[SESSION_KEY] = shares
    return token, problems


def share_of(session, token):
    """The share `token` of this session (None when unknown or expired)."""
    share = session.get(SESSION_KEY, {}).get(str(token or ""))
    return None if share is None or _expired(share, time.time()) else share


def _is_video_link(url):
    try:
        video_links.parse_video_link(url)
    except MediaError:
        return False
    return True


def share_initial(share):
    """The post form's starting values: the title as the headline, the text
    (and a link that isn't a video's) as the story, a video's link in "Video link"."""
    url = share["url"].strip()
    video_link = url if url and _is_video_link(url) else ""
    body = "\n\n".join(part for part in (share["text"].strip(), "" if video_link else url) if part)
    return {"headline": share["title"], "body": body}, {"video_link": video_link}


def share_forget(*, session, token):
    """The win is posted (or the share abandoned): its files go, and it."""
    shares = dict(session.get(SESSION_KEY, {}))
    share = shares.pop(str(token or ""), None)
    if share is not None:
        _forget_files(share)
        session[SESSION_KEY] = shares
