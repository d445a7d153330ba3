"""Serving media: only the app's own files, only to people who may see the
win, with the right type, nosniff and byte ranges; the feed stays at a
constant number of queries with photos and videos on every card; sweep_media
removes what no row refers to."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from stories import services
from stories.lib import media, photos
from stories.models import Photo, Story, Video
from tests.helpers import media_files as files
from tests.helpers.people import make_user
from tests.helpers.queries import captured_queries
from tests.helpers.servers import fetch
from tests.helpers.wins import seed_wins

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_storage")]

VIDEO_BYTES = bytes(range(256)) * 40  # 10,240 bytes


@pytest.fixture
def stored(story, media_storage):
    """A photo and an uploaded video on `story`, with real files in storage."""
    result = photos.process_photo(files.upload("a.jpg", files.jpeg()))
    photo = Photo.objects.create(
        story=story,
        alt_text="A photo",
        large=media_storage.save(media.new_name("photos", "webp"), files.upload("l", result.large.data)),
        card=media_storage.save(media.new_name("photos", "webp"), files.upload("c", result.card.data)),
    )
    video = Video.objects.create(
        story=story,
        file=media_storage.save(media.new_name("videos", "mp4"), files.upload("v", VIDEO_BYTES)),
        content_type="video/mp4",
        status=Video.Status.READY,
    )
    return photo, video


class Fetched:
    """What the browser gets after following the app's redirect to a signed
    address in the object store (the S3 runs)."""

    def __init__(self, status, headers, content):
        self.status_code, self.content, self.streaming = status, content, False
        self.headers = {name.lower(): value for name, value in headers.items()}

    def __getitem__(self, name):
        return self.headers[name.lower()]


def get(client, name, **headers):
    """The app's answer for /media/<name>; with an object store, after the
    app's access check, what the signed address it redirects to answers."""
    response = client.get(f"/media/{name}", headers=headers)
    if response.status_code == 302 and response["Location"].startswith("http://127.0.0.1"):
        assert response["Cache-Control"] == "private, no-store"
        return Fetched(*fetch(response["Location"], headers))
    return response


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def on_s3(storage):
    return hasattr(storage, "signed_url")


def test_a_photo_is_served_as_webp_with_nosniff(employee_client, stored, media_storage):
    photo, _ = stored
    response = get(employee_client, photo.large.name)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    if not on_s3(media_storage):  # the bucket's own origin serves it there, with its stored type
        assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Accept-Ranges"] == "bytes"
    assert body(response) == media_storage.open(photo.large.name).read()
    assert photo.large.url == f"/media/{photo.large.name}"


def test_a_stored_file_can_never_run_as_a_page_of_the_site(employee_client, stored, media_storage, settings):
    """A sandboxing policy of its own on every media answer, never the site's
    (whose script-src would let our scripts run in a file opened on its own)."""
    photo, video = stored
    responses = [employee_client.get(f"/media/{photo.large.name}"), employee_client.get(f"/media/{video.file.name}")]
    settings.WINSBOARD_MEDIA_ACCEL_REDIRECT = "/protected-media/"
    responses.append(employee_client.get(f"/media/{photo.card.name}"))
    for response in responses:
        assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"


def test_a_video_is_served_whole_with_its_type(employee_client, stored):
    _, video = stored
    response = get(employee_client, video.file.name)
    assert response.status_code == 200
    assert response["Content-Type"] == "video/mp4"
    assert body(response) == VIDEO_BYTES


@pytest.mark.parametrize(
    "header, first, last",
    [
        ("bytes=0-99", 0, 99),
        ("bytes=10000-", 10000, 10239),
        ("bytes=-40", 10200, 10239),
        ("bytes=10200-99999", 10200, 10239),
    ],
)
@pytest.mark.parametrize("media_storage", ["filesystem", "in-memory"], indirect=True)  # the app's own Range code
def test_a_range_request_gets_206_with_the_right_bytes_and_content_range(
    employee_client, stored, header, first, last, media_storage
):
    _, video = stored
    response = get(employee_client, video.file.name, Range=header)
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes {first}-{last}/{len(VIDEO_BYTES)}"
    assert response["Content-Length"] == str(last - first + 1)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert body(response) == VIDEO_BYTES[first : last + 1]


