"""The installable app: its manifest, its service worker (served from the
site's root, so it may answer for every page) and the page it shows when
the phone is offline. All three are the same for everyone: public, and
nothing in them is anyone's own."""

from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from ..app_shell import manifest_of, service_worker_context


@login_not_required
@require_safe
@cache_control(max_age=3600)
@vary_on_headers("Accept-Language", "Cookie")  # its words are in the reader's language
def manifest(request):
    return JsonResponse(manifest_of(), content_type="application/manifest+json", json_dumps_params={"indent": 1})


@login_not_required
@require_safe
@cache_control(no_cache=True)  # browsers look for a new worker at every visit
def service_worker(request):
    response = render(request, "stories/app/sw.js", service_worker_context(), content_type="text/javascript")
    response["Service-Worker-Allowed"] = "/"
    return response


@login_not_required
@require_safe
def offline(request):
    return render(request, "stories/app/offline.html")
