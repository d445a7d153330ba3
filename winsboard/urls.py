from allauth.account import views as allauth_views
from allauth.socialaccount import views as socialaccount_views
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy

from stories.auth import ThrottledAdminAuthenticationForm
from stories.sign_on import oidc_callback, oidc_login
from stories.urls import busiest_urls
from stories.views.auth import SignInView, confirm_code, password_reset, request_code, sign_out

admin.site.site_header = gettext_lazy("Winsboard administration")
admin.site.site_title = gettext_lazy("Winsboard admin")
admin.site.login_form = ThrottledAdminAuthenticationForm

urlpatterns = [
    *busiest_urls,  # first: the feed and the screens' polls resolve without trying any other pattern
    path("accounts/login/", SignInView.as_view(), name="login"),
    path("accounts/logout/", sign_out, name="logout"),
    path("accounts/password_reset/", password_reset, name="password_reset"),
    # allauth's flows at our addresses (only these: nobody signs up, our password form stays).
    path("accounts/login/", SignInView.as_view(), name="account_login"),
    path("accounts/login/code/", request_code, name="account_request_login_code"),
    path("accounts/login/code/confirm/", confirm_code, name="account_confirm_login_code"),
    path("accounts/inactive/", allauth_views.account_inactive, name="account_inactive"),
    path("accounts/oidc/<str:provider_id>/login/", oidc_login, name="openid_connect_login"),
    path("accounts/oidc/<str:provider_id>/login/callback/", oidc_callback, name="openid_connect_callback"),
    path("accounts/sso/cancelled/", socialaccount_views.login_cancelled, name="socialaccount_login_cancelled"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("", include("stories.urls")),
]

# A busy database answers 503 (what was typed kept), a full disk 507.
handler500 = "stories.views.errors.server_error"
