"""Roles as permissions: a manager is anyone with `stories.curate_story`
(the Managers group, created by a migration, and superusers)."""

CURATE_PERMISSION = "stories.curate_story"


def can_curate(user):
    """May `user` tag, feature, hide and review wins? The signed-in user
    comes with the answer read in the query that loads them
    (`holds_curate_permission`, stories.auth.NotifiedUserBackend): no query
    here. Anyone else is asked through `has_perm` (two queries, cached on
    the user)."""
    if not (user and user.is_authenticated):
        return False
    held = getattr(user, "holds_curate_permission", None)
    if held is None:
        return user.has_perm(CURATE_PERMISSION)
    return user.is_active and (user.is_superuser or bool(held))
