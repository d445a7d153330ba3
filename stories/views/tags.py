"""The managers' tags page (/manage/tags/edit/): every tag with how many
wins carry it; rename one, or merge it into another (after a confirmation).
Managers only (403 for everyone else); each action a POST with CSRF that
calls one service. Bad input shows the page again with the message beside
the field, a 400, nothing changed."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST, require_safe

from .. import services
from ..access import curator_required
from ..forms.tags import TagMergeForm, TagRenameForm
from ..lib.curation import CurationError
from ..models import Tag

REFUSAL = gettext_lazy("Only managers can rename and merge tags.")


def _page(request, *, failed=None, status=200):
    """The list; `failed` (from `_failed`) shows a form's message and what
    was typed in its tag's row."""
    context = {"tags": Tag.objects.with_win_counts().order_by("name"), "failed": failed or {}}
    return render(request, "stories/tags/manage.html", context, status=status)


def _failed(tag, action, form, field):
    message = " ".join(" ".join(errors) for errors in form.errors.values())
    return {"pk": tag.pk, "action": action, "value": form.data.get(field, ""), "message": message}


def _back(request, tag, message):
    messages.success(request, message)
    return redirect(f"{reverse('tags_manage')}#tag-{tag.pk}")


@require_safe
@curator_required(refusal=REFUSAL)
def tags_manage(request):
    return _page(request)


@require_POST
@curator_required(refusal=REFUSAL)
def tag_rename(request, pk):
    tag = get_object_or_404(Tag.objects.with_win_counts(), pk=pk)
    form, old_name = TagRenameForm(request.POST), tag.name
    if form.is_valid():
        try:
            services.tag_rename(tag=tag, name=form.cleaned_data["name"], by=request.user)
            values = {"old": old_name, "new": tag.name, "count": tag.win_count}
            message = ngettext(
                "Renamed “%(old)s” to “%(new)s” on %(count)s win.",
                "Renamed “%(old)s” to “%(new)s” on %(count)s wins.",
                tag.win_count,
            )
            return _back(request, tag, message % values)
        except CurationError as error:
            form.add_error("name", str(error))
    return _page(request, failed=_failed(tag, "rename", form, "name"), status=400)


@require_POST
@curator_required(refusal=REFUSAL)
def tag_merge(request, pk):
    """Asks first (nothing changes), then merges when confirmed (`confirm=yes`)."""
    tag = get_object_or_404(Tag.objects.with_win_counts(), pk=pk)
    form = TagMergeForm(request.POST, tag=tag)
    if not form.is_valid():
        return _page(request, failed=_failed(tag, "merge", form, "into"), status=400)
    into = form.cleaned_data["into"]
    if request.POST.get("confirm") != "yes":
        return render(request, "stories/tags/confirm_merge.html", {"tag": tag, "into": into})
    try:
        services.tag_merge(tag=tag, into=into, by=request.user)
    except CurationError as error:
        form.add_error("into", str(error))
        return _page(request, failed=_failed(tag, "merge", form, "into"), status=400)
    values = {"tag": tag.name, "into": into.name, "count": tag.win_count}
    message = ngettext(
        "Merged “%(tag)s” into “%(into)s”: %(count)s win moved.",
        "Merged “%(tag)s” into “%(into)s”: %(count)s wins moved.",
        tag.win_count,
    )
    return _back(request, into, message % values)
