"""Private forwarding addresses: `wins+<token>@<WINSBOARD_INBOUND_DOMAIN>`.

A token is the person's id (base 36) and 16 characters of an HMAC (SHA-256
keyed with SECRET_KEY) of that id and a random value kept for them
(stories.models.InboundAddress; none until they first make a new address).
So the database holds neither the address nor anything that gives it
without the key, and making a new address (a new random value) stops the old
one at once. Tokens are lower case: mail servers may change the case of an
address's local part.
"""

import base64
import hmac
import re

from django.conf import settings
from django.utils.crypto import salted_hmac

LOCAL_PREFIX = "wins"
_SALT = "winsboard.inbound-address"
_TOKEN = re.compile(r"([0-9a-z]{1,12})-([a-z2-7]{16})")
_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def _base36(number):
    digits = ""
    while True:
        number, rest = divmod(number, 36)
        digits = _DIGITS[rest] + digits
        if not number:
            return digits


def _mac(user_pk, nonce):
    digest = salted_hmac(_SALT, f"{user_pk}:{nonce}", algorithm="sha256").digest()
    return base64.b32encode(digest).decode("ascii").lower()[:16]


def address_token(user_pk, nonce):
    return f"{_base36(int(user_pk))}-{_mac(user_pk, nonce)}"


def forwarding_address(token, domain=None):
    return f"{LOCAL_PREFIX}+{token}@{domain or settings.WINSBOARD_INBOUND_DOMAIN}"


def token_of(address, domain=None):
    """The token in a recipient address of our domain (`wins+TOKEN@domain`,
    in any case, with or without <>), or ""."""
    local, _, host = str(address or "").strip().strip("<>").lower().rpartition("@")
    prefix, _, token = local.partition("+")
    wanted = (domain or settings.WINSBOARD_INBOUND_DOMAIN).lower()
    return token if host == wanted and prefix == LOCAL_PREFIX and _TOKEN.fullmatch(token) else ""


def user_pk_of(token):
    match = _TOKEN.fullmatch(token or "")
    return int(match[1], 36) if match else None


def token_matches(token, user_pk, nonce):
    return hmac.compare_digest(str(token), address_token(user_pk, nonce))
