"""Whole pages from the cache (stories.views.pages): a second visit is
answered without making the page, and is the page made afresh — after any
change to what the page shows, to the viewer (their unread count, role,
language, name), or to who is listed; no viewer ever gets another's page,
and the page carries this request's own CSRF token. (Changes to what wins
show are walked for every page in tests/test_cards_cache.py.)"""

import re

import pytest
from django.conf import settings
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.db import connection
from django.http import HttpRequest
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from stories import services
from stories.views.pages import _marker
from tests.helpers.cards import per_request_free, rendered_afresh
from tests.helpers.people import client_for, make_user, managers_group

pytestmark = pytest.mark.django_db

PAGES = ["/", "/?q=kettle", "/featured/", "/people/", "/people/hana/"]
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def hero(django_user_model):
    return make_user(django_user_model, "hana", first="Hana", last="Hero")


@pytest.fixture
def wins(make_story, hero, employee):
    stories = [make_story(headline=f"Fixed the kettle {n}", heroes=[hero], author=employee) for n in range(3)]
    stories.append(make_story(headline="Erin calmed the queue", heroes=[employee], author=hero))
    for story in stories:
        story.featured_at = story.created_at
        story.save(update_fields=["featured_at"])
    services.wins_changed(stories)
    return stories


@pytest.mark.parametrize("url", PAGES)
def test_a_second_visit_comes_from_the_cache_and_is_the_page_made_afresh(url, wins, employee):
    reader = client_for(employee)
    first = reader.get(url)
    assert first.status_code == 200
    with CaptureQueriesContext(connection) as second_queries:
        second = reader.get(url)
    # the session and the signed-in user; nothing of the page itself
    assert [query["sql"].split('"')[1] for query in second_queries] == ["django_session", "auth_user"]
    assert per_request_free(second.text) == per_request_free(first.text) == rendered_afresh(reader, url)


def test_a_cached_page_writes_nothing(wins, employee):
    reader = client_for(employee)
    reader.get("/")
    with CaptureQueriesContext(connection) as queries:
        reader.get("/")
    assert not [query for query in queries if not query["sql"].lstrip().upper().startswith("SELECT")]


def _changes_for_the_viewer():
    def notified(viewer, wins, other):
        assert viewer.notifications.filter(read_at__isnull=True).exists()  # credited on the last win
        services.notifications_mark_read(user=viewer)

    def made_manager(viewer, wins, other):
        viewer.groups.add(managers_group())  # as the admin does: no service, no version moved

    def renamed(viewer, wins, other):
        client_for(viewer).post("/settings/", {"display_name": "Erin the Great", "team": "", "language": ""})

    def chose_german(viewer, wins, other):
        services.language_choose(user=viewer, language="de")

    return {"notifications read": notified, "made a manager": made_manager, "renamed": renamed, "German": chose_german}


CHANGES = _changes_for_the_viewer()


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
@pytest.mark.parametrize("url", PAGES)
def test_a_change_to_the_viewer_shows_on_the_next_request(change, url, wins, employee, manager):
    reader = client_for(employee)
    before = per_request_free(reader.get(url).text)

    change(employee, wins, manager)

    after = per_request_free(reader.get(url).text)
    assert after != before
    assert after == rendered_afresh(reader, url)


def test_reading_notifications_takes_the_badge_off_the_cached_page(wins, employee, hero):
    reader = client_for(hero)
    unread = hero.notifications.filter(read_at__isnull=True).count()
    assert unread == len(wins) - 1  # credited on the kettle wins
    assert f'data-unread="{unread}"' in reader.get("/").text
    assert f'data-unread="{unread}"' in reader.get("/").text  # from the cache
    services.notifications_mark_read(user=hero)
    assert 'data-unread="0"' in reader.get("/").text


@pytest.mark.parametrize("url", PAGES)
def test_no_viewer_gets_another_viewers_page(url, wins, employee, manager, hero):
    people = (employee, manager, hero)
    for person in people:
        client_for(person).get(url)  # each one's page in the cache
    served = {person: per_request_free(client_for(person).get(url).text) for person in people}  # all kept
    for person in people:
        assert served[person] == rendered_afresh(client_for(person), url)
    assert "Mona" in client_for(manager).get(url).text.split("<main")[0]
    assert "Mona" not in per_request_free(client_for(employee).get(url).text).split("<main")[0]  # not in a token


