"""People managed by managers (/manage/people/): the list of every account,
add one person, edit them, deactivate and reactivate (confirmed POSTs)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from .. import services
from ..access import curator_required
from ..forms.people_admin import PeopleSearchForm, PersonForm
from ..models import display_name, people

PAGE_SIZE = 50
REFUSAL = gettext_lazy("Only managers can manage people.")


@require_safe
@curator_required(refusal=REFUSAL)
def people_manage(request):
    """Every account (active, invited, deactivated) by name, searchable and
    filtered by team, status and role, 50 a page."""
    form = PeopleSearchForm(request.GET)
    found = people().shown().select_related("invitation").with_role().with_status().by_name()
    page = Paginator(found.managed_by(**form.filters()), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "words": form.words(), "query": form.query_string()}
    return render(request, "stories/people/manage.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@curator_required(refusal=REFUSAL)
def person_add(request):
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        person = services.person_add(**form.service_arguments())
        messages.success(request, f"{display_name(person)} is added: they are invited.")
        return redirect("people_manage")
    return render(request, "stories/people/person_form.html", {"form": form, "person": None}, status=_status(form))


def _status(form):
    return 400 if form.is_bound and form.errors else 200


def _person(pk):
    return get_object_or_404(people().shown().select_related("invitation").with_role().with_status(), pk=pk)


@require_http_methods(["GET", "HEAD", "POST"])
@curator_required(refusal=REFUSAL)
def person_edit(request, pk):
    person = _person(pk)
    form = PersonForm(request.POST or None, person=person, initial=_initial(person))
    if request.method == "POST" and form.is_valid():
        services.person_edit(user=person, **form.service_arguments())
        messages.success(request, f"{display_name(person)} is saved.")
        return redirect("people_manage")
    return render(request, "stories/people/person_form.html", {"form": form, "person": person}, status=_status(form))


def _initial(person):
    profile = getattr(person, "profile", None)
    manager = person.is_manager
    return {
        "name": display_name(person),
        "team": profile.team_id if profile else None,
        "email": person.email,
        "employee_id": profile.employee_id if profile else "",
        "role": "manager" if manager else "employee",
    }


@require_POST
@curator_required(refusal=REFUSAL)
def person_set_active(request, pk, active):
    """Deactivate or reactivate — once confirmed (`confirm=yes`); without it, the question."""
    person = _person(pk)
    if request.POST.get("confirm") != "yes":
        return render(request, "stories/people/confirm_active.html", {"person": person, "active": active})
    if person.pk == request.user.pk and not active:
        messages.error(request, _("You can't deactivate yourself."))
        return redirect("people_manage")
    services.person_set_active(user=person, active=active)
    done = "reactivated: they can sign in again" if active else "deactivated: they are signed out everywhere"
    messages.success(request, f"{display_name(person)} is {done}.")
    return redirect("people_manage")
