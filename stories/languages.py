"""Which language a page, an e-mail or a screen speaks.

- A signed-in person's choice (Profile.language, set in /settings/ or the
  footer's menu) wins and follows them to every device.
- Otherwise the footer menu's choice on this browser (Django's language
  cookie), then the browser's own (`Accept-Language`), then the site's
  (LANGUAGE_CODE, `WINSBOARD_LANGUAGE`).
- E-mails and notifications are written in the recipient's language
  (`in_language_of`): their choice, else the language their browser read
  when they last signed in; a display link's slideshow in the display's.

URLs stay the same in every language (no prefixes: people bookmark them).
"""

from contextlib import contextmanager

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers

CODES = frozenset(code for code, _name in settings.LANGUAGES)


def supported(code):
    """`code` if Winsboard ships it (a regional variant counts: "es-MX" → "es"), else ""."""
    code = (code or "").strip().lower()
    if code in CODES:
        return code
    base = code.split("-")[0]
    return base if base in CODES else ""


def chosen_by(user):
    """The language a person chose, or "" (never chosen, or signed out)."""
    if not getattr(user, "is_authenticated", False):
        return ""
    profile = getattr(user, "profile", None)  # loaded with the user (stories.auth): no query
    return supported(getattr(profile, "language", ""))


def of_browser(request):
    """The footer menu's choice on this browser, else the browser's own."""
    return supported(translation.get_language_from_request(request)) or settings.LANGUAGE_CODE


def of_recipient(user):
    """The language to write to `user` in: their choice, else the one their
    browser asked for when they last signed in, else the site's."""
    profile = getattr(user, "profile", None)
    return chosen_by(user) or supported(getattr(profile, "browser_language", "")) or settings.LANGUAGE_CODE


@contextmanager
def in_language_of(user):
    """Write to `user` in their language (e-mails, notifications, the digest)."""
    with translation.override(of_recipient(user)):
        yield


def remember_browser_language(sender, request, user, **kwargs):
    """At sign-in (a POST: writing is fine), the language this browser reads,
    so someone who never chose one gets e-mails in the language of their pages."""
    from .models import Profile  # models import this module's neighbours; keep the import here

    asked = request is not None and (
        settings.LANGUAGE_COOKIE_NAME in request.COOKIES or request.META.get("HTTP_ACCEPT_LANGUAGE")
    )
    code = of_browser(request) if asked else ""  # a browser that asked for nothing says nothing
    if code and not chosen_by(user):
        Profile.objects.update_or_create(user=user, defaults={"browser_language": code})


class LanguageMiddleware:
    """Speak the person's language on every page (after AuthenticationMiddleware)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        code = chosen_by(request.user) if _has_session(request) else ""
        from_browser = not code
        code = code or of_browser(request)
        request.LANGUAGE_CODE = code
        with translation.override(code):
            response = self.get_response(request)
        if response.streaming and response.get("Content-Type", "").startswith("text/"):
            response.streaming_content = _spoken_in(code, response.streaming_content)  # e.g. a CSV's headings
        if from_browser:
            patch_vary_headers(response, ("Accept-Language",))
        response.headers.setdefault("Content-Language", code)
        return response


def _spoken_in(code, chunks):
    with translation.override(code):
        yield from chunks


def _has_session(request):
    """Only a request with a session cookie can be signed in: others never load a user."""
    return settings.SESSION_COOKIE_NAME in request.COOKIES
