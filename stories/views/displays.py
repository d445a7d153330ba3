"""Managers' display links: list, create, rename, revoke (`/manage/displays/`)."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from .. import services
from ..models import DisplayLink, Tag, Team
from ..slideshow import BadSelection, describe, parse_selection
from ..slideshow_forms import DisplayLinkForm, DisplayLinkNameForm

curators_only = permission_required("stories.curate_story", raise_exception=True)


def _rows(request, links):
    """Each link with its address and its filters in words (tag and team
    names fetched once for the whole list)."""
    selections = {}
    for link in links:
        try:
            selections[link.pk] = parse_selection(QueryDict(link.query))
        except BadSelection:
            selections[link.pk] = None
    tags = dict(Tag.objects.filter(slug__in={s.tag for s in selections.values() if s}).values_list("slug", "name"))
    teams = dict(Team.objects.filter(pk__in={s.team for s in selections.values() if s}).values_list("pk", "name"))
    rows = []
    for link in links:
        selection = selections[link.pk]
        if selection is None:
            filters = ["broken filters — revoke this link and create a new one"]
        else:
            filters = describe(selection, tag_name=tags.get(selection.tag, ""), team_name=teams.get(selection.team, ""))
            filters += [f"{selection.seconds} s per slide"] + (["shuffled"] if selection.shuffle else [])
        url = request.build_absolute_uri(reverse("display", args=[link.token]))
        rows.append({"link": link, "url": url, "filters": filters})
    return rows


def _render_list(request, *, form=None, rename=None, rename_pk=None, status=200):
    links = list(DisplayLink.objects.select_related("created_by"))
    context = {
        "rows": _rows(request, links),
        "form": form or DisplayLinkForm(),
        "rename": rename,
        "rename_pk": rename_pk,
    }
    return render(request, "stories/slideshow/displays.html", context, status=status)


def _back_to_list(request, link, message):
    messages.success(request, message)
    return redirect(f"{reverse('display_links')}#link-{link.pk}")


@require_safe
@curators_only
def display_links(request):
    return _render_list(request)


@require_POST
@curators_only
def display_link_create(request):
    form = DisplayLinkForm(request.POST)
    if not form.is_valid():
        return _render_list(request, form=form, status=400)
    link = services.display_link_create(
        name=form.cleaned_data["name"], query=form.selection().as_query(), by=request.user
    )
    return _back_to_list(
        request, link, f"Display link “{link.name}” created. Open its address on the screen: no sign-in needed."
    )


@require_POST
@curators_only
def display_link_rename(request, pk):
    link = get_object_or_404(DisplayLink, pk=pk)
    form = DisplayLinkNameForm(request.POST)
    if not form.is_valid():
        return _render_list(request, rename=form, rename_pk=link.pk, status=400)
    services.display_link_rename(link=link, name=form.cleaned_data["name"])
    return _back_to_list(request, link, f"Renamed to “{link.name}”.")


@require_POST
@curators_only
def display_link_revoke(request, pk):
    link = get_object_or_404(DisplayLink, pk=pk)
    services.display_link_revoke(link=link)
    return _back_to_list(request, link, f"“{link.name}” is revoked: its screen stops showing wins at its next update.")
