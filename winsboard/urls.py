from django.contrib import admin
from django.urls import include, path

from stories.sign_in import SignInView, ThrottledAdminAuthenticationForm, sign_out

admin.site.site_header = "Winsboard administration"
admin.site.site_title = "Winsboard admin"
admin.site.login_form = ThrottledAdminAuthenticationForm

urlpatterns = [
    path("accounts/login/", SignInView.as_view(), name="login"),
    path("accounts/logout/", sign_out, name="logout"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("", include("stories.urls")),
]
