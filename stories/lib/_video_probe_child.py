"""The child side of `stories.lib.video_probe`: reads one untrusted video.

Run only by the parent, as `python -I _video_probe_child.py REQUEST`, where
REQUEST is a JSON object the parent builds (never anything from the file):

    {"video": path, "poster": path, "demuxer": "mov" | "matroska",
     "formats": [...], "codecs": [...], "max_pixels": int, "max_seconds": float,
     "poster_edge": int, "memory_bytes": int, "cpu_seconds": int, "file_bytes": int}

It sets its own resource limits, *then* imports PyAV, checks the container,
the video stream, its codec, picture size and duration, and only then decodes
one frame for the poster, written as PNG to `poster`. It prints one line of
JSON on stdout and exits 0:

    {"ok": true, "duration": float | null, "codec": str, "width": int,
     "height": int, "poster": bool, "frames_decoded": int, "peak_memory": int}
    {"ok": false, "reason": str, "detail": str, "frames_decoded": int, "peak_memory": int}

Anything else (a signal, another exit status, other output) is a failure the
parent turns into a rejection. This file must stay standalone: no Django, no
Winsboard module (`-I` leaves the script's folder off sys.path anyway), and
never `av.logging.set_level` (PyAV's logging hook can hang threaded decoding,
PyAV issue 751; PyAV keeps FFmpeg's own log quiet by default).
"""

import json
import math
import resource
import signal
import sys

# How far the poster search may go: frames decoded, and video packets read,
# per attempt (a keyframe every 10 s at 60 fps is 600 frames).
MAX_POSTER_FRAMES = 600
MAX_POSTER_PACKETS = 3000
POSTER_AT = 1.0  # seconds in, or a third of a shorter clip
# Short of memory, FFmpeg does not always say so (it may report invalid data,
# or EAGAIN): a failure once the address space came this close to its limit
# counts as running out of memory. The largest frame allowed (8K, 16-bit
# 4:4:4) is ~212 MB.
MEMORY_MARGIN = 256 * 1024 * 1024

frames_decoded = 0
memory_limit = 0


class Refused(Exception):
    def __init__(self, reason, detail=""):
        super().__init__(reason)
        self.reason, self.detail = reason, str(detail)[:300]


def limit_myself(request):
    """Resource limits on this process, set before any untrusted byte is read
    (and before PyAV and its FFmpeg libraries are loaded)."""
    global memory_limit
    memory, cpu, size = int(request["memory_bytes"]), int(request["cpu_seconds"]), int(request["file_bytes"])
    memory_limit = lower(resource.RLIMIT_AS, memory, memory)
    lower(resource.RLIMIT_CORE, 0, 0)
    # SIGXCPU (which kills) at the soft limit; SIGKILL a second later if it was ignored.
    lower(resource.RLIMIT_CPU, cpu, cpu + 1)
    lower(resource.RLIMIT_FSIZE, size, size)
    signal.signal(signal.SIGXFSZ, signal.SIG_DFL)  # Python ignores it; writing past the limit kills instead


def lower(which, soft, hard):
    """Set a limit, never above a stricter one the system already imposes
    (raising a hard limit would fail). Returns the soft limit in force."""
    _, current = resource.getrlimit(which)
    if current != resource.RLIM_INFINITY:
        soft, hard = min(soft, current), min(hard, current)
    resource.setrlimit(which, (soft, hard))
    return soft


