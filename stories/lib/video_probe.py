"""Probe an untrusted video and take a poster frame, in a sandboxed child process.

FFmpeg (bundled in PyAV's wheels) parses hostile bytes, so it never runs in
the web or task worker: `_video_probe_child.py` runs in a fresh, isolated
Python (`-I`), in its own session (its own process group), with a minimal
environment (no secrets from ours), and limits itself (address space, CPU
time, size of files it writes, no core dumps) before it imports PyAV. This
side keeps a wall-clock timeout and kills the whole group when it runs out.

Pure Python: no Django. The caller passes the allow-lists and limits; every
way the child can fail (refusal, crash, signal, timeout, garbage on stdout)
comes back as `Rejected(reason, detail)`, never as another exception.
"""

import json
import logging
import math
import os
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

logger = logging.getLogger(__name__)

CHILD = Path(__file__).resolve().with_name("_video_probe_child.py")
MB = 1024 * 1024
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

# Why a video was rejected. The caller turns these into words for its author.
UNREADABLE = "unreadable"  # FFmpeg could not open it as the sniffed container
CONTAINER = "container"  # not one of the allowed containers
NO_VIDEO = "no_video"  # no picture stream (only sound, or only a cover image)
CODEC = "codec"  # a video codec not on the allow-list (detail: its name)
TOO_LARGE = "too_large"  # more pixels than allowed (detail: WxH)
TOO_LONG = "too_long"  # longer than allowed (detail: seconds)
TOO_SLOW = "too_slow"  # the wall-clock timeout or the CPU limit ran out
MEMORY = "memory"  # the address-space limit was reached
CRASHED = "crashed"  # the child died of a signal, failed or answered nonsense
SERVER = "server"  # the child could not run (or could not load PyAV under its limits)
_CHILD_REASONS = {UNREADABLE, CONTAINER, NO_VIDEO, CODEC, TOO_LARGE, TOO_LONG, MEMORY}


@dataclass(frozen=True)
class Limits:
    """What one probe may use. Measured here (one decoding thread): PyAV and
    FFmpeg loaded take ~0.2 GB of address space, an 8K H.264 poster ~0.35 GB
    (8K HEVC at 10 bits: ~0.9 GB, estimated from its frame sizes, not measured);
    a 1080p poster costs ~0.4 s of CPU, a 4K HEVC one ~1 s."""

    memory_bytes: int = 1536 * MB  # RLIMIT_AS
    cpu_seconds: int = 20  # RLIMIT_CPU
    file_bytes: int = 12 * MB  # RLIMIT_FSIZE: a PNG of ≤ 1920×1920 RGB is ≤ 11.1 MB
    wall_seconds: float = 30.0  # the parent's timeout


# The limits a probe uses unless given others (tests make them tiny).
LIMITS = Limits()


@dataclass(frozen=True)
class Probe:
    duration: float | None  # seconds, None when the file does not say
    codec: str
    width: int
    height: int
    poster_png: bytes  # b"" when no frame could be decoded
    frames_decoded: int  # while looking for the poster
    peak_memory: int  # the child's peak address space, bytes


class Rejected(Exception):
    """The video can't be used: `reason` is one of the names above."""

    def __init__(self, reason, detail="", *, frames_decoded=0):
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason, self.detail, self.frames_decoded = reason, detail, frames_decoded


def probe(path, *, demuxer, formats, codecs, max_pixels, max_seconds, poster_edge, limits=None):
    """Check the video at `path` (opened with the `demuxer` its sniffed type
    calls for, through the `file` protocol only) and take a poster frame.
    Returns a Probe or raises Rejected."""
    limits = limits or LIMITS
    with tempfile.TemporaryDirectory(prefix="winsboard-probe-") as folder:
        poster = Path(folder) / "poster.png"
        request = {
            "video": str(Path(path).resolve()),
            "poster": str(poster),
            "demuxer": demuxer,
            "formats": sorted(formats),
            "codecs": sorted(codecs),
            "max_pixels": int(max_pixels),
            "max_seconds": float(max_seconds),
            "poster_edge": int(poster_edge),
            "memory_bytes": int(limits.memory_bytes),
            "cpu_seconds": max(1, math.ceil(limits.cpu_seconds)),
            "file_bytes": int(limits.file_bytes),
        }
        returncode, stdout, stderr = _run_child(request, folder, limits.wall_seconds)
        answer = _answer(returncode, stdout, stderr)
        png = _read_poster(poster, limits.file_bytes) if answer["poster"] else b""
    return Probe(
        duration=answer["duration"],
        codec=answer["codec"],
        width=answer["width"],
        height=answer["height"],
        poster_png=png,
        frames_decoded=answer["frames_decoded"],
        peak_memory=answer["peak_memory"],
    )


