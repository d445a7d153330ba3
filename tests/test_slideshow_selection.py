"""Which wins the slideshow plays, in what order, and what each slide says."""

from datetime import date, timedelta

import pytest
from django.http import QueryDict
from django.utils import timezone

from stories.lib.slideshow_filters import DEFAULT_SECONDS, BadSelection, Selection, parse_selection
from stories.lib.text import names_joined, shorten
from stories.models import Story, Tag, Team, Video
from stories.slides import MAX_HERO_NAMES, shuffled
from stories.views import slideshow as slideshow_views
from tests.helpers.slideshow import add_hosted_video, add_photo, add_upload_video, feature


def parse(query):
    return parse_selection(QueryDict(query))


# --- parsing the URL -------------------------------------------------------------


def test_no_parameters_mean_all_featured_wins_at_twelve_seconds_with_title_and_end():
    assert parse("") == Selection(seconds=DEFAULT_SECONDS, title=True, end=True)


def test_every_parameter_is_read():
    selection = parse("tag=q4-kudos&since=2026-10-01&team=3&seconds=20&shuffle=1&unshown=1&title=0&end=0")
    assert selection == Selection(
        tag="q4-kudos", since=date(2026, 10, 1), team=3, seconds=20, shuffle=True, unshown=True, title=False, end=False
    )


@pytest.mark.parametrize(("raw", "seconds"), [("0", 4), ("3", 4), ("4", 4), ("45", 45), ("120", 120), ("99999", 120)])
def test_seconds_are_clamped_to_4_to_120(raw, seconds):
    assert parse(f"seconds={raw}").seconds == seconds


@pytest.mark.parametrize(
    "query",
    [
        "seconds=abc",
        "seconds=-5",
        "seconds=1.5",
        "seconds=" + "9" * 40,
        "since=2026-13-45",
        "since=yesterday",
        "since=20261101",
        "team=-1",
        "team=abc",
        "team=99999999999",
        "tag=<script>alert(1)</script>",
        "tag=" + "a" * 61,
        "shuffle=banana",
        "title=maybe",
    ],
)
def test_malformed_parameters_are_refused_with_a_message(query):
    with pytest.raises(BadSelection) as error:
        parse(query)
    assert str(error.value)


def test_unknown_parameters_are_ignored():
    assert parse("utm_source=mail&poll=5&foo=<b>") == Selection()


def test_canonical_query_round_trips_and_drops_defaults():
    selection = Selection(tag="kudos", since=date(2026, 11, 1), team=2, seconds=8, shuffle=True, title=False)
    assert selection.as_query() == "tag=kudos&since=2026-11-01&team=2&seconds=8&shuffle=1&title=0"
    assert parse(selection.as_query()) == selection
    assert Selection().as_query() == ""


# --- text ------------------------------------------------------------------------------


def test_short_text_is_kept_whole_on_one_line():
    assert shorten("We fixed it.\n\nThe guest smiled.", 100) == "We fixed it. The guest smiled."


def test_long_text_ends_at_a_sentence_when_one_is_near():
    text = "First sentence is here and long enough. " + "Second one goes on and on " * 10
    assert shorten(text, 60) == "First sentence is here and long enough."


def test_long_text_without_a_sentence_end_is_cut_at_a_word_with_an_ellipsis():
    text = "word " * 100
    result = shorten(text, 50)
    assert result.endswith("word…")
    assert len(result) <= 50


def test_one_enormous_word_is_still_cut_to_the_limit():
    result = shorten("x" * 5000, 80)
    assert len(result) == 80 and result.endswith("…")


def test_hero_names_read_naturally_and_stop_at_four():
    def names_text(names):
        return names_joined(names, shown=MAX_HERO_NAMES, rest="more")

    assert names_text(["Ana"]) == "Ana"
    assert names_text(["Ana", "Ben"]) == "Ana and Ben"
    assert names_text(["Ana", "Ben", "Cy"]) == "Ana, Ben and Cy"
    assert names_text(["A", "B", "C", "D", "E", "F"]) == "A, B, C, D and 2 more"


# --- selecting wins ----------------------------------------------------------------------


@pytest.fixture
def wall(make_story):
    """Four featured wins in a deliberate wall order, plus wins that must never play."""
    first = feature(make_story(headline="Pinned one"), pinned=True, position=3)
    second = feature(make_story(headline="Position zero"), position=0)
    third = feature(make_story(headline="Position one"), position=1)
    fourth = feature(make_story(headline="No position, featured long ago"), position=5, minutes_ago=90)
    make_story(headline="Not featured")
    hidden = feature(make_story(headline="Hidden"), position=2)
    Story.objects.filter(pk=hidden.pk).update(hidden_at=timezone.now())
    pending = feature(make_story(headline="Pending"), position=2)
    Story.objects.filter(pk=pending.pk).update(status=Story.Status.PENDING)
    return [first, second, third, fourth]


