"""The video probe (stories.lib.video_probe): PyAV in a sandboxed child
process. What it accepts, what it refuses and why, and what happens when the
child is killed, runs out of memory or time, or answers nonsense: always a
rejection with a reason, never an exception in the worker, never a hang.

Each probe starts a Python (~0.2 s of CPU): the tests share tiny clips and
probe no more than they need."""

import ast
import io
import json
import os
import signal
import subprocess
import sys
import time

import pytest
from PIL import Image

from stories.lib import photos, video_probe, videos
from stories.models import Video
from tests.helpers import media_files as files
from tests.helpers.wins import story_post_data

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def clip():
    return files.make_video()


@pytest.fixture
def write(tmp_path):
    def _write(data, name="video"):
        path = tmp_path / name
        path.write_bytes(data)
        return path

    return _write


def probe(path, demuxer="mov", **overrides):
    """The probe as videos.examine_video calls it (same allow-lists and caps)."""
    arguments = {
        "demuxer": demuxer,
        "formats": videos.VIDEO_FORMATS,
        "codecs": videos.VIDEO_CODECS,
        "max_pixels": videos.MAX_VIDEO_PIXELS,
        "max_seconds": videos.MAX_VIDEO_SECONDS,
        "poster_edge": photos.LARGE_EDGE,
    }
    return video_probe.probe(path, **arguments | overrides)


# --- what it accepts ------------------------------------------------------------


@pytest.mark.parametrize(
    "codec, container, demuxer, name",
    [
        ("libx265", "mp4", "mov", "hevc"),
        ("libvpx-vp9", "webm", "matroska", "vp9"),
        ("libsvtav1", "mp4", "mov", "av1"),
    ],
)
def test_each_allowed_codec_is_read_and_gives_a_poster(write, codec, container, demuxer, name):
    options = {"x265-params": "log-level=error"} if codec == "libx265" else None
    found = probe(write(files.make_video(codec=codec, container=container, options=options)), demuxer)
    assert (found.codec, found.width, found.height, found.duration) == (name, 160, 120, 1.0)
    assert Image.open(io.BytesIO(found.poster_png)).size == (160, 120)
    assert 1 <= found.frames_decoded <= 10


def test_a_phone_video_filmed_upright_gives_an_upright_poster(write):
    # Stored landscape with a display matrix "turn a quarter clockwise", as phones do.
    found = probe(write(files.make_video(rotation=-90)))
    poster = Image.open(io.BytesIO(found.poster_png)).convert("L")
    assert poster.size == (120, 160)
    # The gradient ran dark (top) to light (bottom); upright, dark is on the right.
    assert poster.getpixel((110, 80)) < 60 < 200 < poster.getpixel((10, 80))


def test_a_big_frame_becomes_a_poster_no_larger_than_the_large_rendition(write):
    found = probe(write(files.make_video(seconds=0.1, size=(1280, 720))), poster_edge=640)
    assert Image.open(io.BytesIO(found.poster_png)).size == (640, 360)


# --- what it refuses ------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [files.jpeg(), files.ZIP, files.HTML, b"\0\0\0\x18ftypmp42\0\0\0\0mp42isom" + files.jpeg()],
    ids=["jpeg", "zip", "html", "mp4-header-then-jpeg"],
)
def test_files_that_are_not_videos_are_refused_as_unreadable_even_past_the_sniffer(write, data):
    with pytest.raises(video_probe.Rejected) as refused:
        probe(write(data))
    assert refused.value.reason == video_probe.UNREADABLE
    assert "Invalid data" in refused.value.detail


