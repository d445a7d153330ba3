"""Error pages the views answer themselves (Django's handlers do 403/404/500)."""

from django.shortcuts import render


def broken_page_link(request, *, back_url, back_label):
    """A 400 for a tampered or cut-short "Older wins" link: the site's page,
    with a way back to the first page."""
    context = {"back_url": back_url, "back_label": back_label}
    return render(request, "stories/broken_link.html", context, status=400)
