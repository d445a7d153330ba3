"""Importing people from a CSV (/manage/people/import/): `people_import_plan`
says, without writing, who would be created, updated, deactivated or
reactivated (and every problem, with its line number); `people_import_apply`
does exactly that plan in one transaction — or refuses when the database
changed since the preview (`PlanChanged`).

People are matched by e-mail, else by employee number, else (neither in
the row nor stored) by their name; an empty e-mail or
employee number leaves the stored one as it is, an empty role leaves the
role. Importing the same file twice changes nothing the second time. Names
and teams of existing people change all at once, and one `wins_changed`
moves the cards, the names' version and the search index of their wins.
"""

import hashlib
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext

from ..models import Profile, Story, Team, display_name, people
from .changes import wins_changed
from .invitations import invitations_issue, invitations_send
from .people_admin import managers_group, set_roles


class PlanChanged(Exception):
    """The people changed since the preview: preview again."""


@dataclass
class Change:
    row: object  # stories.lib.people_csv.Row
    user: object = None  # None: a new person
    fields: tuple = ()  # what changes: "name", "team", "email", "employee_id", "role", "deactivate", "reactivate"


@dataclass
class Plan:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: int = 0
    problems: list = field(default_factory=list)

    @property
    def changes(self):
        return [*self.created, *self.updated]

    @property
    def deactivated(self):
        return [change for change in self.updated if "deactivate" in change.fields]

    def digest(self):
        text = repr([(c.row, c.user.pk if c.user else None, c.fields) for c in self.changes])
        return hashlib.sha256(text.encode()).hexdigest()


def _everyone():
    users = people().shown().with_role().order_by("pk")
    by_email, by_number, by_name = {}, {}, {}
    for user in users:
        if user.email:
            by_email.setdefault(user.email.lower(), user)
        number = getattr(getattr(user, "profile", None), "employee_id", None)
        if number:
            by_number[number] = user
        if not user.email and not number:
            by_name.setdefault(display_name(user), []).append(user)
    return by_email, by_number, by_name


def _differences(row, user):
    profile = getattr(user, "profile", None)
    team = profile.team.name if profile is not None and profile.team is not None else ""
    number = profile.employee_id if profile is not None else None
    checks = {
        "name": row.name != display_name(user),
        "team": row.team != team,
        "email": bool(row.email) and row.email != user.email.lower(),
        "employee_id": bool(row.employee_id) and row.employee_id != number,
        "role": bool(row.role) and (row.role == "manager") != bool(user.is_manager),
        "deactivate": row.status == "left" and user.is_active,
        "reactivate": row.status == "active" and not user.is_active,
    }
    return tuple(name for name, differs in checks.items() if differs)


def _match(row, by_email, by_number, by_name):
    """The person `row` is about (or None), or a problem message. A row with
    neither e-mail nor employee number matches the one person of that name
    who has neither (so such a file, imported twice, changes nothing)."""
    if not row.email and not row.employee_id:
        named = by_name.get(row.name, [])
        if len(named) > 1:
            # Translators: a problem with one line of a people file a manager imports.
            problem = gettext("%(count)s people are called “%(name)s”: add an e-mail or employee number")
            return None, problem % {"count": len(named), "name": row.name}
        return (named[0] if named else None), None
    mail_user = by_email.get(row.email) if row.email else None
    number_user = by_number.get(row.employee_id) if row.employee_id else None
    if mail_user and number_user and mail_user.pk != number_user.pk:
        return None, gettext("the e-mail and the employee number belong to two different people")
    return mail_user or number_user, None


def people_import_plan(*, parsed):
    """What importing `parsed` (stories.lib.people_csv.Parsed) would do. Reads only."""
    by_email, by_number, by_name = _everyone()
    plan, seen = Plan(problems=list(parsed.problems)), {}
    for row in parsed.rows:
        user, problem = _match(row, by_email, by_number, by_name)
        if user is not None and user.pk in seen:
            problem = gettext("a second row for the same person as line %(line)s") % {"line": seen[user.pk]}
        if problem:
            plan.problems.append((row.line, problem))
            continue
        if user is None:
            if row.status == "left":
                plan.unchanged += 1
            else:
                plan.created.append(Change(row=row, fields=("create",)))
            continue
        seen[user.pk] = row.line
        differences = _differences(row, user)
        if differences:
            plan.updated.append(Change(row=row, user=user, fields=differences))
        else:
            plan.unchanged += 1
    plan.problems.sort()
    return plan


