"""`manage.py restore SRC`: put a `manage.py backup` archive into an empty
instance — its database (same engine) and every media file — after checking
every checksum first. Refuses an instance that already has wins or people."""

import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection

from stories import services
from stories.lib.archives import MEDIA, ArchiveError, Hashing, member, read_manifest, verify
from stories.models import Story

from .backup import postgres_args, postgres_tool


def _has_data():
    try:
        return Story.objects.exists() or get_user_model().objects.exists()
    except DatabaseError:  # no tables yet: a new, empty database
        connection.close()
        return False


class Command(BaseCommand):
    help = "Restore a `manage.py backup` archive into an empty instance (database and media), checksums checked first."

    def add_arguments(self, parser):
        parser.add_argument("src", help="The archive written by `manage.py backup`.")

    def handle(self, *args, src, **options):
        try:
            with tarfile.open(src, "r") as tar:
                manifest = read_manifest(tar)
                self.check_target(manifest)
                verify(tar, manifest)
                with tempfile.TemporaryDirectory(prefix="winsboard-restore-") as work:
                    database = Path(work) / Path(manifest["database"]["name"]).name
                    with database.open("wb") as out, member(tar, manifest["database"]["name"]) as handle:
                        while chunk := handle.read(1024 * 1024):
                            out.write(chunk)
                    self.restore_database(manifest["engine"], database)
                self.restore_media(tar, manifest)
        except (ArchiveError, tarfile.TarError, OSError) as error:
            raise CommandError(str(error)) from None
        services.version_bump()  # pages and slideshows show the restored wins
        services.version_bump(name=services.NAMES)  # and the feed's filters its people, teams and tags
        wins, people = Story.objects.count(), get_user_model().objects.count()
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {wins} wins, {people} people and {len(manifest['media'])} media files from {src}. "
                "If this code is newer than the backup, run `manage.py migrate` now."
            )
        )

    def check_target(self, manifest):
        if manifest["engine"] != connection.vendor:
            raise CommandError(
                f"This backup is of a {manifest['engine']} database; this instance uses {connection.vendor}. "
                f"Restore it into an instance on {manifest['engine']}."
            )
        if _has_data():
            raise CommandError("This instance already has wins or people: restore goes into an empty instance only.")
        taken = [entry["name"] for entry in manifest["media"] if default_storage.exists(entry["name"])]
        if taken:
            raise CommandError(f"The media store already has files of this backup (e.g. {taken[0]}): use an empty one.")

    def restore_database(self, engine, database):
        connection.close()
        if engine == "sqlite":
            target = sqlite3.connect(connection.settings_dict["NAME"])
            source = sqlite3.connect(database)
            try:
                source.backup(target)
            finally:
                source.close()
                target.close()
            return
        args, env = postgres_args(connection.settings_dict)
        command = [postgres_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-privileges"]
        command += ["--exit-on-error", *args, str(database)]
        result = subprocess.run(command, env=env, capture_output=True, text=True)  # noqa: S603 - no shell
        if result.returncode != 0:
            raise CommandError(f"pg_restore failed: {result.stderr.strip()}")

    def restore_media(self, tar, manifest):
        for entry in manifest["media"]:
            reader = Hashing(member(tar, MEDIA + entry["name"]))
            stored = default_storage.save(entry["name"], File(reader, name=entry["name"]))
            if stored != entry["name"] or reader.sha256.hexdigest() != entry["sha256"]:
                raise CommandError(f"{entry['name']} could not be restored as it was saved.")
