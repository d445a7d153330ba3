"""People pages (/people/<username>/): the wins credited to someone."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from ..lib.pagination import keyset_page_or_none
from ..models import Story, display_name
from .responses import broken_page_link


@require_safe
def person(request, username):
    if "\x00" in username:  # no username has one; PostgreSQL would refuse the query
        raise Http404
    person = get_object_or_404(get_user_model(), username=username, is_active=True)
    own_page = request.user.pk == person.pk
    credited = Story.objects.credited_to(person)
    if own_page:
        # Your own page also shows what you wrote for others, and what waits
        # for review or was hidden (marked as such) — only what you may open.
        queryset = Story.objects.on_own_page(person).visible_to(request.user)
    else:
        queryset = credited.published()
    size = settings.WINSBOARD_FEED_PAGE_SIZE
    cards = queryset.newest_first().for_cards().with_celebration(request.user)
    page = keyset_page_or_none(request.GET, cards, size=size)
    if page is None:
        back_label = f"Back to {display_name(person)}'s newest wins"
        return broken_page_link(request, back_url=request.path, back_label=back_label)
    context = {
        "person": person,
        "person_name": display_name(person),
        "own_page": own_page,
        "page": page,
        "win_count": credited.published().count(),
    }
    return render(request, "stories/people/person.html", context)
