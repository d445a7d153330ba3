"""People in the Django admin: a person's profile (display name, team) on
their user page; what every admin save keeps in step — the wins' version
(stories.services.versions) and, after a rename of a person, a team or a
tag, the search index (stories.services.search)."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from .. import services
from ..models import Profile, Story

NAME_FIELDS = {"first_name", "last_name", "username"}


class ProfileInline(admin.StackedInline):
    """The display name and team; the photo is changed at /settings/, where
    it goes through the photo pipeline."""

    model = Profile
    can_delete = False
    fields = ["display_name", "team"]


class VersionedAdminMixin:
    """Saves and deletions in the admin change what wins show (a headline, a
    team's or a person's name …): a new wins' version, so the slideshow and
    cached pages pick them up (stories.services.versions)."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        services.version_bump()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.version_bump()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        services.version_bump()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        services.version_bump()


class ReindexOnRenameMixin:
    """After a save that changed one of `reindexed_fields`, the wins found by
    that name (`wins_of(obj)`) are indexed again."""

    reindexed_fields = {"name"}

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        changed = set(form.changed_data) | {
            name for formset in formsets for inline in formset.forms for name in inline.changed_data
        }
        if change and changed & self.reindexed_fields:
            services.search_index_refresh(stories=self.wins_of(form.instance))


class PersonAdmin(VersionedAdminMixin, ReindexOnRenameMixin, UserAdmin):
    """Django's user admin with the profile; a renamed person shows under the
    new name at once, and is found by it."""

    inlines = [*UserAdmin.inlines, ProfileInline]
    reindexed_fields = NAME_FIELDS | {"display_name"}

    def wins_of(self, user):
        return Story.objects.involving(user)


def register_people_admin(site):
    user_model = get_user_model()
    if site.is_registered(user_model):
        site.unregister(user_model)
    site.register(user_model, PersonAdmin)
