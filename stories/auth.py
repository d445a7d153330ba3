"""Signing in: limits on password guessing and reset emails, and who the
signed-in user is.

Every limit is counted by stories.lib.limits (fixed windows in Django's
default cache; the README's "Limits" section lists them all). Each sign-in
attempt is counted BEFORE its password is checked, atomically, so parallel
guesses cannot slip past a limit:

- FAILURES_PER_ACCOUNT attempts for one username from one client address
  per WINDOW_SECONDS window (a successful sign-in clears that count);
- FAILURES_PER_ADDRESS attempts for any usernames from one client address
  per WINDOW_SECONDS window, and FAILURES_PER_MINUTE per minute (each check
  costs ~0.3 s of CPU); a successful sign-in gives its attempt back.

Beyond a limit, sign-in is refused with a 429 before any password is checked.

Password-reset emails: RESETS_PER_EMAIL per typed address from one client
address and RESETS_PER_ADDRESS from one client address per
RESET_WINDOW_SECONDS are refused with a 429. Across all clients, at most
RESET_MAILS_PER_EMAIL emails go to one address per window (more than one
client may send: a stranger alone can't use up the owner's); beyond that the
page answers as usual and no email is sent — so a stranger can never get the
owner's own request refused.
All the same whether or not an account has that email (nothing revealed).

E-mailed sign-in codes (allauth's pages, our limits: allauth's own are off)
follow the same shape: CODES_PER_EMAIL per typed address from one client
address and CODES_PER_ADDRESS from one client address per CODE_WINDOW_SECONDS
get a 429; across all clients at most CODE_MAILS_PER_EMAIL codes are mailed
to one address per window (more than one client may ask: a stranger alone
can never use up the owner's), beyond that the page reads the same and no
mail goes out. A code only works in the browser that asked for it.
"""

from functools import cache as cache_in_process

from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.db import router
from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .lib import limits
from .lib.prepared import Prepared
from .models import Notification
from .models.roles import CURATE_PERMISSION

FAILURES_PER_ACCOUNT = 10
FAILURES_PER_ADDRESS = 200  # high: a whole office may share one address
WINDOW_SECONDS = 15 * 60
FAILURES_PER_MINUTE = 20  # from one address
MINUTE = 60
RESETS_PER_EMAIL = 3
RESETS_PER_ADDRESS = 10
RESET_MAILS_PER_EMAIL = 10
RESET_WINDOW_SECONDS = 60 * 60
CODES_PER_EMAIL = 3
CODES_PER_ADDRESS = 10
CODE_MAILS_PER_EMAIL = 10
CODE_WINDOW_SECONDS = 15 * 60


def client_address(request):
    """The client's address: behind our proxy (BEHIND_PROXY), the last
    X-Forwarded-For entry — the one the proxy added; earlier ones are the
    client's to forge."""
    if request is None:
        return ""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "") if settings.BEHIND_PROXY else ""
    return forwarded.split(",")[-1].strip() or request.META.get("REMOTE_ADDR", "")


def _account(username, request):
    return f"{client_address(request)}\n{str(username or '').casefold()[:150]}"


# (name, limit, window) of the counts one sign-in attempt takes.
_SIGN_IN_PER_ADDRESS = (
    ("sign-in:address", FAILURES_PER_ADDRESS, WINDOW_SECONDS),
    ("sign-in:minute", FAILURES_PER_MINUTE, MINUTE),
)


def sign_in_attempt_allowed(username, request):
    """Count one sign-in attempt (before its password is checked); False
    when it is past a limit."""
    account = _account(username, request)
    allowed = limits.hit("sign-in:account", account, limit=FAILURES_PER_ACCOUNT, window=WINDOW_SECONDS)
    for name, limit, window in _SIGN_IN_PER_ADDRESS:
        allowed = limits.hit(name, client_address(request), limit=limit, window=window) and allowed
    return allowed


def sign_in_succeeded(username, request):
    """The person knew their password after all: their account's count is
    cleared and the address gets the attempt back."""
    limits.clear("sign-in:account", _account(username, request), window=WINDOW_SECONDS)
    for name, _limit, window in _SIGN_IN_PER_ADDRESS:
        limits.release(name, client_address(request), window=window)


