"""Search finds words in wins written in any of Winsboard's languages, the
same way on SQLite (FTS5) and PostgreSQL (`make test-postgres`): accents,
ß and Arabic's short-vowel marks folded on both sides, and words of other
languages never lost to English stop words or stemming."""

import pytest

from tests.test_search_feed import found

pytestmark = pytest.mark.django_db

WINS = {
    "es": ("Café con leche para la señora", "Le preparamos un café con leche sin lactosa a las tres de la mañana."),
    "fr": ("Un élève a retrouvé son cahier", "Nous avons gardé la chambre de l'élève ouverte après le départ."),
    "de": ("Die Straße war gesperrt", "Wir haben den Gästen ein Taxi über die Brücke bestellt."),
    "nl": ("Eén koffer terug in één dag", "De koffer stond nog op het perron; wij hebben hem opgehaald."),
    "ar": ("مَطْعَم مفتوح بعد منتصف الليل", "أحضرنا للضيف عشاءً ساخناً بعد إغلاق المطبخ."),
}


@pytest.fixture
def wins_in_every_language(make_story):
    return {code: make_story(headline=headline, body=body).headline for code, (headline, body) in WINS.items()}


@pytest.mark.parametrize(
    ("language", "typed"),
    [
        ("es", "cafe"),  # without the accent
        ("es", "CAFÉ"),
        ("es", "senora"),
        ("es", "mañana"),
        ("fr", "eleve"),
        ("fr", "retrouve cahier"),
        ("de", "strasse"),  # ß typed as ss
        ("de", "Straße"),
        ("de", "brucke"),
        ("de", "gästen"),
        ("nl", "een koffer"),
        ("nl", "perron"),
        ("ar", "مطعم"),  # without the short vowels the headline has
        ("ar", "المطبخ"),
    ],
)
def test_words_of_every_language_are_found_however_their_accents_are_typed(
    employee_client, wins_in_every_language, language, typed
):
    assert found(employee_client, typed) == [wins_in_every_language[language]]


def test_a_word_of_another_language_is_found_by_its_start(employee_client, wins_in_every_language):
    assert found(employee_client, "lacto") == [wins_in_every_language["es"]]
    assert found(employee_client, "gesper") == [wins_in_every_language["de"]]
