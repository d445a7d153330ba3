"""People managed by managers (/manage/people/): add, edit, deactivate and
reactivate accounts, all or nothing.

A name or team change goes through `profile_update` (stories.services.people),
the one path that moves the cards and the names' version the way a person's
own change does. Deactivating ends the person's sessions at once: the session
backend (stories.auth.NotifiedUserBackend) refuses an inactive user on their
next request, and their password stops working; their wins, cheers and
comments stay, credited by name.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.text import slugify

from ..models import Profile, Story
from ..models.roles import CURATE_PERMISSION
from .changes import wins_changed
from .invitations import invitation_issue, invitations_send
from .people import profile_update


def _free_username(name):
    base = (slugify(name) or "person")[:120]
    taken = set(get_user_model().objects.filter(username__startswith=base).values_list("username", flat=True))
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def _curate_permission():
    app_label, codename = CURATE_PERMISSION.split(".")
    return Permission.objects.get(codename=codename, content_type__app_label=app_label)


def managers_group():
    """The group a manager joins: the first holding the curate permission
    (the Managers group, made by a migration). A role is a permission,
    never a group's name (stories.models.roles)."""
    return Group.objects.filter(permissions=_curate_permission()).order_by("pk").first()


def set_role(user, *, manager):
    """Manager: into the managers' group. Employee: out of every group that
    lets them curate, and the permission taken if held directly."""
    set_roles(managers=[user.pk] if manager else [], employees=[] if manager else [user.pk])


def set_roles(*, managers=(), employees=()):
    """`set_role` for many people (ids): the same queries however many."""
    users = get_user_model()
    if managers:
        group = managers_group()
        users.groups.through.objects.bulk_create(
            [users.groups.through(user_id=pk, group_id=group.pk) for pk in managers], ignore_conflicts=True
        )
    if employees:
        permission = _curate_permission()
        users.groups.through.objects.filter(user_id__in=employees, group__permissions=permission).delete()
        users.user_permissions.through.objects.filter(user_id__in=employees, permission=permission).delete()


def person_add(*, name, team, email="", employee_id=None, manager=False):
    """A new account for `name`: no password until they accept their
    invitation (status "invited"), issued here — and e-mailed to them, once
    committed, when they have an address."""
    with transaction.atomic():
        user = get_user_model()(username=_free_username(name), email=email or "")
        first, _, last = name.partition(" ")
        user.first_name, user.last_name = first[:150], last[:150]
        user.set_unusable_password()
        user.save()
        Profile.objects.create(user=user, display_name=name, employee_id=employee_id or None)
        profile_update(user=user, display_name=name, team=team)
        set_role(user, manager=manager)
        invitation_issue(user=user)
        invitations_send(users=[user])
    return user


def person_edit(*, user, name, team, email="", employee_id=None, manager=False):
    """Change a person's name, team, e-mail, employee number and role."""
    with transaction.atomic():
        profile = profile_update(user=user, display_name=name, team=team)
        if profile.employee_id != (employee_id or None):
            profile.employee_id = employee_id or None
            profile.save(update_fields=["employee_id"])
        if user.email != (email or ""):
            user.email = email or ""
            user.save(update_fields=["email"])
        set_role(user, manager=manager)
    return user


def person_set_active(*, user, active):
    """Deactivate (`active=False`) or reactivate a person. An inactive
    person is signed out everywhere at their next request and can't sign in."""
    with transaction.atomic():
        get_user_model().objects.filter(pk=user.pk).update(is_active=active)
        user.is_active = active
        wins_changed(Story.objects.showing_person(user), names=True)  # a leaver's name shows without a link
    return user
