"""Backups: `manage.py backup` of a populated instance, `manage.py restore`
into a fresh one, and every row of every table and every media file's
checksum compared — on the suite's database (SQLite, or PostgreSQL under
`make test-postgres`). A damaged archive or a non-empty target is refused."""

import contextlib
import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
import time
from pathlib import Path

import pytest
from django.db import connection

from stories.lib.archives import signature
from tests.helpers.faults import small_disk
from tests.helpers.servers import BASE_DIR, instance_env, manage, run_django

pytestmark = pytest.mark.slow

POPULATE = """
from datetime import date
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image
import io
from stories import services
from stories.lib import photos
from stories.lib.media import MediaChanges, NewPhoto
from stories.models import Team, Video

hashed = make_password("pw")
people = [get_user_model().objects.create(username=f"p{n}", first_name=f"Ann {n}", password=hashed) for n in range(3)]
team = Team.objects.create(name="Front desk")
for n in range(6):
    changes = MediaChanges()
    if n % 2 == 0:
        buffer = io.BytesIO()
        Image.new("RGB", (320 + n, 240), (40 * n, 90, 160)).save(buffer, "JPEG")
        buffer.seek(0)
        buffer.name = "photo.jpg"
        changes.new_photos.append(NewPhoto(renditions=photos.process_photo(buffer), alt_text=f"Photo {n}", position=1))
    story = services.story_create_with_media(
        author=people[n % 3], heroes=people[: 1 + n % 3], media_changes=changes, headline=f"Win {n}",
        body=f"What happened, {n}.", kind="fixed", team=team if n % 2 else None, happened_on=date(2026, 11, 1 + n),
    )
    services.tag_add(story=story, name=f"Tag {n % 2}", by=people[0])
    if n < 3:
        services.story_feature(story=story, by=people[0], note=f"Note {n}")
clip = ContentFile(b"\\x00\\x00\\x00\\x18ftypmp42" + bytes(5000))
video_name = default_storage.save("videos/" + "v" * 32 + ".mp4", clip)
Video.objects.create(story=story, file=video_name, content_type="video/mp4", status="ready")
services.display_link_create(name="Lobby", query="seconds=20", by=people[0])
"""

EVERYTHING = """
import hashlib, json
from django.core.files.storage import default_storage
from django.db import connection
from stories.management.commands.sweep_media import stored_names
tables = {}
with connection.cursor() as cursor:
    for table in sorted(connection.introspection.table_names()):
        if table.startswith("winsboard_cache"):
            continue
        cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
        tables[table] = sorted(json.dumps(row, default=str) for row in cursor.fetchall())
media = {name: hashlib.sha256(default_storage.open(name).read()).hexdigest() for name in stored_names()}
print(json.dumps({"tables": tables, "media": media}))
"""


BACKUP_KEY = "the-operators-backup-key"


def run_manage(environ, *args):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=BASE_DIR, env=environ, capture_output=True, text=True, timeout=300
    )


