"""Sentences built for people in their language (issue 26): who did it is
one phrase (“Ana, Luis and 12 others”) the whole sentence takes, and the
English reads as it always did. No database needed."""

from types import SimpleNamespace

import pytest

from stories.models.celebrate import CREDITED_WIN, OWN_WIN, names_list, own_win_line, people_phrase
from stories.slides import heroes_text
from stories.templatetags.celebrate_tags import cheer_state


@pytest.mark.parametrize(
    ("names", "total", "text"),
    [
        (["Ana"], 1, "Ana"),
        (["Ana", "Luis"], 2, "Ana and Luis"),
        (["Ana", "Luis"], 3, "Ana, Luis and 1 other"),
        (["Ana", "Luis"], 14, "Ana, Luis and 12 others"),
        (["Ana", "Luis", "Cy"], 3, "Ana, Luis and 1 other"),
        (["Ana"], 4, "Ana and 3 others"),
        ([], 5, "5 people"),
        ([], 1, "1 person"),
        (["Ana", ""], 2, "Ana and 1 other"),
    ],
)
def test_who_did_it_is_one_phrase_two_names_at_most_then_counted(names, total, text):
    assert people_phrase(names, total=total) == text


def test_every_name_is_listed_with_commas_and_a_last_and():
    assert names_list([]) == ""
    assert names_list(["Ana"]) == "Ana"
    assert names_list(["Ana", "Ben", "Cy"]) == "Ana, Ben and Cy"


def test_a_slide_names_four_heroes_then_says_how_many_more():
    assert heroes_text(["A", "B", "C", "D"]) == "A, B, C and D"
    assert heroes_text(["A", "B", "C", "D", "E", "F"]) == "A, B, C, D and 2 more"


def _story(names, count):
    cheers = [SimpleNamespace(user_id=index, user=SimpleNamespace(first_name=name)) for index, name in names]
    return SimpleNamespace(
        cheer_count=count,
        latest_cheers=cheers,
        status="published",
        is_hidden=False,
        Status=SimpleNamespace(PUBLISHED="published"),
    )


@pytest.mark.parametrize(
    ("names", "count", "you", "line"),
    [
        ([(1, "Ana")], 1, None, "Ana cheered"),
        ([(1, "Ana"), (2, "Luis")], 14, None, "Ana, Luis and 12 others cheered"),
        ([(9, "Me")], 1, 9, "You cheered"),
        ([(9, "Me"), (2, "Luis")], 2, 9, "You and Luis cheered"),
        ([(9, "Me"), (2, "Luis")], 5, 9, "You, Luis and 3 others cheered"),
        ([(1, "Ana"), (2, "Luis")], 5, 9, "You, Ana and 3 others cheered"),
    ],
)
def test_the_cheer_line_is_one_sentence_you_first_when_you_cheered(names, count, you, line):
    viewer = {"can_press": you is None, "pressed": you is not None, "you": you, "refusal": None}
    state = cheer_state({"cheer_as": viewer}, _story(names, count))
    assert state["line"] == line


def test_the_author_and_heroes_are_told_how_many_colleagues_cheered():
    assert own_win_line(OWN_WIN, 0) == "You posted this win. Your colleagues can cheer it."
    assert own_win_line(OWN_WIN, 1) == "You posted this win — 1 colleague cheered."
    assert own_win_line(CREDITED_WIN, 3) == "You're credited as a hero on this win — 3 colleagues cheered."
