"""`manage.py backup DEST`: one archive with a consistent database snapshot
(SQLite's online backup API; pg_dump on PostgreSQL, from the same snapshot
the media list is read in), every media file the snapshot refers to, and a
manifest with checksums, signed with the backup key (WINSBOARD_BACKUP_KEY,
else SECRET_KEY); written readable by its owner only. Safe while the site runs."""

import os
import shutil
import sqlite3
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext

from stories.lib.archives import write_archive
from stories.models import Photo, Video

from .sweep_media import referenced_names


def postgres_tool(name):
    """pg_dump / pg_restore: on the PATH, or Debian's newest under /usr/lib/postgresql."""
    found = shutil.which(name) or next(
        iter(sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), key=lambda p: int(p.parts[-3]), reverse=True)),
        None,
    )
    if not found:
        raise CommandError(
            gettext("%(tool)s is not installed (Debian: apt-get install postgresql-client).") % {"tool": name}
        )
    return str(found)


def postgres_args(settings_dict):
    """Connection arguments and environment for pg_dump / pg_restore."""
    args = ["--dbname", settings_dict["NAME"]]
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if settings_dict.get(key):
            args += [option, str(settings_dict[key])]
    env = os.environ | ({"PGPASSWORD": settings_dict["PASSWORD"]} if settings_dict.get("PASSWORD") else {})
    return args, env


def backup_key():
    """What signs backups and checks them on restore."""
    return settings.WINSBOARD_BACKUP_KEY or settings.SECRET_KEY


def _sqlite_names(path):
    """The media names the SQLite snapshot refers to."""
    with sqlite3.connect(path) as snapshot:
        rows = snapshot.execute(f"SELECT large, card FROM {Photo._meta.db_table}").fetchall()  # noqa: S608
        rows += snapshot.execute(f"SELECT file, poster, poster_card FROM {Video._meta.db_table}").fetchall()  # noqa: S608
    return {name for row in rows for name in row if name}


class Command(BaseCommand):
    help = "Write one archive: a consistent database snapshot, every media file it refers to, checksums."

    def add_arguments(self, parser):
        parser.add_argument("dest", help="The archive to write (.tar), or a folder to write a dated one in.")

    def handle(self, *args, dest, **options):
        dest = Path(dest)
        if dest.is_dir():
            dest = dest / f"winsboard-{timezone.now():%Y%m%d-%H%M%S}.tar"
        if dest.exists():
            raise CommandError(gettext("%(path)s already exists; choose another name.") % {"path": dest})
        with tempfile.TemporaryDirectory(prefix="winsboard-backup-") as work:
            if connection.vendor == "sqlite":
                database, names = self.sqlite_snapshot(Path(work))
            elif connection.vendor == "postgresql":
                database, names = self.postgres_snapshot(Path(work))
            else:
                raise CommandError(
                    gettext("Backups support SQLite and PostgreSQL, not %(vendor)s.") % {"vendor": connection.vendor}
                )
            present = [name for name in sorted(names) if default_storage.exists(name)]
            missing = sorted(set(names) - set(present))
            meta = {
                "created_at": timezone.now().isoformat(),
                "engine": connection.vendor,
                "migrations": sorted(MigrationRecorder(connection).applied_migrations()),
                "missing_media": missing,
            }
            media = (
                (name, default_storage.size(name), lambda n=name: default_storage.open(n, "rb")) for name in present
            )
            manifest = write_archive(dest, database=database, media=media, meta=meta, key=backup_key())
        for name in missing:
            self.stderr.write(f"warning: {name} is referenced by the database but missing from the media store")
        size = dest.stat().st_size
        self.stdout.write(
            self.style.SUCCESS(
                gettext("Backed up the database and %(count)s media files to %(path)s (%(size)s bytes).")
                % {"count": len(manifest["media"]), "path": dest, "size": f"{size:,}"}
            )
        )

    def sqlite_snapshot(self, work):
        path = work / "database.sqlite3"
        connection.ensure_connection()
        target = sqlite3.connect(path)
        try:
            connection.connection.backup(target)  # SQLite's online backup: consistent while others write
        finally:
            target.close()
        return path, _sqlite_names(path)

    def postgres_snapshot(self, work):
        """pg_dump and the media list from one exported snapshot."""
        path = work / "database.pgdump"
        args, env = postgres_args(connection.settings_dict)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            command = [
                postgres_tool("pg_dump"),
                "--format=custom",
                f"--snapshot={snapshot}",
                "--file",
                str(path),
                *args,
            ]
            result = subprocess.run(command, env=env, capture_output=True, text=True)  # noqa: S603 - no shell
            if result.returncode != 0:
                raise CommandError(gettext("pg_dump failed: %(error)s") % {"error": result.stderr.strip()})
            names = {name for name in referenced_names() if name}
        return path, names