@pytest.mark.parametrize("media_storage", ["filesystem", "in-memory"], indirect=True)  # the app's own Range code
@pytest.mark.parametrize("header", ["bytes=10240-", "bytes=99999-100000", "bytes=-0"])
def test_a_range_past_the_end_gets_416(employee_client, stored, header, media_storage):
    _, video = stored
    response = get(employee_client, video.file.name, Range=header)
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{len(VIDEO_BYTES)}"


@pytest.mark.parametrize("media_storage", ["filesystem", "in-memory"], indirect=True)  # the app's own Range code
@pytest.mark.parametrize("header", ["bytes=0-1,5-9", "items=0-9", "bytes=9-2", "bytes=x-"])
def test_a_range_we_do_not_serve_gets_the_whole_file(employee_client, stored, header, media_storage):
    _, video = stored
    response = get(employee_client, video.file.name, Range=header)
    assert response.status_code == 200
    assert body(response) == VIDEO_BYTES


@pytest.mark.parametrize("media_storage", ["s3"], indirect=True)
def test_on_an_object_store_the_app_checks_access_then_redirects_to_a_short_lived_signed_address(
    employee_client, client, other_employee, stored, media_storage, story
):
    """Pages carry the app's own address; the bucket's signed one is handed
    out only after the access check, and expires (WINSBOARD_S3_URL_SECONDS)."""
    _, video = stored
    assert video.file.url == f"/media/{video.file.name}"
    redirect = employee_client.get(f"/media/{video.file.name}")
    signed = redirect["Location"]
    assert redirect.status_code == 302 and "X-Amz-Signature=" in signed and "X-Amz-Expires=300" in signed
    assert fetch(signed, {"Range": "bytes=0-99"})[2] == VIDEO_BYTES[:100]  # the store answers Range itself
    assert fetch(signed.split("?")[0])[0] == 403  # the bucket is private: no signature, no file
    services.story_hide(story=story, by=make_user(type(other_employee), "boss", manager=True), reason="Private")
    client.force_login(other_employee)
    assert client.get(f"/media/{video.file.name}").status_code == 404  # no new signed address once hidden


@pytest.mark.parametrize(
    "name",
    [
        "../winsboard/settings.py",
        "photos/../../db.sqlite3",
        "photos/short.webp",
        "photos/" + "a" * 32 + ".html",
        "other/" + "a" * 32 + ".webp",
        "photos/" + "a" * 32 + ".webp",  # well-formed, but no row refers to it
    ],
)
def test_only_files_the_app_wrote_and_recorded_are_served(employee_client, stored, name):
    assert get(employee_client, name).status_code == 404


def test_a_row_whose_file_is_missing_gets_404_not_500(employee_client, stored, media_storage):
    photo, _ = stored
    media_storage.delete(photo.card.name)
    assert get(employee_client, photo.card.name).status_code == 404


def test_media_of_a_hidden_win_is_only_served_to_its_author_and_managers(
    client, stored, employee, other_employee, manager, story
):
    photo, video = stored
    Story.objects.filter(pk=story.pk).update(hidden_at=timezone.now())
    for user, status in ((other_employee, 404), (employee, 200), (manager, 200)):
        client.force_login(user)
        assert get(client, photo.large.name).status_code == status, user
        assert get(client, video.file.name).status_code == status, user


def test_media_needs_signing_in(client, stored):
    photo, _ = stored
    response = get(client, photo.large.name)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_media_is_read_only(employee_client, stored):
    photo, _ = stored
    assert employee_client.post(f"/media/{photo.large.name}").status_code == 405


# --- cards -------------------------------------------------------------------------


def test_a_card_shows_its_first_photo_with_srcset_lazy_loading_and_size(employee_client, story, stored):
    photo, _ = stored
    Photo.objects.filter(pk=photo.pk).update(large_width=1920, large_height=1440, card_width=600, card_height=450)
    page = employee_client.get("/").text
    assert f'src="/media/{photo.card.name}"' in page
    assert f'srcset="/media/{photo.card.name} 600w, /media/{photo.large.name} 1920w"' in page
    assert 'sizes="(min-width: 1200px) 416px' in page
    assert 'width="600" height="450" alt="A photo" loading="lazy"' in page


