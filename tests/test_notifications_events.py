"""Who is told of what, and who is not: credited, cheered (grouped),
commented on, approved, featured (with the note), hidden (with the reason),
shown at an all-hands. Never about your own actions; never about a win you
may no longer open — not even its headline. /notifications/ lists them
newest first with unread marked; the bell counts them; reading never
writes; "Mark all read" is a POST."""

import pytest
from django.urls import reverse
from django.utils import timezone

from stories import services
from stories.models import Notification, Story
from tests.helpers.people import client_for, make_user
from tests.helpers.queries import query_count

pytestmark = pytest.mark.django_db


def kinds_for(user):
    return sorted(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


def inbox(user):
    return " ".join(client_for(user).get("/notifications/").text.split())


def bell(user):
    text = client_for(user).get("/").text
    return text.split('<span class="visually-hidden">Notifications')[1].split("</span>")[0]


@pytest.fixture
def ana(django_user_model):
    return make_user(django_user_model, "ana", first="Ana", last="Alba")


@pytest.fixture
def luis(django_user_model):
    return make_user(django_user_model, "luis", first="Luis", last="Lopez")


@pytest.fixture
def duo_win(make_story, employee, other_employee):
    """Erin's win crediting Erin and Oscar."""
    return make_story(author=employee, heroes=[employee, other_employee], headline="Saved the anniversary")


# --- credited ----------------------------------------------------------------------------


def test_heroes_are_told_they_were_credited_but_not_the_author_who_credits_herself(duo_win, employee, other_employee):
    assert kinds_for(other_employee) == ["credited"]
    assert kinds_for(employee) == []
    assert "Erin credited you as a hero in “Saved the anniversary”." in inbox(other_employee)


def test_heroes_of_a_pending_win_hear_only_once_it_is_approved(settings, employee, other_employee, manager):
    settings.WINSBOARD_REVIEW_BEFORE_PUBLISH = True
    story = services.story_create(author=employee, heroes=[employee, other_employee], headline="Pending", body="b")
    assert kinds_for(other_employee) == []
    services.story_approve(story=story, by=manager)
    assert kinds_for(other_employee) == ["credited"] and kinds_for(employee) == ["approved"]
    services.story_approve(story=story, by=manager)  # again: nobody is told twice
    assert kinds_for(other_employee) == ["credited"] and kinds_for(employee) == ["approved"]


def test_a_hero_added_by_an_edit_is_told_once_and_the_others_not_again(duo_win, employee, other_employee, ana):
    services.story_update(story=duo_win, heroes=[employee, other_employee, ana], by=employee, headline="Edited")
    services.story_update(story=duo_win, heroes=[employee, other_employee, ana], by=employee, headline="Again")
    assert kinds_for(ana) == ["credited"] and kinds_for(other_employee) == ["credited"]


def test_a_manager_adding_themselves_as_hero_is_not_told(duo_win, employee, other_employee, manager):
    services.story_update(story=duo_win, heroes=[employee, other_employee, manager], by=manager, headline="Edited")
    assert kinds_for(manager) == []


# --- cheered and commented: grouped ---------------------------------------------------------


def test_cheers_gather_into_one_notification_per_win_for_its_author_and_heroes(
    duo_win, employee, other_employee, ana, luis
):
    services.cheer_set(story=duo_win, user=ana, on=True)
    services.cheer_set(story=duo_win, user=luis, on=True)
    for person in [employee, other_employee]:
        assert Notification.objects.filter(recipient=person, kind="cheered").count() == 1
    assert "Ana and Luis cheered your win “Saved the anniversary”." in inbox(employee)
    assert bell(employee) == ", 1 unread"


def test_a_cheer_after_reading_starts_a_new_group(duo_win, employee, ana, luis, django_user_model):
    services.cheer_set(story=duo_win, user=ana, on=True)
    services.notifications_mark_read(user=employee)
    services.cheer_set(story=duo_win, user=luis, on=True)
    cheers = Notification.objects.filter(recipient=employee, kind="cheered").order_by("created_at")
    assert [(n.is_unread, [a.first_name for a in n.actors.all()]) for n in cheers] == [
        (False, ["Ana"]),
        (True, ["Luis"]),
    ]


def test_many_cheers_read_as_the_first_names_and_how_many_others(duo_win, employee, django_user_model):
    for index in range(5):
        services.cheer_set(story=duo_win, user=make_user(django_user_model, f"p{index}", first=f"P{index}"), on=True)
    assert "P0, P1 and 3 others cheered your win" in inbox(employee)


def test_a_cheer_taken_back_leaves_the_group_and_an_empty_group_goes(duo_win, employee, ana, luis):
    services.cheer_set(story=duo_win, user=ana, on=True)
    services.cheer_set(story=duo_win, user=luis, on=True)
    services.cheer_set(story=duo_win, user=ana, on=False)
    assert "Luis cheered your win" in inbox(employee) and "Ana" not in inbox(employee)
    services.cheer_set(story=duo_win, user=luis, on=False)
    assert not Notification.objects.filter(kind="cheered").exists()


def test_comments_gather_too_and_leave_when_their_author_has_none_left(duo_win, employee, ana):
    first = services.comment_create(story=duo_win, author=ana, body="One")
    second = services.comment_create(story=duo_win, author=ana, body="Two")
    assert Notification.objects.filter(recipient=employee, kind="commented").count() == 1
    assert "Ana commented on your win “Saved the anniversary”." in inbox(employee)
    services.comment_delete(comment=first, by=ana)
    assert Notification.objects.filter(kind="commented").exists()
    services.comment_delete(comment=second, by=ana)
    assert not Notification.objects.filter(kind="commented").exists()


def test_a_hero_commenting_on_their_own_win_tells_the_others_but_not_themselves(duo_win, employee, other_employee):
    services.comment_create(story=duo_win, author=other_employee, body="Thanks team")
    assert "commented" in kinds_for(employee) and "commented" not in kinds_for(other_employee)


# --- managers' actions ------------------------------------------------------------------------


def test_featuring_tells_the_author_and_heroes_with_the_note_but_not_the_manager(
    duo_win, employee, other_employee, manager
):
    services.story_feature(story=duo_win, by=manager, note="Kindness at its best")
    for person in [employee, other_employee]:
        text = inbox(person)
        assert "Your win “Saved the anniversary” is featured on the wall." in text
        assert "Why we love this: Kindness at its best" in text
    assert kinds_for(manager) == []
    services.story_feature(story=duo_win, by=manager, note="Even better")  # the note changes: no second notice
    assert Notification.objects.filter(kind="featured").count() == 2
    assert "Why we love this: Even better" in inbox(employee)


def test_a_manager_featuring_their_own_win_is_not_told(make_story, manager):
    story = make_story(author=manager, heroes=[manager])
    services.story_feature(story=story, by=manager)
    assert kinds_for(manager) == []


def test_hiding_tells_the_author_why_and_how_to_fix_it_but_not_the_heroes(duo_win, employee, other_employee, manager):
    services.story_hide(story=duo_win, by=manager, reason="It names a guest.")
    text = inbox(employee)
    assert "A manager hid your win “Saved the anniversary”." in text
    assert "Reason: It names a guest. Only you and managers can see it now. Edit it to fix" in text
    assert "hidden" not in kinds_for(other_employee)


def test_showing_at_the_all_hands_tells_author_and_heroes_once_a_day(duo_win, employee, other_employee, manager):
    services.story_feature(story=duo_win, by=manager)
    today = timezone.localdate()
    services.slideshow_mark_shown(stories=Story.objects.filter(pk=duo_win.pk), on=today, by=manager)
    services.slideshow_mark_shown(stories=Story.objects.filter(pk=duo_win.pk), on=today, by=manager)
    for person in [employee, other_employee]:
        assert kinds_for(person).count("shown") == 1
    assert "was shown at the all-hands on" in inbox(employee)


# --- the same queries for few or many -------------------------------------------------------


def _queries(action):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        action()
    return len(captured)


def test_a_cheer_and_a_comment_tell_two_heroes_or_eight_in_the_same_queries(make_story, employee, django_user_model):
    """Each hero's open group is found, made or moved to the top together,
    not one hero at a time (it used to be three queries per hero)."""
    heroes = [make_user(django_user_model, f"hero{n}") for n in range(8)]
    few, many = make_story(heroes=heroes[:2]), make_story(heroes=heroes)
    fan, other_fan = make_user(django_user_model, "fan"), make_user(django_user_model, "fan2")
    for first in (few, many):  # a first cheer (the groups are made), then a second (they are joined)
        services.cheer_set(story=first, user=other_fan, on=True)
    cheers = [_queries(lambda win=win: services.cheer_set(story=win, user=fan, on=True)) for win in (few, many)]
    comments = [
        _queries(lambda win=win: services.comment_create(story=win, author=fan, body="Bravo")) for win in (few, many)
    ]
    assert cheers[0] == cheers[1] and comments[0] == comments[1]
    for hero in heroes:
        group = Notification.objects.get(recipient=hero, story=many, kind="cheered")
        assert set(group.actors.values_list("username", flat=True)) == {"fan", "fan2"}
        assert Notification.objects.filter(recipient=hero, story=many, kind="commented").count() == 1


def test_showing_two_wins_or_eight_at_the_all_hands_tells_everyone_in_the_same_queries(
    make_story, employee, manager, django_user_model
):
    hero = make_user(django_user_model, "hero")
    wins = [make_story(heroes=[employee, hero], headline=f"Win {n}") for n in range(10)]
    today = timezone.localdate()
    few = _queries(
        lambda: services.slideshow_mark_shown(
            stories=Story.objects.filter(pk__in=[w.pk for w in wins[:2]]), on=today, by=manager
        )
    )
    many = _queries(
        lambda: services.slideshow_mark_shown(
            stories=Story.objects.filter(pk__in=[w.pk for w in wins[2:]]), on=today, by=manager
        )
    )
    assert few == many
    assert kinds_for(hero).count("shown") == 10 and kinds_for(employee).count("shown") == 10


# --- never about a win you may not open --------------------------------------------------------


def test_a_win_hidden_later_takes_its_notifications_and_headline_out_of_its_heroes_view(
    duo_win, employee, other_employee, ana, manager
):
    services.cheer_set(story=duo_win, user=ana, on=True)
    assert bell(other_employee) == ", 2 unread"  # credited, cheered
    services.story_hide(story=duo_win, by=manager, reason="Names a guest")
    assert bell(other_employee) == ""
    assert "Saved the anniversary" not in client_for(other_employee).get("/notifications/").text
    assert "Saved the anniversary" in inbox(employee)  # its author still sees their win
    services.story_unhide(story=duo_win, by=manager)
    assert bell(other_employee) == ", 2 unread"


def test_a_pending_edit_takes_the_heroes_notifications_away_until_approved(
    settings, duo_win, employee, other_employee, manager
):
    settings.WINSBOARD_REVIEW_BEFORE_PUBLISH = True
    services.story_update(story=duo_win, heroes=[employee, other_employee], by=employee, headline="Edited")
    assert "Edited" not in client_for(other_employee).get("/notifications/").text
    services.story_approve(story=duo_win, by=manager)
    assert "Edited" in inbox(other_employee)


# --- the list and the bell ------------------------------------------------------------------------


def test_the_list_is_newest_first_with_unread_marked_and_reading_it_writes_nothing(
    duo_win, employee, ana, luis, manager
):
    services.cheer_set(story=duo_win, user=ana, on=True)
    services.notifications_mark_read(user=employee)
    services.story_feature(story=duo_win, by=manager)
    client = client_for(employee)
    text = client.get("/notifications/").text
    assert text.index("is featured on the wall") < text.index("Ana cheered")
    assert text.count('<span class="badge text-bg-primary me-1">New</span>') == 1
    client.get("/notifications/")
    assert Notification.objects.filter(recipient=employee, read_at__isnull=True).count() == 1


def test_opening_a_notification_marks_it_read_and_opens_its_win(duo_win, employee, ana, luis):
    """Following a notification is a small POST (a page view never writes):
    that one is read, the others stay new, the bell counts one less."""
    services.cheer_set(story=duo_win, user=ana, on=True)
    services.comment_create(story=duo_win, author=luis, body="Lovely")
    cheered, commented = Notification.objects.filter(recipient=employee).order_by("kind")
    client = client_for(employee)
    listed = client.get("/notifications/").text
    assert f'action="/notifications/{cheered.pk}/open/"' in listed and 'method="post"' in listed
    assert bell(employee) == ", 2 unread"
    opened = client.post(f"/notifications/{cheered.pk}/open/")
    assert opened.status_code == 302 and opened["Location"] == duo_win.get_absolute_url()
    cheered.refresh_from_db()
    commented.refresh_from_db()
    assert cheered.read_at is not None and commented.read_at is None
    assert bell(employee) == ", 1 unread"


def test_a_notification_opens_only_for_its_recipient_and_only_by_post(duo_win, employee, other_employee, ana):
    services.cheer_set(story=duo_win, user=ana, on=True)
    notification = Notification.objects.get(recipient=employee)
    url = f"/notifications/{notification.pk}/open/"
    assert client_for(other_employee).post(url).status_code == 404
    assert client_for(employee).get(url).status_code == 405
    notification.refresh_from_db()
    assert notification.read_at is None


def test_a_notification_about_a_win_hidden_since_opens_nothing(duo_win, other_employee, manager):
    notification = Notification.objects.get(recipient=other_employee)  # credited
    services.story_hide(story=duo_win, by=manager, reason="Private details")
    assert client_for(other_employee).post(f"/notifications/{notification.pk}/open/").status_code == 404


def test_the_bell_is_named_for_screen_readers_with_the_unread_count(duo_win, employee, other_employee, ana):
    assert bell(employee) == ""
    services.cheer_set(story=duo_win, user=ana, on=True)
    page = client_for(employee).get("/").text
    assert '<span class="visually-hidden">Notifications, 1 unread</span>' in page
    assert 'href="/notifications/"' in page


def test_mark_all_read_spares_what_happened_after_the_page_was_shown(duo_win, employee, ana, luis, manager):
    client = client_for(employee)
    services.cheer_set(story=duo_win, user=ana, on=True)
    page = client.get("/notifications/")
    until = page.context["until"]
    services.story_feature(story=duo_win, by=manager)  # news arrives while reading
    response = client.post(reverse("notifications_read"), {"until": until, "next": "/notifications/"})
    assert response.status_code == 302 and response["Location"] == "/notifications/"
    assert list(
        Notification.objects.filter(recipient=employee, read_at__isnull=True).values_list("kind", flat=True)
    ) == ["featured"]
    client.post(reverse("notifications_read"))
    assert not Notification.objects.filter(recipient=employee, read_at__isnull=True).exists()


def test_mark_all_read_is_a_post_and_reads_only_your_own(duo_win, employee, other_employee, ana):
    services.cheer_set(story=duo_win, user=ana, on=True)
    assert client_for(employee).get(reverse("notifications_read")).status_code == 405
    client_for(ana).post(reverse("notifications_read"))
    assert Notification.objects.filter(read_at__isnull=True).count() == 3  # credited + 2 cheered
    client_for(employee).post(reverse("notifications_read"))
    assert list(Notification.objects.filter(read_at__isnull=True).values_list("recipient_id", flat=True)) == [
        other_employee.pk,
        other_employee.pk,
    ]


def test_an_empty_list_says_what_will_show_and_a_broken_older_link_is_a_400(employee):
    client = client_for(employee)
    assert "Nothing yet." in client.get("/notifications/").text
    assert client.get("/notifications/", {"before": "garbage"}).status_code == 400


def test_the_list_pages_and_costs_the_same_queries_for_few_or_many(employee, django_user_model, make_story):
    stories = [make_story(author=employee, heroes=[employee], headline=f"Win {i}") for i in range(40)]
    fans = [make_user(django_user_model, f"fan{i}", first=f"Fan{i}") for i in range(3)]
    client = client_for(employee)
    for story in stories[:3]:
        services.cheer_set(story=story, user=fans[0], on=True)
    few = query_count(client, "/notifications/")
    for story in stories:
        for fan in fans:
            services.cheer_set(story=story, user=fan, on=True)
    many = query_count(client, "/notifications/")
    # session, user (with the unread count), permissions (2: the nav), notifications with their wins, actors
    assert many == few <= 6, few
    first = client.get("/notifications/")
    assert len(first.context["page"].items) == 30 and first.context["page"].next_cursor
    older = client.get("/notifications/", {"before": first.context["page"].next_cursor})
    assert len(older.context["page"].items) == 10


def test_a_credit_shows_the_wins_first_photo_and_the_customers_words(make_story, employee, other_employee):
    from tests.helpers.slideshow import add_photo

    win = make_story(
        author=employee,
        heroes=[employee, other_employee],
        headline="Saved the anniversary",
        quote="You made our night!",
        quote_by="Mrs Rossi",
        customer_consent=True,
    )
    add_photo(win, alt="The couple at dinner")
    page = client_for(other_employee).get("/notifications/").text
    assert 'class="notification-photo"' in page and 'alt=""' in page  # the words say what it is
    assert '<q class="notification-quote">You made our night!</q> — Mrs Rossi' in page


def test_the_inbox_reads_in_a_constant_number_of_queries(make_story, employee, other_employee, django_user_model):
    from tests.helpers.slideshow import add_photo

    reader = client_for(other_employee)

    def count():
        return query_count(reader, "/notifications/")

    def credit(n):
        for index in range(n):
            win = make_story(author=employee, heroes=[employee, other_employee], headline=f"Win {index}")
            add_photo(win, alt=f"Photo {index}")

    credit(2)
    few = count()
    credit(8)
    assert count() == few