def peak_memory():
    """The most address space this process has used (VmPeak), in bytes; 0 if unknown."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmPeak:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def short_of_memory(error):
    return isinstance(error, MemoryError) or peak_memory() + MEMORY_MARGIN >= memory_limit


def examine(request):
    try:
        import av
    except ImportError as error:  # the memory limit is too small to even load FFmpeg
        raise Refused("setup", f"importing av failed: {error}") from None

    try:
        container = av.open(
            "file:" + request["video"],
            mode="r",
            format=request["demuxer"],
            options={"protocol_whitelist": "file"},
        )
    except Exception as error:  # noqa: BLE001 - FFmpeg raises many kinds of error on hostile input
        if short_of_memory(error):
            raise MemoryError from None
        raise Refused("unreadable", f"{type(error).__name__}: {error}") from None
    with container:
        stream, found = check(av, container, request)
        found["poster"] = write_poster(av, container, stream, found["duration"], request)
    return found


def check(av, container, request):
    """The container, the video stream, its codec, size and duration — all
    read from the headers, before any frame is decoded."""
    formats = set(str(container.format.name).split(","))
    if not formats & set(request["formats"]):
        raise Refused("container", container.format.name)
    attached = av.stream.Disposition.attached_pic
    streams = [stream for stream in container.streams.video if not stream.disposition & attached]
    if not streams:
        raise Refused("no_video")
    stream = streams[0]
    codec = codec_name(stream)
    if codec not in request["codecs"]:
        raise Refused("codec", codec)
    width, height = int(stream.codec_context.width or 0), int(stream.codec_context.height or 0)
    if width * height > int(request["max_pixels"]):
        raise Refused("too_large", f"{width}x{height}")
    duration = duration_of(container, stream)
    if duration is not None and duration > float(request["max_seconds"]):
        raise Refused("too_long", f"{duration:.0f}")
    return stream, {"duration": duration, "codec": codec, "width": width, "height": height}


def codec_name(stream):
    """The codec's own name (h264, vp9, av1…), not the decoder's (libdav1d)."""
    try:
        return str(stream.codec_context.codec.canonical_name or "")
    except Exception:  # noqa: BLE001 - no decoder for it: an unknown codec
        return ""


def duration_of(container, stream):
    seconds = None
    if container.duration is not None:
        seconds = container.duration / 1_000_000
    elif stream.duration is not None and stream.time_base:
        seconds = float(stream.duration * stream.time_base)
    return seconds if seconds is not None and math.isfinite(seconds) and seconds >= 0 else None


def write_poster(av, container, stream, duration, request):
    """One frame (POSTER_AT in, or earlier for a short clip; else the first),
    upright, at most `poster_edge` px, as PNG. False if none could be decoded."""
    stream.codec_context.thread_count = 1  # one thread: memory and CPU time stay predictable
    at = min(POSTER_AT, duration / 3) if duration else 0.0
    for attempt in dict.fromkeys((at, 0.0)):
        try:
            frame = frame_at(container, stream, attempt, first_attempt=attempt == at)
            if frame is not None:
                save_png(frame, request)
                return True
        except Exception as error:  # noqa: BLE001 - a damaged frame: try earlier, or go without a poster
            if short_of_memory(error):
                raise MemoryError from None
    return False


def frame_at(container, stream, at, *, first_attempt):
    global frames_decoded
    if at > 0 or not first_attempt:
        container.seek(int(at * 1_000_000), backward=True, any_frame=False)  # in microseconds
        stream.codec_context.flush_buffers()
    last, decoded = None, 0
    for packets, packet in enumerate(container.demux(stream), start=1):
        for frame in packet.decode():
            frames_decoded += 1
            decoded += 1
            last = frame
            if frame.time is None or frame.time >= at - 0.001 or decoded >= MAX_POSTER_FRAMES:
                return frame
        if packets >= MAX_POSTER_PACKETS:
            break
    return last  # the clip ended before `at`: its last frame


ROTATIONS = {90: "ROTATE_90", 180: "ROTATE_180", -180: "ROTATE_180", -90: "ROTATE_270", 270: "ROTATE_270"}


def save_png(frame, request):
    from PIL import Image

    edge = int(request["poster_edge"])
    scale = min(1.0, edge / max(frame.width, frame.height))
    size = max(1, round(frame.width * scale)), max(1, round(frame.height * scale))
    image = frame.to_image(width=size[0], height=size[1], interpolation="AREA")
    try:
        rotation = round(frame.rotation)  # counter-clockwise, as the phone's display matrix says
    except Exception:  # noqa: BLE001 - no usable display matrix
        rotation = 0
    if rotation in ROTATIONS:
        image = image.transpose(getattr(Image.Transpose, ROTATIONS[rotation]))
    image.save(request["poster"], "PNG", compress_level=1)


def main(argv):
    request = json.loads(argv[1])
    limit_myself(request)
    try:
        answer = {"ok": True, **examine(request)}
    except Refused as refused:
        answer = {"ok": False, "reason": refused.reason, "detail": refused.detail}
    except MemoryError:
        answer = {"ok": False, "reason": "memory", "detail": ""}
    answer["frames_decoded"] = frames_decoded
    answer["peak_memory"] = peak_memory()
    sys.stdout.write(json.dumps(answer) + "\n")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
