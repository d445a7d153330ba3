"""Nominations and awards. The rules (who may nominate, what a reason and a
citation may be, when a period is open) are in `stories.models.awards`;
every refusal is an AwardError whose message tells the person why. The
people an award or a nomination concerns are told through
`stories.services.notifications`.

Announcing is idempotent: each chosen award is marked announced by one
conditional UPDATE, and only the awards this call marked are told, posted
and shown — announcing twice (or two managers at once) sends nothing twice."""

import logging

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from ..models import Award, AwardCategory, Nomination, Story
from ..models.awards import (
    NOT_SHARED,
    AwardError,
    NotAllowed,
    clean_citation,
    clean_reason,
    nomination_refusal,
)
from .changes import wins_changed
from .notifications import (
    notify_awarded,
    notify_nominated,
    notify_nominations_withdrawn,
    notify_unnominated,
    post_awards_to_chat,
)

log = logging.getLogger(__name__)


def _announced(category, start):
    return Award.objects.announced().in_period(category, start).exists()


def _shared_now(story):
    """The win as it is now, its row locked (PostgreSQL) against a hide at
    the same moment: refused unless it is shared with everyone."""
    story = Story.objects.select_for_update().filter(pk=story.pk).first()
    if story is None or story.status != Story.Status.PUBLISHED or story.hidden_at is not None:
        raise AwardError(NOT_SHARED)
    return story


@transaction.atomic
def nomination_create(*, story, nominator, category, reason, today=None):
    """Nominate `story` for `category` in the period `today` falls in. The
    database keeps one per person, win, category and period."""
    today = today or timezone.localdate()
    story = _shared_now(story)
    refusal = nomination_refusal(user_id=nominator.pk, story=story, hero_ids=story.heroes.values_list("pk", flat=True))
    if refusal:
        raise NotAllowed(refusal)
    if not category.active:
        raise AwardError(gettext("“%(name)s” takes no nominations at the moment.") % {"name": category.shown_name})
    start, _ = category.period_of(today)
    label = category.period_label(start)
    if _announced(category, start):
        raise AwardError(
            gettext("%(category)s, %(period)s is announced already. Nominate it again next period.")
            % {"category": category.shown_name, "period": label}
        )
    reason = clean_reason(reason)
    try:
        with transaction.atomic():
            nomination = Nomination.objects.create(
                story=story, nominator=nominator, category=category, period_start=start, reason=reason
            )
    except IntegrityError:  # the same person's other request got there first
        raise AwardError(
            gettext("You nominated this win for %(category)s in %(period)s already.")
            % {"category": category.shown_name, "period": label}
        ) from None
    notify_nominated(nomination=nomination)
    log.info("awards: %s nominated win %s for category %s", nominator.pk, story.pk, category.pk)
    return nomination


@transaction.atomic
def nomination_withdraw(*, nomination, by, today=None):
    """Its nominator takes it back, while its period is open."""
    if nomination.nominator_id != by.pk:
        raise NotAllowed(gettext("Only the colleague who nominated a win can withdraw the nomination."))
    if not nomination.is_open(today or timezone.localdate()):
        raise AwardError(gettext("This period is closed: its nominations stay as they are."))
    category, start, story = nomination.category, nomination.period_start, nomination.story
    nomination.delete()
    if not Nomination.objects.in_period(category, start).on(story).exists():  # no nominee any more: not a choice
        Award.objects.chosen().in_period(category, start).filter(story=story).delete()
    if not Nomination.objects.on(story).by(by).exists():
        notify_unnominated(story=story, by=by)


def nominations_withdraw_hidden(*, story, by):
    """A manager hid `story`: its nominations for periods not announced go,
    with a note to each nominator, and so does any award chosen for it and
    not announced (hidden wins cannot win). Called by `story_hide`."""
    nominations = list(Nomination.objects.on(story).undecided().select_related("category", "story"))
    if not nominations:
        return []
    Nomination.objects.filter(pk__in=[nomination.pk for nomination in nominations]).delete()
    Award.objects.chosen().filter(story=story).delete()
    notify_nominations_withdrawn(nominations=nominations, by=by)
    return nominations


