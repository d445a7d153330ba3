"""People in the Django admin: a person's profile (display name, team) on
their user page; and what every admin save keeps in step — through one
`services.wins_changed` call: the wins' and names' versions, the cards that
show what was saved and, after a rename of a person, a team or a tag, the
search index."""

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
    team's or a person's name …): one `services.wins_changed` call moves
    everything derived from it — the wins' and names' versions, the cards
    that show the object (`cards_of`), and the search index of those wins
    when a name they are found by changed (`reindexed_fields`, or always
    with `reindex_always`) — in the admin's transaction, after the related
    objects (heroes, tags, a profile) are saved; for a deletion, the wins
    are listed before it takes relations with it."""

    reindexed_fields = set()
    reindex_always = False

    def cards_of(self, objects, *, deleting=False):
        """The wins whose cards show any of `objects`, a queryset of this
        model (none unless a model admin says): one query however many."""
        return Story.objects.none()

    def _just(self, obj):
        return self.model._default_manager.filter(pk=obj.pk)

    def _renamed(self, form, formsets, change):
        if self.reindex_always:
            return True
        changed = set(form.changed_data) | {
            name for formset in formsets for inline in formset.forms for name in inline.changed_data
        }
        return change and bool(changed & self.reindexed_fields)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        reindex = self._renamed(form, formsets, change)
        services.wins_changed(self.cards_of(self._just(form.instance)), names=True, reindex=reindex)

    def delete_model(self, request, obj):
        shown = list(self.cards_of(self._just(obj), deleting=True).values_list("pk", flat=True))
        super().delete_model(request, obj)
        services.wins_changed(shown, names=True, reindex=bool(self.reindexed_fields))

    def delete_queryset(self, request, queryset):
        shown = list(self.cards_of(queryset, deleting=True).values_list("pk", flat=True))
        super().delete_queryset(request, queryset)
        services.wins_changed(shown, names=True, reindex=bool(self.reindexed_fields))


class PersonAdmin(VersionedAdminMixin, UserAdmin):
    """Django's user admin with the profile; a renamed person shows under the
    new name at once, and is found by it."""

    inlines = [*UserAdmin.inlines, ProfileInline]
    reindexed_fields = NAME_FIELDS | {"display_name"}

    def cards_of(self, users, *, deleting=False):
        """Wins showing their name or photo; deleted, also the comment counts of wins they commented on."""
        shown = Story.objects.showing_people(users)
        if not deleting:
            return shown
        commented = Comment.objects.filter(author__in=users.values("pk")).values("story_id")
        return Story.objects.filter(Q(pk__in=shown.values("pk")) | Q(pk__in=commented))


def register_people_admin(site):
    user_model = get_user_model()
    if site.is_registered(user_model):
        site.unregister(user_model)
    site.register(user_model, PersonAdmin)
