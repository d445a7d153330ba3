"""People in the Django admin: a person's profile (display name, team) on
their user page; what every admin save keeps in step — the wins' and
names' versions and the cards that show what was saved
(stories.services.versions) and, after a rename of a person, a team or a
tag, the search index (stories.services.search)."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db.models import Q

from .. import services
from ..models import Comment, Profile, Story

NAME_FIELDS = {"first_name", "last_name", "username"}


class ProfileInline(admin.StackedInline):
    """The display name and team; the photo is changed at /settings/, where
    it goes through the photo pipeline."""

    model = Profile
    can_delete = False
    fields = ["display_name", "team"]


class VersionedAdminMixin:
    """Saves and deletions in the admin change what wins show (a headline, a
    team's or a person's name …): a new wins' version, so the slideshow
    picks them up, a new names' version (the feed's filters), and new
    versions of the cards that show the object (`cards_of`) — in the
    admin's transaction, after the related objects (heroes, tags, a
    profile) are saved; before a deletion takes relations with it
    (stories.services.versions)."""

    def cards_of(self, obj, *, deleting=False):
        """The wins whose cards show `obj` (none unless a model admin says)."""
        return Story.objects.none()

    def _bump(self):
        services.version_bump()
        services.version_bump(name=services.NAMES)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        self._bump()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.cards_changed(self.cards_of(form.instance))
        self._bump()

    def delete_model(self, request, obj):
        services.cards_changed(self.cards_of(obj, deleting=True))
        super().delete_model(request, obj)
        self._bump()

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            services.cards_changed(self.cards_of(obj, deleting=True))
        super().delete_queryset(request, queryset)
        self._bump()


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

    def cards_of(self, user, *, deleting=False):
        """Wins showing their name or photo; deleted, also the comment counts of wins they commented on."""
        shown = Story.objects.showing_person(user)
        if not deleting:
            return shown
        commented = Comment.objects.filter(author=user).values("story_id")
        return Story.objects.filter(Q(pk__in=shown.values("pk")) | Q(pk__in=commented))


def register_people_admin(site):
    user_model = get_user_model()
    if site.is_registered(user_model):
        site.unregister(user_model)
    site.register(user_model, PersonAdmin)
