"""The photo pipeline on big phone photos: 12 MP and 24 MP JPEGs (with EXIF
orientation and GPS, as phones write them) → a ~1920 px and a ~600 px WebP
rendition, upright and without metadata.

Three pipelines, each run in its own fresh Python process (so peak memory
is the pipeline's own), five times; the best time and the median peak are kept:
  ours   stories.photos.process_photo: one JPEG decode in draft mode at the
         scale that still covers 1920 px, card made from the large rendition,
         rotation applied to the small image, WebP method 1;
  naive  Pillow as one usually writes it: open, exif_transpose, convert,
         then copy + thumbnail + save (WebP, default effort) per size;
  sorl   sorl-thumbnail's get_thumbnail() per size (it decodes each time).
Peak memory is the growth of the process's peak RSS while the pipeline ran.
Prints measurements and ratios; no pass/fail. Needs requirements-bench.txt
(sorl-thumbnail); without it the sorl column is skipped. Run: `make bench`
or `.venv/bin/python bench/bench_images.py`."""

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SIZES = {"12 MP": (4000, 3000), "24 MP": (6000, 4000)}
RUNS = 5
EDGES = (1920, 600)


def peak_mb():
    """This process's peak resident memory. VmHWM, not ru_maxrss: on Linux
    ru_maxrss survives exec, so a child would start at its parent's peak."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / (1024 if sys.platform != "darwin" else 1024 * 1024)


# --- the pipelines (each runs in a child process) ---------------------------------
# Each is called once on a tiny photo first (a server has paid for imports and
# plugin set-up long before an upload arrives), then measured on the big one.


def run_ours(path, workdir):
    from stories.lib import photos

    with open(path, "rb") as source:
        result = photos.process_photo(source, max_pixels=60_000_000)
    return [(result.large.width, result.large.height), (result.card.width, result.card.height)]


def run_naive(path, workdir):
    from PIL import Image, ImageOps

    image = ImageOps.exif_transpose(Image.open(path)).convert("RGB")
    sizes = []
    for edge in EDGES:
        copy = image.copy()
        copy.thumbnail((edge, edge))
        copy.save(Path(workdir) / f"naive-{edge}-{Path(path).stem}.webp", "WEBP", quality=80)
        sizes.append(copy.size)
    return sizes


def run_sorl(path, workdir):
    import django
    from django.conf import settings

    if not settings.configured:
        settings.configure(
            INSTALLED_APPS=["sorl.thumbnail"],
            MEDIA_ROOT=workdir,  # a fresh one per process: sorl never finds an earlier run's thumbnails
            MEDIA_URL="/media/",
            THUMBNAIL_FORCE_OVERWRITE=True,
            THUMBNAIL_KVSTORE="sorl.thumbnail.kvstores.dbm_kvstore.KVStore",
            THUMBNAIL_DBM_FILE=str(Path(workdir) / "kvstore"),
            THUMBNAIL_FORMAT="WEBP",
            THUMBNAIL_QUALITY=80,
            STORAGES={"default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}},
            USE_TZ=True,
        )
        django.setup()
    from sorl.thumbnail import get_thumbnail

    source = Path(workdir) / Path(path).name
    if not source.exists():
        source.symlink_to(path)
    return [get_thumbnail(source.name, f"{edge}x{edge}", upscale=False).size for edge in EDGES]


PIPELINES = {"ours": run_ours, "naive": run_naive, "sorl": run_sorl}


def child(pipeline, path):
    """Runs in its own process: one pipeline on one photo; prints JSON."""
    from PIL import Image

    with tempfile.TemporaryDirectory(prefix="winsboard-bench-") as workdir:
        warm_up = Path(workdir) / "warm-up.jpg"
        Image.new("RGB", (64, 48), "orange").save(warm_up, "JPEG")
        PIPELINES[pipeline](str(warm_up), workdir)
        before = peak_mb()
        started = time.perf_counter()
        sizes = PIPELINES[pipeline](path, workdir)
        seconds = time.perf_counter() - started
        print(json.dumps({"seconds": seconds, "peak_mb": peak_mb() - before, "sizes": sizes}))


# --- the parent: make photos, run each pipeline in fresh processes ----------------


def make_photo(path, width, height):
    """A photo-like JPEG (gradients, shapes, sensor-like grain) with the EXIF
    a phone writes: portrait orientation, GPS, camera model."""
    from PIL import Image, ImageDraw

    base = Image.merge(
        "RGB",
        (
            Image.linear_gradient("L").resize((width, height)),
            Image.radial_gradient("L").resize((width, height)),
            Image.effect_noise((width // 64, height // 64), 80).resize((width, height), Image.Resampling.BICUBIC),
        ),
    )
    draw = ImageDraw.Draw(base)
    for index in range(60):
        x, y, size = (index * 997) % width, (index * 613) % height, 50 + (index * 37) % 400
        draw.ellipse((x, y, x + size, y + size), fill=((index * 40) % 256, (index * 90) % 256, (index * 150) % 256))
    photo = Image.blend(base, Image.effect_noise((width, height), 40).convert("RGB"), 0.25)
    exif = Image.Exif()
    exif[0x0112] = 6  # held upright: rotate 90° on display
    exif[0x0110] = "Bench phone"
    exif.get_ifd(0x8825).update({1: "N", 2: (48.0, 51.0, 29.0), 3: "E", 4: (2.0, 17.0, 40.0)})
    photo.save(path, "JPEG", quality=90, exif=exif.tobytes())


def measure(pipeline, path):
    runs = []
    for _ in range(RUNS):
        done = subprocess.run(
            [sys.executable, __file__, "--child", pipeline, str(path)], capture_output=True, text=True, cwd=ROOT
        )
        if done.returncode != 0:
            raise RuntimeError(f"{pipeline} failed:\n{done.stderr}")
        runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    return {
        "seconds": min(run["seconds"] for run in runs),  # the best run: the least disturbed by other work
        "peak_mb": statistics.median(run["peak_mb"] for run in runs),
        "sizes": runs[0]["sizes"],
    }


def sorl_installed():
    try:
        import sorl.thumbnail  # noqa: F401
    except ImportError:
        return False
    return True


def main():
    pipelines = ["ours", "naive"] + (["sorl"] if sorl_installed() else [])
    if "sorl" not in pipelines:
        print("sorl-thumbnail is not installed (pip install -r requirements-bench.txt): its column is skipped.")
    print(f"Each pipeline: a fresh process per run, best time of {RUNS}, median peak memory (growth of peak RSS).\n")
    with tempfile.TemporaryDirectory(prefix="winsboard-bench-photos-") as folder:
        for label, (width, height) in SIZES.items():
            path = Path(folder) / f"phone-{width}x{height}.jpg"
            make_photo(path, width, height)
            results = {pipeline: measure(pipeline, path) for pipeline in pipelines}
            ours = results["ours"]
            print(f"{label} JPEG ({width}×{height}, {path.stat().st_size / 1e6:.1f} MB) → {ours['sizes']}")
            for pipeline, result in results.items():
                line = f"  {pipeline:6} {result['seconds'] * 1000:7.0f} ms  {result['peak_mb']:6.0f} MB peak"
                if pipeline != "ours":
                    line += (
                        f"   ours is {result['seconds'] / ours['seconds']:.1f}× faster, "
                        f"uses {ours['peak_mb'] / max(result['peak_mb'], 1):.2f}× the memory"
                    )
                print(line)
            print()


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        os.environ.pop("DJANGO_SETTINGS_MODULE", None)
        child(sys.argv[2], sys.argv[3])
    else:
        main()