def test_a_truncated_mp4_is_refused_with_its_reason(write, clip, client, employee, capture_task):
    truncated = clip[: len(clip) // 2]  # the index (moov) comes after the pictures: it is gone
    with pytest.raises(video_probe.Rejected) as refused:
        probe(write(truncated))
    assert refused.value.reason == video_probe.UNREADABLE
    assert rejected_upload(client, employee, truncated, capture_task) == (
        "it couldn't be read as a video. It may be damaged, or not really MP4, WebM or MOV."
    )


def test_a_codec_outside_the_allow_list_is_refused_before_any_frame_is_decoded(write):
    with pytest.raises(video_probe.Rejected) as refused:
        probe(write(files.make_video(codec="mpeg4")))
    assert (refused.value.reason, refused.value.detail, refused.value.frames_decoded) == ("codec", "mpeg4", 0)


def test_a_sound_only_file_is_refused_for_having_no_picture(client, employee, capture_task):
    assert rejected_upload(client, employee, files.audio_only_mp4(), capture_task) == (
        "it has no picture (only sound?)."
    )


def test_an_over_long_video_is_refused_quickly_before_any_frame_is_decoded(write, client, employee, capture_task):
    long_clip = files.make_video(seconds=0.2, last_frame_at=3 * 60 * 60)  # two frames, three hours apart
    started = time.perf_counter()
    with pytest.raises(video_probe.Rejected) as refused:
        probe(write(long_clip))
    assert time.perf_counter() - started < 5
    assert (refused.value.reason, refused.value.detail, refused.value.frames_decoded) == ("too_long", "10800", 0)
    assert rejected_upload(client, employee, long_clip, capture_task) == (
        "it is longer than 2 hours. Upload a shorter clip, or share a link to it on YouTube or Vimeo."
    )


def test_an_over_large_picture_is_refused_before_any_frame_is_decoded(
    write, clip, client, employee, capture_task, monkeypatch
):
    # A real 8K clip takes seconds to encode: lower the cap instead.
    with pytest.raises(video_probe.Rejected) as refused:
        probe(write(clip), max_pixels=160 * 120 - 1)
    assert (refused.value.reason, refused.value.detail, refused.value.frames_decoded) == ("too_large", "160x120", 0)
    monkeypatch.setattr(videos, "MAX_VIDEO_PIXELS", 160 * 120 - 1)
    assert rejected_upload(client, employee, clip, capture_task) == (
        "its picture is larger than 8K. Export it at 4K or less."
    )


# --- when the child fails ---------------------------------------------------------


@pytest.fixture
def spawned(monkeypatch):
    """(arguments, process) of every child the probe starts (the real Popen runs them)."""
    children = []
    real = subprocess.Popen

    def recording(*args, **kwargs):
        children.append((kwargs, real(*args, **kwargs)))
        return children[-1][1]

    monkeypatch.setattr(video_probe.subprocess, "Popen", recording)
    return children


def test_the_child_is_an_isolated_python_in_its_own_session_without_our_environment(write, clip, spawned, monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "do-not-leak")
    probe(write(clip))
    ((options, child),) = spawned
    assert child.args[:3] == [sys.executable, "-I", str(video_probe.CHILD)]
    request = json.loads(child.args[3])
    assert request["demuxer"] == "mov" and request["memory_bytes"] == video_probe.LIMITS.memory_bytes
    assert options["start_new_session"] is True and options["stdin"] == subprocess.DEVNULL
    assert "do-not-leak" not in json.dumps(options["env"]) and "SECRET_KEY" not in options["env"]


def test_a_child_that_takes_too_long_is_killed_with_its_group_and_the_video_rejected(tmp_path, spawned):
    # A "video" that never arrives: a named pipe nobody writes to. The child
    # waits on it for ever, however fast or busy the machine is.
    stuck = tmp_path / "video"
    os.mkfifo(stuck)
    started = time.perf_counter()
    with pytest.raises(video_probe.Rejected) as refused:
        probe(stuck, limits=video_probe.Limits(wall_seconds=1.0))
    assert time.perf_counter() - started < 5
    assert refused.value.reason == video_probe.TOO_SLOW
    ((_, child),) = spawned
    assert child.returncode == -signal.SIGKILL
    with pytest.raises(ProcessLookupError):
        os.killpg(child.pid, 0)  # nothing of its process group is left


def test_a_child_killed_by_a_limit_gives_a_rejection_and_the_worker_goes_on(
    write, clip, client, employee, capture_task, monkeypatch
):
    # Its poster is larger than the child may write: SIGXFSZ kills it.
    monkeypatch.setattr(video_probe, "LIMITS", video_probe.Limits(file_bytes=1000))
    with pytest.raises(video_probe.Rejected) as refused:
        probe(write(clip))
    assert (refused.value.reason, refused.value.detail) == ("server", "file size limit (SIGXFSZ)")
    assert rejected_upload(client, employee, clip, capture_task) == "the video could not be read on the server."
    monkeypatch.undo()
    assert probe(write(clip)).poster_png  # the next video is fine


def test_a_child_that_runs_out_of_memory_gives_a_rejection(write, clip, client, employee, capture_task, monkeypatch):
    small = probe(write(clip))
    big = write(files.make_video(seconds=0.1, size=(1920, 1080), options={"preset": "ultrafast"}))
    # Enough to load PyAV and read the small clip, not to decode a 1080p frame.
    limits = video_probe.Limits(memory_bytes=small.peak_memory + 8 * video_probe.MB)
    with pytest.raises(video_probe.Rejected) as refused:
        probe(big, limits=limits)
    assert refused.value.reason == video_probe.MEMORY
    monkeypatch.setattr(video_probe, "LIMITS", limits)
    assert rejected_upload(client, employee, big.read_bytes(), capture_task) == (
        "reading the video needed more memory than the server allows. Try a shorter or smaller video."
    )


def test_a_memory_limit_too_small_to_load_pyav_is_a_server_problem(write, clip):
    with pytest.raises(video_probe.Rejected) as refused:
        probe(write(clip), limits=video_probe.Limits(memory_bytes=64 * video_probe.MB))
    assert refused.value.reason == video_probe.SERVER
    assert "importing av failed" in refused.value.detail


OK = {"ok": True, "duration": 1.0, "codec": "h264", "width": 1, "height": 1, "poster": False}
COUNTS = {"frames_decoded": 0, "peak_memory": 1}


@pytest.mark.parametrize(
    "returncode, stdout, reason",
    [
        (-signal.SIGSEGV, b"", "crashed"),
        (-signal.SIGABRT, b"", "crashed"),
        (-signal.SIGKILL, b"", "crashed"),
        (-signal.SIGXCPU, b"", "too_slow"),
        (-signal.SIGXFSZ, b"", "server"),
        (1, b"", "crashed"),
        (0, b"", "crashed"),
        (0, b"\x00\xff garbage\n", "crashed"),
        (0, b"[1, 2]\n", "crashed"),
        (0, json.dumps(OK | COUNTS).encode() * 2 + b"\n", "crashed"),
        (0, json.dumps(OK | COUNTS).encode() + b"\nmore\n", "crashed"),
        (0, json.dumps(OK).encode() + b"\n", "crashed"),
        (0, json.dumps(OK | COUNTS | {"duration": "1"}).encode() + b"\n", "crashed"),
        (0, json.dumps(OK | COUNTS | {"duration": -1}).encode() + b"\n", "crashed"),
        (0, json.dumps(OK | COUNTS | {"width": True}).encode() + b"\n", "crashed"),
        (0, json.dumps({"ok": False, "reason": "rm -rf", "detail": ""} | COUNTS).encode() + b"\n", "crashed"),
        (0, json.dumps({"ok": False, "reason": "codec", "detail": "mpeg4"} | COUNTS).encode() + b"\n", "codec"),
        (0, json.dumps({"ok": False, "reason": "setup", "detail": "x"} | COUNTS).encode() + b"\n", "server"),
    ],
)
def test_whatever_the_child_does_the_answer_is_a_probe_or_a_rejection(returncode, stdout, reason):
    with pytest.raises(video_probe.Rejected) as refused:
        video_probe._answer(returncode, stdout, b"Traceback (most recent call last): ...")
    assert refused.value.reason == reason


def test_a_well_formed_answer_is_accepted():
    assert video_probe._answer(0, json.dumps(OK | COUNTS).encode() + b"\n", b"") == OK | COUNTS


def test_the_child_imports_neither_django_nor_winsboard_and_limits_itself_before_pyav():
    tree = ast.parse(video_probe.CHILD.read_text())
    functions = {node.name: node for node in tree.body if isinstance(node, ast.FunctionDef)}

    def imported(nodes):
        return {
            (alias.name if isinstance(node, ast.Import) else node.module).split(".")[0]
            for top in nodes
            for node in ast.walk(top)
            if isinstance(node, ast.Import | ast.ImportFrom)
            for alias in node.names
        }

    assert imported(tree.body) == {"json", "math", "resource", "signal", "sys", "av", "PIL"}
    assert imported(node for node in tree.body if not isinstance(node, ast.FunctionDef)) == {
        "json", "math", "resource", "signal", "sys"
    }  # fmt: skip
    assert imported([functions["examine"]]) == {"av"}  # PyAV is loaded in examine() only…
    calls = [node.func.id for node in ast.walk(functions["main"]) if isinstance(node, ast.Call)
             and isinstance(node.func, ast.Name)]  # fmt: skip
    assert calls.index("limit_myself") < calls.index("examine")  # …after the limits are set
    assert not any(isinstance(node, ast.Attribute) and node.attr == "set_level" for node in ast.walk(tree))


# --- through the upload and the task ---------------------------------------------


@pytest.fixture
def capture_task(django_capture_on_commit_callbacks):
    return django_capture_on_commit_callbacks


def rejected_upload(client, employee, data, capture_task):
    """Upload `data` as a video and return the reason its author is given."""
    client.force_login(employee)
    with capture_task(execute=True):
        upload = files.upload("clip.mp4", data, "application/octet-stream")
        assert client.post("/wins/new/", story_post_data(employee) | {"video_file": upload}).status_code == 302
    video = Video.objects.latest("pk")
    assert video.status == "rejected"
    prefix = "We couldn't use this video: "
    assert video.reject_reason.startswith(prefix)
    return video.reject_reason.removeprefix(prefix)
