"""/featured/: the featured wall — the wins managers picked, in their order
(`Story.objects.featured()`, which the slideshow plays too), filterable by tag."""

import re

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_safe

from ..models import Story, Tag, can_curate

WALL_PAGE_SIZE = 48
SLUG = re.compile(r"[-a-zA-Z0-9_]+")


def wall_context(params, *, user):
    """What the wall shows `user` for these GET parameters (`tag`, `page`): a
    fixed number of queries however many wins, heroes and tags there are.
    Managers arrange the whole wall (not a tag's part of it)."""
    wall = Story.objects.featured()
    tags = list(Tag.objects.filter(stories__in=wall.values("pk")).distinct().order_by("name"))
    slug = params.get("tag", "")[:60]
    if slug:  # not a slug we could have made (NUL, spaces …): nothing is tagged so
        wall = wall.filter(tags__slug=slug) if SLUG.fullmatch(slug) else wall.none()
    page = Paginator(wall.for_cards(), WALL_PAGE_SIZE).get_page(params.get("page"))
    return {
        "page": page,
        "wall_tags": tags,
        "active_slug": slug,
        "active_tag": next((tag for tag in tags if tag.slug == slug), None),
        "arrange": can_curate(user) and not slug,
    }


@require_safe
def featured_wall(request):
    return render(request, "stories/featured.html", wall_context(request.GET, user=request.user))