def test_a_new_colleague_is_listed_at_once_however_they_were_added(wins, employee, django_user_model):
    reader = client_for(employee)
    assert "Zoe Newcomer" not in reader.get("/people/").text  # (a bare "Zoe" can turn up in a CSRF token)
    django_user_model.objects.create_user(username="zoe", first_name="Zoe", last_name="Newcomer")  # no service
    assert "Zoe Newcomer" in reader.get("/people/").text
    assert "Zoe Newcomer" in reader.get("/").text  # the hero filter offers her


def test_a_person_renamed_outside_the_services_shows_renamed_on_every_page(wins, employee, hero):
    reader = client_for(employee)
    for url in PAGES:
        reader.get(url)  # cards and pages kept
    hero.first_name = "Hanna"
    hero.save()  # a shell, a script: no service, no admin
    served = {url: per_request_free(reader.get(url).text) for url in PAGES}
    assert "Hanna Hero" in served["/"] and "Hana Hero" not in served["/"]
    for url in PAGES:
        assert served[url] == rendered_afresh(reader, url), url


def test_a_sign_in_does_not_move_the_names_version(employee):
    before = services.version_of(services.NAMES)
    Client().login(username="erin", password="correct-horse-battery")
    assert services.version_of(services.NAMES) == before


def test_the_cached_page_carries_this_requests_own_working_csrf_token(wins, other_employee):
    reader = Client(enforce_csrf_checks=True)
    reader.force_login(other_employee)
    reader.get("/")
    cached = reader.get("/")
    tokens = set(TOKEN.findall(cached.text))
    secret = reader.cookies["csrftoken"].value
    assert tokens and {_unmask_cipher_token(token) for token in tokens} == {secret}
    story = wins[1]
    token = tokens.pop()
    answer = reader.post(f"/wins/{story.pk}/cheer/", {"csrfmiddlewaretoken": token, "on": "1"})
    assert answer.status_code in (200, 302), answer.status_code  # not 403: the token works
    assert story.cheers.filter(user=other_employee).exists()


def test_another_browser_of_the_same_person_gets_its_own_token(wins, employee):
    phone, laptop = client_for(employee), client_for(employee)
    phone.get("/")
    laptop.get("/")  # the phone's page, from the cache
    laptop_secret = laptop.cookies["csrftoken"].value
    tokens = set(TOKEN.findall(laptop.get("/").text))
    assert {_unmask_cipher_token(token) for token in tokens} == {laptop_secret}
    assert laptop_secret != phone.cookies["csrftoken"].value


def test_the_page_cache_holds_no_ones_token(wins, employee):
    reader = client_for(employee)
    reader.get("/")
    secret = reader.cookies["csrftoken"].value
    stored = [value for key, value in caches["pages"]._cache.items() if ":page:" in key]
    assert len(stored) == 1
    assert _marker(settings.SECRET_KEY) in stored[0]  # where the tokens were
    for token in re.findall(r"[A-Za-z0-9]{64}", stored[0].decode("latin-1")):
        assert _unmask_cipher_token(token) != secret


def test_a_page_with_a_message_is_shown_once_and_not_kept(wins, employee):
    reader = client_for(employee)
    reader.get("/")  # the page without a message, in the cache
    storage = CookieStorage(HttpRequest())
    reader.cookies["messages"] = storage._encode([Message(constants.SUCCESS, "Your win is posted.")])
    assert "Your win is posted." in reader.get("/").text
    assert "Your win is posted." not in reader.get("/").text


def test_htmx_requests_are_never_answered_from_the_cache(wins, employee):
    reader = client_for(employee)
    reader.get("/", headers={"HX-Request": "true"})
    assert not caches["pages"]._cache


def test_a_page_cache_that_fails_leaves_the_page_whole(wins, employee, monkeypatch):
    reader = client_for(employee)
    expected = rendered_afresh(reader, "/")

    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(caches["pages"], "get", broken)
    monkeypatch.setattr(caches["pages"], "set", broken)
    for _ in range(2):
        answer = reader.get("/")
        assert answer.status_code == 200
        assert per_request_free(answer.text) == expected


def test_a_refused_page_is_never_kept(employee):
    reader = client_for(employee)
    assert reader.get("/?before=not-a-cursor").status_code == 400
    assert reader.get("/people/nobody/").status_code == 404
    assert not caches["pages"]._cache


def test_each_address_is_its_own_page(wins, employee):
    reader = client_for(employee)
    everything, found = reader.get("/").text, reader.get("/?q=kettle+1").text
    assert per_request_free(found) != per_request_free(everything)
    assert per_request_free(reader.get("/?q=kettle+1").text) == rendered_afresh(reader, "/?q=kettle+1")


