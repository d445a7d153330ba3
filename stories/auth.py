"""Signing in: limits on password guessing and reset emails, and who the
signed-in user is.

After FAILURES_PER_ACCOUNT wrong passwords for one username from one
address (or FAILURES_PER_ADDRESS for any usernames from one address) within
WINDOW_SECONDS, sign-in is refused with a 429 until the window ends; a
successful sign-in clears the count for that username. FAILURES_PER_MINUTE
from one address also stop it for the rest of that minute: each password
check costs ~0.3 s of CPU, so a burst of guesses can't fill the server.
A refused sign-in is refused before any password is checked.

Password-reset emails: RESETS_PER_EMAIL for one typed address and
RESETS_PER_ADDRESS from one client address per RESET_WINDOW_SECONDS (the
same whether or not an account has that email, so nothing is revealed).

Counts live in Django's cache (CACHES): shared by every process and machine
when it is the database or Redis (see README); local memory counts per process.
"""

import hashlib
from functools import cache as cache_in_process

from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.forms import AuthenticationForm
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from .lib.roles import CURATE_PERMISSION
from .models import Notification

FAILURES_PER_ACCOUNT = 10
FAILURES_PER_ADDRESS = 200  # high: a whole office may share one address
WINDOW_SECONDS = 15 * 60
FAILURES_PER_MINUTE = 20  # from one address
MINUTE = 60
RESETS_PER_EMAIL = 3
RESETS_PER_ADDRESS = 10
RESET_WINDOW_SECONDS = 60 * 60


def _address(request):
    """The client's address: behind our proxy (BEHIND_PROXY), the last
    X-Forwarded-For entry — the one the proxy added; earlier ones are the
    client's to forge."""
    if request is None:
        return ""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "") if settings.BEHIND_PROXY else ""
    return forwarded.split(",")[-1].strip() or request.META.get("REMOTE_ADDR", "")


def _account_key(username, request):
    name = str(username or "").casefold()[:150]
    digest = hashlib.sha256(f"{_address(request)}\n{name}".encode()).hexdigest()
    return f"sign-in-failures:account:{digest}"


def _address_key(request, kind="sign-in-failures:address"):
    digest = hashlib.sha256(_address(request).encode()).hexdigest()
    return f"{kind}:{digest}"


def _minute_key(request):
    return _address_key(request, "sign-in-failures:minute")


def _count(key, window):
    """One more in the count at `key` (the window starts at the first)."""
    cache.add(key, 0, window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        return 1


def too_many_failures(username, request):
    counts = cache.get_many([_account_key(username, request), _address_key(request), _minute_key(request)])
    return (
        counts.get(_account_key(username, request), 0) >= FAILURES_PER_ACCOUNT
        or counts.get(_address_key(request), 0) >= FAILURES_PER_ADDRESS
        or counts.get(_minute_key(request), 0) >= FAILURES_PER_MINUTE
    )


def count_failure(sender, credentials, request=None, **kwargs):
    """`user_login_failed`: one more failure for this username and address."""
    _count(_account_key(credentials.get("username"), request), WINDOW_SECONDS)
    _count(_address_key(request), WINDOW_SECONDS)
    _count(_minute_key(request), MINUTE)


def reset_allowed(email, request):
    """Count a password-reset request; False once this email or this client
    address asked too often (whether or not the email has an account)."""
    email_digest = hashlib.sha256(str(email or "").strip().casefold().encode()).hexdigest()
    allowed = _count(f"password-resets:email:{email_digest}", RESET_WINDOW_SECONDS) <= RESETS_PER_EMAIL
    from_here = _count(_address_key(request, "password-resets:address"), RESET_WINDOW_SECONDS)
    return allowed and from_here <= RESETS_PER_ADDRESS


def forget_failures(sender, request, user, **kwargs):
    """`user_logged_in`: the person knows their password after all."""
    cache.delete(_account_key(user.get_username(), request))


THROTTLED = "Too many failed sign-ins. Wait 15 minutes and try again, or use “Forgot your password?”."
RESETS_THROTTLED = (
    "Too many reset emails were asked for just now. Check your inbox (and spam folder) for the last one, "
    "or wait an hour and try again."
)


class ThrottledMixin:
    def clean(self):
        if too_many_failures(self.cleaned_data.get("username"), self.request):
            raise ValidationError(THROTTLED, code="throttled")
        return super().clean()


class ThrottledAuthenticationForm(ThrottledMixin, AuthenticationForm):
    pass


class ThrottledAdminAuthenticationForm(ThrottledMixin, AdminAuthenticationForm):
    pass


def _holds_curate_permission():
    """Does the outer user hold `stories.curate_story`, given to them or to
    one of their groups (the Managers group)? Superusers are checked apart."""
    app_label, codename = CURATE_PERMISSION.split(".")
    users = get_user_model()
    own = users.user_permissions.through.objects.filter(
        user=OuterRef("pk"), permission__content_type__app_label=app_label, permission__codename=codename
    )
    grouped = users.groups.through.objects.filter(
        user=OuterRef("pk"),
        group__permissions__content_type__app_label=app_label,
        group__permissions__codename=codename,
    )
    return ExpressionWrapper(Q(Exists(own)) | Q(Exists(grouped)), output_field=BooleanField())


@cache_in_process
def _signed_in_users():
    """Users as a signed-in request loads them: with the profile (display
    name, photo: the navigation shows them), the unread count and
    may-curate. Built once per process — building it (two subqueries to
    resolve) costs more than running it; each request filters a copy."""
    unread = (
        Notification.objects.filter(recipient=OuterRef("pk"), read_at__isnull=True)
        .still_visible()
        .order_by()
        .values("recipient")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return (
        get_user_model()
        ._default_manager.select_related("profile")
        .annotate(
            unread_notifications=Coalesce(Subquery(unread), 0), holds_curate_permission=_holds_curate_permission()
        )
    )


class NotifiedUserBackend(ModelBackend):
    """Django's ModelBackend; the signed-in user also carries
    `unread_notifications` (a count of those they may still see), its
    profile and `holds_curate_permission` (stories.lib.roles.can_curate reads
    it instead of two permission queries), read in the same query that
    loads the user on every request — so no page pays an extra query to ask
    "anything new?" (the bell in the navigation) or "may they curate?"."""

    def get_user(self, user_id):
        user_model = get_user_model()
        try:
            user = _signed_in_users().get(pk=user_id)
        except user_model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
