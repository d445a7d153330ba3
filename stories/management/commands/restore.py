"""`manage.py restore SRC`: put a `manage.py backup` archive into an empty
instance — its database (same engine) and every media file — all or nothing.

First everything that can be checked: the manifest's signature (the backup
key: WINSBOARD_BACKUP_KEY, else SECRET_KEY), the names it lists, that the
instance is empty, every member's checksum, and the free space. Then the
media files are written, and the database is put in place last (SQLite: the
snapshot staged beside the database file, then renamed over it; PostgreSQL:
pg_restore in one transaction). On any failure every file written is
removed and the instance is as empty as it was, so the same restore can be
run again. Stop the site while restoring."""

import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation
from django.core.files.base import File
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection
from django.utils.translation import gettext

from stories import services
from stories.lib.archives import MEDIA, ArchiveError, Hashing, member, read_manifest, verify
from stories.lib.media import STORED_NAME
from stories.models import Story

from .backup import backup_key, postgres_args, postgres_tool

DATABASE_MEMBERS = {"sqlite": "database/database.sqlite3", "postgresql": "database/database.pgdump"}
SPACE_MARGIN = 16 * 1024 * 1024  # file-system overhead, SQLite's WAL when it first opens


def _has_data():
    try:
        return Story.objects.exists() or get_user_model().objects.exists()
    except DatabaseError:  # no tables yet: a new, empty database
        connection.close()
        return False


def _existing(path):
    """`path`, or its nearest parent folder that exists (for its free space)."""
    path = Path(path).resolve()
    while not path.exists():
        path = path.parent
    return path


