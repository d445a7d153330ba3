"""Search, the pure part (stories.lib.search): what people type becomes a
query made only of words, whatever they type; matches are marked in text
that is escaped first."""

import pytest

from stories.lib import search
from stories.lib.search import Term, fts5_text, parse


def words_of(query):
    return [[term.words for term in group] for group in query.groups]


def test_words_are_folded_case_and_accents():
    assert search.words("José's CAFÉ, naïve Straße") == ["jose", "s", "cafe", "naive", "strasse"]


def test_every_word_is_a_group_of_its_own():
    query = parse("passport station")
    assert words_of(query) == [[("passport",)], [("station",)]]
    assert fts5_text(query.fts5()) == '(("passport")) AND (("station"))'


def test_a_quoted_phrase_is_one_term():
    query = parse('"lost passport" taxi')
    assert words_of(query) == [[("lost", "passport")], [("taxi",)]]
    assert fts5_text(query.fts5()) == '(("lost passport")) AND (("taxi"))'


def test_an_unbalanced_quote_runs_to_the_end():
    assert words_of(parse('taxi "lost passport')) == [[("taxi",)], [("lost", "passport")]]


def test_minus_excludes_a_word_or_a_phrase():
    query = parse('cake -birthday -"room service"')
    assert words_of(query) == [[("cake",)]]
    assert [term.words for term in query.excluded] == [("birthday",), ("room", "service")]


def test_or_joins_two_terms_into_one_group():
    query = parse("cake or flowers taxi")
    assert words_of(query) == [[("cake",), ("flowers",)], [("taxi",)]]
    assert fts5_text(query.fts5()) == '(("cake") OR ("flowers")) AND (("taxi"))'


def test_small_words_are_skipped_when_the_query_has_others():
    query = parse("the passport of the guest")
    assert words_of(query) == [[("passport",)], [("guest",)]]
    assert not query.names_only


def test_a_query_of_only_small_words_matches_names_teams_and_tags():
    query = parse("Will")
    assert words_of(query) == [[("will",)]]
    assert query.names_only
    assert fts5_text(query.fts5()) == '({people labels} : ("will"))'


def test_a_word_with_an_apostrophe_is_a_phrase_of_its_parts():
    assert words_of(parse("Sam's")) == [[("sam", "s")]]


@pytest.mark.parametrize(
    "typed",
    [
        '"',
        '""',
        "*",
        "NEAR(",
        "NEAR(a b, 2)",
        "-",
        "--",
        "- -",
        '"unbalanced',
        "a\x00b",
        "\x00",
        "{people} : x",
        "headline:cake",
        "cake AND OR NOT",
        "^cake",
        "cake*",
        "(cake",
        "')); DROP TABLE stories_story; --",
        "a" * 5000,
        "😀 🎉",
        "",
        "   ",
    ],
)
def test_hostile_input_becomes_plain_words_or_nothing(typed):
    query = parse(typed)
    expression = fts5_text(query.fts5()) if query.groups else ""
    # Only double-quoted words, AND/OR/NOT, parentheses, braces of the one column filter, colon.
    stripped = expression.replace("{people labels} : ", "")
    for token in stripped.replace("(", " ").replace(")", " ").split():
        assert token in {"AND", "OR"} or (token.startswith('"') or token.endswith('"')), (typed, expression)
    assert "\x00" not in expression
    for group in query.groups:
        for term in group:
            assert all(search.WORD.fullmatch(word) for word in term.words)


def test_the_query_is_capped_in_length_and_terms():
    query = parse(" ".join(f"word{i}" for i in range(100)))
    assert sum(len(group) for group in query.groups) == search.MAX_TERMS


def test_an_empty_query_is_falsy():
    assert not parse("")
    assert not parse('" - * ( )')
    assert parse("-cake")  # only an exclusion is still a query


def test_describe_reads_the_query_back():
    assert search.describe(parse('"lost passport" cake or flowers -birthday')) == (
        '"lost passport" cake or flowers -birthday'
    )


def test_websearch_terms_are_plain_words_or_a_quoted_phrase():
    assert Term(("cake",)).websearch() == "cake"
    assert Term(("lost", "passport")).websearch() == '"lost passport"'


# --- marking matches ---------------------------------------------------------------


def test_highlight_marks_matching_words_and_their_other_forms():
    html = search.highlight("Found two passports; the Passport office helped", parse("passport"))
    assert html == "Found two <mark>passports</mark>; the <mark>Passport</mark> office helped"


def test_highlight_escapes_everything_else():
    html = search.highlight('<script>alert("cake")</script> & cake', parse("cake"))
    assert "<script>" not in html
    assert html == "&lt;script&gt;alert(&quot;<mark>cake</mark>&quot;)&lt;/script&gt; &amp; <mark>cake</mark>"


def test_highlight_without_a_query_only_escapes():
    assert search.highlight("<b>Fish</b>", None) == "&lt;b&gt;Fish&lt;/b&gt;"


def test_highlight_matches_accents_folded():
    assert search.highlight("Merci José", parse("jose")) == "Merci <mark>José</mark>"


def test_excluded_words_are_not_marked():
    assert "<mark>" not in search.highlight("a birthday cake", parse("-birthday -cake"))


def test_an_excerpt_is_the_start_when_the_match_is_near_it():
    text = "The guest lost a passport. " + "More words here. " * 30
    assert search.excerpt(text, parse("passport")).startswith("The guest lost a passport.")


def test_an_excerpt_moves_to_a_match_far_into_the_story():
    text = "Words " * 100 + "and then the passport turned up " + "after " * 100
    excerpt = search.excerpt(text, parse("passport"))
    assert excerpt.startswith("… ") and excerpt.endswith(" …")
    assert "passport" in excerpt
    assert len(excerpt.split()) <= search.EXCERPT_WORDS + 2


def test_without_a_query_the_excerpt_is_what_truncatewords_gives():
    from django.template.defaultfilters import truncatewords

    text = "word " * 60 + "\nlast line"
    assert search.excerpt(text, None) == truncatewords(text, 40)


def test_index_text_keeps_only_folded_words():
    assert search.index_text("Café <b>Noir</b>", None, "Priya-Nair") == "cafe b noir b priya nair"


def test_a_word_of_three_letters_or_more_also_stands_for_the_words_it_begins():
    query = parse("priy -taxi lost passport")
    assert query.prefixes() == {"priy", "lost", "passport"}
    expanded = fts5_text(query.fts5(), begun=lambda prefix: {"priy": ["priya"]}.get(prefix, []))
    assert expanded.startswith('(("priy" OR "priya"))')
    assert parse('"lost passport" on').prefixes() == frozenset()  # phrases and small words: never
    assert parse("ab").prefixes() == frozenset()  # too short to mean anything yet


def test_a_words_beginning_is_marked_where_it_matched():
    assert str(search.highlight("Priya Nair", parse("priy"))) == "<mark>Priya</mark> Nair"
