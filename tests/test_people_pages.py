"""A person's page, /people/<username>/: the wins credited to them — and on
your own page, what you posted for others and what waits or was hidden."""

from datetime import timedelta

import pytest
from django.utils import timezone

from stories.models import Story, Tag, Team
from tests.helpers.people import make_user
from tests.helpers.wins import listed, seed_wins

pytestmark = pytest.mark.django_db

# With the cards in the cache: session, user (with may-curate), the person
# (with profile and team), the page's wins (their cards' keys), the counts
# and the month-by-month timeline (one query), the featured wins = 6. With
# none, the missing cards add the wins (with cheer and comment counts, video
# joined), heroes, tags, photos and the latest cheers = 11.
PEOPLE_MAX_QUERIES = 6
PEOPLE_COLD_MAX_QUERIES = 12  # 12th: the cards' awards (their badges)


def card_headlines(response):
    return [story.headline for story in listed(response)]


def hide(story):
    Story.objects.filter(pk=story.pk).update(hidden_at=timezone.now())


def make_pending(story):
    Story.objects.filter(pk=story.pk).update(status=Story.Status.PENDING)


def test_a_person_page_shows_the_wins_credited_to_them(client, employee, other_employee, make_story):
    make_story(headline="Erin's own win")
    make_story(headline="Posted by Oscar for Erin", author=other_employee, heroes=[employee])
    make_story(headline="Oscar's win", author=other_employee)
    client.force_login(other_employee)
    response = client.get("/people/erin/")
    assert response.status_code == 200
    assert card_headlines(response) == ["Posted by Oscar for Erin", "Erin's own win"]
    assert "Erin Employee" in response.text
    assert "2 wins credited" in response.text


def test_others_never_see_a_persons_hidden_or_pending_wins(client, employee, other_employee, make_story):
    make_story(headline="Published")
    hide(make_story(headline="Hidden"))
    make_pending(make_story(headline="Pending"))
    client.force_login(other_employee)
    response = client.get("/people/erin/")
    assert card_headlines(response) == ["Published"]
    assert "Hidden" not in response.text
    assert "Pending" not in response.text


def test_your_own_page_also_shows_your_pending_and_hidden_wins_marked(employee_client, make_story):
    make_story(headline="Published")
    hide(make_story(headline="Hidden one"))
    make_pending(make_story(headline="Pending one"))
    response = employee_client.get("/people/erin/")
    assert sorted(card_headlines(response)) == ["Hidden one", "Pending one", "Published"]
    assert "Your wins" in response.text
    assert '<span class="badge text-bg-danger">Hidden</span>' in response.text
    assert '<span class="badge text-bg-warning">Waiting for review</span>' in response.text
    assert "1 win credited" in response.text  # only published wins count


def test_your_own_page_lists_wins_you_posted_for_colleagues_apart(employee_client, other_employee, make_story):
    make_story(headline="For Oscar", heroes=[other_employee])
    make_story(headline="Mine")
    assert card_headlines(employee_client.get("/people/erin/")) == ["Mine"]
    posted = employee_client.get("/people/erin/", {"show": "posted"})
    assert card_headlines(posted) == ["For Oscar"]
    assert "Wins I posted for others" in posted.text
    assert "1 posted for colleagues" in posted.text


def test_your_own_page_does_not_show_a_colleagues_hidden_win_that_credits_you(
    employee_client, employee, other_employee, make_story
):
    """You could not open it: only its author and managers see a hidden win."""
    hide(make_story(headline="Oscar's hidden win", author=other_employee, heroes=[employee]))
    make_pending(make_story(headline="Oscar's pending win", author=other_employee, heroes=[employee]))
    assert card_headlines(employee_client.get("/people/erin/")) == []


def test_every_card_on_your_own_page_opens(employee_client, employee, other_employee, make_story):
    make_story(headline="Mine, hidden")
    hide(Story.objects.get())
    hide(make_story(headline="Theirs, hidden", author=other_employee, heroes=[employee]))
    make_story(headline="Theirs, published", author=other_employee, heroes=[employee])
    for story in listed(employee_client.get("/people/erin/")):
        assert employee_client.get(story.get_absolute_url()).status_code == 200


def test_a_win_crediting_you_twice_over_appears_once(employee_client, employee, make_story):
    make_story(headline="Authored and credited", heroes=[employee])
    assert card_headlines(employee_client.get("/people/erin/")) == ["Authored and credited"]


def test_an_unknown_person_is_404(employee_client):
    assert employee_client.get("/people/nobody/").status_code == 404


def test_a_deactivated_person_is_404(employee_client, django_user_model):
    make_user(django_user_model, "gone", is_active=False)
    assert employee_client.get("/people/gone/").status_code == 404


def test_a_null_byte_in_a_username_is_404_not_500(employee_client):
    assert employee_client.get("/people/er%00in/").status_code == 404


