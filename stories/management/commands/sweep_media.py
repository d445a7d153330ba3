"""Remove stored media files that no photo or video refers to (left by a
crash mid-upload, or by rows deleted outside the app). Files younger than
--older-than minutes are kept: an upload in progress writes its files
before its database transaction commits. Files shared from another app
(stories.services.shared: kept an hour for the form that opens next) are
never referred to: they go once they are older than that.

Drafts made from forwarded e-mails (stories.services.inbound) that nobody
posted or discarded go after WINSBOARD_INBOUND_DRAFT_DAYS days (30), with
their photos; a draft photo no draft refers to goes like any other orphan."""

import re
from datetime import timedelta

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext

from stories import services
from stories.lib.media import STORED_NAME
from stories.models import InboundDraft, Photo, Video

FOLDERS = ("photos", "posters", "videos", "shared", "inbound")
SHARED_NAME = re.compile(r"(shared|inbound)/[A-Za-z0-9_-]{32}\.(webp|jpg|mp4|webm|mov)")


class Command(BaseCommand):
    help = "Delete stored photo, poster and video files that no win refers to."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List what would be deleted; delete nothing.")
        parser.add_argument(
            "--older-than",
            type=int,
            default=60,
            metavar="MINUTES",
            help="Only files at least this old (default 60), so uploads in progress are safe.",
        )

    def handle(self, *args, dry_run, older_than, **options):
        if not dry_run:
            days = settings.WINSBOARD_INBOUND_DRAFT_DAYS
            swept = services.inbound_drafts_sweep(days=days)
            self.stdout.write(
                gettext("%(count)s draft(s) from e-mail older than %(days)s days removed.")
                % {"count": swept, "days": days}
            )
        cutoff = timezone.now() - timedelta(minutes=older_than)
        referenced = referenced_names()
        orphans = [name for name in stored_names() if name not in referenced and _older(name, cutoff)]
        for name in orphans:
            self.stdout.write(
                (gettext("would delete %(name)s") if dry_run else gettext("deleted %(name)s")) % {"name": name}
            )
            if not dry_run:
                default_storage.delete(name)
        if dry_run:
            done = gettext("%(count)s unreferenced file(s) would be deleted.")
        else:
            done = gettext("%(count)s unreferenced file(s) deleted.")
        self.stdout.write(self.style.SUCCESS(done % {"count": len(orphans)}))


def referenced_names():
    names = set()
    for row in Photo.objects.values_list("large", "card").iterator():
        names.update(row)
    for row in Video.objects.values_list("file", "poster", "poster_card").iterator():
        names.update(row)
    for kept in InboundDraft.objects.values_list("photos", flat=True).iterator():
        names.update(photo.get("name", "") for photo in kept or [])
    return names


def stored_names():
    """Files the app writes (by their generated names) in its folders."""
    for folder in FOLDERS:
        try:
            _, files = default_storage.listdir(folder)
        except FileNotFoundError:
            continue
        for file in files:
            name = f"{folder}/{file}"
            if STORED_NAME.fullmatch(name) or SHARED_NAME.fullmatch(name):
                yield name


def _older(name, cutoff):
    try:
        return default_storage.get_modified_time(name) <= cutoff
    except (OSError, NotImplementedError):
        return True
