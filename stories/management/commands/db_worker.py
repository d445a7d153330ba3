"""`manage.py db_worker`: django-tasks-db's worker, made to survive the
database. (Django runs the command of the first app in INSTALLED_APPS that
has one: `stories` is listed before `django_tasks_db` for this.)

django-tasks-db's worker exits on a database error it does not expect —
e.g. `database is locked` when another writer holds SQLite's lock longer
than the busy timeout while the worker begins its transaction — and queued
e-mails then wait until someone restarts it. Here any database error is
logged and the worker goes on after a backoff (1 s, doubling, at most 60 s);
a task's outcome that can't be recorded is retried the same way, so a task
that ran is never left "running". Same options as django-tasks-db's.
"""

import logging
import time

from django.db import DatabaseError, connections
from django_tasks_db.management.commands import db_worker

log = logging.getLogger("winsboard.worker")

FIRST_BACKOFF = 1.0
MAX_BACKOFF = 60.0


class ResilientWorker(db_worker.Worker):
    def run(self):
        backoff = FIRST_BACKOFF
        while True:
            started = time.monotonic()
            try:
                return super().run()
            except DatabaseError as error:
                if time.monotonic() - started > MAX_BACKOFF:
                    backoff = FIRST_BACKOFF  # it had been working: start the backoff again
                backoff = self._wait(error, backoff)

    def run_task(self, db_task_result):
        for method in ("set_successful", "set_failed"):
            setattr(db_task_result, method, self._until_recorded(getattr(db_task_result, method)))
        super().run_task(db_task_result)

    def _until_recorded(self, record):
        def recorded(outcome):
            backoff = FIRST_BACKOFF
            while True:
                try:
                    return record(outcome)
                except DatabaseError as error:
                    backoff = self._wait(error, backoff)

        return recorded

    def _wait(self, error, backoff):
        """Log `error`, drop the connections, sleep; the next backoff."""
        log.warning("The task worker met a database error (%s); trying again in %.0f s", error, backoff)
        connections.close_all()
        time.sleep(backoff)
        return min(backoff * 2, MAX_BACKOFF)


class Command(db_worker.Command):
    help = db_worker.Command.help + " Survives database errors (logged, retried with a backoff)."
    # The system checks query the database (SQLite's JSON support): under a
    # held lock they fail and the worker would not start. `check` is run apart.
    requires_system_checks = []

    def handle(self, *args, **options):
        original, db_worker.Worker = db_worker.Worker, ResilientWorker
        try:
            super().handle(*args, **options)
        finally:
            db_worker.Worker = original
