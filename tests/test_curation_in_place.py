"""Curation controls on the pages, and acting in place: htmx gets the
re-rendered part of the page plus the message for the live region; without
JS the same forms post and redirect. Everything under the strict CSP."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from stories import services
from stories.models import Story
from tests.helpers.people import crowd, linked_name
from tests.helpers.queries import LIST_MAX_QUERIES, cold_and_warm
from tests.helpers.wins import seed_wins

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


def test_managers_pages_load_htmx_from_our_own_static_files_configured_without_eval(manager_client, story):
    text = manager_client.get("/").text
    assert re.search(r'<script src="/static/django_htmx/htmx-2\.min\.js" defer nonce="[^"]+"></script>', text)
    assert '<script src="/static/js/curation.js" defer></script>' in text
    config = re.search(r"<meta name=\"htmx-config\" content='([^']+)'>", text).group(1)
    assert '"allowEval": false' in config and '"includeIndicatorStyles": false' in config


def test_employees_pages_carry_no_curation_script_or_control(employee_client, story, manager):
    services.story_feature(story=story, by=manager)
    for url in ["/", story.get_absolute_url(), "/featured/", "/people/erin/"]:
        text = employee_client.get(url).text
        # htmx is there for everyone's Cheer button; no curation control or script is.
        for marker in ["curation.js", "curation-bar", "Manage this win", "Mark reviewed", "/feature/", "/hide/"]:
            assert marker not in text, (url, marker)
        assert set(re.findall(r'hx-post="([^"]+)"', text)) <= {f"/wins/{story.pk}/cheer/"}, url
    assert 'href="/manage/"' not in employee_client.get("/").text


def test_managers_see_the_manage_and_featured_links(manager_client):
    text = manager_client.get("/").text
    assert ">Manage</button>" in text and 'href="/featured/">Featured</a>' in text


def test_curation_markup_has_no_inline_script_style_or_handler(manager_client, story, manager):
    services.tag_add(story=story, name="Kindness", by=manager)
    services.story_feature(story=story, by=manager)
    Story.objects.update(reviewed_at=None)
    for url in ["/", story.get_absolute_url(), "/featured/", "/manage/", "/people/erin/"]:
        text = manager_client.get(url).text
        assert not re.search(r"<script(?![^>]*\bsrc=)", text), url
        assert not re.search(r"\sstyle=", text), url
        assert not re.search(r"\son[a-z]+=", text), url
        assert "hx-on" not in text and "js:" not in text, url


def test_every_curation_form_works_without_js(manager_client, story):
    """Each hx-post form also has method=post and the same action."""
    text = manager_client.get(story.get_absolute_url()).text + manager_client.get("/").text
    forms = re.findall(r"<form[^>]*hx-post=\"([^\"]+)\"[^>]*>", text)
    assert len(forms) > 5
    for tag in re.findall(r"<form[^>]*hx-post=[^>]*>", text):
        action = re.search(r'action="([^"]+)"', tag).group(1)
        assert 'method="post"' in tag and f'hx-post="{action}"' in tag


def test_every_form_acting_in_place_names_its_feature(manager_client, story, manager):
    """data-curate or data-celebrate: what tells static/js/curation.js and celebrate.js which failed requests
    are theirs to word (static/js/site.js tells them), whichever script loads first."""
    services.tag_add(story=story, name="Kindness", by=manager)
    services.story_feature(story=story, by=manager)
    pages = [story.get_absolute_url(), "/", "/featured/", "/manage/"]
    tags = [tag for url in pages for tag in re.findall(r"<form[^>]*hx-post=[^>]*>", manager_client.get(url).text)]
    assert len(tags) > 10
    unnamed = [tag for tag in tags if ("data-curate" in tag) == ("data-celebrate" in tag)]
    assert unnamed == []
    assert any('hx-post="/featured/reorder/"' in tag for tag in tags)  # the wall's drag-to-reorder form too


def test_the_win_page_shows_managers_its_curation_state(manager_client, story, manager):
    services.story_feature(story=story, by=manager, note="Lovely")
    services.story_pin(story=story)
    text = manager_client.get(story.get_absolute_url()).text
    assert "Manage this win" in text
    assert "On the featured wall, pinned to the top since" in text
    assert "(featured by " + linked_name(manager, "Mona Manager") + ")" in text
    assert "Reviewed by " + linked_name(manager, "Mona Manager") + " on" in text
    assert 'value="Lovely"' in text and "Save note" in text and "Take off the featured wall" in text


def test_acting_in_place_on_a_win_page_answers_its_article(manager_client, story):
    response = manager_client.post(
        reverse("curate_feature", args=[story.pk]),
        {"note": "Went the extra mile", "panel": "detail", "next": story.get_absolute_url()},
        headers=HTMX,
    )
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<article class="story-detail')
    assert "<html" not in response.text and "<nav" not in response.text
    assert '<span class="badge text-bg-warning">★ Featured</span>' in response.text
    assert "<strong>Why we love this:</strong> Went the extra mile" in response.text
    assert 'hx-swap-oob="innerHTML:.messages"' in response.text
    assert "is on the featured wall, at the top." in response.text
    # the re-rendered forms still send the manager back to the win's page
    assert f'name="next" value="{story.get_absolute_url()}"' in response.text


def test_acting_in_place_on_a_card_answers_that_card(manager_client, story):
    response = manager_client.post(
        reverse("curate_feature", args=[story.pk]), {"panel": "card", "next": "/?kind=fixed"}, headers=HTMX
    )
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<article class="card story-card')
    assert f'id="feature-toggle-{story.pk}"' in response.text and "Unfeature" in response.text
    assert 'name="next" value="/?kind=fixed"' in response.text


def test_a_refused_step_in_place_changes_nothing_and_says_why(manager_client, story, manager):
    services.story_hide(story=story, by=manager, reason="r")
    response = manager_client.post(reverse("curate_feature", args=[story.pk]), {"panel": "card"}, headers=HTMX)
    assert response.status_code == 422
    assert response["HX-Reswap"] == "none"
    assert "Unhide it before featuring it." in response.text
    assert Story.objects.get(pk=story.pk).featured_at is None


def test_a_refused_step_without_js_explains_and_links_back(manager_client, story, manager):
    services.story_hide(story=story, by=manager, reason="r")
    response = manager_client.post(reverse("curate_feature", args=[story.pk]), {"next": "/manage/?show=hidden"})
    assert response.status_code == 400
    assert "That didn't work" in response.text
    assert 'href="/manage/?show=hidden">Go back</a>' in response.text


def test_the_feed_costs_managers_the_same_queries_for_5_or_50_wins(client, django_user_model, manager):
    people, tags = crowd(django_user_model)
    client.force_login(manager)
    seed_wins(5, authors=people, tags=tags, featured_at=timezone.now())
    small = cold_and_warm(client, "/")
    seed_wins(45, authors=people, tags=tags, featured_at=timezone.now())
    assert cold_and_warm(client, "/") == small
    assert small[1] <= LIST_MAX_QUERIES


def test_the_manage_menu_holds_everything_managers_run(manager_client):
    menu = " ".join(manager_client.get("/").text.split())
    for url, label in [
        ("/manage/", "Review queue"),
        ("/manage/people/", "Staff"),
        ("/manage/tags/edit/", "Tags"),
        ("/manage/displays/", "Display links"),
        ("/insight/", "Insight"),
        ("/manage/export.csv", "Export wins (CSV)"),
    ]:
        assert f'href="{url}"' in menu and f">{label}</a>" in menu