def _teams(names):
    wanted = {name for name in names if name}
    existing = {team.name: team for team in Team.objects.filter(name__in=wanted)}
    missing = [Team(name=name) for name in sorted(wanted - set(existing))]
    for team in Team.objects.bulk_create(missing):
        existing[team.name] = team
    return {team.name: team for team in Team.objects.filter(name__in=wanted)} if missing else existing


def _usernames(names):
    taken = set(get_user_model().objects.values_list("username", flat=True))
    for name in names:
        base = (slugify(name) or "person")[:120]
        candidate, n = base, 1
        while candidate in taken:
            n += 1
            candidate = f"{base}-{n}"
        taken.add(candidate)
        yield candidate


def _create(changes, teams, managers):
    user_model = get_user_model()
    unusable = make_password(None)
    users = []
    for change, username in zip(changes, _usernames(c.row.name for c in changes), strict=True):
        first, _, last = change.row.name.partition(" ")
        user = user_model(username=username, email=change.row.email, first_name=first[:150], last_name=last[:150])
        user.password = unusable
        users.append(user)
    users = user_model.objects.bulk_create(users)
    if any(user.pk is None for user in users):  # a database that doesn't return keys
        users = list(user_model.objects.filter(username__in=[u.username for u in users]).order_by("pk"))
    Profile.objects.bulk_create(
        Profile(
            user=user,
            display_name=change.row.name,
            team=teams.get(change.row.team),
            employee_id=change.row.employee_id or None,
        )
        for user, change in zip(users, changes, strict=True)
    )
    membership = user_model.groups.through
    membership.objects.bulk_create(
        membership(user_id=user.pk, group_id=managers.pk)
        for user, change in zip(users, changes, strict=True)
        if change.row.role == "manager"
    )
    return users


def _having(changes, *names):
    return [change for change in changes if set(names) & set(change.fields)]


def _update_all(changes, teams):
    """Every existing person's changes at once — profiles, e-mails, roles,
    leavers — then one `wins_changed` for the renamed and one for leavers:
    the same queries for 5 people or 5,000 (one `profile_update` each used
    to cost ~9 queries and a search reindex per person)."""
    user_model = get_user_model()
    profiled = _having(changes, "name", "team", "employee_id")
    if profiled:
        Profile.objects.bulk_create([Profile(user=change.user) for change in profiled], ignore_conflicts=True)
        profiles = Profile.objects.in_bulk([change.user.pk for change in profiled], field_name="user_id")
        for change in profiled:
            profile = profiles[change.user.pk]
            if {"name", "team"} & set(change.fields):
                profile.display_name, profile.team = change.row.name, teams.get(change.row.team)
            if "employee_id" in change.fields:
                profile.employee_id = change.row.employee_id
        Profile.objects.bulk_update(profiles.values(), ["display_name", "team", "employee_id"], batch_size=500)
    emailed = _having(changes, "email")
    for change in emailed:
        change.user.email = change.row.email
    user_model.objects.bulk_update([change.user for change in emailed], ["email"], batch_size=500)
    roles = _having(changes, "role")
    set_roles(
        managers=[c.user.pk for c in roles if c.row.role == "manager"],
        employees=[c.user.pk for c in roles if c.row.role != "manager"],
    )
    for active, word in ((False, "deactivate"), (True, "reactivate")):
        user_model.objects.filter(pk__in=[c.user.pk for c in _having(changes, word)]).update(is_active=active)
    renamed = [change.user.pk for change in _having(changes, "name")]
    if renamed:  # names on cards and slides, the feed's hero filter, search by the new name
        wins_changed(Story.objects.showing_people(renamed, cheered=False), names=True, reindex=True)
    leavers = [change.user.pk for change in _having(changes, "deactivate", "reactivate")]
    if leavers:  # a leaver's name shows without a link
        wins_changed(Story.objects.showing_people(leavers), names=True)


def people_import_apply(*, parsed, digest):
    """Apply the plan of `parsed` in one transaction, if it is still the one
    previewed (its `digest`); raises PlanChanged otherwise. Returns the plan."""
    with transaction.atomic():
        managers = Group.objects.select_for_update().get(pk=managers_group().pk)  # one import at a time
        plan = people_import_plan(parsed=parsed)
        if plan.digest() != digest:
            raise PlanChanged
        teams = _teams(change.row.team for change in plan.changes)
        if plan.created:
            created = _create(plan.created, teams, managers)
            invitations_issue(users=created)  # printed on cards later; e-mailed now to those with an address
            invitations_send(users=created)
            wins_changed(names=True)  # new people and teams for the feed's filters
        _update_all(plan.updated, teams)
    return plan