def test_a_person_page_needs_sign_in(client, employee):
    response = client.get("/people/erin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_person_with_no_wins_is_told_so(client, employee, other_employee):
    client.force_login(other_employee)
    assert "No wins credited to Erin Employee yet." in client.get("/people/erin/").text
    client.force_login(employee)
    assert "Post your first win" in client.get("/people/erin/").text


def test_a_person_page_pages_through_older_wins(employee_client, employee):
    seed_wins(25, authors=[employee])
    first = employee_client.get("/people/erin/")
    assert len(listed(first)) == 20
    second = employee_client.get("/people/erin/", {"before": first.context["page"].next_cursor})
    assert len(listed(second)) == 5
    seen = [s.pk for s in listed(first) + listed(second)]
    assert len(set(seen)) == 25


def test_a_broken_older_link_on_a_person_page_is_400(employee_client, employee):
    response = employee_client.get("/people/erin/", {"before": "not-a-cursor"})
    assert response.status_code == 400
    assert 'href="/people/erin/">Back to Erin Employee&#x27;s newest wins</a>' in response.text


@pytest.mark.parametrize("count", [5, 60])
@pytest.mark.parametrize("viewer", ["self", "colleague"])
def test_a_person_page_costs_the_same_queries_however_many_wins(
    client, django_user_model, employee, count, viewer, django_assert_max_num_queries
):
    colleagues = [employee] + [make_user(django_user_model, f"colleague{i}", first=f"C{i}") for i in range(4)]
    teams = [Team.objects.create(name=f"Team {i}") for i in range(3)]
    tags = [Tag.objects.create(name=f"Tag {i}", slug=f"tag-{i}") for i in range(3)]
    seed_wins(count, authors=colleagues, heroes_per_win=5, teams=teams, tags=tags)
    client.force_login(employee if viewer == "self" else colleagues[1])
    with django_assert_max_num_queries(PEOPLE_COLD_MAX_QUERIES):
        client.get("/people/erin/")
    with django_assert_max_num_queries(PEOPLE_MAX_QUERIES):
        response = client.get("/people/erin/")
    assert response.status_code == 200
    assert len(listed(response)) == min(count, 20)


def test_month_by_month_starts_at_the_first_month_with_a_win(client, employee, other_employee, make_story):
    today = timezone.localdate()
    two_months_ago = (today.replace(day=1) - timedelta(days=40)).replace(day=1)
    make_story(headline="Earlier", happened_on=two_months_ago)
    make_story(headline="Now", happened_on=today)
    client.force_login(other_employee)
    timeline = client.get("/people/erin/").context["timeline"]
    assert [bar.start for bar in timeline][0] == two_months_ago
    assert [bar.count for bar in timeline] == [1, 0, 1]  # a quiet month after the first win is still shown


def test_month_by_month_says_so_when_there_is_no_win(client, employee, other_employee):
    client.force_login(other_employee)
    response = client.get("/people/erin/")
    assert response.context["timeline"] == []
    assert "No wins in the last 12 months." in response.text


def test_the_person_page_does_not_link_to_itself_beside_the_photo(client, employee, other_employee):
    client.force_login(other_employee)
    response = client.get("/people/erin/")
    assert 'href="/people/erin/"' not in response.text
    assert '<span class="avatar avatar-initials avatar-big" aria-hidden="true">EE</span>' in response.text


def test_a_persons_counts_are_exact_whatever_the_kind_month_or_state(employee, other_employee, make_story):
    """credit_counts, checked against counting by hand: credited (hidden and
    pending left out), featured, each kind, posted for others, and each of
    the twelve months — a month's first day in it, `until` the last day."""
    from stories.lib.people import month_starts

    today = timezone.localdate().replace(day=15)
    months = month_starts(today)
    days = [months[0], months[0] - timedelta(days=1), months[5] + timedelta(days=3), today, today + timedelta(days=1)]
    made = []
    for n, day in enumerate(days * 3):
        kind = Story.Kind.values[n % 4]
        mine = n % 3 != 2
        story = make_story(
            headline=f"Win {n}", kind=kind, happened_on=day,
            author=employee if n % 2 else other_employee, heroes=[employee] if mine else [other_employee],
        )  # fmt: skip
        if n % 5 == 0:
            Story.objects.filter(pk=story.pk).update(featured_at=timezone.now())
        made.append((story, mine, kind, day, n % 5 == 0))
    hide(make_story(headline="Hidden", heroes=[employee], happened_on=today))
    make_pending(make_story(headline="Pending", heroes=[employee], happened_on=today))

    counts = Story.objects.credit_counts(employee, months=months, until=today)

    credited = [(kind, day, featured) for _s, mine, kind, day, featured in made if mine]
    assert counts["credited"] == len(credited)
    assert counts["featured"] == sum(featured for *_rest, featured in credited)
    assert counts["posted_for_others"] == sum(1 for story, mine, *_ in made if not mine and story.author == employee)
    for kind in Story.Kind.values:
        assert counts[f"kind_{kind}"] == sum(k == kind for k, _d, _f in credited)
    ends = [*months[1:], today + timedelta(days=1)]
    for index, (start, end) in enumerate(zip(months, ends, strict=True)):
        assert counts[f"month_{index}"] == sum(start <= day < end for _k, day, _f in credited), index
    assert counts["month_11"] > 0 and counts["month_0"] > 0
