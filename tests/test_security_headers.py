"""A strict Content-Security-Policy and the other security headers, and pages
that work under it: no inline script without a nonce, no inline event
handlers, no style attributes, nothing loaded from another site."""

import re
from html.parser import HTMLParser

import pytest
from django.http import HttpResponse, JsonResponse
from django.middleware import csp
from django.template import engines
from django.utils.csp import build_policy
from django.views.decorators.csp import csp_override

from stories import services
from stories.middleware import ContentSecurityPolicyMiddleware

pytestmark = pytest.mark.django_db


class Tags(HTMLParser):
    """Every start tag of a page as (tag, {attribute: value})."""

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.tags = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def csp_directives(response):
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.fixture
def pages(client, employee, manager, make_story):
    """(name, response) for every kind of page a person meets."""
    story = make_story(headline="A win", quote="Thanks!", quote_by="A guest", customer_consent=True, body="a\nb")
    anonymous = [("login", client.get("/accounts/login/")), ("reset", client.get("/accounts/password_reset/"))]
    client.force_login(employee)
    signed_in = [
        ("feed", client.get("/")),
        ("filtered feed", client.get("/", {"q": "win", "kind": "fixed"})),
        ("detail", client.get(story.get_absolute_url())),
        ("new form", client.get("/wins/new/")),
        ("form with errors", client.post("/wins/new/", {"headline": ""})),
        ("edit form", client.get(f"/wins/{story.pk}/edit/")),
        ("delete", client.get(f"/wins/{story.pk}/delete/")),
        ("person", client.get("/people/erin/")),
        ("password change", client.get("/accounts/password_change/")),
        ("404", client.get("/wins/999999/")),
    ]
    client.force_login(manager)
    services.story_feature(story=story, by=manager, note="So kind")
    signed_in += [
        ("manager's detail", client.get(story.get_absolute_url())),
        ("featured wall", client.get("/featured/")),
        ("review queue", client.get("/manage/")),
        ("display links", client.get("/manage/displays/")),
        ("slideshow", client.get("/slideshow/")),
        ("insight", client.get("/insight/")),
        ("insight with a bad filter", client.get("/insight/", {"period": "custom", "start": "2026-13-01"})),
    ]
    return anonymous + signed_in


def script_nonce(response):
    """The nonce the CSP header allows scripts with (Django adds it only when a page used it)."""
    nonces = [value for value in csp_directives(response)["script-src"] if value.startswith("'nonce-")]
    assert len(nonces) <= 1
    return nonces[0][len("'nonce-") : -1] if nonces else None


def test_every_page_sends_a_strict_content_security_policy(pages):
    for name, response in pages:
        directives = csp_directives(response)
        assert directives["default-src"] == ["'self'"], name
        assert directives["script-src"][0] == "'self'", name
        assert all(re.fullmatch(r"'nonce-[\w+/=-]{16,}'", value) for value in directives["script-src"][1:]), name
        assert directives["style-src"] == ["'self'"], name
        assert directives["object-src"] == ["'none'"], name
        assert directives["frame-ancestors"] == ["'none'"], name
        assert directives["base-uri"] == ["'self'"], name
        assert directives["form-action"] == ["'self'"], name
        assert "unsafe-inline" not in response["Content-Security-Policy"], name
        assert "unsafe-eval" not in response["Content-Security-Policy"], name


def test_every_page_sends_nosniff_deny_framing_and_a_referrer_policy(pages):
    for name, response in pages:
        assert response["X-Content-Type-Options"] == "nosniff", name
        assert response["X-Frame-Options"] == "DENY", name
        assert response["Referrer-Policy"] == "same-origin", name


def test_healthz_sends_the_security_headers_too(client):
    response = client.get("/healthz")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "Content-Security-Policy" in response


