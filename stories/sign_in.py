"""Signing in and out: a limit on password guessing, and a sign-out that
never dead-ends.

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
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import AuthenticationForm
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.urls import reverse

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


class SignInView(auth_views.LoginView):
    authentication_form = ThrottledAuthenticationForm

    def get_redirect_url(self):
        """Never "back" to the sign-out address (a GET there is a 405)."""
        url = super().get_redirect_url()
        return "" if url.split("?")[0] == reverse("logout") else url

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.has_error("__all__", code="throttled"):
            response.status_code = 429
        return response


# Signing out needs no signed-in user: a session that expired (or ended in
# another tab) still gets the sign-in page, not a 405 after signing in again.
sign_out = login_not_required(auth_views.LogoutView.as_view())
