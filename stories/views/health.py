"""/healthz for the load balancer: 200 "ok" only when a real table answers
(a wrong SQLITE_PATH gives an empty new file where `SELECT 1` still works),
SQLite's file opens read-write without being created, and the cache answers.
503 with the reason otherwise."""

import logging
import sqlite3

from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.views.decorators.cache import never_cache

from ..models import Story

log = logging.getLogger(__name__)


def _sqlite_file_problem():
    """Why SQLite's file can't be opened read-write as it is (None if it can);
    never creates it."""
    if connection.vendor != "sqlite":
        return None
    name = str(connection.settings_dict["NAME"])
    if name.startswith("file:") or ":memory:" in name:
        return None  # a URI or in-memory database (tests): nothing on disk to check
    try:
        sqlite3.connect(f"file:{name}?mode=rw", uri=True, timeout=1).close()
    except sqlite3.Error as error:
        return f"database file {name} can't be opened read-write: {error}"
    return None


def _problem():
    """(what the load balancer reads, the details for the log), or None."""
    problem = _sqlite_file_problem()
    if problem:
        return "database unavailable", problem
    try:
        Story.objects.order_by().values_list("pk").first()  # a real table: an empty new file has none
    except Exception as error:  # noqa: BLE001 - any database failure means "not healthy"
        return "database unavailable", repr(error)
    try:
        cache.get("healthz")
    except Exception as error:  # noqa: BLE001 - a shared cache that fails breaks sign-in
        return "cache unavailable", repr(error)
    return None


@login_not_required
@never_cache
def healthz(request):
    problem = _problem()
    if problem:
        log.error("healthz: %s", problem[1])  # details for whoever runs it, not for anyone who asks
        return HttpResponse(f"{problem[0]}\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")
