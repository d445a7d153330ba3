"""Which language a page speaks: the browser's when signed out, the footer
menu's on this browser, and a signed-in person's own choice on every device."""

from django.conf import settings
from django.test import Client
from django.utils import translation

from stories.languages import in_language_of, of_recipient
from stories.models import Profile
from tests.helpers.people import PASSWORD, client_for
from tests.helpers.queries import captured_queries

SIGN_IN = "/accounts/login/"


def language_of(response):
    return response.headers["Content-Language"]


def test_a_signed_out_browser_gets_the_language_it_asks_for(db):
    response = Client().get(SIGN_IN, HTTP_ACCEPT_LANGUAGE="es-MX,es;q=0.9,en;q=0.5")
    assert response.status_code == 200
    assert language_of(response) == "es"
    assert "Accept-Language" in response.headers["Vary"]


def test_a_browser_asking_for_a_language_we_do_not_ship_gets_the_sites(db):
    response = Client().get(SIGN_IN, HTTP_ACCEPT_LANGUAGE="ja,ko;q=0.8")
    assert language_of(response) == settings.LANGUAGE_CODE == "en"


def test_the_footer_menu_choice_is_remembered_by_this_browser(db):
    browser = Client()
    response = browser.post("/language/", {"language": "fr", "next": SIGN_IN + "?next=/featured/"})
    assert response.status_code == 302
    assert response.headers["Location"] == SIGN_IN + "?next=/featured/"
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "fr" and cookie["httponly"] and cookie["samesite"] == "Lax"
    assert language_of(browser.get(SIGN_IN, HTTP_ACCEPT_LANGUAGE="es")) == "fr"


def test_a_signed_in_persons_choice_follows_them_to_another_device(employee):
    phone = client_for(employee)
    assert phone.post("/language/", {"language": "de", "next": "/"}).status_code == 302
    assert Profile.objects.get(user=employee).language == "de"

    desk = client_for(employee)  # no cookie from the menu, a browser asking for Spanish
    assert language_of(desk.get("/", HTTP_ACCEPT_LANGUAGE="es")) == "de"
    desk.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"  # this browser's own older choice loses too
    assert language_of(desk.get("/")) == "de"


def test_someone_who_never_chose_reads_their_browsers_language(employee):
    assert language_of(client_for(employee).get("/", HTTP_ACCEPT_LANGUAGE="nl-BE")) == "nl"


def test_the_menu_refuses_a_language_we_do_not_ship(employee):
    phone = client_for(employee)
    for refused in ("xx", "", "DE", "de-DE", "../en", "\x00"):
        response = phone.post("/language/", {"language": refused, "next": "/"})
        assert response.status_code == 400, refused
        assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    assert not Profile.objects.filter(user=employee).exclude(language="").exists()


def test_the_menu_goes_back_only_to_a_page_of_this_site(db):
    for elsewhere in ("https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:alert(1)"):
        response = Client().post("/language/", {"language": "nl", "next": elsewhere})
        assert response.headers["Location"] == "/", elsewhere


def test_the_menu_refuses_a_post_without_its_csrf_token(db):
    response = Client(enforce_csrf_checks=True).post("/language/", {"language": "ar", "next": "/"})
    assert response.status_code == 403
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


def test_the_menu_only_takes_posts(db):
    assert Client().get("/language/", {"language": "es"}).status_code == 405


def test_reading_a_page_in_a_chosen_language_writes_nothing(employee):
    phone = client_for(employee)
    phone.post("/language/", {"language": "es", "next": "/"})
    with captured_queries() as captured:
        assert phone.get("/", HTTP_ACCEPT_LANGUAGE="fr").status_code == 200
    written = [q["sql"] for q in captured.captured_queries if not q["sql"].lstrip().upper().startswith("SELECT")]
    assert written == []


def test_the_language_does_not_leak_into_the_next_request_or_the_test(employee):
    client_for(employee).get("/", HTTP_ACCEPT_LANGUAGE="ar")
    assert translation.get_language() == settings.LANGUAGE_CODE
    assert language_of(Client().get(SIGN_IN)) == "en"


def test_mail_is_written_in_the_recipients_language_not_the_senders(employee, other_employee):
    Profile.objects.update_or_create(user=employee, defaults={"language": "ar"})
    employee.refresh_from_db()
    with translation.override("de"):  # the sender reads German
        with in_language_of(employee):
            assert translation.get_language() == "ar"
        with in_language_of(other_employee):  # never chose: the site's language
            assert translation.get_language() == settings.LANGUAGE_CODE
        assert translation.get_language() == "de"
    assert of_recipient(employee) == "ar"


def test_settings_save_the_language_with_the_profile_and_say_so_in_it(employee):
    phone = client_for(employee)
    response = phone.post("/settings/", {"display_name": "", "team": "", "language": "nl"}, follow=True)
    assert response.status_code == 200
    assert Profile.objects.get(user=employee).language == "nl"
    assert language_of(response) == "nl"
    with translation.override("nl"):
        assert translation.gettext("Your profile is saved.") in response.text
    assert '<option value="nl" selected>' in response.text


def test_settings_refuse_a_language_we_do_not_ship(employee):
    response = client_for(employee).post("/settings/", {"display_name": "", "team": "", "language": "xx"})
    assert response.status_code == 400
    assert not Profile.objects.filter(user=employee).exclude(language="").exists()


def test_choosing_the_browsers_language_again_in_settings_forgets_the_choice(employee):
    phone = client_for(employee)
    phone.post("/settings/", {"display_name": "", "team": "", "language": "de"})
    phone.post("/settings/", {"display_name": "", "team": "", "language": ""})
    assert Profile.objects.get(user=employee).language == ""
    assert language_of(phone.get("/", HTTP_ACCEPT_LANGUAGE="fr")) == "fr"


def test_the_built_in_award_categories_speak_the_readers_language_until_renamed(db):
    from stories.models import AwardCategory

    creative = AwardCategory.objects.get(name="Most creative idea")
    with translation.override("de"):
        assert creative.shown_name == translation.gettext("Most creative idea")
        assert str(creative) == creative.shown_name
    creative.name = "Kreativste Idee des Hauses"
    with translation.override("fr"):
        assert creative.shown_name == "Kreativste Idee des Hauses"  # a manager's own words, shown as written


def test_someone_who_never_chose_gets_mail_in_the_language_their_browser_signed_in_with(employee):
    browser = Client(HTTP_ACCEPT_LANGUAGE="fr-CA,fr;q=0.9")
    response = browser.post(SIGN_IN, {"username": employee.username, "password": PASSWORD})
    assert response.status_code == 302
    profile = Profile.objects.get(user=employee)
    assert (profile.language, profile.browser_language) == ("", "fr")
    employee.refresh_from_db()
    assert of_recipient(employee) == "fr"
    Profile.objects.filter(user=employee).update(language="nl")  # a choice made later wins
    employee.refresh_from_db()
    assert of_recipient(employee) == "nl"


def test_a_browser_that_asks_for_no_language_leaves_nothing_at_sign_in(employee):
    Client().post(SIGN_IN, {"username": employee.username, "password": PASSWORD})
    assert not Profile.objects.filter(user=employee).exclude(browser_language="").exists()
