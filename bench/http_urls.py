"""Winsboard's URLs plus /bench/ok: the same middleware, no work."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.urls import path

from winsboard.urls import urlpatterns as winsboard_urls


@login_not_required
def ok(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/ok", ok), *winsboard_urls]
