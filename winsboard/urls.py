from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Winsboard administration"
admin.site.site_title = "Winsboard admin"

urlpatterns = [
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("", include("stories.urls")),
]
