"""The reads behind cached cards (StoryQuerySet mixes these in; the cache
itself is stories.views.cards): a page's wins as keys to their cards, the
wins to render when a card is missing, and which wins' cards show a person.

A card is cached by (win, `Story.card_version`); `stories.services.wins_changed`
moves the version in the transaction that changes what the card shows."""

from django.db import models
from django.db.models import Exists, OuterRef, Prefetch, Q

from .celebrate import Cheer

# What a page reads of its wins when their cards come from the cache: the
# key (id, version, created_at), and what the viewer's state on a card needs.
CARD_KEY_FIELDS = ("id", "card_version", "created_at", "author", "status", "hidden_at")


class CardQuerySet(models.QuerySet):
    def card_keys(self, viewer):
        """The page's wins as keys to their cards: id, `card_version`,
        `created_at` (the pager's cursor too), and what a card shows `viewer`
        in particular — `cheered` (their own cheer) and `credits_viewer` (a
        win's heroes and author get no Cheer button). Nothing else is loaded:
        reading another field raises (FETCH_RAISE) instead of costing a
        query per card."""
        cheers = Cheer.objects.filter(story=OuterRef("pk"), user_id=viewer.pk)
        credits = self.model.heroes.through.objects.filter(story=OuterRef("pk"), user_id=viewer.pk)
        wins = self.only(*CARD_KEY_FIELDS).annotate(cheered=Exists(cheers), credits_viewer=Exists(credits))
        return wins.fetch_mode(models.FETCH_RAISE)

    def for_card_html(self, ids, *, related=()):
        """The wins `ids` with everything their cards show, whoever looks:
        `for_cards()`, the cheer count and latest cheerers, the comment count
        and the announced awards (badges) — a constant number of queries
        however many. `related`: more select_related (the review queue
        shows who hid a win)."""
        wins = self.filter(pk__in=ids).for_cards().with_cheers().with_comment_counts()
        wins = wins.prefetch_related(with_award_categories(self.model))
        return wins.select_related(*related) if related else wins

    def showing_person(self, user, *, cheered=True):
        """Wins whose cards show `user`: credited to them (name and photo),
        written by them and hidden by them (the review queue's names), and
        — with `cheered` — cheered by them (“Ana, Luis … cheered” uses first
        names)."""
        return self.showing_people([user.pk], cheered=cheered)

    def showing_people(self, users, *, cheered=True):
        """`showing_person` for many: `users` is a list of ids or a queryset
        of users (one query however many)."""
        ids = users.values("pk") if hasattr(users, "values") else users
        credited = self.model.heroes.through.objects.filter(user_id__in=ids).values("story_id")
        shown = Q(pk__in=credited) | Q(author_id__in=ids) | Q(hidden_by_id__in=ids)
        if cheered:
            shown |= Q(pk__in=Cheer.objects.filter(user_id__in=ids).values("story_id"))
        return self.filter(shown)


def with_award_categories(story_model):
    """A win's awards with their categories, in one query for all the wins
    (`Story.award_badges` shows the announced ones). The Award model is read
    off the relation: models/awards.py builds on the wins, not the reverse."""
    awards = story_model._meta.get_field("awards").related_model.objects.select_related("category")
    return Prefetch("awards", queryset=awards)
