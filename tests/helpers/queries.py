"""Counting SQL queries. Pins use pytest-django's
`django_assert_max_num_queries` fixture; comparisons ("30 wins cost what 3
do") use these, which count the same way."""

from contextlib import contextmanager

from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext


@contextmanager
def captured_queries():
    """The queries run inside the block: `len(captured)`, `captured.captured_queries`."""
    with CaptureQueriesContext(connection) as captured:
        yield captured


def query_count(client, url, params=None):
    """How many queries a GET of `url` costs (it must answer 200)."""
    with captured_queries() as captured:
        assert client.get(url, params or {}).status_code == 200
    return len(captured)


# The bar for a list page served from the cache (feed, wall, person
# page, review queue), the session and the user included.
LIST_MAX_QUERIES = 6


def cold_and_warm(client, url, params=None):
    """(cold, warm): the queries a GET of `url` costs with empty caches (every
    card rendered, the feed's choices read) and right after (all cached)."""
    caches["cards"].clear()
    caches["default"].clear()
    cold = query_count(client, url, params)
    return cold, query_count(client, url, params)
