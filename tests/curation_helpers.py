"""Helpers the curation tests share."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from stories.models import Tag
from tests.conftest import make_user


def crowd(django_user_model):
    """Four colleagues and three tags to spread seeded wins across, so that
    an N+1 over heroes or tags would show in a query count."""
    people = [make_user(django_user_model, f"p{i}", first=f"P{i}") for i in range(4)]
    tags = [Tag.objects.create(name=f"Tag {i}", slug=f"tag-{i}") for i in range(3)]
    return people, tags


def query_count(client, url, params=None):
    """How many queries a GET of `url` costs (it must answer 200)."""
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params or {}).status_code == 200
    return len(captured)
