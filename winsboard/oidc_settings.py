"""Company single sign-on (OpenID Connect) from WINSBOARD_OIDC_*: all three
of issuer, client id and secret, or none. A half-set configuration, an
issuer that is not an https:// address (http:// only on this machine: a
test provider) are refused at start-up, naming the variable."""

import ipaddress
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

REQUIRED = ("WINSBOARD_OIDC_ISSUER", "WINSBOARD_OIDC_CLIENT_ID", "WINSBOARD_OIDC_CLIENT_SECRET")
DEFAULT_NAME = "your company account"
# allauth's provider id: the sign-on's addresses are /accounts/oidc/company/login/(callback/).
PROVIDER_ID = "company"


def _is_loopback(host):
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _issuer(raw):
    issuer = raw.strip().rstrip("/")
    parts = urlsplit(issuer)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment or "@" in issuer:
        raise ImproperlyConfigured(
            f"WINSBOARD_OIDC_ISSUER must be the identity provider's address, like "
            f"https://login.microsoftonline.com/<tenant>/v2.0, not {raw!r}."
        )
    if parts.scheme == "http" and not _is_loopback(parts.hostname):
        raise ImproperlyConfigured(
            f"WINSBOARD_OIDC_ISSUER must start with https:// (http:// only for this machine), not {raw!r}."
        )
    return issuer


def oidc_settings(environ):
    """None when single sign-on is off; else its button name and allauth's app entry."""
    values = {name: (environ.get(name) or "").strip() for name in REQUIRED}
    given = [name for name, value in values.items() if value]
    if not given:
        return None
    if len(given) < len(REQUIRED):
        missing = ", ".join(name for name in REQUIRED if name not in given)
        raise ImproperlyConfigured(
            f"Single sign-on is half set: {', '.join(given)} given, {missing} missing. Set all three, or none."
        )
    issuer = _issuer(values["WINSBOARD_OIDC_ISSUER"])
    name = " ".join((environ.get("WINSBOARD_OIDC_NAME") or "").split())[:60] or DEFAULT_NAME
    parts = urlsplit(issuer)
    return {
        "name": name,
        # The sign-in button's form is answered by a redirect there: CSP form-action allows it.
        "origin": f"{parts.scheme}://{parts.netloc}",
        "app": {
            "provider_id": PROVIDER_ID,
            "name": name,
            "client_id": values["WINSBOARD_OIDC_CLIENT_ID"],
            "secret": values["WINSBOARD_OIDC_CLIENT_SECRET"],
            "settings": {"server_url": issuer, "oauth_pkce_enabled": True},
        },
    }
