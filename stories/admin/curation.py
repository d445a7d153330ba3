"""Curation in the Django admin: list filters (featured, hidden, reviewed)
and bulk actions (feature, unfeature, hide with a reason, unhide, approve),
all through `stories.services`, for users with `stories.curate_story`."""

from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.template.response import TemplateResponse
from django.utils.translation import gettext, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from .. import services
from ..forms.curation import HideForm
from ..lib.curation import CurationError
from ..models.roles import can_curate

# Changed only through the services (the wall order, who did what and when).
CURATION_READONLY_FIELDS = [
    "status",
    "reviewed_at",
    "reviewed_by",
    "featured_at",
    "featured_by",
    "wall_position",
    "pinned",
    "hidden_at",
    "hidden_by",
    "hidden_reason",
]


class _YesNoFilter(admin.SimpleListFilter):
    field = ""
    labels = (_("Yes"), _("No"))

    def lookups(self, request, model_admin):
        return [("yes", self.labels[0]), ("no", self.labels[1])]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(**{f"{self.field}__isnull": self.value() == "no"})
        return queryset


class FeaturedFilter(_YesNoFilter):
    title = pgettext_lazy("an admin filter", "featured")
    parameter_name = "featured"
    field = "featured_at"
    labels = (_("On the featured wall"), _("Not featured"))


class HiddenFilter(_YesNoFilter):
    title = pgettext_lazy("an admin filter", "hidden")
    parameter_name = "hidden"
    field = "hidden_at"
    labels = (pgettext_lazy("a win is", "Hidden"), pgettext_lazy("a win is", "Visible"))


class ReviewedFilter(_YesNoFilter):
    title = pgettext_lazy("an admin filter", "reviewed")
    parameter_name = "reviewed"
    field = "reviewed_at"
    labels = (pgettext_lazy("a win is", "Reviewed"), _("Not reviewed yet"))


CURATION_LIST_FILTERS = [FeaturedFilter, HiddenFilter, ReviewedFilter, "tags"]


def _apply(modeladmin, request, queryset, service, done_text, **kwargs):
    done, refused = 0, []
    for story in queryset:
        try:
            service(story=story, **kwargs)
            done += 1
        except CurationError as error:
            # Translators: a win's headline, then why the action could not be done to it.
            refused.append(gettext("“%(headline)s”: %(error)s") % {"headline": story.headline, "error": error})
    if done:
        modeladmin.message_user(request, _done_message(done_text, done), messages.SUCCESS)
    for text in refused:
        modeladmin.message_user(request, text, messages.WARNING)


def _done_message(action, count):
    """“3 wins featured.”: what an action did, as one sentence, plural by `count`."""
    sentences = {
        "featured": ngettext("%(count)s win featured.", "%(count)s wins featured.", count),
        "unfeatured": ngettext("%(count)s win taken off the wall.", "%(count)s wins taken off the wall.", count),
        "approved": ngettext(
            "%(count)s win approved or marked reviewed.", "%(count)s wins approved or marked reviewed.", count
        ),
        "unhidden": ngettext("%(count)s win unhidden.", "%(count)s wins unhidden.", count),
        "hidden": ngettext("%(count)s win hidden.", "%(count)s wins hidden.", count),
    }
    return sentences[action] % {"count": count}


@admin.action(description=_("Feature the selected wins"), permissions=["curate"])
def feature_selected(modeladmin, request, queryset):
    # Oldest first, so the newest ends up at the top of the wall.
    _apply(
        modeladmin, request, queryset.order_by("created_at", "pk"), services.story_feature, "featured", by=request.user
    )


@admin.action(description=_("Take the selected wins off the featured wall"), permissions=["curate"])
def unfeature_selected(modeladmin, request, queryset):
    featured = list(queryset.filter(featured_at__isnull=False))
    if not featured:
        modeladmin.message_user(request, gettext("None of the selected wins was on the wall."), messages.INFO)
    _apply(modeladmin, request, featured, services.story_unfeature, "unfeatured", by=request.user)


@admin.action(description=_("Approve / mark reviewed the selected wins"), permissions=["curate"])
def approve_selected(modeladmin, request, queryset):
    _apply(modeladmin, request, queryset, services.story_approve, "approved", by=request.user)


@admin.action(description=_("Unhide the selected wins"), permissions=["curate"])
def unhide_selected(modeladmin, request, queryset):
    _apply(
        modeladmin,
        request,
        queryset.filter(hidden_at__isnull=False),
        services.story_unhide,
        "unhidden",
        by=request.user,
    )


@admin.action(description=_("Hide the selected wins (with a reason)…"), permissions=["curate"])
def hide_selected(modeladmin, request, queryset):
    """First a page asking for the reason; then hide them all with it."""
    form = HideForm(request.POST if "apply" in request.POST else None)
    if form.is_bound and form.is_valid():
        reason = form.cleaned_data["reason"]
        _apply(modeladmin, request, queryset, services.story_hide, "hidden", by=request.user, reason=reason)
        return None
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": gettext("Hide wins"),
        "opts": modeladmin.model._meta,
        "form": form,
        "stories": queryset,
        "selected": request.POST.getlist(ACTION_CHECKBOX_NAME),
        "select_across": request.POST.get("select_across", "0"),
        "action_checkbox_name": ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "stories/curation/admin_hide.html", context)


class CurationAdminMixin:
    """For StoryAdmin: the curation actions, shown to curators only."""

    actions = [feature_selected, unfeature_selected, hide_selected, unhide_selected, approve_selected]

    def has_curate_permission(self, request):
        return can_curate(request.user)
