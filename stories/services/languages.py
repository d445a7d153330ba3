"""The language a person chose: from /settings/ or the footer's menu, and at
sign-in for someone who never chose (their browser's, so e-mails match the
pages they read)."""

from django.db import transaction

from ..models import Profile


def language_choose(*, user, language):
    """`user` reads Winsboard in `language` (a code of settings.LANGUAGES, or ""
    for their browser's) on every device; True if it changed."""
    with transaction.atomic():
        profile, _ = Profile.objects.select_for_update().get_or_create(user=user)
        if profile.language == language:
            return False
        profile.language = language
        profile.save(update_fields=["language", "updated_at"])
    if hasattr(user, "profile"):
        user.profile.language = language  # this request's user speaks it from now on
    return True
