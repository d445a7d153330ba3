"""Signing in without a password, through django-allauth: the e-mailed code
and the company's single sign-on (OpenID Connect, WINSBOARD_OIDC_*).

allauth does the flows (the code, the authorization-code flow with PKCE,
state kept in the session); this module holds what we decide:

- nobody signs up on their own: managers add people (AccountAdapter);
- the ID token's signature is always checked against the provider's keys
  (allauth skips it when the token came straight from the token endpoint)
  and its nonce must be the one we sent (allauth sends none);
- a sign-on is matched to a person by the provider's *verified* e-mail; an
  unverified address or an unknown person is refused with a page saying
  what to do (unless WINSBOARD_OIDC_CREATE_USERS), and a deactivated
  person is refused by allauth (is_active);
- WINSBOARD_OIDC_MANAGER_GROUP: the `groups` claim decides, at every
  sign-on, whether the person is a manager.
"""

import hmac
import logging
import secrets

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.decorators import login_not_required
from allauth.core import context as allauth_context
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.internal import jwtkit
from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.oauth2.views import OAuth2CallbackView, OAuth2LoginView
from allauth.socialaccount.providers.openid_connect.provider import OpenIDConnectProvider
from allauth.socialaccount.providers.openid_connect.views import OpenIDConnectOAuth2Adapter
from django.conf import settings
from django.contrib.auth import get_user_model
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from requests import RequestException

from .auth import client_address, code_mail_allowed
from .services.people_admin import person_add, set_role

logger = logging.getLogger(__name__)


class AccountAdapter(DefaultAccountAdapter):
    error_messages = DefaultAccountAdapter.error_messages | {
        "incorrect_code": _("That code isn't right. Check the e-mail and type it again."),
    }

    def is_open_for_signup(self, request):
        return False  # managers add people (/manage/people/, invitations)

    def get_client_ip(self, request):
        """The same client address our own limits count (BEHIND_PROXY: the proxy's last entry)."""
        return client_address(request)

    def send_mail(self, template_prefix, email, context):
        """allauth's mails (the sign-in code) link to the site's own address,
        like every other mail we send; past the window's cap of codes to one
        address, no mail (stories.auth: the page reads the same)."""
        if template_prefix == "account/email/login_code" and not code_mail_allowed(email):
            logger.info("sign-in code not mailed: this address's codes for the window are spent")
            return
        request = context.get("request") or allauth_context.request
        site_url = settings.WINSBOARD_SITE_URL or request.build_absolute_uri("/").rstrip("/")
        super().send_mail(
            template_prefix,
            email,
            {"site_url": site_url, "code_minutes": settings.ACCOUNT_LOGIN_BY_CODE_TIMEOUT // 60} | context,
        )


class CompanyOIDCAdapter(OpenIDConnectOAuth2Adapter):
    def _decode_id_token(self, app, id_token):
        """The ID token, its signature checked against the provider's published
        keys even though it came straight from the token endpoint: a token
        altered on the way is refused."""
        return jwtkit.verify_and_decode(
            credential=id_token,
            keys_url=self.openid_config["jwks_uri"],
            issuer=self.openid_config["issuer"],
            audience=app.client_id,
            lookup_kid=jwtkit.lookup_kid_jwk,
            verify_signature=True,
        )


class CompanyProvider(OpenIDConnectProvider):
    """allauth's OpenID Connect provider, sending a nonce (kept in the
    sign-on's state in the session) for the ID token to carry back."""

    oauth2_adapter_class = CompanyOIDCAdapter

    def redirect(self, request, process, next_url=None, data=None, **kwargs):
        nonce = secrets.token_urlsafe(32)
        auth_params = kwargs.pop("auth_params", None) or self.get_auth_params()
        auth_params["nonce"] = nonce
        return super().redirect(request, process, next_url, data, auth_params=auth_params, nonce=nonce, **kwargs)


@login_not_required
def oidc_login(request, provider_id):
    try:
        return OAuth2LoginView.adapter_view(CompanyOIDCAdapter(request, provider_id))(request)
    except SocialApp.DoesNotExist:
        raise Http404 from None
    except (RequestException, ValueError):  # the provider's discovery document: unreachable or not JSON
        logger.warning("single sign-on: the identity provider could not be reached", exc_info=True)
        return render(request, "socialaccount/refused.html", {"reason": "unreachable"}, status=503)


@login_not_required
def oidc_callback(request, provider_id):
    try:
        return OAuth2CallbackView.adapter_view(CompanyOIDCAdapter(request, provider_id))(request)
    except SocialApp.DoesNotExist:
        raise Http404 from None


def _refuse(request, reason, status):
    response = render(request, "socialaccount/refused.html", {"reason": reason}, status=status)
    raise ImmediateHttpResponse(response)


def _claims(sociallogin):
    data = sociallogin.account.extra_data or {}
    return data.get("id_token") or {}, data.get("userinfo") or data.get("id_token") or {}


def _groups(claims):
    groups = claims.get("groups") or []
    return {str(group) for group in groups} if isinstance(groups, list) else {str(groups)}


class CompanySignOnAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request, sociallogin):
        return False  # a new person is made in pre_social_login, or refused there

    def pre_social_login(self, request, sociallogin):
        id_token, claims = _claims(sociallogin)
        sent = (sociallogin.state or {}).get("nonce") or ""
        if not sent or not hmac.compare_digest(str(id_token.get("nonce") or "").encode(), sent.encode()):
            _refuse(request, "replayed", 401)
        if not sociallogin.is_existing:
            self._match(request, sociallogin, claims)
        user = sociallogin.user
        if not user.is_active:
            _refuse(request, "inactive", 403)
        if settings.WINSBOARD_OIDC_MANAGER_GROUP and user.is_active:
            set_role(user, manager=settings.WINSBOARD_OIDC_MANAGER_GROUP in _groups(claims | id_token))

    def _match(self, request, sociallogin, claims):
        verified = [address.email for address in sociallogin.email_addresses if address.verified]
        if not verified:
            _refuse(request, "unverified", 403)
        users = get_user_model()._default_manager
        user = users.filter(email__iexact=verified[0]).order_by("-is_active", "pk").first()
        if user is None:
            if not settings.WINSBOARD_OIDC_CREATE_USERS:
                _refuse(request, "unknown", 403)
            name = " ".join(str(claims.get("name") or "").split())[:150] or verified[0].split("@")[0]
            user = person_add(name=name, team=None, email=verified[0])
        sociallogin.connect(request, user)