def _run_child(request, folder, timeout):
    command = [sys.executable, "-I", str(CHILD), json.dumps(request)]
    environment = {"LC_ALL": "C.UTF-8", "MALLOC_ARENA_MAX": "2"}
    try:
        child = subprocess.Popen(  # noqa: S603 - our own script, arguments as a list, no shell
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=folder,
            env=environment,
            start_new_session=True,  # its own session and process group, killed as one
            close_fds=True,
        )
    except OSError as error:
        logger.error("Could not start the video probe: %s", error)
        raise Rejected(SERVER, str(error)) from None
    with child:  # closes the pipes and reaps it, whatever happens
        try:
            stdout, stderr = child.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            raise Rejected(TOO_SLOW, f"no answer within {timeout:g} s") from None
        finally:
            if child.returncode is None:  # timed out, or interrupted: never leave it running
                _kill_group(child)
                child.wait()
    return child.returncode, stdout, stderr


def _kill_group(child):
    """SIGKILL the child's whole process group (its id is the child's pid,
    which cannot have been reused: the child is not reaped yet)."""
    try:
        os.killpg(child.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _answer(returncode, stdout, stderr):
    """The child's findings, checked field by field; Rejected if it refused
    the video, or if there is no valid answer."""
    tail = stderr[-2000:].decode("utf-8", "replace")
    if returncode < 0:
        number = -returncode
        name = signal.Signals(number).name if number in signal.valid_signals() else str(number)
        logger.warning("The video probe was killed by %s. %s", name, tail)
        if number == signal.SIGXCPU:
            raise Rejected(TOO_SLOW, f"CPU limit ({name})")
        if number == signal.SIGXFSZ:
            raise Rejected(SERVER, f"file size limit ({name})")
        raise Rejected(CRASHED, f"killed by {name}")
    try:
        answer = json.loads(stdout.decode("ascii")) if returncode == 0 and stdout.count(b"\n") == 1 else None
    except ValueError:
        answer = None
    if not _well_formed(answer):
        logger.warning("The video probe failed (exit status %s, output %r). %s", returncode, stdout[:300], tail)
        raise Rejected(CRASHED, f"exit status {returncode}, no valid answer")
    if not answer["ok"] and answer["reason"] == "setup":
        logger.error("The video probe could not start: %s", answer["detail"])
        raise Rejected(SERVER, answer["detail"])
    if not answer["ok"]:
        raise Rejected(answer["reason"], answer["detail"], frames_decoded=answer["frames_decoded"])
    return answer


def _well_formed(answer):
    if not isinstance(answer, dict):
        return False
    if type(answer.get("frames_decoded")) is not int or type(answer.get("peak_memory")) is not int:
        return False
    if answer.get("ok") is False:
        reason, detail = answer.get("reason"), answer.get("detail")
        return (reason in _CHILD_REASONS or reason == "setup") and isinstance(detail, str)
    duration = answer.get("duration")
    return (
        answer.get("ok") is True
        and (duration is None or (type(duration) in (int, float) and math.isfinite(duration) and duration >= 0))
        and isinstance(answer.get("codec"), str)
        and type(answer.get("width")) is int
        and type(answer.get("height")) is int
        and type(answer.get("poster")) is bool
    )


def _read_poster(path, limit):
    """The poster's PNG bytes, or b"" (then the caller shows a neutral poster)."""
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError:
        logger.warning("The video probe said it wrote a poster, but there is none.")
        return b""
    if len(data) > limit or not data.startswith(PNG_SIGNATURE):
        logger.warning("The video probe wrote a poster that is not a PNG of at most %s bytes.", limit)
        return b""
    return data