def test_the_deck_plays_the_featured_wall_in_its_order(wall):
    assert list(select_wins(Selection())) == list(Story.objects.featured())
    assert [story.headline for story in select_wins(Selection())] == [story.headline for story in wall]


def test_hidden_unfeatured_and_pending_wins_never_play(wall):
    headlines = {story.headline for story in select_wins(Selection())}
    assert headlines.isdisjoint({"Not featured", "Hidden", "Pending"})


def test_tag_filter_keeps_only_wins_with_that_tag(wall):
    tag = Tag.objects.create(name="Q4 kudos", slug="q4-kudos")
    wall[2].tags.add(tag)
    assert list(select_wins(parse("tag=q4-kudos"))) == [wall[2]]
    assert list(select_wins(parse("tag=Q4-Kudos"))) == [wall[2]]  # typed by hand
    assert list(select_wins(parse("tag=no-such-tag"))) == []


def test_team_filter_keeps_only_that_teams_wins(wall):
    desk = Team.objects.create(name="Front desk")
    Story.objects.filter(pk__in=[wall[1].pk, wall[3].pk]).update(team=desk)
    assert list(select_wins(parse(f"team={desk.pk}"))) == [wall[1], wall[3]]


def test_since_filter_keeps_wins_that_happened_on_or_after_the_date(wall):
    Story.objects.filter(pk=wall[0].pk).update(happened_on=date(2026, 1, 10))
    Story.objects.filter(pk=wall[1].pk).update(happened_on=date(2026, 2, 1))
    Story.objects.exclude(pk__in=[wall[0].pk, wall[1].pk]).update(happened_on=date(2025, 12, 31))
    assert list(select_wins(parse("since=2026-01-10"))) == [wall[0], wall[1]]


def test_unshown_leaves_out_wins_shown_at_an_earlier_all_hands_but_keeps_todays(wall):
    today = date(2026, 11, 22)
    Story.objects.filter(pk=wall[0].pk).update(shown_on=date(2026, 10, 25))
    Story.objects.filter(pk=wall[1].pk).update(shown_on=today)
    assert list(select_wins(parse("unshown=1"), today=today)) == [wall[1], wall[2], wall[3]]
    assert list(select_wins(parse("unshown=1"), today=today + timedelta(days=7))) == [wall[2], wall[3]]


def test_shuffle_is_a_stable_permutation_for_the_day_and_a_new_win_does_not_reorder_the_rest(make_story, wall):
    once = shuffled(wall, seed="2026-11-22")
    assert sorted(s.pk for s in once) == sorted(s.pk for s in wall)
    assert shuffled(list(reversed(wall)), seed="2026-11-22") == once
    newcomer = feature(make_story(headline="Newcomer"))
    with_newcomer = shuffled([*wall, newcomer], seed="2026-11-22")
    assert [s for s in with_newcomer if s != newcomer] == once
    orders = {tuple(s.pk for s in shuffled(wall, seed=f"2026-11-{day:02}")) for day in range(1, 29)}
    assert len(orders) > 1


# --- slides -----------------------------------------------------------------------------


def select_wins(selection, *, today=None):
    return Story.objects.for_deck(selection, today=today or timezone.localdate())


def deck_for(selection=None, *, token=None, today=None):
    file_url = slideshow_views.FileUrls(token=token)
    return slideshow_views.deck_for(selection or Selection(), file_url=file_url, today=today)


def win_slides(deck):
    return [slide for slide in deck["slides"] if slide.get("win")]


def test_layout_follows_content(make_story):
    with_photo = feature(make_story(headline="Photo"), position=0)
    add_photo(with_photo)
    feature(
        make_story(headline="Quote", quote="You saved my holiday!", quote_by="Ana", customer_consent=True), position=1
    )
    feature(make_story(headline="Words"), position=2)
    with_video = feature(make_story(headline="Video"), position=3)
    add_upload_video(with_video)
    with_embed = feature(make_story(headline="Embed"), position=4)
    add_hosted_video(with_embed)
    with_processing_video = feature(make_story(headline="Processing"), position=5)
    add_upload_video(with_processing_video, status=Video.Status.PROCESSING)

    layouts = {slide["headline"]: slide["layout"] for slide in win_slides(deck_for())}
    assert layouts == {
        "Photo": "photo",
        "Quote": "quote",
        "Words": "text",
        "Video": "video",
        "Embed": "video",
        "Processing": "text",
    }


