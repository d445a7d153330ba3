from django.contrib import admin
from django.urls import include, path

from stories.auth import ThrottledAdminAuthenticationForm
from stories.views.auth import SignInView, sign_out

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
