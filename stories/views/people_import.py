"""Importing and exporting people (/manage/people/import/, /manage/people/export.csv).

The upload answers with a preview; the file's bytes wait server-side (the
shared cache, for an hour) under a random token, with the digest of the plan
previewed. "Import N people" sends only the token: the same bytes are read
again and applied only if their plan is still the one shown (the people may
have changed since)."""

import secrets

from django.contrib import messages
from django.core.cache import cache
from django.http import StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from .. import services
from ..access import curator_required
from ..forms.people_admin import PeopleImportForm
from ..lib.csv_safe import CSV_CONTENT_TYPE, stream_csv
from ..lib.people_csv import COLUMNS, parse_people_csv
from ..models import display_name, people
from .people_admin import REFUSAL

KEEP_SECONDS = 3600


def _key(token):
    return f"people-import:{token}"


@require_http_methods(["GET", "HEAD", "POST"])
@curator_required(refusal=REFUSAL)
def people_import(request):
    """The upload form; a POSTed file answers with its preview (nothing written)."""
    form = PeopleImportForm(request.POST or None, request.FILES or None)
    if request.method != "POST" or not form.is_valid():
        status = 400 if form.is_bound else 200
        return render(request, "stories/people/import.html", {"form": form}, status=status)
    plan = services.people_import_plan(parsed=form.parsed)
    token = secrets.token_urlsafe(24)
    saved = {"user": request.user.pk, "data": form.data_bytes, "digest": plan.digest()}
    cache.set(_key(token), saved, KEEP_SECONDS)
    return render(request, "stories/people/import_preview.html", {"plan": plan, "token": token})


@require_POST
@curator_required(refusal=REFUSAL)
def people_import_apply(request):
    """Apply the previewed file (by its token) in one transaction."""
    token = request.POST.get("token", "")
    saved = cache.get(_key(token)) if 20 <= len(token) <= 64 else None
    if saved is None or saved["user"] != request.user.pk:
        messages.error(request, _("That preview has expired or isn't yours: upload the file again."))
        return redirect("people_import")
    try:
        plan = services.people_import_apply(parsed=parse_people_csv(saved["data"]), digest=saved["digest"])
    except services.PlanChanged:
        messages.error(request, _("People changed since the preview: nothing was imported. Upload the file again."))
        return redirect("people_import")
    cache.delete(_key(token))
    messages.success(
        request,
        # Translators: numbers of people added, updated and unchanged by an import.
        _("Imported: %(added)s added, %(updated)s updated, %(unchanged)s unchanged.")
        % {"added": len(plan.created), "updated": len(plan.updated), "unchanged": plan.unchanged},
    )
    return redirect("people_manage")


def export_row(person):
    profile = getattr(person, "profile", None)
    return [
        display_name(person),
        person.email,
        profile.team.name if profile is not None and profile.team is not None else "",
        "manager" if person.is_manager else "employee",
        (profile.employee_id or "") if profile is not None else "",
        "active" if person.is_active else "left",
    ]


@require_safe
@curator_required(refusal=REFUSAL)
def people_export(request):
    """Every account in the import's columns, safe to open in a spreadsheet."""
    found = people().shown().with_role().order_by("pk")
    rows = (export_row(person) for person in found.iterator(chunk_size=1000))
    response = StreamingHttpResponse(stream_csv(COLUMNS, rows), content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = 'attachment; filename="people.csv"'
    return response
