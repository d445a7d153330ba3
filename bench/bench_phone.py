"""The feed on a phone over Slow 4G (issue 21, "Fast on a phone"): the demo
data served as `make serve` serves it (gunicorn, DEBUG off, whitenoise's
compressed static files), opened in headless Chromium emulating a mid-range
phone — a 412 × 915 screen, the CPU slowed 4× and DevTools' Slow 4G network
(150 ms latency, 1.6 Mbit/s down, 750 kbit/s up). For a cold visit (nothing
cached) and a warm one (the browser's cache and the service worker's), a
table of the largest contentful paint, the JavaScript and all bytes
transferred before the first scroll. Budgets (README): LCP 2.5 s, 50 KB of
JavaScript, 350 KB in all. No pass/fail: figures from one run on a noisy
machine. Run: `make bench` or `.venv/bin/python bench/bench_phone.py`.
"""

import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
SLOW_4G = {"offline": False, "latency": 150, "downloadThroughput": 1.6e6 / 8, "uploadThroughput": 750e3 / 8}
PHONE = {"viewport": {"width": 412, "height": 915}, "device_scale_factor": 2.6, "is_mobile": True, "has_touch": True}

MEASURE = """() => new Promise((resolve) => {
  let lcp = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) lcp = entry.startTime;
  }).observe({ type: "largest-contentful-paint", buffered: true });
  setTimeout(() => {
    const navigation = performance.getEntriesByType("navigation")[0];
    const resources = performance.getEntriesByType("resource");
    const bytes = (list) => list.reduce((sum, entry) => sum + (entry.transferSize || 0), 0);
    resolve({
      lcp: lcp,
      js: bytes(resources.filter((entry) => entry.initiatorType === "script" || entry.name.endsWith(".js"))),
      total: navigation.transferSize + bytes(resources),
    });
  }, 1500);
})"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def chromium():
    return shutil.which("chromium") or shutil.which("chromium-browser")


def prepared(scratch):
    """The demo data (made with DEBUG on: demo accounts are refused with it off) and collected static files."""
    base = {
        **{k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "CACHE_URL"}},
        "SQLITE_PATH": str(scratch / "bench.sqlite3"),
        "MEDIA_ROOT": str(scratch / "media"),
        "STATIC_ROOT": str(scratch / "static"),
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    }
    development = {**base, "DEBUG": "true"}
    subprocess.run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=development, check=True)
    subprocess.run([PYTHON, "manage.py", "demo_data"], cwd=ROOT, env=development, check=True, capture_output=True)
    production = {
        **base,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(40),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_COOKIES": "false",
        "WINSBOARD_SITE_URL": "https://127.0.0.1",
    }
    subprocess.run([PYTHON, "manage.py", "createcachetable"], cwd=ROOT, env=production, check=True)
    subprocess.run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=production, check=True)
    return production


def serving(environ, port):
    server = subprocess.Popen(
        [str(Path(PYTHON).with_name("gunicorn")), "-c", "winsboard/gunicorn_conf.py", "--bind", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=environ,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=open(Path(environ["STATIC_ROOT"]).parent / "gunicorn.log", "w"),  # noqa: SIM115
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
            return server
        except OSError:
            time.sleep(0.3)
    os.killpg(server.pid, signal.SIGTERM)
    log = (Path(environ["STATIC_ROOT"]).parent / "gunicorn.log").read_text()
    raise SystemExit(f"gunicorn did not start:\n{log[-2000:]}")


def visit(context, url, *, cold):
    page = context.new_page()
    devtools = context.new_cdp_session(page)
    devtools.send("Network.enable")
    devtools.send("Network.setCacheDisabled", {"cacheDisabled": cold})
    devtools.send("Network.emulateNetworkConditions", SLOW_4G)
    devtools.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    page.goto(url, wait_until="load")
    figures = page.evaluate(MEASURE)
    page.close()
    return figures


def main():
    if not chromium():
        raise SystemExit("bench_phone needs Chromium (bin/system-deps browser)")
    scratch = Path(tempfile.mkdtemp(prefix="winsboard-bench-phone-"))
    server = None
    try:
        environ = prepared(scratch)
        port = free_port()
        server = serving(environ, port)
        base = f"http://127.0.0.1:{port}"
        rows = []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium(), args=["--no-sandbox"])
            context = browser.new_context(**PHONE)
            page = context.new_page()
            page.goto(f"{base}/accounts/login/")
            page.get_by_label("Username").fill("sam")
            page.get_by_label("Password").fill("winsboard-demo")
            page.get_by_role("button", name="Sign in", exact=True).click()
            page.wait_for_url(f"{base}/")
            page.close()
            for cold in (True, False):
                runs = [visit(context, f"{base}/", cold=cold) for _ in range(RUNS)]
                rows.append(("cold" if cold else "warm", runs))
            browser.close()
        print(f"The feed, signed in as an employee, on a phone over Slow 4G with a 4x slower CPU ({RUNS} runs, median)")
        print(f"{'visit':<6} {'LCP ms':>8} {'JS KB':>8} {'all KB':>8}   budgets: LCP 2500 ms, JS 50 KB, all 350 KB")
        for name, runs in rows:
            lcp = statistics.median(run["lcp"] for run in runs)
            js = statistics.median(run["js"] for run in runs) / 1024
            total = statistics.median(run["total"] for run in runs) / 1024
            print(f"{name:<6} {lcp:>8.0f} {js:>8.1f} {total:>8.1f}")
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
