"""Joining with an invitation (public): /join/ takes the code from the card,
/join/<token>/ comes from the QR code or the e-mail's link. The person
confirms their name, chooses a password, and is signed in on the feed.

Every try sent (a POST) is counted before the code or token is looked up —
per client address and per code — and a good one gives its count back;
beyond a limit, a 429. Opening a link (a GET) counts nothing (a page read
never writes) but is refused once a limit is reached: a token is 256 bits,
so guessing by GET is no way in. A wrong, used, expired, re-issued or deactivated person's code all
get the same words, so nobody learns whether an account exists.
"""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext, gettext_noop
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from .. import services
from ..auth import client_address
from ..forms.join import JoinCodeForm, JoinForm
from ..lib import limits
from ..lib.invitation_codes import is_token, normal_code, shown_code
from ..models import Invitation, display_name

INVALID = gettext_noop("This code is not valid or has expired. Ask your manager for a new card.")
THROTTLED = gettext_noop("Too many tries from here. Wait 15 minutes and try again, or ask your manager for a new card.")
TRIES_PER_ADDRESS = 50  # from one client address (a whole shift may share one)
TRIES_PER_CODE = 5  # for one code or token, from anywhere
WINDOW_SECONDS = 15 * 60
SIGN_IN_BACKEND = "stories.auth.NotifiedUserBackend"


def _try_allowed(request, secret):
    if request.method in ("GET", "HEAD"):  # opening the link: a read, never a write (nothing counted)
        return not (
            limits.exceeded("join:code", secret, limit=TRIES_PER_CODE, window=WINDOW_SECONDS)
            or limits.exceeded("join:address", client_address(request), limit=TRIES_PER_ADDRESS, window=WINDOW_SECONDS)
        )
    for_code = limits.hit("join:code", secret, limit=TRIES_PER_CODE, window=WINDOW_SECONDS)
    from_here = limits.hit("join:address", client_address(request), limit=TRIES_PER_ADDRESS, window=WINDOW_SECONDS)
    return for_code and from_here


def _try_succeeded(request, secret):
    if request.method in ("GET", "HEAD"):
        return
    limits.clear("join:code", secret, window=WINDOW_SECONDS)
    limits.release("join:address", client_address(request), window=WINDOW_SECONDS)


def _invitation(request, secret, found):
    """(the usable invitation, None) or (None, the refusal's status)."""
    if not _try_allowed(request, secret):
        return None, 429
    invitation = found.usable().select_related("user__profile__team").first()
    if invitation is None:
        return None, 400
    _try_succeeded(request, secret)
    return invitation, None


def _refusal(status):
    return gettext(THROTTLED if status == 429 else INVALID)


def _passwords_off(view):
    """WINSBOARD_PASSWORD_SIGN_IN=false: no password to choose (it couldn't
    sign anyone in); the page points to the company's single sign-on."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not settings.WINSBOARD_PASSWORD_SIGN_IN:
            return render(request, "stories/join/sso_only.html")
        return view(request, *args, **kwargs)

    return wrapper


@login_not_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@_passwords_off
def join(request):
    """Type the code from the card; then confirm and choose a password."""
    form = JoinCodeForm(request.POST if request.method == "POST" else None)
    if not form.is_valid():
        return render(request, "stories/join/code.html", {"form": form}, status=400 if form.is_bound else 200)
    typed = form.cleaned_data["code"]
    code = normal_code(typed)
    found = Invitation.objects.for_code(code) if code else Invitation.objects.none()
    invitation, status = _invitation(request, code or typed.upper(), found)
    if invitation is None:
        form.add_error(None, _refusal(status))
        return render(request, "stories/join/code.html", {"form": form}, status=status)
    return _choose_password(request, invitation, code=shown_code(code))


@login_not_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@_passwords_off
def join_token(request, token):
    """The link in the QR code or the e-mail: confirm and choose a password."""
    found = Invitation.objects.for_token(token) if is_token(token) else Invitation.objects.none()
    invitation, status = _invitation(request, token[:64], found)
    if invitation is None:
        return render(request, "stories/join/refused.html", {"refusal": _refusal(status)}, status=status)
    return _choose_password(request, invitation)


def _choose_password(request, invitation, *, code=""):
    user, name = invitation.user, display_name(invitation.user)
    bound = request.method == "POST" and "new_password1" in request.POST
    form = JoinForm(user, request.POST if bound else None, name=name)
    if bound and form.is_valid():
        try:
            user = services.invitation_accept(invitation=invitation, password=form.cleaned_data["new_password1"])
        except services.InvitationRefused:  # used or re-issued a moment ago
            return render(request, "stories/join/refused.html", {"refusal": gettext(INVALID)}, status=400)
        login(request, user, backend=SIGN_IN_BACKEND)
        messages.success(
            request,
            gettext("Welcome to Winsboard, %(name)s! Here are your colleagues' wins: post yours too.") % {"name": name},
        )
        return redirect("feed")
    context = {"form": form, "person": user, "name": name, "code": code}
    return render(request, "stories/join/choose_password.html", context, status=400 if form.errors else 200)
