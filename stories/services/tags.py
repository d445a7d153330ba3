"""Tags: a win tagged and untagged; a tag renamed, or merged into another.

Names are tidied and matched by `stories.lib.curation` (`tag_clean_name`,
`tag_key`): typing "small-touches" finds the tag "Small touches". Every
refusal is a CurationError whose message tells the manager why. Each write
moves what wins show through `wins_changed`: the cards and search entries of
the wins the tag is on, and the feed's filter lists.
"""

import logging
from dataclasses import replace

from django.db import IntegrityError, transaction
from django.http import QueryDict
from django.utils.text import slugify
from django.utils.translation import gettext, gettext_lazy, ngettext

from ..lib.curation import TAG_MERGE_SELF, TAGS_PER_WIN_MAX, CurationError, tag_clean_name
from ..lib.slideshow_filters import BadSelection, parse_selection
from ..models import DisplayLink, Story, Tag
from .changes import wins_changed

log = logging.getLogger(__name__)

TAG_SLUG_BASE_MAX = 50  # leaves room in Tag.slug (60) for a "-123" suffix
NOT_SAVED = gettext_lazy("That tag could not be saved just now. Try again.")
TAG_GONE = gettext_lazy("That tag was just merged or removed by another manager. Look at the tags again and retry.")


def _tag_unique_slug(name):
    """slugify(name), or "tag" when nothing is left of it (e.g. "!!!", "日本"),
    with "-2", "-3" … when taken."""
    base = slugify(name)[:TAG_SLUG_BASE_MAX].strip("-") or "tag"
    taken = set(Tag.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def _tag_get_or_create(name):
    """(the tag `name` stands for, whether it was made now)."""
    tag = Tag.objects.find(name)
    if tag is not None:
        return tag, False
    try:
        with transaction.atomic():
            return Tag.objects.create(name=name, slug=_tag_unique_slug(name)), True
    except IntegrityError:  # created by someone else at the same moment
        tag = Tag.objects.find(name)
        if tag is None:
            raise CurationError(NOT_SAVED) from None
        return tag, False


@transaction.atomic
def tag_add(*, story, name, by):
    """Tag `story` with the tag `name` stands for: the existing one however
    it is typed ("#small-touches" is "Small touches"), else a new one in
    its tidy form. Returns the tag."""
    name = tag_clean_name(name)
    existing = Tag.objects.find(name)
    if existing is not None and story.tags.filter(pk=existing.pk).exists():
        return existing
    if story.tags.count() >= TAGS_PER_WIN_MAX:
        raise CurationError(
            ngettext(
                "A win can have up to %(count)s tag. Remove one first.",
                "A win can have up to %(count)s tags. Remove one first.",
                TAGS_PER_WIN_MAX,
            )
            % {"count": TAGS_PER_WIN_MAX}
        )
    tag, created = (existing, False) if existing is not None else _tag_get_or_create(name)
    # Merged away or deleted since it was found? (PostgreSQL: the lock waits
    # for a merge in progress; SQLite: the insert meets the missing row.)
    if not created and not Tag.objects.select_for_update().filter(pk=tag.pk).exists():
        raise CurationError(TAG_GONE)
    try:
        with transaction.atomic():
            story.tags.add(tag)
    except IntegrityError:
        raise CurationError(TAG_GONE) from None
    wins_changed(story, reindex=True, names=created)  # a new tag: the feed's filters offer it
    log.info("curation: %s tagged win %s #%s", by, story.pk, tag.slug)
    return tag


@transaction.atomic
def tag_remove(*, story, tag, by=None):
    story.tags.remove(tag)
    wins_changed(story, reindex=True)
    log.info("curation: %s untagged win %s #%s", by, story.pk, tag.slug)
    return story


@transaction.atomic
def tag_rename(*, tag, name, by=None):
    """Call `tag` `name` (tidied). Its slug stays, so its addresses — the
    feed's /?tag=…, slideshow filters, display links — keep working.
    Refused when another tag already goes by that name (merge into it
    instead). Returns the tag."""
    name = tag_clean_name(name)
    other = Tag.objects.exclude(pk=tag.pk).find(name)
    if other is not None:
        raise CurationError(
            gettext("There is already a tag “%(other)s”. Merge “%(tag)s” into it instead.")
            % {"other": other.name, "tag": tag.name}
        )
    if name == tag.name:
        return tag
    old_name, tag.name = tag.name, name
    try:
        with transaction.atomic():
            tag.save(update_fields=["name"])
    except IntegrityError:  # a tag by that name was made at the same moment
        raise CurationError(NOT_SAVED) from None
    wins_changed(tag.stories.all(), reindex=True, names=True)
    log.info("curation: %s renamed tag %s “%s” to “%s”", by, tag.pk, old_name, name)
    return tag


@transaction.atomic
def tag_merge(*, tag, into, by=None):
    """Merge `tag` into `into`: every win tagged `tag` is tagged `into`
    (once, whichever it had), and `tag` is deleted. Returns `into`."""
    if tag.pk == into.pk:
        raise CurationError(TAG_MERGE_SELF.format(name=tag.name))
    locked = Tag.objects.select_for_update().filter(pk__in=[tag.pk, into.pk]).values_list("pk", flat=True)
    if set(locked) != {tag.pk, into.pk}:
        raise CurationError(gettext("That tag is gone already (merged or deleted by someone else). Reload the page."))
    through = Story.tags.through
    wins = set(through.objects.filter(tag=tag).values_list("story_id", flat=True))
    has_it = set(through.objects.filter(tag=into, story_id__in=wins).values_list("story_id", flat=True))
    through.objects.bulk_create([through(story_id=pk, tag=into) for pk in sorted(wins - has_it)])
    _display_links_follow(tag, into)
    log.info("curation: %s merged tag %s “%s” into %s “%s”", by, tag.pk, tag.name, into.pk, into.name)
    tag.delete()
    wins_changed(wins, reindex=True, names=True)
    return into


def _display_links_follow(tag, into):
    """Display links that play `tag` play `into` from now on (a lobby screen
    keeps its wins when their tag is merged)."""
    for link in DisplayLink.objects.filter(query__contains=tag.slug):
        try:
            selection = parse_selection(QueryDict(link.query))
        except BadSelection:
            continue
        if selection.tag == tag.slug:
            link.query = replace(selection, tag=into.slug).as_query()
            link.save(update_fields=["query"])
