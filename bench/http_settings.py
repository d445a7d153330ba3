"""Settings for bench_http.py: Winsboard's own, plus a trivial "ok" view on
the same server (bench/http_urls.py) as the floor the pages are compared to."""

from winsboard.settings import *  # noqa: F403

ROOT_URLCONF = "bench.http_urls"