@transaction.atomic
def award_choose(*, category, period_start, story, place, citation, by):
    """Choose `story` (a nominee of this category's period) as its winner
    or a runner-up, with a citation. A new winner replaces the one chosen
    before; nothing changes once the period is announced."""
    if _announced(category, period_start):
        raise AwardError(
            gettext("%(category)s, %(period)s is announced already.")
            % {"category": category.shown_name, "period": category.period_label(period_start)}
        )
    story = _shared_now(story)
    if not Nomination.objects.in_period(category, period_start).on(story).exists():
        raise AwardError(gettext("Only a win nominated for this category in this period can win it."))
    citation = clean_citation(citation)
    chosen = Award.objects.chosen().in_period(category, period_start)
    if place == Award.Place.WINNER:
        chosen.filter(place=Award.Place.WINNER).exclude(story=story).delete()
    try:
        with transaction.atomic():
            award, _ = Award.objects.update_or_create(
                category=category,
                period_start=period_start,
                story=story,
                defaults={"place": place, "citation": citation, "chosen_by": by, "chosen_at": timezone.now()},
            )
    except IntegrityError:  # another manager chose a winner at the same moment
        raise AwardError(gettext("Another manager chose for this category at the same moment. Look again.")) from None
    return award


@transaction.atomic
def award_remove(*, award, by):
    """Take a choice back before it is announced."""
    if award.is_announced:
        raise AwardError(gettext("An announced award stays."))
    award.delete()


@transaction.atomic
def awards_announce(*, period_start, by):
    """Announce every award chosen for the periods starting on
    `period_start`: badges on the wins' cards, pages and people's pages,
    notifications (in the app, e-mail as each person prefers), the chat,
    a slide before the wins for a week, the weekly digest. Returns the
    awards this call announced (none when they were announced already)."""
    chosen = list(
        Award.objects.chosen().filter(period_start=period_start).on_shared_wins().select_related("category", "story")
    )
    without_winner = {award.category.name for award in chosen} - {
        award.category.name for award in chosen if award.place == Award.Place.WINNER
    }
    if without_winner:
        raise AwardError(
            gettext("Choose a winner for %(categories)s first, or remove its runners-up.")
            % {"categories": ", ".join(sorted(without_winner))}
        )
    now, announced = timezone.now(), []
    for award in chosen:
        if Award.objects.filter(pk=award.pk, announced_at__isnull=True).update(announced_at=now):
            award.announced_at = now
            announced.append(award)
    if not announced:
        return []
    wins_changed([award.story_id for award in announced])  # badges on cards, the award slides
    for award in announced:
        notify_awarded(award=award, by=by)
    post_awards_to_chat(awards=announced)
    log.info("awards: %s announced %s award(s) of %s", getattr(by, "pk", None), len(announced), period_start)
    return announced


@transaction.atomic
def award_category_save(*, category=None, name, description, period, active, by):
    """Add a category (`category` None: listed last) or change one. A
    renamed category renews the badges of the wins that won it; its period
    stays once it has nominations (their periods would no longer match)."""
    if category is None:
        last = AwardCategory.objects.order_by("-position").values_list("position", flat=True).first() or 0
        category = AwardCategory(position=last + 1)
    elif period != category.period and (category.nominations.exists() or category.awards.exists()):
        raise AwardError(
            gettext("“%(name)s” has nominations: its period stays. Add a new category instead.")
            % {"name": category.name}
        )
    renamed = category.pk is not None and name != category.name
    category.name, category.description, category.period, category.active = name, description, period, active
    try:
        with transaction.atomic():
            category.save()
    except IntegrityError:
        raise AwardError(gettext("There is a category called “%(name)s” already.") % {"name": name}) from None
    if renamed:
        wins_changed(Story.objects.filter(awards__category=category, awards__announced_at__isnull=False))
    log.info("awards: %s saved category %s", getattr(by, "pk", None), category.pk)
    return category