def reset_allowed(email, request):
    """Count a password-reset request; False (a 429) once this client asked
    too often, for this email or for any."""
    email = str(email or "").strip().casefold()
    window = RESET_WINDOW_SECONDS
    for_email = limits.hit(
        "reset:email-from", f"{client_address(request)}\n{email}", limit=RESETS_PER_EMAIL, window=window
    )
    from_here = limits.hit("reset:address", client_address(request), limit=RESETS_PER_ADDRESS, window=window)
    return for_email and from_here


def reset_mail_allowed(email):
    """Count one reset email to `email` (from any client); False once the
    window's emails to it are spent (the page answers the same, no email)."""
    email = str(email or "").strip().casefold()
    return limits.hit("reset:email", email, limit=RESET_MAILS_PER_EMAIL, window=RESET_WINDOW_SECONDS)


def code_request_allowed(email, request):
    """Count a request for an e-mailed sign-in code; False (a 429) once this
    client asked too often, for this address or for any."""
    email = str(email or "").strip().casefold()
    window = CODE_WINDOW_SECONDS
    for_email = limits.hit(
        "code:email-from", f"{client_address(request)}\n{email}", limit=CODES_PER_EMAIL, window=window
    )
    from_here = limits.hit("code:address", client_address(request), limit=CODES_PER_ADDRESS, window=window)
    return for_email and from_here


def code_mail_allowed(email):
    """Count one sign-in code mailed to `email` (from any client); False once
    the window's mails to it are spent (the page reads the same, no mail)."""
    email = str(email or "").strip().casefold()
    return limits.hit("code:email", email, limit=CODE_MAILS_PER_EMAIL, window=CODE_WINDOW_SECONDS)


THROTTLED = _("Too many failed sign-ins. Wait 15 minutes and try again, or use “Forgot your password?”.")
RESETS_THROTTLED = _(
    "Too many reset emails were asked for just now. Check your inbox (and spam folder) for the last one, "
    "or wait an hour and try again."
)

CODES_THROTTLED = _(
    "Too many codes were asked for from here just now. Check your inbox (and spam folder), or wait 15 minutes."
)


class ThrottledMixin:
    def clean(self):
        if not sign_in_attempt_allowed(self.cleaned_data.get("username"), self.request):
            raise ValidationError(THROTTLED, code="throttled")
        cleaned_data = super().clean()  # raises on a wrong password: the attempt stays counted
        sign_in_succeeded(self.cleaned_data.get("username"), self.request)
        return cleaned_data


# Translators: %(name)s is the name of the company's sign-on (“Okta”).
SSO_ONLY_MESSAGE = _("Password sign-in is off here: sign in with %(name)s, or ask for a sign-in code by e-mail.")


class ThrottledAuthenticationForm(ThrottledMixin, AuthenticationForm):
    def confirm_login_allowed(self, user):
        """WINSBOARD_PASSWORD_SIGN_IN=false: only superusers sign in with a password."""
        super().confirm_login_allowed(user)
        if not settings.WINSBOARD_PASSWORD_SIGN_IN and not user.is_superuser:
            name = settings.WINSBOARD_OIDC_NAME
            message = (
                SSO_ONLY_MESSAGE % {"name": name}
                if name
                else gettext(
                    "Password sign-in is off here: sign in with your company account, "
                    "or ask for a sign-in code by e-mail."
                )
            )
            raise ValidationError(message, code="password_sign_in_off")


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


@cache_in_process
def _signed_in_user_loader():
    """`_signed_in_users()` for one id, its SQL built once per thread
    (building it took ~1 ms of every signed-in request; running it 0.07)."""
    return Prepared(_signed_in_users().filter(pk=Prepared.SLOT))


class NotifiedUserBackend(ModelBackend):
    """Django's ModelBackend; the signed-in user also carries
    `unread_notifications` (a count of those they may still see), its
    profile and `holds_curate_permission` (stories.models.roles.can_curate reads
    it instead of two permission queries), read in the same query that
    loads the user on every request — so no page pays an extra query to ask
    "anything new?" (the bell in the navigation) or "may they curate?"."""

    def get_user(self, user_id):
        user_model = get_user_model()
        value = user_model._meta.pk.get_prep_value(user_id)
        user = _signed_in_user_loader().first(alias=router.db_for_read(user_model), value=value)
        return user if user is not None and self.user_can_authenticate(user) else None
