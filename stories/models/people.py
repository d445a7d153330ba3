"""People: the profile a person sets at /settings/ (display name, team,
photo), and every read of people as a named QuerySet method: `people()`
for the directory (/people/) and a person's page.

A profile is created by `stories.services.profile_update` the first time
someone saves theirs; until then (and for anyone who never does) the
defaults apply: their full name, no team, initials instead of a photo.
Reading a page never creates one.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.contrib.auth.models import Group, Permission
from django.db import models
from django.db.models import Case, Count, Exists, ExpressionWrapper, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce, Concat, Lower, NullIf, Trim
from django.utils.translation import gettext_lazy as _

from .roles import CURATE_PERMISSION
from .wins import Story, Team

DISPLAY_NAME_MAX = 80


# Where a person's name is found: display, first, last and user name.
PERSON_NAME_FIELDS = ("profile__display_name", "first_name", "last_name", "username")


class Profile(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    display_name = models.CharField(_("Display name"), max_length=DISPLAY_NAME_MAX, blank=True)
    team = models.ForeignKey(
        Team, verbose_name=_("Team"), null=True, blank=True, on_delete=models.SET_NULL, related_name="members"
    )
    # Square renditions of the photo, under generated names (stories.lib.photos.process_avatar).
    photo = models.FileField(max_length=255, blank=True, db_index=True)  # AVATAR_EDGE px: the person page
    photo_small = models.FileField(max_length=255, blank=True, db_index=True)  # next to names
    # The company's number for the person (HR, payroll): optional, unique when set (/manage/people/).
    employee_id = models.CharField(_("Employee number"), max_length=40, null=True, blank=True, unique=True)
    # The language this person chose ("" = never chose: their browser's, and the site's in e-mails).
    language = models.CharField(_("Language"), max_length=8, blank=True, default="", choices=settings.LANGUAGES)
    # The language their browser asked for when they last signed in: their e-mails' until they choose one.
    browser_language = models.CharField(max_length=8, blank=True, default="", editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"Profile of {self.user_id}"

    def file_names(self):
        return [name for name in (self.photo.name, self.photo_small.name) if name]


def _published(prefix):
    """Story.published() seen from a relation (`prefix` is e.g. "story__")."""
    return Q(**{f"{prefix}status": Story.Status.PUBLISHED, f"{prefix}hidden_at__isnull": True})


def _credited_count(extra=None):
    """How many published wins credit the outer person (a subquery)."""
    credits = Story.heroes.through.objects.filter(_published("story__"), user=OuterRef("pk"))
    if extra is not None:
        credits = credits.filter(extra)
    return Coalesce(Subquery(credits.order_by().values("user").annotate(n=Count("pk")).values("n")), 0)


def _cheers_received():
    """Cheers on the published wins crediting the outer person (a subquery)."""
    credits = Story.heroes.through.objects.filter(_published("story__"), user=OuterRef("pk"))
    counted = credits.order_by().values("user").annotate(n=Count("story__cheers")).values("n")
    return Coalesce(Subquery(counted), 0)


class PersonQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def shown(self):
        """With what shows a person (name, photo, team): no query per person."""
        return self.select_related("profile", "profile__team")

    def _every_word(self, text, contains, exact=()):
        """Each word of `text` is in one of the `contains` fields (or is one of the `exact` ones)."""
        wanted = Q()
        for word in text.split():
            either = Q()
            for field in contains:
                either |= Q(**{f"{field}__icontains": word})
            for field in exact:
                either |= Q(**{f"{field}__iexact": word})
            wanted &= either
        return self.filter(wanted)

    def named(self, text):
        """Whose name has every word of `text` in it (display, first, last or user name)."""
        return self._every_word(text, PERSON_NAME_FIELDS)

    def with_role(self):
        """`is_manager`: holds the curate permission through a group (the
        Managers group) or directly — superusers aside (two EXISTS, no query
        per person)."""
        app_label, codename = CURATE_PERMISSION.split(".")
        wanted = {"codename": codename, "content_type__app_label": app_label}
        by_group = Group.objects.filter(user=OuterRef("pk"), **{f"permissions__{k}": v for k, v in wanted.items()})
        direct = Permission.objects.filter(user=OuterRef("pk"), **wanted)
        held = ExpressionWrapper(Q(Exists(by_group)) | Q(Exists(direct)), output_field=models.BooleanField())
        return self.annotate(is_manager=held)

    def not_joined(self):
        """Invited and not joined yet: active, no password, never signed in."""
        return self.filter(is_active=True, last_login__isnull=True, password__startswith=UNUSABLE_PASSWORD_PREFIX)

    def with_status(self):
        """`status`: "deactivated", "invited" (never signed in, no password
        yet) or "active" — computed in the query."""
        no_password = Q(password__startswith=UNUSABLE_PASSWORD_PREFIX)  # set_unusable_password()
        invited = Q(no_password, is_active=True, last_login__isnull=True)
        return self.annotate(
            status=Case(
                When(is_active=False, then=Value("deactivated")),
                When(invited, then=Value("invited")),
                default=Value("active"),
            )
        )

    def managed(self, text):
        """Whose name, e-mail or employee number has every word of `text` (/manage/people/)."""
        return self._every_word(text, (*PERSON_NAME_FIELDS, "email"), exact=("profile__employee_id",))

    def managed_by(self, *, words="", team_id=None, status="", role=""):
        """/manage/people/'s filters (needs with_status() and with_role() for
        `status` and `role`): words, a team, active/invited/deactivated,
        managers/employees."""
        found = self.managed(words) if words else self
        if team_id is not None:
            found = found.in_team(team_id)
        if status:
            found = found.filter(status=status)
        if role:
            manager = Q(is_manager=True) | Q(is_superuser=True)
            found = found.filter(manager if role == "manager" else ~manager)
        return found

    def spelled(self, spellings):
        """{spelling: person}: the active people whose user name, display
        name or full name is one of `spellings` (lower-cased, from
        `stories.lib.mentions.candidates`) — one query, none for no
        spellings. A spelling two people share names nobody: it maps to None."""
        spellings = set(spellings)
        if not spellings:
            return {}
        full = Lower(Concat("first_name", Value(" "), "last_name"))
        wanted = Q(lower_username__in=spellings) | Q(lower_shown__in=spellings) | Q(lower_full__in=spellings)
        found = (
            self.active()
            .shown()
            .annotate(lower_username=Lower("username"), lower_shown=Lower("profile__display_name"), lower_full=full)
        )
        named, shared = {}, set()
        for person in found.filter(wanted):
            shown = getattr(getattr(person, "profile", None), "display_name", "")
            for spelling in {person.username.casefold(), shown.casefold(), person.get_full_name().casefold()}:
                if spelling in spellings:
                    shared.update({spelling} if named.get(spelling, person) != person else set())
                    named[spelling] = person
        return {spelling: None if spelling in shared else person for spelling, person in named.items()}

    def in_team(self, team_id):
        return self.filter(profile__team_id=team_id)

    def by_name(self):
        """Alphabetical by the name pages show (display name, else full name, else username)."""
        full = NullIf(Trim(Concat("first_name", Value(" "), "last_name")), Value(""))
        shown = Coalesce(NullIf(Trim("profile__display_name"), Value("")), full, "username")
        return self.order_by(Lower(shown), "username")

    def with_counts(self):
        """`win_count` (published wins credited), `featured_count` and
        `cheer_count` (cheers received on them) per person, as subqueries."""
        return self.annotate(
            win_count=_credited_count(),
            featured_count=_credited_count(Q(story__featured_at__isnull=False)),
            cheer_count=_cheers_received(),
        )


def people():
    """Every account, as a PersonQuerySet: `people().active().shown()`."""
    return PersonQuerySet(get_user_model())