class Command(BaseCommand):
    help = "Restore a `manage.py backup` archive into an empty instance (database and media), all or nothing."

    def add_arguments(self, parser):
        parser.add_argument("src", help="The archive written by `manage.py backup`.")

    def handle(self, *args, src, **options):
        try:
            with tarfile.open(src, "r") as tar:
                manifest = read_manifest(tar, key=backup_key())
                self.check_manifest(manifest)
                self.check_target(manifest)
                verify(tar, manifest)
                self.check_space(manifest)
                self.restore(tar, manifest)
        except (ArchiveError, tarfile.TarError, OSError, SuspiciousOperation) as error:
            raise CommandError(gettext("%(error)s Nothing was restored.") % {"error": error}) from None
        services.wins_changed(names=True)  # pages, slideshows and the feed's filters show the restored wins
        wins, people = Story.objects.count(), get_user_model().objects.count()
        self.stdout.write(
            self.style.SUCCESS(
                gettext(
                    "Restored %(wins)s wins, %(people)s people and %(media)s media files from %(path)s. "
                    "If this code is newer than the backup, run `manage.py migrate` now."
                )
                % {"wins": wins, "people": people, "media": len(manifest["media"]), "path": src}
            )
        )

    def check_manifest(self, manifest):
        """Only names Winsboard writes: a signed manifest from a compromised
        key still can't write outside the media store."""
        try:
            database, entries = manifest["database"], manifest["media"]
            names = [entry["name"] for entry in entries]
            sizes = [entry["size"] for entry in [database, *entries]]
        except (KeyError, TypeError):
            raise ArchiveError(gettext("This backup's manifest is malformed.")) from None
        if database.get("name") != DATABASE_MEMBERS.get(manifest.get("engine")):
            raise ArchiveError(gettext("This backup's manifest names an unexpected database file."))
        strange = next((name for name in names if not isinstance(name, str) or not STORED_NAME.fullmatch(name)), None)
        if strange is not None:
            raise ArchiveError(
                gettext("This backup names a file Winsboard never writes (%(name)s).")
                % {"name": repr(str(strange)[:80])}
            )
        if not all(isinstance(size, int) and size >= 0 for size in sizes):
            raise ArchiveError(gettext("This backup's manifest is malformed."))

    def check_target(self, manifest):
        if manifest["engine"] != connection.vendor:
            raise CommandError(
                gettext(
                    "This backup is of a %(engine)s database; this instance uses %(vendor)s. "
                    "Restore it into an instance on %(engine)s."
                )
                % {"engine": manifest["engine"], "vendor": connection.vendor}
            )
        if _has_data():
            raise CommandError(
                gettext("This instance already has wins or people: restore goes into an empty instance only.")
            )
        taken = [entry["name"] for entry in manifest["media"] if default_storage.exists(entry["name"])]
        if taken:
            raise CommandError(
                gettext("The media store already has files of this backup (e.g. %(name)s): use an empty one.")
                % {"name": taken[0]}
            )

    def check_space(self, manifest):
        """Refuse before writing anything when a disk can't hold what goes on it."""
        needs = {}  # device: [bytes, folder, what]
        places = []
        if isinstance(default_storage, FileSystemStorage):  # an object store's room can't be known
            places.append((default_storage.location, sum(e["size"] for e in manifest["media"]), "the media files"))
        if connection.vendor == "sqlite":
            places.append((self.sqlite_path().parent, manifest["database"]["size"], "the database"))
        for folder, size, what in places:
            folder = _existing(folder)
            need = needs.setdefault(folder.stat().st_dev, [0, folder, []])
            need[0] += size
            need[2].append(what)
        for size, folder, what in needs.values():
            free = shutil.disk_usage(folder).free
            if free < size + SPACE_MARGIN:
                raise CommandError(
                    f"Not enough room for {' and '.join(what)} in {folder}: {size + SPACE_MARGIN:,} bytes needed, "
                    f"{free:,} free. Nothing was restored."
                )

    def restore(self, tar, manifest):
        """Media first, the database last; on any failure, undo the media."""
        written = []
        staged = None
        try:
            if connection.vendor == "sqlite":
                staged = self.sqlite_path().with_name(self.sqlite_path().name + ".restoring")
                self.extract(tar, manifest["database"]["name"], staged)
            self.restore_media(tar, manifest, written)
            if staged is not None:
                self.put_sqlite_in_place(staged)
                staged = None
            else:
                with tempfile.TemporaryDirectory(prefix="winsboard-restore-") as work:
                    dump = Path(work) / "database.pgdump"
                    self.extract(tar, manifest["database"]["name"], dump)
                    self.restore_postgres(dump)
        except BaseException:
            for name in written:
                try:
                    default_storage.delete(name)
                except Exception:  # noqa: BLE001 - keep the first error; sweep_media finds the rest
                    self.stderr.write(f"warning: could not remove {name} after the failed restore")
            if staged is not None:
                staged.unlink(missing_ok=True)
            raise

    def sqlite_path(self):
        return Path(str(connection.settings_dict["NAME"]))

    def extract(self, tar, name, path):
        with open(path, "xb") as out, member(tar, name) as handle:
            while chunk := handle.read(1024 * 1024):
                out.write(chunk)

    def put_sqlite_in_place(self, staged):
        """Rename the staged snapshot over the (empty) database file, once
        its write-ahead log is folded in and gone: one atomic step."""
        connection.close()
        target = self.sqlite_path()
        if target.exists():
            with sqlite3.connect(target) as empty:
                empty.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            empty.close()
        for leftover in (target.with_name(target.name + "-wal"), target.with_name(target.name + "-shm")):
            leftover.unlink(missing_ok=True)
        os.replace(staged, target)

    def restore_postgres(self, dump):
        connection.close()
        args, env = postgres_args(connection.settings_dict)
        command = [postgres_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-privileges"]
        command += ["--single-transaction", "--exit-on-error", *args, str(dump)]
        result = subprocess.run(command, env=env, capture_output=True, text=True)  # noqa: S603 - no shell
        if result.returncode != 0:
            raise CommandError(
                gettext("pg_restore failed (nothing of the database was changed): %(error)s")
                % {"error": result.stderr.strip()}
            )

    def restore_media(self, tar, manifest, written):
        for entry in manifest["media"]:
            reader = Hashing(member(tar, MEDIA + entry["name"]))
            written.append(entry["name"])  # before writing: a fragment of a failed write is removed too
            stored = default_storage.save(entry["name"], File(reader, name=entry["name"]))
            if stored != entry["name"]:
                written.append(stored)
            if stored != entry["name"] or reader.sha256.hexdigest() != entry["sha256"]:
                raise CommandError(gettext("%(name)s could not be restored as it was saved.") % {"name": entry["name"]})
