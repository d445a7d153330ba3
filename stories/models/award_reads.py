"""The reads pages make of awards beyond one queryset: the managers'
boards (each period to decide, its nominees ranked: nominations, then
cheers, then the customer's rating — `Story.customer_rating`, from their
answer by link (models/customer_voice.py)), and a
person's honours (featured wins and announced awards, in one query)."""

import datetime
from dataclasses import dataclass, field

from django.db.models import F, FilteredRelation, Q

from .awards import Award, AwardCategory, Nomination, award_label
from .wins import Story, heroes_in_order


def nominee_rank(nominee):
    """The sort key of a nominee (most nominations, then most cheers, then
    the best customer rating when there is one, then the oldest win)."""
    rating = nominee.customer_rating
    return (-nominee.nomination_count, -nominee.cheer_count, rating is None, -(rating or 0), nominee.pk)


# --- the managers' page -----------------------------------------------------------------


@dataclass
class Nominee:
    """A win on a board: its nominations there (`reasons`, oldest first),
    its cheers and customer rating, and the award chosen for it (or None)."""

    story: Story
    award: "Award | None" = None
    reasons: list = field(default_factory=list)

    @property
    def pk(self):
        return self.story.pk

    @property
    def nomination_count(self):
        return len(self.reasons)

    @property
    def cheer_count(self):
        return self.story.cheer_count

    @property
    def customer_rating(self):
        return self.story.customer_rating


@dataclass
class Board:
    """One category's period to decide: its nominees, best first (`nominee_rank`)."""

    category: AwardCategory
    period_start: datetime.date
    nominees: list = field(default_factory=list)

    @property
    def label(self):
        return award_label(self.category, self.period_start)

    @property
    def chosen(self):
        return [nominee.award for nominee in self.nominees if nominee.award is not None]


def by_period(boards):
    """[(period start, its label, its boards)], newest first: one Announce
    per start ("December 2026", or "October 2026 · Q4 2026" with a quarterly
    category)."""
    periods = {}
    for board in boards:
        periods.setdefault(board.period_start, []).append(board)
    labelled = []
    for start, group in periods.items():
        labels = dict.fromkeys(board.category.period_label(start) for board in group)
        labelled.append((start, " · ".join(labels), group))
    return labelled


def award_boards(today):
    """Every period to decide: each active category's open period (empty
    or not) and any earlier one with nominations and nothing announced —
    newest first. Five queries, however many nominees and reasons."""
    nominations = Nomination.objects.undecided().filter(story__in=Story.objects.published())
    nominations = list(nominations.select_related("category", "nominator__profile").order_by("created_at", "id"))
    chosen = {(a.category_id, a.period_start, a.story_id): a for a in Award.objects.chosen()}
    ids = {nomination.story_id for nomination in nominations}
    stories = Story.objects.filter(pk__in=ids).with_cheer_counts()
    stories = {story.pk: story for story in stories.prefetch_related(heroes_in_order())}
    boards = {}
    for category in AwardCategory.objects.active():
        start, _ = category.period_of(today)
        boards[(category.pk, start)] = Board(category, start)
    for nomination in nominations:
        key = (nomination.category_id, nomination.period_start)
        board = boards.setdefault(key, Board(nomination.category, nomination.period_start))
        nominee = next((one for one in board.nominees if one.pk == nomination.story_id), None)
        if nominee is None:
            nominee = Nominee(stories[nomination.story_id], chosen.get((*key, nomination.story_id)))
            board.nominees.append(nominee)
        nominee.reasons.append(nomination)
    for board in boards.values():
        board.nominees.sort(key=nominee_rank)
    return sorted(boards.values(), key=lambda b: (-b.period_start.toordinal(), b.category.position, b.category.name))


# --- a person's page -------------------------------------------------------------------


def person_honours(person, *, featured_shown):
    """([featured wins], [announced awards]) credited to `person`, on wins
    shared with everyone: the featured ones in the wall's order (up to
    `featured_shown`), the awards newest first — in one query (a row per
    win and award), so the person page keeps its query bar."""
    wins = Story.objects.published().credited_to(person)
    wins = wins.annotate(honour=FilteredRelation("awards", condition=Q(awards__announced_at__isnull=False)))
    wins = wins.filter(Q(featured_at__isnull=False) | Q(honour__isnull=False))
    order = ("-pinned", F("wall_position").asc(nulls_first=True), "-featured_at", "-id")  # StoryQuerySet.featured's
    rows = wins.order_by(*order).values(
        "pk",
        "headline",
        "featured_at",
        "honour__pk",
        "honour__place",
        "honour__period_start",
        "honour__announced_at",
        "honour__category__name",
        "honour__category__period",
        "honour__category__position",
    )
    featured, awards = {}, []
    for row in rows:
        story = Story(pk=row["pk"], headline=row["headline"])
        if row["featured_at"] is not None and len(featured) < featured_shown:
            featured.setdefault(row["pk"], story)
        if row["honour__pk"] is not None:
            category = AwardCategory(
                name=row["honour__category__name"],
                period=row["honour__category__period"],
                position=row["honour__category__position"],
            )
            awards.append(
                Award(
                    pk=row["honour__pk"],
                    place=row["honour__place"],
                    period_start=row["honour__period_start"],
                    announced_at=row["honour__announced_at"],
                    category=category,
                    story=story,
                )
            )
    awards.sort(key=lambda award: (award.announced_at, award.period_start, -award.category.position), reverse=True)
    return list(featured.values()), awards
