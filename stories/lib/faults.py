"""Telling the failures a person can wait out from bugs: a busy database
(another writer holds the lock; PostgreSQL lock or statement timeouts, too
many connections) and a full disk. Pure code: it only looks at exceptions."""

import errno

# PostgreSQL SQLSTATEs that mean "busy now, fine in a moment".
BUSY_SQLSTATES = {
    "40001",  # serialization_failure
    "40P01",  # deadlock_detected
    "53300",  # too_many_connections
    "55P03",  # lock_not_available (lock_timeout)
    "57014",  # query_canceled (statement_timeout)
    "57P03",  # cannot_connect_now (starting up or shutting down)
}
FULL_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}


def _chain(error):
    """The error and every error it was raised from."""
    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        yield error
        error = error.__cause__ or error.__context__


def database_busy(error):
    """True when `error` (a database OperationalError, or raised from one)
    says the database is busy rather than broken."""
    for cause in _chain(error):
        if getattr(cause, "sqlstate", None) in BUSY_SQLSTATES:
            return True
        if type(cause).__name__ == "OperationalError" and type(cause).__module__.startswith(("sqlite3", "django.db")):
            text = str(cause).lower()
            if "database is locked" in text or "database table is locked" in text or "database is busy" in text:
                return True
    return False


def database_unavailable(error):
    """True when `error` says the database can't be reached at all: SQLite's
    file is missing or unreadable (the web server never creates it), or
    PostgreSQL refuses or drops the connection."""
    for cause in _chain(error):
        if type(cause).__name__ != "OperationalError":
            continue
        module = type(cause).__module__
        if module.startswith("sqlite3") and "unable to open database file" in str(cause).lower():
            return True
        if module.startswith("psycopg"):
            state = getattr(cause, "sqlstate", None)
            if state is None or state.startswith("08") or state in {"57P01", "57P02"}:
                return True  # connection failed / lost; admin or crash shutdown
    return False


def disk_full(error):
    """True when `error` (or what it was raised from) is a full disk or quota."""
    return any(isinstance(cause, OSError) and cause.errno in FULL_ERRNOS for cause in _chain(error))
