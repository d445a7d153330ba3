"""The task worker (`manage.py db_worker`, a real process) survives the
database: another writer holds SQLite's write lock past the 20 s busy
timeout, the worker logs it and waits; once the lock is gone a queued task
is done."""

import sqlite3
import subprocess
import sys
import time

import pytest

from tests.helpers.servers import BASE_DIR, instance_env, manage, run_django

pytestmark = pytest.mark.slow

BUSY_TIMEOUT = 20  # winsboard/settings.py: SQLite's busy timeout


def task_status(environ):
    code = "from django_tasks_db.models import DBTaskResult\nprint(DBTaskResult.objects.get().status)"
    return run_django(environ, code).strip()


def wait_for(condition, seconds):
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.3)


def test_the_worker_survives_a_write_lock_held_past_the_busy_timeout_then_runs_the_queued_task(tmp_path):
    environ = instance_env(tmp_path, TASKS_BACKEND="django_tasks_db.DatabaseBackend")
    manage(environ, "migrate", "--noinput", "-v0")
    log = (tmp_path / "worker.log").open("w")
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--interval", "0.2", "--no-startup-delay", "-v", "2"],
        cwd=BASE_DIR,
        env=environ,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    lock = sqlite3.connect(environ["SQLITE_PATH"], isolation_level=None)
    try:
        wait_for(lambda: "Starting worker" in (tmp_path / "worker.log").read_text(), 30)
        lock.execute("BEGIN IMMEDIATE")
        time.sleep(BUSY_TIMEOUT + 4)
        assert worker.poll() is None, (tmp_path / "worker.log").read_text()
        lock.execute("ROLLBACK")
        run_django(environ, "from stories.tasks import email_notification\nemail_notification.enqueue(999999)")
        wait_for(lambda: task_status(environ) == "SUCCESSFUL", 30)
        assert task_status(environ) == "SUCCESSFUL", (tmp_path / "worker.log").read_text()
        assert worker.poll() is None
        assert "database is locked" in (tmp_path / "worker.log").read_text()
    finally:
        lock.close()
        worker.terminate()
        worker.wait(30)
        log.close()
