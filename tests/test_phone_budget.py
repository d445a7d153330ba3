"""The feed's first screen on a phone, in bytes: what a signed-in person's
browser must fetch before it can show the page — the page itself and its
style sheets and scripts, compressed as whitenoise serves static files
(gzip; Brotli is smaller still). Pinned so that a new library or a grown
script can't slowly make the feed slow on a mid-range phone over Slow 4G.
(`bench/bench_phone.py` measures the largest contentful paint itself.)"""

import gzip
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders

from tests.helpers.people import make_user
from tests.helpers.wins import seed_wins

pytestmark = pytest.mark.django_db

JS_BUDGET = 50 * 1024  # code: ours, Bootstrap's and htmx's
# The words of the page's language (static/i18n/<code>.js): they grow with the
# translations, not with code, so they have a budget of their own per language.
CATALOGUE_BUDGET = 8 * 1024
FIRST_SCREEN_BUDGET = 350 * 1024  # with the photos of the first cards (their card renditions)


def compressed(data):
    return len(gzip.compress(data, compresslevel=9))


def static_file(url):
    path = finders.find(url.removeprefix("/static/"))
    assert path, f"{url} is not a static file"
    with open(path, "rb") as file:
        return file.read()


def assets(page, kind):
    scripts, styles = r'<script[^>]* src="(/static/[^"]+)"', r'<link rel="stylesheet" href="(/static/[^"]+)"'
    return re.findall(scripts if kind == "js" else styles, page)


@pytest.fixture
def feed(client, django_user_model):
    manager = make_user(django_user_model, "mona", manager=True)
    seed_wins(12, authors=[manager])
    client.force_login(manager)  # a manager's page loads the most (curation's scripts too)
    return client.get("/").text


def test_the_feed_loads_at_most_50_kb_of_javascript(feed):
    scripts = assets(feed, "js")
    assert "/static/vendor/bootstrap/bootstrap.bundle.min.js" in scripts and len(scripts) >= 5
    catalogues = [url for url in scripts if url.startswith("/static/i18n/")]
    assert catalogues == ["/static/i18n/en.js"]
    code = [url for url in scripts if url not in catalogues]
    total = sum(compressed(static_file(url)) for url in code)
    assert total <= JS_BUDGET, f"{total / 1024:.1f} KB of JavaScript: {code}"


def test_each_languages_javascript_catalogue_stays_small():
    folder = Path(finders.find("i18n/en.js")).parent
    assert len(list(folder.glob("*.js"))) >= 6
    for path in sorted(folder.glob("*.js")):
        size = compressed(path.read_bytes())
        assert size <= CATALOGUE_BUDGET, f"{path.name}: {size / 1024:.1f} KB"


def test_only_the_colour_mode_script_blocks_rendering(feed):
    head = feed.split("</head>", 1)[0]
    blocking = [tag for tag in re.findall(r"<script[^>]*>", head) if "defer" not in tag and "src=" in tag]
    # theme.js (334 bytes) sets light or dark before the first paint: no flash of the wrong colours.
    assert blocking == ['<script src="/static/js/theme.js">']


def test_the_feeds_first_screen_stays_under_350_kb(feed):
    page = compressed(feed.encode())
    styles = sum(compressed(static_file(url)) for url in assets(feed, "css"))
    scripts = sum(compressed(static_file(url)) for url in assets(feed, "js"))
    total = page + styles + scripts
    assert total <= FIRST_SCREEN_BUDGET - 100 * 1024, (  # room for the first cards' photos (~15 KB each)
        f"page {page / 1024:.0f} KB, CSS {styles / 1024:.0f} KB, JS {scripts / 1024:.0f} KB"
    )
