"""The shared feed and people pages: lists of cards, newest first."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from ..models import Story, Tag, Team, display_name
from ..pagination import BadCursor, keyset_page
from .errors import broken_page_link


def _filtered(queryset, params):
    """Apply the feed's filters; return (queryset, the active filters)."""
    active = {}
    kind = params.get("kind", "")
    if kind in Story.Kind.values:
        queryset = queryset.filter(kind=kind)
        active["kind"] = kind
    team = params.get("team", "")
    if team.isascii() and team.isdigit() and len(team) < 12:
        queryset = queryset.filter(team_id=int(team))
        active["team"] = team
    tag = params.get("tag", "").replace("\x00", "")[:60]  # PostgreSQL refuses NUL in text
    if tag:
        queryset = queryset.filter(tags__slug=tag)
        active["tag"] = tag
    q = " ".join(params.get("q", "").replace("\x00", "").split())[:100]
    if q:
        queryset = queryset.filter(Q(headline__icontains=q) | Q(body__icontains=q) | Q(quote__icontains=q))
        active["q"] = q
    return queryset, active


def _page_or_400(request, queryset):
    try:
        return keyset_page(queryset, cursor=request.GET.get("before", ""), size=settings.WINSBOARD_FEED_PAGE_SIZE)
    except BadCursor:
        return None


def feed(request):
    queryset, active = _filtered(Story.objects.published(), request.GET)
    page = _page_or_400(request, queryset.newest_first().for_cards())
    if page is None:
        return broken_page_link(request, back_url=reverse("feed"), back_label="Back to the newest wins")
    context = {
        "page": page,
        "active": active,
        "kinds": Story.Kind.choices,
        "teams": Team.objects.all(),
        "active_tag": Tag.objects.filter(slug=active["tag"]).first() if "tag" in active else None,
        "filter_query": urlencode(active),
    }
    return render(request, "stories/feed.html", context)


def person(request, username):
    if "\x00" in username:  # no username has one; PostgreSQL would refuse the query
        raise Http404
    person = get_object_or_404(get_user_model(), username=username, is_active=True)
    own_page = request.user.pk == person.pk
    credited = Story.objects.filter(heroes=person)
    if own_page:
        # Your own page also shows what you wrote for others, and what waits
        # for review or was hidden (marked as such) — only what you may open.
        queryset = Story.objects.filter(Q(heroes=person) | Q(author=person)).visible_to(request.user).distinct()
    else:
        queryset = credited.published()
    page = _page_or_400(request, queryset.newest_first().for_cards())
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
    return render(request, "stories/person.html", context)