def test_with_redis_the_page_is_read_with_the_versions_in_one_round_trip(
    wins, employee, manager, tmp_path, monkeypatch
):
    from tests.helpers.servers import redis_server

    with redis_server(tmp_path) as url:
        redis = {"BACKEND": "winsboard.redis_cache.RedisCache", "LOCATION": url, "KEY_PREFIX": "wb"}
        with override_settings(CACHES={**settings.CACHES, "default": redis, "pages": {**redis, "TIMEOUT": 300}}):
            reader = client_for(employee)
            made = reader.get("/")
            reads = []
            shared = caches["default"]
            real_get_many = shared.get_many
            monkeypatch.setattr(shared, "get_many", lambda keys: reads.append(keys) or real_get_many(keys))
            monkeypatch.setattr(caches["pages"], "get", lambda *a, **k: pytest.fail("a second read"))
            with CaptureQueriesContext(connection) as queries:
                again = reader.get("/")
            assert len(reads) == 1 and reads[0][-1].startswith("page:")  # versions and page together
            assert len(queries) == 2  # the session and the user
            assert per_request_free(again.text) == per_request_free(made.text)
            services.story_hide(story=wins[0], by=manager, reason="Names a guest")
            changed = reader.get("/").text
            assert wins[0].headline in made.text and wins[0].headline not in changed
            assert per_request_free(changed) == rendered_afresh(reader, "/")
            caches["default"].clear()


def test_with_the_page_cache_off_every_page_is_made(wins, employee, settings):
    settings.WINSBOARD_PAGE_CACHE = False
    reader = client_for(employee)
    first = reader.get("/")
    with CaptureQueriesContext(connection) as again:
        second = reader.get("/")
    assert len(again) > 2  # the page's own queries ran again
    assert per_request_free(second.text) == per_request_free(first.text)
    assert not caches["pages"]._cache


def test_a_page_is_kept_only_after_it_is_sent(wins, employee):
    """The work of keeping a page (finding its tokens, writing it) waits
    until the server has sent it and closes the response."""
    from django.core.handlers.wsgi import WSGIHandler
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections
    from django.test import RequestFactory

    reader = client_for(employee)
    cookie = f"sessionid={reader.cookies['sessionid'].value}"
    environ = RequestFactory()._base_environ(PATH_INFO="/", REQUEST_METHOD="GET", HTTP_COOKIE=cookie)
    request_started.disconnect(close_old_connections)  # as the test client does: keep the test's transaction
    request_finished.disconnect(close_old_connections)
    try:
        sent = WSGIHandler()(environ, lambda status, headers, *rest: None)
        assert b"Fixed the kettle" in b"".join(sent)
        assert not caches["pages"]._cache  # sent, not kept yet
        sent.close()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    assert len([key for key in caches["pages"]._cache if ":page:" in key]) == 1


def test_a_server_process_is_warm_before_its_first_request():
    """winsboard/wsgi.py warms what first requests would make (winsboard.warm_up)."""
    from django.utils.translation import trans_real

    from stories.views.cards import _code_digest
    from winsboard.warm_up import warm_up

    _code_digest.cache_clear()
    trans_real._translations.clear()
    warm_up()
    assert _code_digest.cache_info().currsize == 1
    assert {code for code, _ in settings.LANGUAGES} <= set(trans_real._translations)


def test_a_template_edited_under_runserver_makes_pages_anew(wins, employee, tmp_path):
    from django.utils.autoreload import file_changed

    from stories.views.cards import _code_digest

    reader = client_for(employee)
    reader.get("/")
    assert _code_digest.cache_info().currsize == 1
    file_changed.send(sender=None, file_path=tmp_path / "edited.html")
    assert _code_digest.cache_info().currsize == 0  # the next page's key holds the code as it is now


def test_nobody_can_fill_the_cache_with_endless_addresses(wins, employee, other_employee, monkeypatch):
    from stories.views import pages

    monkeypatch.setattr(pages, "KEPT_PER_VIEWER", 3)
    crawler = client_for(employee)
    for n in range(6):
        assert crawler.get("/", {"q": f"kettle {n}"}).status_code == 200
    kept = [key for key in caches["pages"]._cache if ":page:" in key]
    assert len(kept) == 3  # the rest made, answered, not kept
    client_for(other_employee).get("/")
    assert len([key for key in caches["pages"]._cache if ":page:" in key]) == 4  # others' budget is their own
