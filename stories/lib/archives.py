"""The backup archive (`manage.py backup` / `restore`): one tar file holding
the database snapshot, every media file the database refers to,
manifest.json with each member's size and SHA-256, and manifest.sig: an
HMAC-SHA256 of the manifest under the operator's backup key, so an archive
whose database was changed (someone made a superuser, say) and whose
checksums were recomputed is refused. The archive is written 0600: it holds
password hashes, sessions and tokens. Pure code: it reads and writes files,
never the database or the media store directly."""

import hashlib
import hmac
import io
import json
import os
import tarfile
from pathlib import Path

from django.utils.translation import gettext

FORMAT = "winsboard-backup/2"
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
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
        raise ArchiveError(gettext("%(name)s changed while it was being saved.") % {"name": name})
    return {"name": name, "size": size, "sha256": reader.sha256.hexdigest()}


def signature(data, key):
    """The manifest's signature: HMAC-SHA256 under a key derived from `key`
    for backups only (the same secret signs nothing else the same way)."""
    derived = hashlib.sha256(b"winsboard-backup-signing\n" + key.encode()).digest()
    return hmac.new(derived, data, hashlib.sha256).hexdigest()


def write_archive(path, *, database, media, meta, key):
    """Write the archive to `path` (via `path.partial`, renamed when complete:
    a failed backup never leaves a file that looks whole), readable by its
    owner only. `database` is the snapshot's Path; `media` yields (name,
    size, opener) for each file; `key` signs the manifest. Returns the manifest."""
    path = Path(path)
    partial = path.with_name(path.name + ".partial")
    try:
        with (
            os.fdopen(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as out,
            tarfile.open(fileobj=out, mode="w") as tar,
        ):
            with database.open("rb") as handle:
                db = _add(tar, f"database/{database.name}", database.stat().st_size, handle)
            files = []
            for name, size, opener in media:
                with opener() as handle:
                    files.append(_add(tar, MEDIA + name, size, handle) | {"name": name})
            manifest = {"format": FORMAT, **meta, "database": db, "media": files}
            data = json.dumps(manifest, indent=1, sort_keys=True).encode()
            _add(tar, MANIFEST, len(data), io.BytesIO(data))
            signed = signature(data, key).encode()
            _add(tar, SIGNATURE, len(signed), io.BytesIO(signed))
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return manifest


def read_manifest(tar, *, key):
    """The manifest, once its signature under `key` is checked."""
    try:
        data = tar.extractfile(MANIFEST).read()
        manifest = json.loads(data)
    except (KeyError, ValueError, AttributeError, tarfile.TarError) as error:
        raise ArchiveError(
            gettext("Not a Winsboard backup (no readable %(manifest)s): %(error)s")
            % {"manifest": MANIFEST, "error": error}
        ) from None
    try:
        signed = tar.extractfile(SIGNATURE).read().decode("ascii").strip()
    except (KeyError, AttributeError, UnicodeDecodeError, tarfile.TarError):
        raise ArchiveError(gettext("This backup is not signed (an older Winsboard's, or altered): refused.")) from None
    if not hmac.compare_digest(signed, signature(data, key)):
        raise ArchiveError(
            gettext(
                "This backup's signature does not match: it was altered, or made with another backup key "
                "(set WINSBOARD_BACKUP_KEY, or SECRET_KEY when it is unset, to the one it was made with)."
            )
        )
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ArchiveError(gettext("Unknown backup format; this Winsboard reads %(format)s.") % {"format": FORMAT})
    return manifest


def verify(tar, manifest):
    """Read every member once and compare its size and checksum with the
    manifest; raise ArchiveError naming the first that differs."""
    entries = [manifest["database"]] + [entry | {"name": MEDIA + entry["name"]} for entry in manifest["media"]]
    for entry in entries:
        try:
            handle = tar.extractfile(entry["name"])
        except KeyError:
            raise ArchiveError(gettext("%(name)s is missing from the archive.") % {"name": entry["name"]}) from None
        reader = Hashing(handle)
        while reader.read(CHUNK):
            pass
        if (reader.size, reader.sha256.hexdigest()) != (entry["size"], entry["sha256"]):
            raise ArchiveError(
                gettext("%(name)s is damaged (its checksum does not match the manifest).") % {"name": entry["name"]}
            )


def member(tar, name):
    return tar.extractfile(name)