def test_photo_slide_has_its_renditions_as_srcset_with_alt_text_and_size(make_story):
    story = feature(make_story(), position=0)
    photo = add_photo(story, size=(1920, 1280), alt="The couple on the terrace")
    slide = win_slides(deck_for())[0]
    image = slide["image"]
    assert image["alt"] == "The couple on the terrace"
    assert (image["width"], image["height"]) == (1920, 1280)
    assert image["src"].startswith(f"/slideshow/files/photo-large/{photo.pk}?v=")
    assert image["srcset"].endswith(" 1920w") and f"/slideshow/files/photo-card/{photo.pk}?v=" in image["srcset"]
    assert " 600w, " in image["srcset"]


def test_display_link_slides_point_their_files_under_the_token(make_story):
    story = feature(make_story(), position=0)
    photo = add_photo(story)
    deck = deck_for(token="t" * 43)
    assert win_slides(deck)[0]["image"]["src"].startswith(f"/slideshow/d/{'t' * 43}/files/photo-large/{photo.pk}?v=")


def test_uploaded_video_advances_when_it_ends_and_embeds_play_for_the_set_time(make_story):
    upload = feature(make_story(headline="Upload"), position=0)
    add_upload_video(upload)
    youtube = feature(make_story(headline="YouTube"), position=1)
    add_hosted_video(youtube, external_id="abcDEF12345")
    vimeo = feature(make_story(headline="Vimeo"), position=2)
    add_hosted_video(vimeo, provider=Video.Provider.VIMEO, external_id="76979871")
    slides = {slide["headline"]: slide for slide in win_slides(deck_for(parse("seconds=20")))}
    assert slides["Upload"]["seconds"] is None
    assert slides["Upload"]["video"]["kind"] == "file"
    assert slides["Upload"]["video"]["type"] == "video/mp4"
    assert slides["YouTube"]["seconds"] == 20
    assert slides["YouTube"]["video"]["src"].startswith("https://www.youtube-nocookie.com/embed/abcDEF12345?")
    assert slides["Vimeo"]["video"]["src"].startswith("https://player.vimeo.com/video/76979871?")


def test_a_hosted_video_with_a_malformed_id_is_not_embedded(make_story):
    story = feature(make_story(headline="Odd"), position=0)
    add_hosted_video(story, external_id='x"><script>')
    slide = win_slides(deck_for())[0]
    assert slide["video"] is None and slide["layout"] == "text"


def test_win_slide_carries_heroes_team_headline_and_a_graceful_excerpt(make_story, employee, other_employee):
    team = Team.objects.create(name="Housekeeping")
    story = make_story(
        headline="A ring back before checkout",
        body="A guest lost her ring. " * 60,
        heroes=[employee, other_employee],
        team=team,
    )
    feature(story, position=0, note="Ownership at its best")
    slide = win_slides(deck_for())[0]
    assert slide["heroes"] == ["Erin Employee", "Oscar Other"]
    assert slide["heroes_text"] == "Erin Employee and Oscar Other"
    assert slide["team"] == "Housekeeping"
    assert slide["note"] == "Ownership at its best"
    assert slide["kind_label"] == "Fixed it on the spot"
    assert len(slide["excerpt"]) <= 420 and slide["excerpt"].endswith(".")


def test_title_slide_counts_this_months_wins_heroes_and_teams(make_story, employee, other_employee, manager):
    today = date(2026, 11, 22)
    desk, bar = Team.objects.create(name="Desk"), Team.objects.create(name="Bar")
    feature(make_story(happened_on=date(2026, 11, 3), heroes=[employee, other_employee], team=desk), position=0)
    make_story(happened_on=date(2026, 11, 20), heroes=[employee], team=bar)
    make_story(happened_on=date(2026, 11, 21), heroes=[manager])
    make_story(happened_on=date(2026, 10, 31), heroes=[manager], team=desk)  # last month
    deck = deck_for(today=today)
    title = deck["slides"][0]
    assert title["layout"] == "title" and title["headline"] == "Wins this month"
    assert title["counts"] == {"wins": 3, "heroes": 3, "teams": 2}
    assert title["month"] == "November 2026"
    assert title["featured"] == 1


def test_title_and_end_slides_are_optional(make_story):
    feature(make_story(), position=0)
    assert [s["layout"] for s in deck_for()["slides"]] == ["title", "text", "end"]
    assert [s["layout"] for s in deck_for(parse("title=0&end=0"))["slides"]] == ["text"]


def test_an_empty_selection_plays_one_friendly_slide_naming_the_filter(db):
    Tag.objects.create(name="Q4 kudos", slug="q4-kudos")
    deck = deck_for(parse("tag=q4-kudos"))
    assert deck["wins"] == 0
    assert [s["layout"] for s in deck["slides"]] == ["empty"]
    assert "#Q4 kudos" in deck["slides"][0]["text"]