def test_no_page_has_an_inline_script_without_the_nonce(pages):
    for name, response in pages:
        nonce = script_nonce(response)
        for tag, attrs in Tags(response.text).tags:
            # A json_script data block is never executed, so CSP does not govern it.
            if tag == "script" and "src" not in attrs and attrs.get("type") != "application/json":
                assert nonce and attrs.get("nonce") == nonce, f"{name}: inline <script> without the nonce"


def test_no_page_has_inline_event_handlers_style_attributes_or_javascript_urls(pages):
    for name, response in pages:
        for tag, attrs in Tags(response.text).tags:
            handlers = [attr for attr in attrs if attr.startswith("on")]
            assert handlers == [], f"{name}: <{tag}> has {handlers}"
            assert "style" not in attrs, f"{name}: <{tag}> has a style attribute"
            for attr in ("href", "src", "action", "formaction"):
                assert not (attrs.get(attr) or "").strip().lower().startswith("javascript:"), f"{name}: <{tag}>"
        assert "<style" not in response.text, f"{name}: inline <style> block"


def test_no_page_loads_anything_from_another_site(pages):
    """Winsboard must work on a closed network: no CDN, fonts or trackers."""
    for name, response in pages:
        for tag, attrs in Tags(response.text).tags:
            if tag in {"script", "link", "img", "iframe", "source", "video"}:
                for attr in ("src", "href", "srcset"):
                    value = attrs.get(attr) or ""
                    assert not re.match(r"\s*(https?:)?//", value), f"{name}: <{tag} {attr}={value}>"


def test_pages_are_checked_for_real(pages):
    """The scans above saw real pages with scripts, forms and cards."""
    scanned = {name: Tags(response.text).tags for name, response in pages}
    assert all(response.status_code in (200, 400, 404) for _, response in pages)
    assert any(tag == "script" for tag, _ in scanned["new form"])
    assert any(tag == "form" for tag, _ in scanned["login"])
    assert any(tag == "article" for tag, _ in scanned["feed"])
    assert any(tag == "svg" for tag, _ in scanned["insight"])


def test_a_script_tag_given_the_nonce_is_allowed_and_the_nonce_is_new_each_time(rf):
    """How a template adds a script the CSP allows: `nonce="{{ csp_nonce }}"`."""
    template = engines["django"].from_string('<script nonce="{{ csp_nonce }}">go()</script>')

    def view(request):
        return HttpResponse(template.render({}, request))

    nonces = []
    for _ in range(2):
        response = ContentSecurityPolicyMiddleware(view)(rf.get("/"))
        nonce = script_nonce(response)
        assert f'<script nonce="{nonce}">' in response.content.decode()
        nonces.append(nonce)
    assert nonces[0] != nonces[1]


def test_an_answer_without_a_nonce_gets_the_header_django_builds(rf, settings):
    """The policy of a JSON answer, a redirect or a poll is built once and
    kept (stories.middleware): the same text as Django's own middleware
    writes, following the setting when it changes."""

    def view(request):
        return JsonResponse({"ok": True})

    for policy in (settings.SECURE_CSP, {**settings.SECURE_CSP, "img-src": ["'self'", "https://example.com"]}):
        settings.SECURE_CSP = policy
        ours = ContentSecurityPolicyMiddleware(view)(rf.get("/"))
        djangos = csp.ContentSecurityPolicyMiddleware(view)(rf.get("/"))
        assert ours["Content-Security-Policy"] == djangos["Content-Security-Policy"] == build_policy(policy)
    assert "https://example.com" in ours["Content-Security-Policy"]
    settings.SECURE_CSP = {}
    assert "Content-Security-Policy" not in ContentSecurityPolicyMiddleware(view)(rf.get("/"))


def test_a_views_own_policy_is_kept_not_the_settings(rf):
    @csp_override({"default-src": ["'none'"]})
    def view(request):
        return JsonResponse({"ok": True})

    assert ContentSecurityPolicyMiddleware(view)(rf.get("/"))["Content-Security-Policy"] == "default-src 'none'"
