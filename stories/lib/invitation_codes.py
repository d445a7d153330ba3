"""The secrets of an invitation (stories.models.Invitation): a long token for
the link in the e-mail and the QR code, and a short human code for the card
(8 characters, shown XXXX-XXXX, typed with or without the dash, in any case).

Only their HMACs are stored (SHA-256 keyed with SECRET_KEY): a code has about
40 bits, little enough that a plain hash of a stolen database could be
searched through; an HMAC can't be without the key. A code is found again by
its HMAC (`secret_hash(normal_code(typed))`).
"""

import hashlib
import hmac
import re
import secrets

from django.conf import settings

# No look-alikes: no 0 or O, no 1, I or L (31 characters: 8 of them make ~40 bits).
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 8
TOKEN_BYTES = 32  # 43 URL-safe characters
_TOKEN = re.compile(r"[A-Za-z0-9_-]{43}")


def new_token():
    return secrets.token_urlsafe(TOKEN_BYTES)


def new_code():
    """Eight characters of CODE_ALPHABET, as stored and compared (no dash)."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def shown_code(code):
    """How a card shows a code: XXXX-XXXX."""
    return f"{code[:4]}-{code[4:]}"


def normal_code(typed):
    """The code someone typed, as stored (upper case, no dash or spaces), or
    "" when it can't be one."""
    code = re.sub(r"[\s-]", "", str(typed or "")).upper()
    if len(code) != CODE_LENGTH or any(char not in CODE_ALPHABET for char in code):
        return ""
    return code


def is_token(text):
    return isinstance(text, str) and bool(_TOKEN.fullmatch(text))


def secret_hash(secret, *, kind):
    """The HMAC-SHA256 (hex) of a token or code stored in place of it;
    `kind` ("token" or "code") keeps the two apart."""
    message = f"invitation-{kind}:{secret}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()
