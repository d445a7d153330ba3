"""The backup archive (`manage.py backup` / `restore`): one tar file holding
the database snapshot, every media file the database refers to, and
manifest.json with each member's size and SHA-256. Pure code: it reads and
writes files, never the database or the media store directly."""

import hashlib
import io
import json
import os
import tarfile
from pathlib import Path

FORMAT = "winsboard-backup/1"
MANIFEST = "manifest.json"
MEDIA = "media/"
CHUNK = 1024 * 1024


class ArchiveError(Exception):
    """The archive can't be used; the message says why."""


class Hashing(io.RawIOBase):
    """A file read through this is counted and hashed as it goes."""

    def __init__(self, handle):
        self.handle, self.sha256, self.size = handle, hashlib.sha256(), 0

    def readable(self):
        return True

    def read(self, size=-1):
        data = self.handle.read(size)
        self.sha256.update(data)
        self.size += len(data)
        return data

    def readinto(self, buffer):
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _add(tar, name, size, handle):
    info = tarfile.TarInfo(name)
    info.size, info.mode = size, 0o600
    reader = Hashing(handle)
    tar.addfile(info, reader)
    if reader.size != size:
        raise ArchiveError(f"{name} changed while it was being saved.")
    return {"name": name, "size": size, "sha256": reader.sha256.hexdigest()}


def write_archive(path, *, database, media, meta):
    """Write the archive to `path` (via `path.partial`, renamed when complete:
    a failed backup never leaves a file that looks whole). `database` is the
    snapshot's Path; `media` yields (name, size, opener) for each file.
    Returns the manifest."""
    path = Path(path)
    partial = path.with_name(path.name + ".partial")
    try:
        with tarfile.open(partial, "w") as tar:
            with database.open("rb") as handle:
                db = _add(tar, f"database/{database.name}", database.stat().st_size, handle)
            files = []
            for name, size, opener in media:
                with opener() as handle:
                    files.append(_add(tar, MEDIA + name, size, handle) | {"name": name})
            manifest = {"format": FORMAT, **meta, "database": db, "media": files}
            data = json.dumps(manifest, indent=1, sort_keys=True).encode()
            _add(tar, MANIFEST, len(data), io.BytesIO(data))
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return manifest


def read_manifest(tar):
    try:
        manifest = json.load(tar.extractfile(MANIFEST))
    except (KeyError, ValueError, tarfile.TarError) as error:
        raise ArchiveError(f"Not a Winsboard backup (no readable {MANIFEST}): {error}") from None
    if manifest.get("format") != FORMAT:
        raise ArchiveError(f"Unknown backup format {manifest.get('format')!r}; this Winsboard reads {FORMAT}.")
    return manifest


def verify(tar, manifest):
    """Read every member once and compare its size and checksum with the
    manifest; raise ArchiveError naming the first that differs."""
    entries = [manifest["database"]] + [entry | {"name": MEDIA + entry["name"]} for entry in manifest["media"]]
    for entry in entries:
        try:
            handle = tar.extractfile(entry["name"])
        except KeyError:
            raise ArchiveError(f"{entry['name']} is missing from the archive.") from None
        reader = Hashing(handle)
        while reader.read(CHUNK):
            pass
        if (reader.size, reader.sha256.hexdigest()) != (entry["size"], entry["sha256"]):
            raise ArchiveError(f"{entry['name']} is damaged (its checksum does not match the manifest).")


def member(tar, name):
    return tar.extractfile(name)
