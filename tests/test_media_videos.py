"""Videos: uploaded files (sniffed, probed off the request path in a
sandboxed child process, given a poster — or a neutral one when no frame can
be decoded) and hosted links (allow-listed, parsed to (provider, id),
embedded through an address we build). The probe itself, its limits and its
failures: test_media_video_probe.py."""

from unittest import mock

import pytest
from django.utils.html import escape

from stories import tasks
from stories.lib import media, photos, video_links, videos
from stories.models import Story, Video
from tests.helpers import media_files as files
from tests.helpers.wins import story_post_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_storage")]

NEW = "/wins/new/"


@pytest.fixture(scope="session")
def sample_videos():
    """Tiny real videos, made once with PyAV (1 s, 160×120)."""
    return {
        "mp4": files.make_video(),
        "webm": files.make_video(codec="libvpx", container="webm", bit_rate=200_000),
        "mov": files.make_video(container="mov"),
        "mpeg4-part-2": files.make_video(codec="mpeg4"),
    }


def post_video(client, hero, name, data, **extra):
    upload = files.upload(name, data, "application/octet-stream")  # the browser's type is never trusted
    return client.post(NEW, story_post_data(hero) | {"video_file": upload} | extra)


# --- uploaded files ----------------------------------------------------------------


@pytest.mark.parametrize(
    "kind, name, content_type",
    [("mp4", "clip.mp4", "video/mp4"), ("webm", "clip.webm", "video/webm"), ("mov", "IMG_0001.MOV", "video/quicktime")],
)
def test_an_uploaded_video_is_probed_and_gets_a_poster_and_its_duration(
    employee_client,
    employee,
    media_storage,
    sample_videos,
    django_capture_on_commit_callbacks,
    kind,
    name,
    content_type,
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post_video(employee_client, employee, name, sample_videos[kind])
    assert response.status_code == 302
    video = Video.objects.get()
    assert (video.status, video.provider, video.content_type) == ("ready", "upload", content_type)
    assert video.duration_seconds == pytest.approx(1.0, abs=0.2)
    assert (video.poster_width, video.poster_height, video.poster_card_width) == (160, 120, 160)
    assert files.opened(media_storage, video.poster.name).format == "WEBP"
    assert media.STORED_NAME.fullmatch(video.file.name) and "clip" not in video.file.name
    assert sorted(files.stored_files(media_storage)) == sorted(
        [video.file.name, video.poster.name, video.poster_card.name]
    )
    page = employee_client.get(f"/wins/{video.story_id}/").text
    assert f'<source src="/media/{video.file.name}" type="{content_type}">' in page
    assert f'poster="/media/{video.poster.name}"' in page


def test_the_video_is_processed_off_the_request_path_and_shows_as_processing_until_then(
    employee_client, employee, sample_videos, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        post_video(employee_client, employee, "clip.mp4", sample_videos["mp4"])
    video = Video.objects.get()
    queued = [callback for callback in callbacks if not hasattr(callback, "version_name")]  # not the version bump
    assert video.status == "processing" and len(queued) == 1
    assert "A video is being prepared" in employee_client.get(f"/wins/{video.story_id}/").text
    assert "Video processing" in employee_client.get("/").text
    queued[0]()  # the queued task (the immediate backend runs it at once)
    video.refresh_from_db()
    assert video.status == "ready"


def test_a_video_whose_frames_cannot_be_decoded_is_used_with_a_neutral_poster(
    employee_client, employee, media_storage, sample_videos, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_video(employee_client, employee, "clip.mp4", files.with_undecodable_frames(sample_videos["mp4"]))
    video = Video.objects.get()
    assert (video.status, video.duration_seconds, video.content_type) == ("ready", 1.0, "video/mp4")
    assert files.opened(media_storage, video.poster.name).size == (1280, 720)
    assert media_storage.open(video.poster.name).read() == photos.neutral_poster().large.data


def test_a_video_that_fails_the_probe_is_rejected_with_a_reason_its_author_sees(
    client, employee, other_employee, media_storage, django_capture_on_commit_callbacks
):
    damaged = b"\0\0\0\x18ftypmp42\0\0\0\0mp42isom" + b"\x13\x37" * 4000  # an MP4 header, then noise
    client.force_login(employee)
    with django_capture_on_commit_callbacks(execute=True):
        assert post_video(client, employee, "broken.mp4", damaged).status_code == 302
    video = Video.objects.get()
    assert video.status == "rejected"
    assert video.reject_reason.startswith("We couldn't use this video: it couldn't be read as a video.")
    assert files.stored_files(media_storage) == []  # the unusable file is gone
    assert escape(video.reject_reason) in client.get(f"/wins/{video.story_id}/").text
    client.force_login(other_employee)
    page = client.get(f"/wins/{video.story_id}/").text
    assert "couldn" not in page.split('id="story-title"')[1].split("story-body")[0]


def test_a_video_in_a_codec_browsers_cannot_play_is_rejected_naming_the_codec(
    employee_client, employee, sample_videos, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_video(employee_client, employee, "old.mp4", sample_videos["mpeg4-part-2"])
    video = Video.objects.get()
    assert video.status == "rejected"
    assert video.reject_reason == (
        "We couldn't use this video: it uses the mpeg4 video format, which browsers can't play. "
        "Export it as H.264, HEVC, VP8, VP9 or AV1 (a phone's default is fine)."
    )


def test_a_photo_renamed_to_mp4_is_refused_before_it_is_stored(employee_client, employee, media_storage):
    response = post_video(employee_client, employee, "holiday.mp4", files.jpeg())
    assert response.status_code == 400
    assert "it isn&#x27;t an MP4, WebM or MOV video." in response.text
    assert not Video.objects.exists() and files.stored_files(media_storage) == []


def test_an_unexpected_failure_while_processing_still_ends_in_a_rejection(employee, make_story, monkeypatch):
    video = Video.objects.create(story=make_story(), file="videos/" + "x" * 32 + ".mp4", content_type="video/mp4")

    def explode(*args):
        raise RuntimeError("boom")

    monkeypatch.setattr(tasks, "examine_video", explode)
    assert tasks.process_video.call(video.pk) == "rejected"
    video.refresh_from_db()
    assert video.status == "rejected" and "Try uploading it again" in video.reject_reason


def test_processing_a_video_that_was_replaced_meanwhile_keeps_nothing(
    employee, make_story, media_storage, sample_videos
):
    story = make_story()
    name = media_storage.save(media.new_name("videos", "mp4"), files.upload("c.mp4", sample_videos["mp4"]))
    video = Video.objects.create(story=story, file=name, content_type="video/mp4")
    report = videos.examine_video(name, "video/mp4")
    Video.objects.filter(pk=video.pk).delete()
    from stories import services

    assert services.video_ready(video=video, report=report) is False
    assert files.stored_files(media_storage) == [name]  # no poster left behind


def test_replacing_a_video_deletes_the_old_files_after_commit(
    employee_client, employee, media_storage, sample_videos, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_video(employee_client, employee, "clip.mp4", sample_videos["mp4"])
    story = Story.objects.get()
    old = Video.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        response = employee_client.post(
            f"/wins/{story.pk}/edit/", story_post_data(employee) | {"video_link": "https://youtu.be/dQw4w9WgXcQ"}
        )
    assert response.status_code == 302
    new = Video.objects.get()
    assert (new.provider, new.external_id, new.status) == ("youtube", "dQw4w9WgXcQ", "ready")
    assert old.file.name not in files.stored_files(media_storage)
    assert files.stored_files(media_storage) == []


def test_the_author_can_remove_the_video(employee_client, employee, make_story, django_capture_on_commit_callbacks):
    story = make_story()
    Video.objects.create(story=story, provider="vimeo", external_id="76979871", status="ready")
    with django_capture_on_commit_callbacks(execute=True):
        employee_client.post(f"/wins/{story.pk}/edit/", story_post_data(employee) | {"remove_video": "on"})
    assert not Video.objects.exists()


# --- hosted links ------------------------------------------------------------------

ACCEPTED_LINKS = {
    "https://www.youtube.com/watch?v=dQw4w9WgXcQ": ("youtube", "dQw4w9WgXcQ"),
    "https://youtube.com/watch?v=dQw4w9WgXcQ&t=42s&list=PL1": ("youtube", "dQw4w9WgXcQ"),
    "https://m.youtube.com/watch?feature=share&v=dQw4w9WgXcQ": ("youtube", "dQw4w9WgXcQ"),
    "https://youtu.be/dQw4w9WgXcQ?si=abc": ("youtube", "dQw4w9WgXcQ"),
    "https://www.youtube.com/shorts/aqz-KE-bpKQ": ("youtube", "aqz-KE-bpKQ"),
    "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ": ("youtube", "dQw4w9WgXcQ"),
    "  https://vimeo.com/76979871  ": ("vimeo", "76979871"),
    "https://vimeo.com/channels/staffpicks/76979871": ("vimeo", "76979871"),
    "https://vimeo.com/showcase/9876543/video/76979871": ("vimeo", "76979871"),
    # Unlisted videos only play with their privacy hash, so it is kept.
    "https://player.vimeo.com/video/76979871?h=8272103f6e": ("vimeo", "76979871:8272103f6e"),
    "https://vimeo.com/76979871/8272103f6e": ("vimeo", "76979871:8272103f6e"),
    "https://vimeo.com/76979871/8272103f6e?share=copy": ("vimeo", "76979871:8272103f6e"),
    "https://player.vimeo.com/video/76979871?h=<script>": ("vimeo", "76979871"),
}

REFUSED_LINKS = {
    "javascript:alert(document.cookie)": "https://",
    "JaVaScRiPt:alert(1)//https://youtu.be/dQw4w9WgXcQ": "https://",
    "data:text/html,<script>alert(1)</script>": "https://",
    "http://www.youtube.com/watch?v=dQw4w9WgXcQ": "https://",
    "//www.youtube.com/watch?v=dQw4w9WgXcQ": "https://",
    "https://www.youtube.com.evil.com/watch?v=dQw4w9WgXcQ": "Only links to YouTube or Vimeo",
    "https://evil.com/youtube.com/watch?v=dQw4w9WgXcQ": "Only links to YouTube or Vimeo",
    "https://evil.com/?u=https://youtu.be/dQw4w9WgXcQ": "Only links to YouTube or Vimeo",
    "https://youtube.com@evil.com/watch?v=dQw4w9WgXcQ": "Only links to YouTube or Vimeo",
    "https://www.youtube.com:8443/watch?v=dQw4w9WgXcQ": "Only links to YouTube or Vimeo",
    "https://notyoutube.com/watch?v=dQw4w9WgXcQ": "Only links to YouTube or Vimeo",
    "https://vimeo.com.evil.com/76979871": "Only links to YouTube or Vimeo",
    "https://www.youtube.com/watch": "doesn't point to one video",
    "https://www.youtube.com/watch?v=<script>x": "doesn't point to one video",
    'https://www.youtube.com/watch?v=dQw4w9WgXcQ"onload="x': "doesn't point to one video",
    "https://vimeo.com/about": "doesn't point to one video",
    "https://www.youtube.com/watch?v=dQw4w9WgXcQ\nhttps://evil.com": "doesn't look like a video link",
    "https://evil.com\\@www.youtube.com/watch?v=dQw4w9WgXcQ": "doesn't look like a video link",
    "ftp://youtube.com/watch?v=dQw4w9WgXcQ": "https://",
}


@pytest.mark.parametrize("link, expected", ACCEPTED_LINKS.items(), ids=range(len(ACCEPTED_LINKS)))
def test_youtube_and_vimeo_links_are_parsed_to_provider_and_id(link, expected):
    assert video_links.parse_video_link(link) == expected


@pytest.mark.parametrize("link, message", REFUSED_LINKS.items(), ids=range(len(REFUSED_LINKS)))
def test_links_that_are_not_https_on_an_allowed_host_are_refused_with_a_form_error(
    employee_client, employee, link, message
):
    response = employee_client.post(NEW, story_post_data(employee) | {"video_link": link})
    assert response.status_code == 400
    assert escape(message) in response.text
    assert not Story.objects.exists() and not Video.objects.exists()


def test_a_hosted_video_plays_through_the_embed_address_we_build(employee_client, employee):
    link = "https://www.youtube.com/watch?v=dQw4w9WgXcQ&autoplay=1&onload=alert(1)"
    employee_client.post(NEW, story_post_data(employee, headline="Our guest's birthday") | {"video_link": link})
    story = Story.objects.get()
    page = employee_client.get(f"/wins/{story.pk}/").text
    assert '<iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?rel=0"' in page
    assert 'title="Video: Our guest&#x27;s birthday (YouTube)"' in page
    assert "onload" not in page and "autoplay=1" not in page


def test_vimeo_embeds_ask_not_to_track(make_story):
    video = Video(provider="vimeo", external_id="76979871")
    assert video_links.embed_url(video) == "https://player.vimeo.com/video/76979871?dnt=1"
    assert video_links.embed_url(Video(provider="youtube", external_id="javascript:x")) == ""


def test_an_unlisted_vimeo_video_embeds_with_its_privacy_hash(employee_client, employee):
    link = "https://vimeo.com/76979871/8272103f6e"
    employee_client.post(NEW, story_post_data(employee) | {"video_link": link})
    page = employee_client.get(Story.objects.get().get_absolute_url()).text
    assert '<iframe src="https://player.vimeo.com/video/76979871?h=8272103f6e&amp;dnt=1"' in page
    for forged in ("76979871:<script>", "76979871:8272103f6e&autoplay=1", "x:8272103f6e"):
        assert video_links.embed_url(Video(provider="vimeo", external_id=forged)) == ""


def test_a_host_added_in_settings_is_accepted_and_embedded_through_its_template(settings):
    settings.WINSBOARD_VIDEO_HOSTS = [
        {"provider": "ourtv", "host": "tv.example.com", "embed": "https://tv.example.com/embed/{id}", "origin": "x"}
    ]
    assert video_links.parse_video_link("https://tv.example.com/watch/abc-123") == ("ourtv", "abc-123")
    assert (
        video_links.embed_url(Video(provider="ourtv", external_id="abc-123")) == "https://tv.example.com/embed/abc-123"
    )
    with pytest.raises(media.MediaError, match="YouTube, Vimeo or tv.example.com"):
        video_links.parse_video_link("https://tv.example.com.evil.com/watch/abc")


def test_a_file_and_a_link_together_are_refused(employee_client, employee, sample_videos):
    response = post_video(
        employee_client, employee, "clip.mp4", sample_videos["mp4"], video_link="https://youtu.be/dQw4w9WgXcQ"
    )
    assert response.status_code == 400
    assert "Choose one video: a file or a link, not both." in response.text
    assert not Video.objects.exists()


def test_in_production_the_video_waits_in_the_database_queue_for_the_worker(
    employee_client, employee, sample_videos, settings, django_capture_on_commit_callbacks
):
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # Django resets the backends
    with django_capture_on_commit_callbacks(execute=True):
        post_video(employee_client, employee, "clip.mp4", sample_videos["mp4"])
    assert Video.objects.get().status == "processing"
    assert DBTaskResult.objects.filter(task_path="stories.tasks.process_video").count() == 1

    # The worker closes "old" connections; inside the test's transaction that
    # would close PostgreSQL's (SQLite's in-memory one ignores it).
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert Video.objects.get().status == "ready"


@pytest.mark.parametrize(
    "value",
    [
        "ourtv",
        "ourtv=tv.example.com",
        "ourtv=tv.example.com=http://tv.example.com/embed/{id}",
        "ourtv=tv.example.com=https://tv.example.com/embed/",
        "youtube=tv.example.com=https://tv.example.com/embed/{id}",
        "our tv=tv.example.com=https://tv.example.com/embed/{id}",
        "ourtv=tv.example.com=https://user@evil.com/embed/{id}",
    ],
)
def test_a_badly_written_extra_video_host_stops_the_app_from_starting(monkeypatch, value):
    from django.core.exceptions import ImproperlyConfigured

    from winsboard.settings import env_video_hosts

    monkeypatch.setenv("WINSBOARD_VIDEO_HOSTS", value)
    with pytest.raises(ImproperlyConfigured, match="provider=host=https://embed.address/{id}"):
        env_video_hosts("WINSBOARD_VIDEO_HOSTS")


def test_an_extra_video_host_is_parsed_and_its_player_allowed_to_be_framed(monkeypatch):
    from winsboard.settings import env_video_hosts

    monkeypatch.setenv("WINSBOARD_VIDEO_HOSTS", "ourtv=TV.example.com=https://player.example.com/v/{id}?x=1")
    assert env_video_hosts("WINSBOARD_VIDEO_HOSTS") == [
        {
            "provider": "ourtv",
            "host": "tv.example.com",
            "embed": "https://player.example.com/v/{id}?x=1",
            "origin": "https://player.example.com",
        }
    ]
