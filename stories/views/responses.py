"""Answers several views share: going back to a safe `next`, and the error
pages views answer themselves (Django's handlers do 403/404/500)."""

from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request, default):
    """The POSTed `next` when it is a path on this site, else `default`."""
    candidate = request.POST.get("next", "")
    local = candidate.startswith("/") and candidate.isprintable() and " " not in candidate
    allowed = url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return candidate if local and allowed else default


def broken_page_link(request, *, back_url, back_label):
    """A 400 for a tampered or cut-short "Older wins" link: the site's page,
    with a way back to the first page."""
    context = {"back_url": back_url, "back_label": back_label}
    return render(request, "broken_link.html", context, status=400)
