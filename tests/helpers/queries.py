"""Counting SQL queries. Pins use pytest-django's
`django_assert_max_num_queries` fixture; comparisons ("30 wins cost what 3
do") use these, which count the same way."""

from contextlib import contextmanager

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
