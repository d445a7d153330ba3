"""gunicorn settings for `make serve` (Winsboard in production).

Anything here can be changed on the command line or in GUNICORN_CMD_ARGS
(e.g. GUNICORN_CMD_ARGS="--workers 3 --timeout 300"); WEB_CONCURRENCY sets
the number of workers.

- Workers: 2 × the cores this process may use + 1, each with 4 threads
  (gthread): a slow client — an upload over a poor connection — holds one
  thread, not a whole worker, and is not cut off by the worker timeout,
  which only catches a worker that stopped answering. The worker class
  (winsboard/gunicorn_worker.py) is gthread taking a new connection only
  while it has a thread for it (gthread's took most of a burst of
  connections into one worker), and closing connections whose client
  lingers outside its main loop (a client that kept a closed connection
  open stopped gthread's worker for 2 s).
- A worker is replaced after 50,000 requests (+ up to 5,000, so they
  don't all restart at once): memory a long-running process gathers is
  given back, rarely enough not to distort. A new worker costs ~1.3–1.9 s
  of CPU (importing Django and Winsboard) before it answers warm; at 1,000
  requests a worker was replaced every ~1.5 s under a bare view's load (5
  workers, ~3,300 req/s), every ~30 s under the feed's — the restarts were
  the long tails of the load figures. At 50,000 that is every ~75 s at
  the bare view's rate (≤ 2.5 % of one worker's time) and hours at real
  rates; Winsboard holds no growing per-process state (the card cache is
  bounded, the in-process caches are a few compiled querysets).
- A worker's threads take turns on the GIL every 1 ms, not Python's 5 ms:
  a 1-ms request that arrives while another thread makes a 10-ms page
  waited up to 5 ms a turn. Measured with `make bench`'s pages in five
  pairs of runs: the feed's p99/p50 2.5–3.5× at 1 ms against 3.1–3.7× at
  5 ms (lower in each pair), req/s the same within the noise.
- No control socket (gunicorn 27's `gunicornc` interface): by default every
  master on a host binds the same ~/.gunicorn/gunicorn.ctl, so a second
  instance took the first one's socket over. Nothing of ours uses it.
- Uploads over 2.5 MB wait in a temporary folder of each worker's own; the
  master removes it when the worker exits, even when it was killed half-way
  through an upload (nothing else would ever sweep those files).

Put a buffering proxy in front (docs/nginx.conf): it receives slow uploads
in full before they reach a worker, and can send media files itself.
"""

import gc
import os
import shutil
import sys
import tempfile
from pathlib import Path

wsgi_app = "winsboard.wsgi"
bind = ["127.0.0.1:8000"]
workers = int(os.environ.get("WEB_CONCURRENCY") or 2 * len(os.sched_getaffinity(0)) + 1)
worker_class = "winsboard.gunicorn_worker.BalancedThreadWorker"
threads = 4
timeout = 120
graceful_timeout = 30
keepalive = 5
SWITCH_INTERVAL = 0.001  # seconds a worker's thread may hold the GIL while another waits (Python's default: 0.005)
max_requests = 50_000
max_requests_jitter = 5_000
control_socket_disable = True

if os.environ.get("LOG_FORMAT", "").strip().lower() == "json":
    # gunicorn's own lines (starting, a worker killed …) as JSON too.
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "stories.lib.logs.JsonFormatter"}},
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}},
        "loggers": {"gunicorn.error": {"handlers": ["console"], "level": "INFO", "propagate": False}},
    }

# Each worker's upload folder: <WINSBOARD_UPLOAD_TEMP_DIR or the system's
# temporary folder>/winsboard-uploads-<master pid>/worker-<pid>.
_base = Path(os.environ.get("WINSBOARD_UPLOAD_TEMP_DIR") or tempfile.gettempdir())
_uploads = _base


def _pid_alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def on_starting(server):
    """The master's folder for uploads; folders left by a master that died are removed."""
    global _uploads
    for old in _base.glob("winsboard-uploads-*"):
        pid = old.name.rsplit("-", 1)[-1]
        if pid.isdigit() and not _pid_alive(int(pid)):
            shutil.rmtree(old, ignore_errors=True)
    _uploads = _base / f"winsboard-uploads-{os.getpid()}"
    _uploads.mkdir(mode=0o700, parents=True, exist_ok=True)


def post_fork(server, worker):
    """In the new worker, before Django starts: its own upload folder."""
    folder = _uploads / f"worker-{os.getpid()}"
    folder.mkdir(mode=0o700, exist_ok=True)
    os.environ["WINSBOARD_UPLOAD_TEMP_DIR"] = str(folder)


def post_worker_init(worker):
    """Once Django is loaded in the worker: what loading made (modules,
    settings, apps, URL patterns) is moved out of the garbage collector's
    sight (gc.freeze), so a full collection walks only what requests make;
    and its threads take turns every SWITCH_INTERVAL (see above)."""
    gc.freeze()
    sys.setswitchinterval(SWITCH_INTERVAL)


def child_exit(server, worker):
    """In the master, when a worker exits for any reason (killed included)."""
    shutil.rmtree(_uploads / f"worker-{worker.pid}", ignore_errors=True)


def on_exit(server):
    shutil.rmtree(_uploads, ignore_errors=True)
