"""Hosted videos: a link is parsed with `urllib` against allow-listed hosts
into (provider, id); the embed address is always built here, never taken
from the user.
"""

import re
from urllib.parse import parse_qs, quote, urlsplit

from django.conf import settings
from django.utils.translation import gettext

from .media import MediaError

YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "youtube-nocookie.com", "www.youtube-nocookie.com"}
VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}
_YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
_VIMEO_ID = re.compile(r"[0-9]{1,20}")
_VIMEO_HASH = re.compile(r"[0-9a-f]{6,32}")  # the privacy hash of an unlisted video
# What we store for a Vimeo video: its id, and for an unlisted one ":" and its hash.
_VIMEO_REF = re.compile(r"(?P<id>[0-9]{1,20})(?::(?P<hash>[0-9a-f]{6,32}))?")
_OTHER_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
MAX_LINK_LENGTH = 500


def video_host_names():
    return ["YouTube", "Vimeo", *(host["host"] for host in settings.WINSBOARD_VIDEO_HOSTS)]


def video_hosts_text():
    """ "YouTube or Vimeo" (and the hosts added in settings)."""
    names = video_host_names()
    # Translators: a list of video sites: "YouTube, Vimeo or Loom".
    return gettext("%(names)s or %(last)s") % {"names": ", ".join(names[:-1]), "last": names[-1]}


def parse_video_link(text):
    """(provider, id) for a link to one video on an allow-listed host, or MediaError."""
    link = str(text).strip()
    if len(link) > MAX_LINK_LENGTH or any(ch.isspace() or not ch.isprintable() or ch == "\\" for ch in link):
        raise MediaError(gettext("That doesn't look like a video link. Copy the video's address and paste it here."))
    parts = urlsplit(link)
    if parts.scheme.lower() != "https":
        raise MediaError(gettext("Use the video's https:// link from %(hosts)s.") % {"hosts": video_hosts_text()})
    try:
        port = parts.port
    except ValueError:
        port = -1
    host = parts.hostname or ""
    if parts.username is not None or parts.password is not None or port not in (None, 443):
        raise MediaError(gettext("Only links to %(hosts)s can be shown.") % {"hosts": video_hosts_text()})
    segments = [segment for segment in parts.path.split("/") if segment]
    query = parse_qs(parts.query)
    if host in YOUTUBE_HOSTS or host == "youtu.be":
        provider, pattern, video_id = "youtube", _YOUTUBE_ID, _youtube_id(host, segments, query)
    elif host in VIMEO_HOSTS:
        provider, pattern, video_id = "vimeo", _VIMEO_REF, _vimeo_ref(segments, query)
    else:
        extra = next((entry for entry in settings.WINSBOARD_VIDEO_HOSTS if entry["host"] == host), None)
        if extra is None:
            raise MediaError(
                gettext("Only links to %(hosts)s can be shown. Or upload the video file instead.")
                % {"hosts": video_hosts_text()}
            )
        provider, pattern = extra["provider"], _OTHER_ID
        video_id = query.get("v", [segments[-1] if segments else ""])[0]
    if not pattern.fullmatch(video_id):
        raise MediaError(
            gettext("That link doesn't point to one video. Open the video and copy its address (or Share → Copy).")
        )
    return provider, video_id


def _youtube_id(host, segments, query):
    if host == "youtu.be":
        return segments[0] if len(segments) == 1 else ""
    if segments == ["watch"]:
        return query.get("v", [""])[0]
    if len(segments) == 2 and segments[0] in ("shorts", "embed", "live", "v"):
        return segments[1]
    return ""


def _vimeo_ref(segments, query):
    """ "id", or "id:hash" for an unlisted video (vimeo.com/ID/HASH or
    player.vimeo.com/video/ID?h=HASH): without its hash it will not play."""
    if len(segments) == 2 and _VIMEO_ID.fullmatch(segments[0]) and _VIMEO_HASH.fullmatch(segments[1]):
        return f"{segments[0]}:{segments[1]}"
    digits = [segment for segment in segments if _VIMEO_ID.fullmatch(segment)]
    if not digits:
        return ""
    private = query.get("h", [""])[0]
    return f"{digits[-1]}:{private}" if _VIMEO_HASH.fullmatch(private) else digits[-1]


def embed_url(video):
    """The privacy-friendly player address for a hosted video, built from
    its (provider, id) — "" if they are not valid."""
    provider, video_id = video.provider, video.external_id
    if provider == "youtube" and _YOUTUBE_ID.fullmatch(video_id):
        return f"https://www.youtube-nocookie.com/embed/{video_id}?rel=0"
    vimeo = _VIMEO_REF.fullmatch(video_id) if provider == "vimeo" else None
    if vimeo:
        private = f"h={vimeo['hash']}&" if vimeo["hash"] else ""
        return f"https://player.vimeo.com/video/{vimeo['id']}?{private}dnt=1"
    for entry in settings.WINSBOARD_VIDEO_HOSTS:
        if entry["provider"] == provider and _OTHER_ID.fullmatch(video_id):
            return entry["embed"].replace("{id}", quote(video_id, safe=""))
    return ""
