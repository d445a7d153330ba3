"""People: the directory (/people/), a person's page (/people/<username>/)
and your own profile (/settings/)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from .. import services
from ..forms.people import DirectoryForm, ProfileForm
from ..languages import of_browser
from ..lib import mentions
from ..lib.media import MediaError
from ..lib.pagination import keyset_page_or_none
from ..lib.people import kind_mix, month_starts, timeline
from ..models import Profile, Story, address_of, display_name, people
from ..models.award_reads import person_honours
from .cards import cards_for
from .pages import cached_page
from .responses import broken_page_link

DIRECTORY_PAGE_SIZE = 50
FEATURED_SHOWN = 6
SUGGESTIONS = 8


@require_safe
def people_suggest(request):
    """Colleagues whose name has what was typed after "@" (static/js/mentions.js),
    at most SUGGESTIONS, by name, as JSON: the name, the user name, and what to
    write after "@" to mention them. One query; nothing for nothing typed."""
    typed = " ".join(request.GET.get("q", "").replace("\x00", "").split())[:60]
    found = list(people().active().shown().named(typed).by_name()[:SUGGESTIONS]) if typed else []
    names = [display_name(person) for person in found]
    shared = {name for name in names if names.count(name) > 1}
    return JsonResponse(
        {
            "people": [
                {
                    "name": name,
                    "username": person.username,
                    "mention": mentions.written(name, person.username, name_shared=name in shared),
                }
                for person, name in zip(found, names, strict=True)
            ]
        }
    )


@require_safe
@cached_page
def people_directory(request):
    """Active colleagues by name, with their team and counts; searchable by
    name, filterable by team, 50 a page."""
    form = DirectoryForm(request.GET)
    words, team = form.criteria()
    found = people().active().shown().with_counts().by_name()
    if words:
        found = found.named(words)
    if team is not None:
        found = found.in_team(team.pk)
    context = {
        "form": form,
        "page": Paginator(found, DIRECTORY_PAGE_SIZE).get_page(request.GET.get("page")),
        "filter_query": form.query_string(),
        "searching": bool(words or team),
    }
    return render(request, "stories/people/directory.html", context)


def _person_or_404(username):
    if "\x00" in username:  # no username has one; PostgreSQL would refuse the query
        raise Http404
    users = get_user_model().objects.select_related("profile", "profile__team")
    return get_object_or_404(users, username=username, is_active=True)


def _listed(person, viewer, show):
    """The wins a person's page lists. Your own page also shows your wins
    waiting for review or hidden (marked), and, under "posted", the wins
    you posted for colleagues — only what you may open."""
    if show == "posted":
        return Story.objects.filter(author=person).exclude(heroes=person)
    if viewer.pk == person.pk:
        return Story.objects.credited_to(person).visible_to(viewer)
    return Story.objects.credited_to(person).published()


@require_safe
@cached_page
def person(request, username):
    person = _person_or_404(username)
    own_page = request.user.pk == person.pk
    show = "posted" if own_page and request.GET.get("show") == "posted" else "credited"
    wins = _listed(person, request.user, show).newest_first().card_keys(request.user)
    page = keyset_page_or_none(request.GET, wins, size=settings.WINSBOARD_FEED_PAGE_SIZE)
    if page is None:
        back_label = _("Back to %(name)s's newest wins") % {"name": display_name(person)}
        return broken_page_link(request, back_url=request.path, back_label=back_label)
    today = timezone.localdate()
    counts = Story.objects.credit_counts(person, months=month_starts(today), until=today)
    featured, awards = person_honours(person, featured_shown=FEATURED_SHOWN)
    context = {
        "person": person,
        "person_name": display_name(person),
        "own_page": own_page,
        "show": show,
        "page": page,
        "cards": cards_for(request, page.items, kind="story"),
        "base_query": "show=posted" if show == "posted" else "",
        "counts": counts,
        "win_count": counts["credited"],
        "kinds": kind_mix(counts, Story.Kind.choices),
        "timeline": timeline(counts, today),
        "featured": featured,
        "awards": awards,
    }
    return render(request, "stories/people/person.html", context)


@require_http_methods(["GET", "POST"])
def profile_settings(request):
    """/settings/: your display name, team and photo."""
    profile = Profile.objects.filter(user=request.user).select_related("team").first()
    posted = request.method == "POST"
    form = ProfileForm(
        request.POST if posted else None, request.FILES if posted else None, user=request.user, profile=profile
    )
    failed = None
    if posted and form.is_valid():
        failed = _save_profile(request.user, form)
        if failed is None:
            with translation.override(form.cleaned_data["language"] or of_browser(request)):  # said in the new one
                messages.success(request, _("Your profile is saved."))
            return redirect("profile_settings")
    context = {
        "form": form,
        "profile": profile,
        "error_count": len(form.errors),
        "forwarding_address": address_of(request.user),
    }
    return render(request, "stories/people/settings.html", context, status=(failed or 400) if form.errors else 200)


def _save_profile(user, form):
    """None once saved; else the status of the form shown again with why
    (the photo store full, read-only or away: 507/503, nothing saved)."""
    data = form.cleaned_data
    try:
        services.profile_update(
            user=user,
            display_name=data["display_name"],
            team=data["team"],
            photo=data["photo"],
            remove_photo=data.get("remove_photo", False),
            language=data["language"],
        )
    except MediaError as error:
        form.add_error("photo", str(error))
        return error.status
    return None
