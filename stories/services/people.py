"""A person's profile: display name, team and photo (/settings/).

The photo's renditions are made by the form (`stories.lib.photos.process_avatar`),
written to storage before the transaction opens and removed again if anything
fails; the files of a replaced or removed photo are deleted once the change
is committed.
"""

from django.core.files.base import ContentFile
from django.db import transaction

from ..lib.media import new_name
from ..models import Profile, Story
from .changes import wins_changed
from .media import files_removed_on_error, storage_delete_on_commit


def profile_update(*, user, display_name, team, photo=None, remove_photo=False, language=None):
    """Save `user`'s profile (made the first time), all or nothing. `photo`:
    new renditions (`stories.lib.photos.Renditions`) replacing the old ones;
    `remove_photo`: back to initials; `language`: the one they read
    ("" = their browser's; None: unchanged). A new display name is searchable at once."""
    with files_removed_on_error() as save:
        stored = None
        if photo is not None:
            stored = (
                save(new_name("avatars", photo.large.extension), ContentFile(photo.large.data)),
                save(new_name("avatars", photo.card.extension), ContentFile(photo.card.data)),
            )
        with transaction.atomic():
            profile, _ = Profile.objects.select_for_update().get_or_create(user=user)
            renamed = profile.display_name != display_name
            if stored is not None or remove_photo:
                storage_delete_on_commit(profile.file_names())
                profile.photo, profile.photo_small = stored or ("", "")
            profile.display_name, profile.team = display_name, team
            if language is not None:
                profile.language = language
            profile.save()
            shown = renamed or stored is not None or remove_photo  # a name or photo shows on cards and slides
            wins_changed(Story.objects.showing_person(user, cheered=False) if shown else ())  # cheers: first names
            if renamed:  # the feed's hero filter, and search by the new name
                wins_changed(Story.objects.involving(user), names=True, reindex=True)
    return profile
