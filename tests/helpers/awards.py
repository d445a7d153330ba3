"""Awards for a test: the categories the migration makes, nominating,
choosing and announcing as people do."""

from django.utils import timezone

from stories import services
from stories.models import Award, AwardCategory

CREATIVE = "Most creative idea"
ON_THE_SPOT = "Best decision on the spot"
LESSON = "Best lesson from a miss"


def category(name=CREATIVE):
    """One of the three categories the migration makes (made again after a
    transactional test's flush)."""
    made, _ = AwardCategory.objects.get_or_create(name=name, defaults={"position": 2})
    return made


def nominate(story, by, *, name=CREATIVE, reason="A lovely idea.", today=None):
    return services.nomination_create(story=story, nominator=by, category=category(name), reason=reason, today=today)


def this_period(name=CREATIVE, today=None):
    start, _ = category(name).period_of(today or timezone.localdate())
    return start


def choose(story, by, *, name=CREATIVE, place=Award.Place.WINNER, citation="Thinking nobody else did.", start=None):
    start = start or nominations_period(story, name)
    return services.award_choose(
        category=category(name), period_start=start, story=story, place=place, citation=citation, by=by
    )


def nominations_period(story, name=CREATIVE):
    return story.nominations.filter(category__name=name).values_list("period_start", flat=True).first()


def nominate_choose_announce(story, *, nominator, manager, name=CREATIVE):
    """A win nominated, chosen as winner and announced: the award."""
    nomination = nominate(story, nominator, name=name)
    choose(story, manager, name=name, start=nomination.period_start)
    return services.awards_announce(period_start=nomination.period_start, by=manager)
