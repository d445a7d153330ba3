"""Roles as permissions: a manager is anyone with `stories.curate_story`
(the Managers group, created by a migration, and superusers)."""

CURATE_PERMISSION = "stories.curate_story"


def can_curate(user):
    """May `user` tag, feature, hide and review wins?"""
    return bool(user and user.is_authenticated and user.has_perm(CURATE_PERMISSION))
