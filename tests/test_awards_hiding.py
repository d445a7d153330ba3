"""Hidden wins cannot be nominated or win (issue 23): hiding a nominated
win withdraws its nominations — with a note to each nominator — and any
award chosen for it and not announced; an announced award stays, out of
sight while the win is hidden."""

import pytest
from django.urls import reverse

from stories import services
from stories.models import Award, Nomination, Notification
from tests.helpers.awards import ON_THE_SPOT, choose, nominate, nominate_choose_announce
from tests.helpers.people import client_for, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def ana(django_user_model):
    return make_user(django_user_model, "ana", first="Ana")


@pytest.fixture
def win(make_story, employee):
    return make_story(author=employee, headline="Found the lost ring")


def test_hiding_a_nominated_win_withdraws_its_nominations_and_tells_each_nominator(win, ana, other_employee, manager):
    first = nominate(win, ana)
    nominate(win, other_employee, name=ON_THE_SPOT)
    choose(win, manager, start=first.period_start)

    services.story_hide(story=win, by=manager, reason="Names a guest")

    assert Nomination.objects.count() == 0 and Award.objects.count() == 0
    for person, award in [(ana, "Most creative idea"), (other_employee, "Best decision on the spot")]:
        (note,) = Notification.objects.filter(recipient=person, kind="withdrawn")
        page = client_for(person).get(reverse("notifications")).text
        assert f"A win you nominated for {award} was hidden by a manager, so your nomination is withdrawn." in page
        assert "The win: “Found the lost ring”" in page
        assert "Names a guest" not in page  # the reason is for its author


def test_a_hidden_win_is_not_on_the_managers_board(win, ana, manager):
    nominate(win, ana)
    services.story_hide(story=win, by=manager, reason="Names a guest")
    assert "Found the lost ring" not in client_for(manager).get(reverse("awards_manage")).text


def test_a_win_shown_again_can_be_nominated_again(win, ana, manager):
    nominate(win, ana)
    services.story_hide(story=win, by=manager, reason="Names a guest")
    services.story_unhide(story=win, by=manager)
    nominate(win, ana, reason="Still lovely.")
    assert Nomination.objects.get().reason == "Still lovely."


def test_hiding_a_win_nobody_nominated_tells_nobody_more(win, manager, employee):
    services.story_hide(story=win, by=manager, reason="Names a guest")
    assert not Notification.objects.filter(kind="withdrawn").exists()


def test_an_announced_award_stays_and_its_nominations_with_it(win, ana, manager):
    nominate_choose_announce(win, nominator=ana, manager=manager)
    services.story_hide(story=win, by=manager, reason="Names a guest")
    assert Award.objects.announced().count() == 1 and Nomination.objects.count() == 1
    assert not Notification.objects.filter(kind="withdrawn").exists()
    assert client_for(ana).get(reverse("slideshow_slides")).json()["slides"][0]["layout"] == "empty"
