from django.contrib import admin
from django.urls import include, path

from stories.auth import ThrottledAdminAuthenticationForm
from stories.views.auth import SignInView, password_reset, sign_out

admin.site.site_header = "Winsboard administration"
admin.site.site_title = "Winsboard admin"
admin.site.login_form = ThrottledAdminAuthenticationForm

urlpatterns = [
    path("accounts/login/", SignInView.as_view(), name="login"),
    path("accounts/logout/", sign_out, name="logout"),
    path("accounts/password_reset/", password_reset, name="password_reset"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("", include("stories.urls")),
]

# A busy database answers 503 (what was typed kept), a full disk 507.
handler500 = "stories.views.errors.server_error"
