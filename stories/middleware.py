"""Winsboard's own middleware.

- RequestLogMiddleware: one log line per request (winsboard.requests):
  method, path (no query string; tokens in the path masked), status,
  milliseconds, and the user's id when the request looked the user up.
  Outermost in MIDDLEWARE, so error pages and static files are counted too.
- MessageMiddleware and ContentSecurityPolicyMiddleware: Django's, doing the
  same with less work on a request that shows no message and uses no nonce
  (a screen's poll, a JSON answer, a redirect).
"""

import logging
import time

from django.conf import settings
from django.contrib.messages import middleware as messages
from django.contrib.messages.storage import default_storage
from django.core.signals import setting_changed
from django.middleware import csp
from django.utils.csp import build_policy
from django.utils.functional import SimpleLazyObject, empty

log = logging.getLogger("winsboard.requests")
SECRET_URL_ARGUMENTS = ("token", "uidb64")


def logged_path(request):
    """The path with the values of secret URL arguments (a display link's or
    a password reset's token) masked."""
    path = request.path
    match = getattr(request, "resolver_match", None)
    for name in SECRET_URL_ARGUMENTS:
        value = match.kwargs.get(name) if match else None
        if isinstance(value, str) and value:
            path = path.replace(value, "[redacted]")
    return path


def _user_id(request):
    """The signed-in user's id if this request already loaded the user (never
    a query just for the log line)."""
    user = getattr(request, "_cached_user", None)
    return user.pk if user is not None and user.is_authenticated else None


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        elapsed = round((time.perf_counter() - started) * 1000, 1)
        fields = {
            "method": request.method,
            "path": logged_path(request),
            "status": response.status_code,
            "ms": elapsed,
            "user": _user_id(request),
        }
        log.info("%(method)s %(path)s %(status)s %(ms)sms user=%(user)s", fields, extra=fields)
        return response


class MessageMiddleware(messages.MessageMiddleware):
    """Django's, with the message storage made only when the request adds or
    reads a message: a request that does neither has none to store (the
    storage's `update` would find nothing used or added), and making it
    (a cookie signer, two storages) was ~25 µs of a ~0.9 ms poll."""

    def process_request(self, request):
        request._messages = SimpleLazyObject(lambda: default_storage(request))

    def process_response(self, request, response):
        storage = getattr(request, "_messages", None)
        if isinstance(storage, SimpleLazyObject) and storage._wrapped is empty:
            return response
        return super().process_response(request, response)


class ContentSecurityPolicyMiddleware(csp.ContentSecurityPolicyMiddleware):
    """Django's, with the header of a response that used no nonce built once
    for the settings' policy (it is the same text each time: ~20 µs saved on
    every JSON answer, redirect and poll). A page that used its nonce, or a
    view's own policy, is built as Django builds it."""

    _kept = None  # (settings.SECURE_CSP, its header) while that setting stays

    def process_response(self, request, response):
        if not hasattr(response, "_csp_config") and not csp.get_nonce(request):
            policy = self._kept_policy(settings.SECURE_CSP)
            if policy and csp.CSP.HEADER_ENFORCE not in response:
                response.headers[str(csp.CSP.HEADER_ENFORCE)] = policy
        return super().process_response(request, response)

    @classmethod
    def _kept_policy(cls, config):
        kept = cls._kept
        if kept is None or kept[0] is not config:
            kept = cls._kept = (config, build_policy(config) if config else "")
        return kept[1]


def _forget_kept_policy(setting, **kwargs):
    if setting == "SECURE_CSP":
        ContentSecurityPolicyMiddleware._kept = None


setting_changed.connect(_forget_kept_policy)
