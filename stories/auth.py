"""Signing in: a limit on password guessing, and who the signed-in user is.

After FAILURES_PER_ACCOUNT wrong passwords for one username from one
address (or FAILURES_PER_ADDRESS for any usernames from one address) within
WINDOW_SECONDS, sign-in is refused with a 429 until the window ends; a
successful sign-in clears the count for that username. Counts live in
Django's cache: the default in-process cache counts per server process, so
several processes or machines should share a cache (see README).
"""

import hashlib

from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.forms import AuthenticationForm
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

from .models import Notification

FAILURES_PER_ACCOUNT = 10
FAILURES_PER_ADDRESS = 200  # high: a whole office may share one address
WINDOW_SECONDS = 15 * 60


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


def _address_key(request):
    digest = hashlib.sha256(_address(request).encode()).hexdigest()
    return f"sign-in-failures:address:{digest}"


def too_many_failures(username, request):
    return (
        cache.get(_account_key(username, request), 0) >= FAILURES_PER_ACCOUNT
        or cache.get(_address_key(request), 0) >= FAILURES_PER_ADDRESS
    )


def count_failure(sender, credentials, request=None, **kwargs):
    """`user_login_failed`: one more failure for this username and address."""
    for key in (_account_key(credentials.get("username"), request), _address_key(request)):
        cache.add(key, 0, WINDOW_SECONDS)  # the window starts at the first failure
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, WINDOW_SECONDS)


def forget_failures(sender, request, user, **kwargs):
    """`user_logged_in`: the person knows their password after all."""
    cache.delete(_account_key(user.get_username(), request))


THROTTLED = "Too many failed sign-ins. Wait 15 minutes and try again, or use “Forgot your password?”."


class ThrottledMixin:
    def clean(self):
        if too_many_failures(self.cleaned_data.get("username"), self.request):
            raise ValidationError(THROTTLED, code="throttled")
        return super().clean()


class ThrottledAuthenticationForm(ThrottledMixin, AuthenticationForm):
    pass


class ThrottledAdminAuthenticationForm(ThrottledMixin, AdminAuthenticationForm):
    pass


class NotifiedUserBackend(ModelBackend):
    """Django's ModelBackend; the signed-in user also carries
    `unread_notifications` (a count) and its profile, read in the same query that loads the
    user on every request — so no page pays an extra query to ask
    "anything new?"."""

    def get_user(self, user_id):
        user_model = get_user_model()
        unread = (
            Notification.objects.filter(recipient=OuterRef("pk"), read_at__isnull=True)
            .order_by()
            .values("recipient")
            .annotate(count=Count("pk"))
            .values("count")
        )
        try:
            # With the profile (display name, photo): the page's navigation shows them.
            signed_in = user_model._default_manager.select_related("profile")
            user = signed_in.annotate(unread_notifications=Coalesce(Subquery(unread), 0)).get(pk=user_id)
        except user_model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
