"""Two nominations at the same moment (a double click, two tabs): the
database keeps one per person, win, category and period — the second
request is refused with a message, never a 500 or a second row; two
managers announcing at once tell each person once. Real threads, real
transactions (SQLite here, PostgreSQL in CI)."""

import threading

import pytest
from django.db import connection

from stories import services
from stories.models import Nomination, Notification
from stories.models.awards import AwardError
from tests.helpers.awards import category, choose, nominate
from tests.helpers.people import make_user

pytestmark = pytest.mark.django_db(transaction=True)
PARALLEL = 8


def _at_once(work):
    """Run `work()` in PARALLEL threads released together: what each did."""
    outcomes, lock, start = [], threading.Lock(), threading.Barrier(PARALLEL)

    def run():
        start.wait()
        try:
            result = work()
        except AwardError as error:
            result = f"refused: {error}"
        except Exception as error:  # noqa: BLE001 - counted below: none may fail otherwise
            result = f"failed: {error!r}"
        finally:
            connection.close()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=run) for _ in range(PARALLEL)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


@pytest.fixture
def win(make_story, employee):
    return make_story(author=employee, headline="Rebooked the whole family")


def test_parallel_nominations_by_one_person_make_one(win, other_employee):
    creative = category()

    outcomes = _at_once(
        lambda: services.nomination_create(story=win, nominator=other_employee, category=creative, reason="Brilliant")
    )

    made = [outcome for outcome in outcomes if isinstance(outcome, Nomination)]
    refused = [outcome for outcome in outcomes if isinstance(outcome, str) and outcome.startswith("refused")]
    assert len(made) == 1 and len(refused) == PARALLEL - 1, outcomes
    assert all("You nominated this win for Most creative idea" in outcome for outcome in refused)
    assert Nomination.objects.count() == 1
    (group,) = Notification.objects.filter(kind="nominated")
    assert list(group.actors.all()) == [other_employee]


def test_parallel_announcements_tell_each_person_once(win, other_employee, manager, django_user_model):
    nomination = nominate(win, other_employee)
    choose(win, manager, start=nomination.period_start)
    other_manager = make_user(django_user_model, "max", first="Max", manager=True)
    managers = iter([manager, other_manager] * PARALLEL)
    lock = threading.Lock()

    def announce():
        with lock:
            by = next(managers)
        return services.awards_announce(period_start=nomination.period_start, by=by)

    outcomes = _at_once(announce)

    assert sorted(len(outcome) for outcome in outcomes) == [0] * (PARALLEL - 1) + [1], outcomes
    assert Notification.objects.filter(kind="awarded").count() == 1  # the author, once
