"""A real OpenID Connect provider on localhost (oidc-provider-mock: Flask and
Authlib) and the steps of signing on through it, for pytest and the browser."""

import base64
import json
import threading
from contextlib import contextmanager
from urllib.parse import parse_qs, urlsplit

import oidc_provider_mock
import requests
import werkzeug.serving
from werkzeug.wrappers import Request, Response

from winsboard.oidc_settings import PROVIDER_ID

CLIENT_ID = "winsboard-tests"
LOGIN_URL = f"/accounts/oidc/{PROVIDER_ID}/login/"


@contextmanager
def oidc_provider():
    """The provider's issuer address while it runs; it insists on a nonce."""
    with oidc_provider_mock.run_server_in_thread(require_nonce=True) as server:
        yield f"http://localhost:{server.server_port}"


def sign_on_settings(settings, issuer, *, name="Contoso ID", **app_settings):
    """Point Winsboard's single sign-on at `issuer` (as WINSBOARD_OIDC_* would)."""
    settings.WINSBOARD_OIDC_NAME = name
    settings.SECURE_CSP = {**settings.SECURE_CSP, "form-action": ["'self'", issuer]}
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {
            **settings.SOCIALACCOUNT_PROVIDERS["openid_connect"],
            "APPS": [
                {
                    "provider_id": PROVIDER_ID,
                    "name": name,
                    "client_id": CLIENT_ID,
                    "secret": "s3cret",
                    "settings": {"server_url": issuer, "oauth_pkce_enabled": True, **app_settings},
                }
            ],
        }
    }


def set_person(issuer, sub, **claims):
    """The provider's record of `sub`: their e-mail, name, groups…"""
    response = requests.put(f"{issuer}/users/{sub}", json=claims, timeout=10)
    response.raise_for_status()


def authorize(authorize_url, sub):
    """The person signs in at the provider: its answer, the redirect back to
    Winsboard (a path with code and state)."""
    response = requests.post(authorize_url, data={"sub": sub}, allow_redirects=False, timeout=10)
    assert response.status_code == 302, response.text
    back = urlsplit(response.headers["Location"])
    return f"{back.path}?{back.query}"


def sign_on(client, issuer, sub):
    """A whole sign-on with Django's test client: the button, the provider,
    and Winsboard's answer to the callback."""
    start = client.post(LOGIN_URL)
    assert start.status_code == 302 and start["Location"].startswith(issuer), start
    return client.get(authorize(start["Location"], sub))


def query_of(url):
    return {name: values[0] for name, values in parse_qs(urlsplit(url).query).items()}


@contextmanager
def tampering_token_endpoint(issuer, change_claims):
    """A proxy in front of the provider's token endpoint that rewrites the ID
    token's claims (keeping its signature): what a man in the middle would do."""

    def proxy(environ, start_response):
        request = Request(environ)
        upstream = requests.post(
            f"{issuer}/oauth2/token",
            data=request.get_data(),
            headers={"Content-Type": request.content_type, "Authorization": request.headers.get("Authorization", "")},
            timeout=10,
        )
        body = upstream.json()
        if "id_token" in body:
            body["id_token"] = _rewritten(body["id_token"], change_claims)
        return Response(json.dumps(body), status=upstream.status_code, content_type="application/json")(
            environ, start_response
        )

    server = werkzeug.serving.make_server("localhost", 0, proxy, threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://localhost:{server.server_port}/token"
    finally:
        server.shutdown()
        thread.join()


def _rewritten(token, change_claims):
    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims.update(change_claims)
    new_payload = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    return f"{header}.{new_payload}.{signature}"