def test_a_card_without_photos_shows_the_video_poster(employee_client, make_story, media_storage):
    story = make_story()
    poster = media_storage.save(media.new_name("posters", "webp"), files.upload("p", photos.neutral_poster().card.data))
    Video.objects.create(story=story, status="ready", poster_card=poster, poster_card_width=600, poster_card_height=338)
    page = employee_client.get("/").text
    assert f'src="/media/{poster}"' in page and 'width="600" height="338"' in page


def test_the_story_page_shows_every_photo_in_a_gallery(employee_client, story, stored):
    photo, _ = stored
    Photo.objects.create(story=story, alt_text="Second photo", large=photo.large.name, card=photo.card.name, position=1)
    page = employee_client.get(f"/wins/{story.pk}/").text
    gallery = page.split('class="list-unstyled story-gallery')[1].split("</ul>")[0]
    assert gallery.count("<img") == 2
    assert 'alt="A photo"' in gallery and 'alt="Second photo"' in gallery


def test_the_feed_costs_the_same_queries_with_photos_and_videos_on_every_card(
    employee_client, django_user_model, django_assert_max_num_queries
):
    people = [make_user(django_user_model, f"person{i}") for i in range(4)]

    def seed(count):
        stories = seed_wins(count, authors=people)
        Photo.objects.bulk_create(
            Photo(story=story, alt_text=f"Photo {index}", large=f"photos/{'l' * 31}{index}.webp", card="photos/c.webp")
            for story in stories
            for index in range(3)
        )
        Video.objects.bulk_create(
            Video(story=story, status="ready", poster="posters/p.webp", poster_card="posters/c.webp")
            for story in stories
        )

    seed(2)
    with captured_queries() as few:
        assert employee_client.get("/").status_code == 200
    Story.objects.all().delete()
    seed(30)
    with django_assert_max_num_queries(len(few)):
        response = employee_client.get("/")
    assert response.text.count('loading="lazy"') == 20  # a full page of cards, each with its photo


# --- sweep_media -----------------------------------------------------------------


def sweep(*args):
    out = StringIO()
    call_command("sweep_media", *args, stdout=out)
    return out.getvalue()


def test_sweep_media_removes_files_no_row_refers_to_and_keeps_the_rest(stored, media_storage, monkeypatch):
    photo, video = stored
    orphan = media_storage.save(media.new_name("photos", "webp"), files.upload("o", b"left by a crash"))
    later = timezone.now() + timedelta(hours=2)
    monkeypatch.setattr(timezone, "now", lambda: later)

    listed = sweep("--dry-run")
    assert f"would delete {orphan}" in listed and "1 unreferenced file(s) would be deleted." in listed
    assert orphan in files.stored_files(media_storage)

    assert f"deleted {orphan}" in sweep()
    assert files.stored_files(media_storage) == sorted([photo.large.name, photo.card.name, video.file.name])


def test_sweep_media_spares_files_of_an_upload_still_in_progress(stored, media_storage):
    orphan = media_storage.save(media.new_name("videos", "mp4"), files.upload("o", b"being uploaded"))
    assert "0 unreferenced file(s) deleted." in sweep()
    assert orphan in files.stored_files(media_storage)
    assert f"deleted {orphan}" in sweep("--older-than", "0")


@pytest.mark.parametrize("media_storage", ["filesystem"], indirect=True)
def test_behind_nginx_the_app_checks_access_then_hands_the_file_to_nginx(
    client, stored, employee, other_employee, story, settings, media_storage
):
    """WINSBOARD_MEDIA_ACCEL_REDIRECT: no bytes through Python, only after the check."""
    settings.WINSBOARD_MEDIA_ACCEL_REDIRECT = "/protected-media/"
    _, video = stored
    client.force_login(employee)
    response = get(client, video.file.name)
    assert response.status_code == 200 and response.content == b""
    assert response["X-Accel-Redirect"] == f"/protected-media/{video.file.name}"
    assert response["Content-Type"] == "video/mp4"
    Story.objects.filter(pk=story.pk).update(hidden_at=timezone.now())
    client.force_login(other_employee)
    refused = get(client, video.file.name)
    assert refused.status_code == 404 and "X-Accel-Redirect" not in refused
