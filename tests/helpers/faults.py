"""Faults for tests: another writer holding the database's write lock, a
disk that fills up, and the rule for tools a test needs (skip loudly when
missing, but fail under CI)."""

import errno
import os
import shutil
import sqlite3
import subprocess
from contextlib import contextmanager

import pytest
from django.core.files.storage import FileSystemStorage
from django.db import connection
from django.tasks.backends.dummy import DummyBackend


def need(condition, reason):
    """Skip (loudly) without `condition`; under CI (CI set) fail instead."""
    if condition:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI must have it)")
    pytest.skip(reason)


def need_binary(name, package):
    need(shutil.which(name), f"{name} is not installed: apt-get install {package}")
    return shutil.which(name)


@contextmanager
def write_lock_held_elsewhere(wait_ms=200):
    """Another connection holds the database's write lock (SQLite: BEGIN
    IMMEDIATE; PostgreSQL: exclusive locks on the wins and sessions tables:
    reads go on, writes wait), and ours
    gives up waiting for it after `wait_ms` (the production wait is 20 s)."""
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        other = sqlite3.connect(str(connection.settings_dict["NAME"]), timeout=1, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA busy_timeout = {int(wait_ms)}")
    else:
        import psycopg

        params = connection.get_connection_params()
        params.pop("cursor_factory", None)
        params.pop("context", None)
        other = psycopg.connect(**params)
        other.execute("LOCK TABLE stories_story, django_session IN EXCLUSIVE MODE")
        with connection.cursor() as cursor:
            cursor.execute(f"SET lock_timeout = {int(wait_ms)}")
    try:
        yield
    finally:
        other.rollback() if connection.vendor != "sqlite" else other.execute("ROLLBACK")
        other.close()
        connection.close()  # our next query reconnects with the normal wait


class FullDiskStorage(FileSystemStorage):
    """The real file-system storage on a disk with `room` bytes left: a write
    past it fails with ENOSPC after writing what fit, as a full disk does."""

    room = 0

    def _save(self, name, content):
        path = self.path(name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "xb") as handle:
            for chunk in content.chunks():
                fits = chunk[: max(type(self).room, 0)]
                handle.write(fits)
                type(self).room -= len(fits)
                if len(fits) < len(chunk):
                    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), path)
        return name


class RefusingTaskBackend(DummyBackend):
    """A task queue that is down: every enqueue fails, as the database
    queue does when its table is locked or gone."""

    def enqueue(self, task, args, kwargs):
        raise RuntimeError("queue is down")


@contextmanager
def small_disk(path, size="160k"):
    """A real, tiny file system (tmpfs) mounted at `path`; needs root."""
    path.mkdir(parents=True, exist_ok=True)
    mounted = os.geteuid() == 0 and subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)], capture_output=True
    )
    need(mounted and mounted.returncode == 0, "mounting a small tmpfs needs root (a real full disk)")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


@contextmanager
def read_only_disk(path):
    """A real, read-only file system (an empty tmpfs mounted ro) at `path`:
    every write fails with EROFS, root's too; needs root to mount."""
    path.mkdir(parents=True, exist_ok=True)
    mounted = os.geteuid() == 0 and subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", str(path)], capture_output=True
    )
    need(mounted and mounted.returncode == 0, "mounting a read-only tmpfs needs root (a real read-only disk)")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


def files_under(folder):
    """Every file below `folder` with its size."""
    return {str(p.relative_to(folder)): p.stat().st_size for p in folder.rglob("*") if p.is_file()}
