"""The Django admin for wins, tags, teams, videos, display links and award categories. Its
writes go through `stories.services`; curation is in `.curation`, people
(profiles, and the search index after renames) in `.people`."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext

from .. import services
from ..lib.curation import CurationError, tag_clean_name
from ..models import Award, AwardCategory, DisplayLink, Photo, Story, Tag, Team, Video
from .curation import CURATION_LIST_FILTERS, CURATION_READONLY_FIELDS, CurationAdminMixin
from .people import VersionedAdminMixin, register_people_admin

register_people_admin(admin.site)


@admin.register(Team)
class TeamAdmin(VersionedAdminMixin, admin.ModelAdmin):
    list_display = ["name"]
    search_fields = ["name"]
    reindexed_fields = {"name"}

    def cards_of(self, teams, *, deleting=False):
        return Story.objects.filter(team__in=teams.values("pk"))


class TagAdminForm(forms.ModelForm):
    """The same name rules as tagging on the site: cleaned, and unique
    whatever its case or look-alike characters."""

    class Meta:
        model = Tag
        fields = ["name", "slug"]

    def clean_name(self):
        try:
            name = tag_clean_name(self.cleaned_data["name"])
        except CurationError as error:
            raise forms.ValidationError(str(error)) from None
        existing = Tag.objects.find(name)
        if existing is not None and existing.pk != self.instance.pk:
            raise forms.ValidationError(gettext("There is already a tag “%(name)s”.") % {"name": existing.name})
        return name


@admin.register(Tag)
class TagAdmin(VersionedAdminMixin, admin.ModelAdmin):
    form = TagAdminForm
    list_display = ["name", "slug", "created_at"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    reindexed_fields = {"name"}

    def cards_of(self, tags, *, deleting=False):
        tagged = Story.tags.through.objects.filter(tag__in=tags.values("pk"))
        return Story.objects.filter(pk__in=tagged.values("story_id"))


class PhotoInline(admin.TabularInline):
    """Alt text and order only: photos are added and removed on the win's edit
    page, where they go through the photo pipeline and their files are cleaned up."""

    model = Photo
    extra = 0
    can_delete = False
    fields = ["position", "alt_text", "large", "card"]
    readonly_fields = ["large", "card"]

    def has_add_permission(self, request, obj=None):
        return False


class DeleteThroughServicesMixin:
    """Admin deletions go through `stories.services` (`delete_all`, given a
    queryset: the same queries for one object or a thousand), so stored
    files are deleted after the commit rather than left behind."""

    def delete_model(self, request, obj):
        self.delete_all(self.model.objects.filter(pk=obj.pk))

    def delete_queryset(self, request, queryset):
        self.delete_all(queryset)


@admin.register(Story)
class StoryAdmin(DeleteThroughServicesMixin, VersionedAdminMixin, CurationAdminMixin, admin.ModelAdmin):
    list_display = [
        "headline",
        "kind",
        "team",
        "author",
        "happened_on",
        "needed_approval",
        "cost",
        "status",
        "created_at",
    ]
    list_filter = ["kind", "status", "needed_approval", "team", "happened_on", *CURATION_LIST_FILTERS]
    search_fields = ["headline", "body", "quote", "author__username", "author__first_name", "author__last_name"]
    date_hierarchy = "created_at"
    autocomplete_fields = ["heroes", "team", "tags"]
    raw_id_fields = ["author"]
    list_select_related = ["team", "author"]
    readonly_fields = ["created_at", "updated_at", *CURATION_READONLY_FIELDS]
    inlines = [PhotoInline]

    def delete_all(self, stories):
        services.stories_delete(stories=stories)

    reindex_always = True  # its words, heroes, team or tags may have changed

    def cards_of(self, stories, *, deleting=False):
        return Story.objects.filter(pk__in=stories.values("pk"))


@admin.register(Video)
class VideoAdmin(DeleteThroughServicesMixin, VersionedAdminMixin, admin.ModelAdmin):
    """Videos are attached on the win's edit page (checked and probed there)."""

    list_display = ["story", "provider", "status", "duration_seconds", "created_at"]
    list_filter = ["provider", "status"]
    raw_id_fields = ["story"]
    readonly_fields = ["story", "provider", "external_id", "file", "content_type", "poster", "poster_card"]

    def has_add_permission(self, request):
        return False

    def delete_all(self, videos):
        services.videos_delete(videos=videos)

    def cards_of(self, videos, *, deleting=False):
        return Story.objects.filter(pk__in=videos.values("story_id"))


@admin.register(DisplayLink)
class DisplayLinkAdmin(admin.ModelAdmin):
    list_display = ["name", "created_by", "created_at", "revoked_at", "last_used_at"]
    list_filter = ["revoked_at"]
    readonly_fields = ["token", "created_at", "last_used_at"]


@admin.register(AwardCategory)
class AwardCategoryAdmin(VersionedAdminMixin, admin.ModelAdmin):
    """Award categories (issue 23): a renamed one renews the badges of the
    wins that won it. A category with nominations or awards can't be deleted
    (make it inactive instead)."""

    list_display = ["name", "period", "active", "position"]
    list_editable = ["active", "position"]

    def cards_of(self, categories, *, deleting=False):
        return Story.objects.filter(
            pk__in=Award.objects.announced().filter(category__in=categories.values("pk")).values("story_id")
        )
