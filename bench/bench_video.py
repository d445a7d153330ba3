"""Video probe + poster of a 1080p, 15 s H.264 clip: in the sandboxed child
process (what Winsboard does) versus the same code in this process (what it
would cost without the sandbox). Prints medians and ratios; no pass or fail.

The clip is made here with PyAV (noise and a moving box, so it does not
compress to nothing, at ~8 Mbit/s like a phone's 1080p)."""

import importlib.util
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageDraw

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import av  # noqa: E402

from stories.lib import video_probe  # noqa: E402 - pure Python, no Django settings needed

ROUNDS = 7
SIZE, RATE, SECONDS = (1920, 1080), 30, 15
ALLOWED = {"formats": {"mov", "mp4", "matroska", "webm"}, "codecs": {"h264", "hevc", "vp8", "vp9", "av1"}}
CAPS = {"max_pixels": 8192 * 4320, "max_seconds": 2 * 60 * 60, "poster_edge": 1920}


def make_clip(path):
    frames = []
    for index in range(8):  # eight pictures of noise with a box, over and over
        image = Image.effect_noise(SIZE, 40).convert("RGB")
        left = index * 200
        ImageDraw.Draw(image).rectangle((left, 300, left + 240, 700), fill=(230, 30, 30))
        frames.append(av.VideoFrame.from_image(image).reformat(format="yuv420p"))
    with av.open(str(path), "w", format="mp4") as output:
        stream = output.add_stream("libx264", rate=RATE)
        stream.width, stream.height, stream.pix_fmt = *SIZE, "yuv420p"
        stream.bit_rate = 8_000_000
        stream.options = {"preset": "ultrafast"}
        for index in range(SECONDS * RATE):
            frame = frames[index % len(frames)]
            frame.pts = index
            output.mux(stream.encode(frame))
        output.mux(stream.encode())


def load_child_module():
    """The child's own code, loaded here to run it in this process."""
    spec = importlib.util.spec_from_file_location("video_probe_child", video_probe.CHILD)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def self_cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main():
    with tempfile.TemporaryDirectory() as folder:
        clip = Path(folder) / "clip.mp4"
        started = time.perf_counter()
        make_clip(clip)
        print(f"clip: {SIZE[0]}x{SIZE[1]}, {SECONDS} s, H.264, {clip.stat().st_size / 1e6:.1f} MB "
              f"(made in {time.perf_counter() - started:.1f} s)")  # fmt: skip

        child = load_child_module()
        child.memory_limit = 2**62  # no limits in this process (limit_myself is not called)
        request = {"video": str(clip), "poster": str(Path(folder) / "in-process.png"), "demuxer": "mov"}
        request |= {key: sorted(value) for key, value in ALLOWED.items()} | CAPS

        timings = {"child": [], "in-process": []}
        cpu = {"child": [], "in-process": []}
        for _ in range(ROUNDS):
            wall, used = time.perf_counter(), children_cpu()
            found = video_probe.probe(clip, demuxer="mov", **ALLOWED, **CAPS)
            timings["child"].append(time.perf_counter() - wall)
            cpu["child"].append(children_cpu() - used)

            wall, used = time.perf_counter(), self_cpu()
            child.frames_decoded = 0
            in_process = child.examine(request)
            timings["in-process"].append(time.perf_counter() - wall)
            cpu["in-process"].append(self_cpu() - used)

        assert found.poster_png and in_process["poster"] and found.duration == in_process["duration"]
        print(f"poster {len(found.poster_png) / 1e6:.1f} MB PNG after {found.frames_decoded} frames decoded; "
              f"child peak address space {found.peak_memory / 2**20:.0f} MiB")  # fmt: skip
        for name in timings:
            print(f"{name:>10}: median {statistics.median(timings[name]) * 1000:6.0f} ms wall, "
                  f"{statistics.median(cpu[name]) * 1000:6.0f} ms CPU  "
                  f"(wall min {min(timings[name]) * 1000:.0f}, max {max(timings[name]) * 1000:.0f})")  # fmt: skip
        ratio = statistics.median(timings["child"]) / statistics.median(timings["in-process"])
        cpu_ratio = statistics.median(cpu["child"]) / statistics.median(cpu["in-process"])
        print(f"child / in-process: {ratio:.1f}x wall, {cpu_ratio:.1f}x CPU")


if __name__ == "__main__":
    main()
