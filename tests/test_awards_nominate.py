"""Nominating a win (issue 23): any colleague, on any win shared with
everyone, once per win, category and period, never their own (as author or
hero), with a reason; withdrawn until the period closes; the win's people
told, grouped like cheers."""

import datetime

import pytest
from django.urls import reverse

from stories import services
from stories.models import Nomination, Notification, Story
from stories.models.awards import AwardError, NotAllowed
from tests.helpers.awards import CREATIVE, ON_THE_SPOT, category, choose, nominate
from tests.helpers.people import client_for, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def hero(django_user_model):
    return make_user(django_user_model, "hana", first="Hana", last="Hero")


@pytest.fixture
def win(make_story, employee, hero):
    return make_story(author=employee, heroes=[hero], headline="Made a birthday out of a delay")


def _post(client, story, *, name=CREATIVE, reason="It turned a complaint into a party."):
    return client.post(reverse("nominate", args=[story.pk]), {"category": category(name).pk, "reason": reason})


def test_a_colleague_nominates_a_win_from_its_page(win, other_employee):
    client = client_for(other_employee)
    page = client.get(win.get_absolute_url()).text
    assert f'action="/wins/{win.pk}/nominate/"' in page and ">Nominate</button>" in page

    response = _post(client, win)

    assert response.status_code == 302 and response["Location"].endswith("#awards")
    nomination = Nomination.objects.get()
    assert (nomination.story, nomination.nominator, nomination.category.name) == (win, other_employee, CREATIVE)
    assert nomination.reason == "It turned a complaint into a party."
    page = client.get(win.get_absolute_url()).text
    assert "You nominated it for <strong>Most creative idea</strong>" in page and ">Withdraw</button>" in page


@pytest.mark.parametrize("who", ["author", "hero"])
def test_nobody_nominates_their_own_win_as_author_or_hero(win, employee, hero, who):
    person = employee if who == "author" else hero
    client = client_for(person)
    assert ">Nominate</button>" not in client.get(win.get_absolute_url()).text

    response = _post(client, win)

    assert response.status_code == 403
    assert "Your colleagues can" in response.text and Nomination.objects.count() == 0


def test_a_hidden_win_cannot_be_nominated_even_by_a_manager_who_sees_it(win, manager):
    services.story_hide(story=win, by=manager, reason="Names a guest")
    client = client_for(manager)
    assert ">Nominate</button>" not in client.get(win.get_absolute_url()).text
    response = _post(client, win)
    assert response.status_code == 400 and "Only wins shared with everyone" in response.text
    assert Nomination.objects.count() == 0


def test_a_win_waiting_for_review_cannot_be_nominated(make_story, employee, manager, other_employee):
    pending = make_story(author=employee)
    Story.objects.filter(pk=pending.pk).update(status=Story.Status.PENDING)
    assert _post(client_for(other_employee), pending).status_code == 404  # colleagues can't even open it
    assert _post(client_for(manager), pending).status_code == 400
    assert Nomination.objects.count() == 0


@pytest.mark.parametrize(
    ("reason", "message"),
    [("   ", "Say in a sentence why"), ("x" * 501, "Keep the reason to 500 characters (it has 501)")],
)
def test_a_reason_is_required_and_at_most_500_characters(win, other_employee, reason, message):
    response = _post(client_for(other_employee), win, reason=reason)
    assert response.status_code == 400 and message in response.text
    assert Nomination.objects.count() == 0


def test_a_reason_of_500_characters_is_kept_whole(win, other_employee):
    assert _post(client_for(other_employee), win, reason="y" * 500).status_code == 302
    assert len(Nomination.objects.get().reason) == 500


def test_one_nomination_per_person_win_category_and_period(win, other_employee):
    client = client_for(other_employee)
    assert _post(client, win).status_code == 302
    again = _post(client, win)
    assert again.status_code == 400 and "You nominated this win for Most creative idea" in again.text
    assert _post(client, win, name=ON_THE_SPOT).status_code == 302  # another category: yes
    next_month = Nomination.objects.first().period_start + datetime.timedelta(days=40)
    nominate(win, other_employee, today=next_month)  # the next period: yes
    assert Nomination.objects.count() == 3


def test_an_inactive_category_takes_no_nominations(win, other_employee):
    creative = category()
    creative.active = False
    creative.save()
    response = client_for(other_employee).post(
        reverse("nominate", args=[win.pk]), {"category": creative.pk, "reason": "Yes"}
    )
    assert response.status_code == 400 and Nomination.objects.count() == 0


def test_a_nomination_is_withdrawn_by_its_nominator_while_the_period_is_open(win, other_employee, django_user_model):
    nomination = nominate(win, other_employee)
    stranger = make_user(django_user_model, "sam", first="Sam")
    url = reverse("nomination_withdraw", args=[nomination.pk])
    assert client_for(stranger).post(url).status_code == 404  # someone else's: not theirs to find

    response = client_for(other_employee).post(url)

    assert response.status_code == 302 and Nomination.objects.count() == 0


def test_a_nomination_stays_once_its_period_has_ended(win, other_employee):
    nomination = nominate(win, other_employee)
    _, end = nomination.category.period_of(nomination.period_start)
    with pytest.raises(AwardError, match="This period is closed"):
        services.nomination_withdraw(nomination=nomination, by=other_employee, today=end + datetime.timedelta(days=1))
    assert Nomination.objects.count() == 1


def test_a_nomination_stays_once_its_period_is_announced(win, other_employee, manager):
    nomination = nominate(win, other_employee)
    choose(win, manager, start=nomination.period_start)
    services.awards_announce(period_start=nomination.period_start, by=manager)
    page = client_for(other_employee).get(win.get_absolute_url()).text
    assert ">Withdraw</button>" not in page
    response = client_for(other_employee).post(reverse("nomination_withdraw", args=[nomination.pk]))
    assert response.status_code == 400 and Nomination.objects.count() == 1
    again = _post(client_for(other_employee), win, reason="Again")
    assert again.status_code == 400 and "is announced already" in again.text


def test_only_its_nominator_withdraws_a_nomination(win, other_employee, manager):
    nomination = nominate(win, other_employee)
    with pytest.raises(NotAllowed):
        services.nomination_withdraw(nomination=nomination, by=manager)


def test_the_author_and_heroes_are_told_grouped_like_cheers(win, employee, hero, other_employee, django_user_model):
    ana = make_user(django_user_model, "ana", first="Ana")
    nominate(win, ana, reason="So kind.")
    nominate(win, other_employee, name=ON_THE_SPOT, reason="Decided at once.")

    for person in (employee, hero):
        (group,) = Notification.objects.filter(recipient=person, kind="nominated")
        assert sorted(actor.first_name for actor in group.actors.all()) == ["Ana", "Oscar"]
    assert not Notification.objects.filter(recipient__in=[ana, other_employee]).exists()
    page = client_for(hero).get(reverse("notifications")).text
    assert "Ana and Oscar nominated your win “Made a birthday out of a delay” for an award." in page
    assert "Best decision on the spot: “Decided at once.”" in page


def test_withdrawing_the_last_nomination_leaves_the_group(win, employee, other_employee):
    nomination = nominate(win, other_employee)
    services.nomination_withdraw(nomination=nomination, by=other_employee)
    assert not Notification.objects.filter(recipient=employee, kind="nominated").exists()
