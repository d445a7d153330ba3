"""The customer's link (/customer/<signed token>/): a random token, signed
with SECRET_KEY and dated, so a changed or made-up link is refused before
anything is looked up; the database keeps only the token's HMAC.

    signed = sign(token)            # what the link carries
    token = unsign(signed, max_age) # None when tampered, made up or too old
"""

import hashlib
import hmac
import secrets

from django.conf import settings
from django.core import signing

SALT = "winsboard.customer-link"
TOKEN_BYTES = 24  # 32 URL-safe characters


def new_token():
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token):
    """The HMAC-SHA256 (hex) stored in place of the token."""
    message = f"customer-link:{token}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def sign(token):
    return signing.TimestampSigner(salt=SALT).sign(token)


def unsign(value, *, max_age):
    """The token in a signed link, or None (tampered, made up, or older than `max_age`)."""
    if not isinstance(value, str) or len(value) > 200:
        return None
    try:
        return signing.TimestampSigner(salt=SALT).unsign(value, max_age=max_age)
    except signing.BadSignature:  # SignatureExpired is one
        return None