@pytest.fixture(scope="module")
def new_instance(tmp_path_factory):
    """Fresh, empty instances (a new SQLite path, or a new PostgreSQL database)."""
    made = []

    def make(name):
        folder = tmp_path_factory.mktemp(name)
        if connection.vendor != "postgresql":
            return instance_env(folder, WINSBOARD_BACKUP_KEY=BACKUP_KEY)
        import psycopg

        url = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
        database = f"winsboard_{name}_{os.getpid()}_{time.monotonic_ns()}"
        with psycopg.connect(url + "/postgres", autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{database}"')
        made.append((url, database))
        return instance_env(folder, DATABASE_URL=f"{url}/{database}", WINSBOARD_BACKUP_KEY=BACKUP_KEY)

    yield make
    import psycopg

    for url, database in made:
        with contextlib.suppress(Exception), psycopg.connect(url + "/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


@pytest.fixture(scope="module")
def backed_up(new_instance, tmp_path_factory):
    """A populated instance (photos, a video, tags, the wall, a display link)
    and its backup archive."""
    source = new_instance("source")
    manage(source, "migrate", "--noinput", "-v0")
    run_django(source, POPULATE)
    archive = tmp_path_factory.mktemp("archive") / "backup.tar"
    out = manage(source, "backup", str(archive))
    assert "Backed up the database and 7 media files" in out
    return source, archive


def test_a_restored_instance_has_every_row_and_every_file_of_the_backed_up_one(new_instance, backed_up):
    source, archive = backed_up
    target = new_instance("target")  # empty: not even migrated
    out = manage(target, "restore", str(archive))
    assert "Restored 6 wins, 3 people and 7 media files" in out

    before, after = json.loads(run_django(source, EVERYTHING)), json.loads(run_django(target, EVERYTHING))
    assert len(before["media"]) == 7 and len(before["tables"]["stories_story"]) == 6
    assert after["tables"] == before["tables"]
    assert after["media"] == before["media"]
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    assert manifest["engine"] == connection.vendor and manifest["missing_media"] == []
    assert all(len(entry["sha256"]) == 64 for entry in manifest["media"])


def test_restore_refuses_a_damaged_archive_and_an_instance_that_has_data(new_instance, backed_up, tmp_path):
    source, archive = backed_up
    refused = run_manage(source, "restore", str(archive))
    assert refused.returncode != 0 and "restore goes into an empty instance only" in refused.stderr

    damaged = tmp_path / "damaged.tar"
    with tarfile.open(archive) as tar, tarfile.open(damaged, "w") as out:
        for info in tar.getmembers():
            data = tar.extractfile(info).read()
            if info.name.startswith("media/videos/"):
                data = data[:-1] + b"\x01"
            out.addfile(info, io.BytesIO(data))
    target = new_instance("damaged")
    refused = run_manage(target, "restore", str(damaged))
    assert refused.returncode != 0 and "is damaged" in refused.stderr
    # Checked before anything is written: the target is as empty as it was.
    tables = run_django(target, "from django.db import connection\nprint(len(connection.introspection.table_names()))")
    assert tables.strip() == "0"
    assert not any(path.is_file() for path in Path(target["MEDIA_ROOT"]).parent.rglob("media/**/*"))


# --- signed archives ------------------------------------------------------------------------


def rewritten(archive, path, change):
    """A copy of `archive` at `path` with `change(name, data) -> data or None`
    applied to each member (None leaves it out)."""
    with tarfile.open(archive) as tar, tarfile.open(path, "w") as out:
        for info in tar.getmembers():
            data = change(info.name, tar.extractfile(info).read())
            if data is not None:
                info.size = len(data)
                out.addfile(info, io.BytesIO(data))
    return path


def manifest_of(archive):
    with tarfile.open(archive) as tar:
        return json.load(tar.extractfile("manifest.json"))


def is_empty(environ):
    """No wins or people in the instance's database and no file in its media folder."""
    code = (
        "from django.db import connection\n"
        "tables = connection.introspection.table_names()\n"
        "from django.contrib.auth import get_user_model\n"
        "print(0 if 'auth_user' not in tables else get_user_model().objects.count())"
    )
    media = Path(environ["MEDIA_ROOT"])
    return run_django(environ, code).strip() == "0" and not any(p.is_file() for p in media.rglob("*"))


def test_the_archive_is_readable_by_its_owner_only(backed_up):
    _, archive = backed_up
    assert archive.stat().st_mode & 0o777 == 0o600


def test_a_forged_backup_with_recomputed_checksums_is_refused(new_instance, backed_up, tmp_path):
    """Changing the database member (to make someone a superuser, say) and
    recomputing the manifest's SHA-256 no longer restores without a word."""
    _, archive = backed_up
    database = manifest_of(archive)["database"]["name"]
    forged_bytes = {}

    def forge(name, data):
        if name == database:
            changed = data.replace(b"Ann 0", b"Eve 0")  # SQLite's pages hold names as they are
            forged_bytes["db"] = changed if changed != data else data + b"\0"  # pg_dump's custom format compresses
            return forged_bytes["db"]
        if name == "manifest.json":
            manifest = json.loads(data)
            manifest["database"]["size"] = len(forged_bytes["db"])
            manifest["database"]["sha256"] = hashlib.sha256(forged_bytes["db"]).hexdigest()
            return json.dumps(manifest, indent=1, sort_keys=True).encode()
        return data

    forged = rewritten(archive, tmp_path / "forged.tar", forge)
    target = new_instance("forged")
    refused = run_manage(target, "restore", str(forged))
    assert refused.returncode != 0 and "signature does not match" in refused.stderr
    assert is_empty(target)


def test_an_unsigned_backup_and_one_signed_with_another_key_are_refused(new_instance, backed_up, tmp_path):
    _, archive = backed_up
    unsigned = rewritten(
        archive, tmp_path / "unsigned.tar", lambda name, data: None if name == "manifest.sig" else data
    )
    target = new_instance("unsigned")
    refused = run_manage(target, "restore", str(unsigned))
    assert refused.returncode != 0 and "This backup is not signed" in refused.stderr
    other_key = run_manage(target | {"WINSBOARD_BACKUP_KEY": "another-key"}, "restore", str(archive))
    assert other_key.returncode != 0 and "made with another backup key" in other_key.stderr
    assert is_empty(target)


def test_a_signed_manifest_naming_a_file_outside_the_media_store_gets_a_one_line_refusal(
    new_instance, backed_up, tmp_path
):
    _, archive = backed_up
    manifest = manifest_of(archive)
    manifest["media"][0]["name"] = "../../winsboard/settings.py"
    data = json.dumps(manifest, indent=1, sort_keys=True).encode()
    resigned = {"manifest.json": data, "manifest.sig": signature(data, BACKUP_KEY).encode()}
    crafted = rewritten(archive, tmp_path / "crafted.tar", lambda name, old: resigned.get(name, old))
    target = new_instance("crafted")
    refused = run_manage(target, "restore", str(crafted))
    assert refused.returncode != 0
    assert refused.stderr.strip().splitlines() == [
        "CommandError: This backup names a file Winsboard never writes ('../../winsboard/settings.py'). "
        "Nothing was restored."
    ]
    assert is_empty(target)


# --- all or nothing -----------------------------------------------------------------------


def test_restore_refuses_before_writing_when_the_media_disk_is_too_small(new_instance, backed_up, tmp_path):
    _, archive = backed_up
    target = new_instance("small")
    with small_disk(tmp_path / "small-media", size="64k") as media:
        small = target | {"MEDIA_ROOT": str(media)}
        refused = run_manage(small, "restore", str(archive))
        assert refused.returncode != 0 and "Not enough room for the media files" in refused.stderr
        assert is_empty(small)


FILL_UP_HALF_WAY = """
import sys
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test.utils import override_settings
from tests.helpers.faults import FullDiskStorage
FullDiskStorage.room = int(sys.argv[2])
with override_settings(STORAGES={**settings.STORAGES, "default": {"BACKEND": "tests.helpers.faults.FullDiskStorage"}}):
    try:
        call_command("restore", sys.argv[1])
    except CommandError as error:
        print("refused:", error)
"""


def test_a_disk_that_fills_half_way_leaves_the_instance_empty_and_the_restore_can_be_run_again(
    new_instance, backed_up, tmp_path
):
    """The space check can't see another writer filling the disk meanwhile:
    the files written are removed, the database is never put in place."""
    source, archive = backed_up
    room = sum(entry["size"] for entry in manifest_of(archive)["media"]) // 2
    target = new_instance("half")
    result = subprocess.run(
        [sys.executable, "-c", "import django\ndjango.setup()\n" + FILL_UP_HALF_WAY, str(archive), str(room)],
        cwd=BASE_DIR,
        env=target | {"DJANGO_SETTINGS_MODULE": "winsboard.settings"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "refused: [Errno 28]" in result.stdout, result.stdout + result.stderr
    assert "Nothing was restored." in result.stdout
    assert is_empty(target)
    assert "Restored 6 wins, 3 people and 7 media files" in manage(target, "restore", str(archive))
    assert json.loads(run_django(target, EVERYTHING))["media"] == json.loads(run_django(source, EVERYTHING))["media"]
