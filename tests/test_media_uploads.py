"""Attaching photos (and video files) through the post/edit form: the happy
path, every hostile file, nothing half-saved, files deleted after commit.
Each test that stores files runs on the file system and in memory."""

import re

import pytest
from django.db import IntegrityError, connection
from django.utils.html import escape

from stories import services
from stories.lib import media, photos
from stories.lib.media import MediaChanges, NewPhoto
from stories.models import Photo, Story, Video
from stories.services import media as media_services
from tests.helpers import media_files as files
from tests.helpers.wins import story_post_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_storage")]

NEW = "/wins/new/"


def rows(*alts, existing=()):
    """The photo rows the form sends: `existing` as (photo, alt, position,
    remove) tuples first, then one row per new-photo alt text, six in all."""
    data = {
        "photo-TOTAL_FORMS": "6",
        "photo-INITIAL_FORMS": "0",
        "photo-MIN_NUM_FORMS": "0",
        "photo-MAX_NUM_FORMS": "6",
    }
    for index, (photo, alt, position, remove) in enumerate(existing):
        data |= {f"photo-{index}-photo": photo.pk, f"photo-{index}-alt_text": alt, f"photo-{index}-position": position}
        if remove:
            data[f"photo-{index}-remove"] = "on"
    for offset, alt in enumerate([*alts, *[""] * (6 - len(existing) - len(alts))]):
        index = len(existing) + offset
        data |= {f"photo-{index}-alt_text": alt, f"photo-{index}-position": index + 1}
    return data


def post_win(client, hero, photos=(), alts=(), **extra):
    data = story_post_data(hero) | rows(*alts) | extra
    if photos:
        data["photos"] = list(photos)
    return client.post(NEW, data)


def assert_refused(response, media_storage, *, naming):
    assert response.status_code == 400
    assert escape(naming) in response.text
    assert not Story.objects.exists()
    assert not Photo.objects.exists()
    assert files.stored_files(media_storage) == []


# --- posting with photos -----------------------------------------------------


def test_employee_posts_a_win_with_two_photos_and_their_alt_texts(employee_client, employee, media_storage):
    response = post_win(
        employee_client,
        employee,
        photos=[files.upload("note.jpg", files.jpeg(2400, 1800)), files.upload("lobby.png", files.png_16_bit())],
        alts=["Handwritten thank-you note", "The lobby, decorated"],
    )
    story = Story.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/wins/{story.pk}/"
    first, second = story.photos.all()
    assert (first.alt_text, first.position, first.original_name) == ("Handwritten thank-you note", 0, "note.jpg")
    assert (second.alt_text, second.position) == ("The lobby, decorated", 1)
    assert (first.large_width, first.large_height, first.card_width, first.card_height) == (1920, 1440, 600, 450)
    stored = files.stored_files(media_storage)
    assert stored == sorted([first.large.name, first.card.name, second.large.name, second.card.name])
    assert all(media.STORED_NAME.fullmatch(name) for name in stored)
    assert not any("note" in name or "lobby" in name for name in stored)
    assert files.opened(media_storage, first.large.name).size == (1920, 1440)


def test_a_photo_without_alt_text_is_refused_and_the_form_says_why(employee_client, employee, media_storage):
    response = post_win(employee_client, employee, photos=[files.upload("cake.jpg", files.jpeg())], alts=[""])
    assert_refused(response, media_storage, naming="Add an alt text for “cake.jpg”")
    assert "read aloud to colleagues who use a screen reader" in response.text


def test_the_nth_photo_goes_with_the_nth_alt_text_and_order_can_be_changed(employee_client, employee):
    data = story_post_data(employee) | rows("First chosen", "Second chosen")
    data |= {"photo-0-position": "2", "photo-1-position": "1"}
    data["photos"] = [files.upload("a.jpg", files.jpeg()), files.upload("b.jpg", files.jpeg())]
    assert employee_client.post(NEW, data).status_code == 302
    assert [photo.alt_text for photo in Photo.objects.all()] == ["Second chosen", "First chosen"]


def labelled(page):
    """Label text → the ids of the fields it labels."""
    found = {}
    for field_id, text in re.findall(r'<label\s+for="([^"]+)"[^>]*>\s*([^<]+?)\s*<', page):
        found.setdefault(text, []).append(field_id)
    return found


def field_tag(page, field_id):
    return re.search(rf'<(input|select|textarea)[^>]*id="{re.escape(field_id)}"[^>]*>', page)[0]


def test_the_photo_field_takes_several_images_from_a_phone_and_says_why_alt_text_matters(employee_client):
    page = employee_client.get(NEW).text
    labels = labelled(page)
    photos = field_tag(page, labels["Photos"][0])
    assert 'type="file"' in photos and " multiple" in photos and 'accept="image/*"' in photos
    assert len(labels["Alt text"]) == 6
    alt = field_tag(page, labels["Alt text"][0])
    assert 'aria-describedby="id_photo-0-alt_text_hint photo-alt-help"' in alt
    assert '<div class="form-text" id="id_photo-0-alt_text_hint">Describe the photo for colleagues who can' in page
    assert "read aloud to colleagues who use a screen reader" in page
    assert 'type="file"' in field_tag(page, labels["Video file"][0])
    assert 'type="url"' in field_tag(page, labels["Video link"][0])


def test_up_to_six_photos_and_no_more(employee_client, employee, media_storage):
    seven = [files.upload(f"p{index}.jpg", files.jpeg()) for index in range(7)]
    response = post_win(employee_client, employee, photos=seven, alts=[f"Photo {index}" for index in range(6)])
    assert_refused(response, media_storage, naming="A win can have up to 6 photos")

    six = [files.upload(f"p{index}.jpg", files.jpeg()) for index in range(6)]
    response = post_win(employee_client, employee, photos=six, alts=[f"Photo {index}" for index in range(6)])
    assert response.status_code == 302
    assert Photo.objects.count() == 6


def test_a_posted_photo_list_longer_than_six_rows_is_refused(employee_client, employee, media_storage):
    data = story_post_data(employee) | rows("One") | {"photo-TOTAL_FORMS": "1000"}
    data["photos"] = [files.upload("a.jpg", files.jpeg())]
    assert_refused(employee_client.post(NEW, data), media_storage, naming="A win can have up to 6 photos")


def test_photos_sent_without_the_alt_text_rows_are_refused(employee_client, employee, media_storage):
    data = story_post_data(employee) | {"photos": [files.upload("a.jpg", files.jpeg())]}
    assert_refused(employee_client.post(NEW, data), media_storage, naming="Add an alt text for each photo")


def test_a_win_without_any_media_fields_still_posts(employee_client, employee):
    assert employee_client.post(NEW, story_post_data(employee)).status_code == 302


# --- hostile files -------------------------------------------------------------

LONG_NAME = "a" * 296 + ".jpg"
HOSTILE_PHOTOS = {
    "empty": ("empty.jpg", b"", "the file is empty"),
    "truncated": ("half.jpg", files.truncated_jpeg(), "isn't a complete"),
    "html named .jpg": ("page.jpg", files.HTML, "isn't a complete"),
    "svg with a script": ("drawing.svg", files.SVG, "isn't a complete"),
    "decompression bomb": ("bomb.png", files.decompression_bomb_png(), "too many pixels"),
    "polyglot": ("both.gif", files.POLYGLOT, "isn't a complete"),
    "path traversal name": ("../../../etc/cron.d/evil.jpg", files.HTML, "“evil.jpg” can't be used"),
    "unicode name": ("фото \u202eзлой.jpg", files.SVG, "“фото злой.jpg” can't be used"),
    "300-character name": (LONG_NAME, files.ZIP, "“" + "a" * 79 + "…” can't be used"),
}


@pytest.mark.parametrize("name, data, message", HOSTILE_PHOTOS.values(), ids=HOSTILE_PHOTOS.keys())
def test_a_hostile_photo_gets_a_form_error_a_400_and_leaves_nothing_behind(
    employee_client, employee, media_storage, name, data, message
):
    response = post_win(employee_client, employee, photos=[files.upload(name, data)], alts=["A photo"])
    assert_refused(response, media_storage, naming=message)
    refusals = re.findall(r"can&#x27;t be used: ([^<]*)", response.text)  # the form's help text names them too
    assert refusals and all("JPEG, PNG, WebP, GIF or HEIC" in refusal for refusal in refusals)


def test_an_oversized_photo_is_refused_by_its_size(employee_client, employee, media_storage, settings):
    settings.WINSBOARD_MAX_PHOTO_MB = 1
    big = files.upload("huge.jpg", files.jpeg() + b"\0" * (1024 * 1024))
    response = post_win(employee_client, employee, photos=[big], alts=["Huge"])
    assert_refused(response, media_storage, naming="photos can be up to 1 MB")


def test_an_upload_bigger_than_any_post_could_be_is_refused_before_it_is_read(
    employee_client, employee, media_storage, settings
):
    settings.WINSBOARD_MAX_PHOTO_MB = settings.WINSBOARD_MAX_VIDEO_MB = 1  # a post is then at most 8 MB
    huge = files.upload("huge.mp4", b"\0" * (9 * 1024 * 1024), "video/mp4")
    response = employee_client.post(NEW, story_post_data(employee) | {"video_file": huge})
    assert response.status_code == 400
    assert not Story.objects.exists() and files.stored_files(media_storage) == []


@pytest.mark.parametrize(
    "name, data",
    [("clip.mp4", files.ZIP), ("clip.mp4", files.ELF), ("clip.mov", files.HTML), ("clip.webm", b"")],
    ids=["zip", "executable", "html", "empty"],
)
def test_a_video_file_that_is_not_a_video_is_refused(employee_client, employee, media_storage, name, data):
    response = employee_client.post(
        NEW, story_post_data(employee) | {"video_file": files.upload(name, data, "video/mp4")}
    )
    assert_refused(response, media_storage, naming=f"“{name}” can't be used")
    assert not Video.objects.exists()


def test_an_oversized_video_is_refused_by_its_size(employee_client, employee, media_storage, settings):
    settings.WINSBOARD_MAX_VIDEO_MB = 1
    big = files.upload("long.mp4", b"\0\0\0\x18ftypmp42" + b"\0" * (1024 * 1024 + 1), "video/mp4")
    response = employee_client.post(NEW, story_post_data(employee) | {"video_file": big})
    assert_refused(response, media_storage, naming="videos can be up to 1 MB")


def test_a_good_photo_with_a_hostile_name_is_stored_under_a_generated_name(employee_client, employee, media_storage):
    name = "../../static/js/" + "é" * 290 + ".jpg"
    response = post_win(employee_client, employee, photos=[files.upload(name, files.jpeg())], alts=["Fine"])
    assert response.status_code == 302
    photo = Photo.objects.get()
    assert photo.original_name == "é" * 79 + "…"
    assert all(media.STORED_NAME.fullmatch(name) for name in files.stored_files(media_storage))


def test_one_bad_photo_rejects_the_whole_post_naming_it(employee_client, employee, media_storage):
    response = post_win(
        employee_client,
        employee,
        photos=[files.upload("good.jpg", files.jpeg()), files.upload("bad.jpg", files.truncated_jpeg())],
        alts=["Good", "Bad"],
    )
    assert_refused(response, media_storage, naming="“bad.jpg” can't be used")
    assert "“good.jpg”" not in response.text


def test_text_errors_and_photo_errors_show_together_and_typed_text_is_kept(employee_client, employee, media_storage):
    response = post_win(
        employee_client, employee, photos=[files.upload("x.jpg", files.HTML)], alts=["Kept alt"], headline=""
    )
    assert_refused(response, media_storage, naming="“x.jpg” can't be used")
    assert "Give your win a headline." in response.text
    assert 'value="Kept alt"' in response.text
    assert "A guest lost his passport." in response.text


# --- nothing half-saved ------------------------------------------------------------


def test_a_database_error_while_saving_leaves_no_win_and_no_files(employee, media_storage, monkeypatch):
    def broken(*args, **kwargs):
        raise IntegrityError("disk full")

    monkeypatch.setattr(Photo.objects, "bulk_create", broken)
    changes = MediaChanges(
        new_photos=[NewPhoto(photos.process_photo(files.upload("a.jpg", files.jpeg())), "A", 1)],
    )
    with pytest.raises(IntegrityError):
        services.story_create_with_media(
            author=employee, heroes=[employee], media_changes=changes, headline="A win", body="It went well."
        )
    assert not Story.objects.exists()
    assert files.stored_files(media_storage) == []


def test_the_photo_limit_checked_inside_the_transaction_becomes_a_form_error(
    employee_client, employee, make_story, media_storage, monkeypatch
):
    monkeypatch.setattr(media_services, "MAX_PHOTOS", 0)  # as if another post filled the win meanwhile
    response = post_win(employee_client, employee, photos=[files.upload("a.jpg", files.jpeg())], alts=["A"])
    assert_refused(response, media_storage, naming="A win can have up to 0 photos")


@pytest.mark.django_db(transaction=True)
def test_photos_are_processed_before_the_database_transaction_opens(employee_client, employee, monkeypatch):
    seen = []
    real = photos.process_photo

    def spy(*args, **kwargs):
        seen.append(connection.in_atomic_block)
        return real(*args, **kwargs)

    monkeypatch.setattr(photos, "process_photo", spy)
    response = post_win(employee_client, employee, photos=[files.upload("a.jpg", files.jpeg())], alts=["A"])
    assert response.status_code == 302
    assert seen == [False]


# --- editing and deleting --------------------------------------------------------


@pytest.fixture
def win_with_photos(employee_client, employee):
    post_win(
        employee_client,
        employee,
        photos=[files.upload(f"{name}.jpg", files.jpeg()) for name in ("one", "two", "three")],
        alts=["One", "Two", "Three"],
    )
    return Story.objects.get()


def edit(client, story, hero, existing, *alts, photos=()):
    data = story_post_data(hero) | rows(*alts, existing=existing)
    if photos:
        data["photos"] = list(photos)
    return client.post(f"/wins/{story.pk}/edit/", data)


def test_author_reorders_renames_and_removes_a_photo_and_its_files_go_after_commit(
    employee_client, employee, win_with_photos, media_storage, django_capture_on_commit_callbacks
):
    one, two, three = win_with_photos.photos.all()
    with django_capture_on_commit_callbacks(execute=True):
        response = edit(
            employee_client,
            win_with_photos,
            employee,
            [(one, "One", 2, False), (two, "Two", 1, True), (three, "Third, renamed", 1, False)],
        )
    assert response.status_code == 302
    assert [(photo.alt_text, photo.position) for photo in win_with_photos.photos.all()] == [
        ("Third, renamed", 0),
        ("One", 1),
    ]
    assert files.stored_files(media_storage) == sorted(
        [one.large.name, one.card.name, three.large.name, three.card.name]
    )


def test_removed_photo_files_stay_until_the_removal_commits(
    employee_client, employee, win_with_photos, media_storage, django_capture_on_commit_callbacks
):
    one, two, three = win_with_photos.photos.all()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        edit(employee_client, win_with_photos, employee, [(one, "One", 1, True), (two, "Two", 2, False)])
    assert one.large.name in files.stored_files(media_storage)
    for callback in callbacks:
        callback()
    assert one.large.name not in files.stored_files(media_storage)


def test_photos_can_be_added_to_a_win_when_editing(employee_client, employee, win_with_photos):
    one, two, three = win_with_photos.photos.all()
    existing = [(one, "One", 1, False), (two, "Two", 2, False), (three, "Three", 3, False)]
    photos = [files.upload("four.jpg", files.jpeg())]
    assert edit(employee_client, win_with_photos, employee, existing, "Four", photos=photos).status_code == 302
    assert [photo.alt_text for photo in win_with_photos.photos.all()] == ["One", "Two", "Three", "Four"]


def test_an_existing_photo_cannot_lose_its_alt_text(employee_client, employee, win_with_photos):
    one, two, three = win_with_photos.photos.all()
    response = edit(employee_client, win_with_photos, employee, [(one, "  ", 1, False)])
    assert response.status_code == 400
    assert "Add an alt text: describe this photo" in response.text
    assert Photo.objects.get(pk=one.pk).alt_text == "One"


def test_a_photo_of_another_win_cannot_be_touched_through_the_form(
    employee_client, employee, win_with_photos, make_story, media_storage
):
    other = make_story(headline="Another win")
    foreign = win_with_photos.photos.first()
    response = edit(employee_client, other, employee, [(foreign, "Stolen", 1, True)])
    assert response.status_code == 400
    assert escape("That photo isn't on this win") in response.text
    assert Photo.objects.filter(pk=foreign.pk, alt_text="One").exists()
    assert len(files.stored_files(media_storage)) == 6


def test_a_photo_removed_in_another_tab_does_not_block_saving_the_others(
    employee_client, employee, win_with_photos, media_storage
):
    one, two, three = win_with_photos.photos.all()
    # Tab A removes photo one; tab B, opened before, still shows it.
    existing = [(one, "One", 1, False), (two, "Two", 2, False), (three, "Three", 3, False)]
    edit(employee_client, win_with_photos, employee, [(one, "One", 1, True), *existing[1:]])
    assert not Photo.objects.filter(pk=one.pk).exists()
    response = edit(
        employee_client,
        win_with_photos,
        employee,
        [(one, "One, edited", 1, False), *existing[1:2], (three, "3", 3, False)],
    )
    assert response.status_code == 302
    assert [photo.alt_text for photo in win_with_photos.photos.all()] == ["Two", "3"]


def test_a_photo_order_survives_an_error_elsewhere_on_the_form(employee_client, employee, win_with_photos):
    one, two, three = win_with_photos.photos.all()
    moved = [(one, "One", 2, False), (two, "Two", 3, False), (three, "Three", 1, False)]
    data = story_post_data(employee, happened_on="2999-01-01") | rows(existing=moved)
    response = employee_client.post(f"/wins/{win_with_photos.pk}/edit/", data)
    assert response.status_code == 400
    # Drawn again in the order sent, each row with its own photo and position.
    shown = [(row["photo"], row["form"]["position"].value()) for row in response.context["media_form"].photo_rows[:3]]
    assert shown == [(three, "1"), (one, "2"), (two, "3")]
    hidden_ids = re.findall(r'<input type="hidden" name="photo-\d-photo" value="(\d+)"', response.text)
    assert hidden_ids == [str(three.pk), str(one.pk), str(two.pk)]
    assert [row["photo"] for row in response.context["media_form"].photo_rows[3:]] == [None] * 3
    # Fixed and sent again, the order is kept.
    assert edit(employee_client, win_with_photos, employee, moved).status_code == 302
    assert [photo.alt_text for photo in win_with_photos.photos.all()] == ["Three", "One", "Two"]


def test_another_employee_cannot_edit_the_photos_of_a_win(client, other_employee, employee, win_with_photos):
    client.force_login(other_employee)
    one = win_with_photos.photos.first()
    response = edit(client, win_with_photos, other_employee, [(one, "Mine now", 1, True)])
    assert response.status_code == 403
    assert Photo.objects.filter(pk=one.pk, alt_text="One").exists()


def test_deleting_a_win_deletes_all_its_files_after_commit(
    employee_client, win_with_photos, media_storage, django_capture_on_commit_callbacks
):
    Video.objects.create(
        story=win_with_photos,
        file=media_storage.save(media.new_name("videos", "mp4"), files.upload("v.mp4", b"video")),
        poster=media_storage.save(media.new_name("posters", "webp"), files.upload("p.webp", b"poster")),
        poster_card=media_storage.save(media.new_name("posters", "webp"), files.upload("c.webp", b"card")),
        status=Video.Status.READY,
    )
    assert len(files.stored_files(media_storage)) == 9
    with django_capture_on_commit_callbacks(execute=True):
        response = employee_client.post(f"/wins/{win_with_photos.pk}/delete/")
    assert response.status_code == 302
    assert files.stored_files(media_storage) == []


def test_an_upload_from_the_progress_script_gets_the_address_to_go_to(employee_client, employee):
    data = story_post_data(employee) | rows("A") | {"photos": [files.upload("a.jpg", files.jpeg())]}
    response = employee_client.post(NEW, data, headers={"X-Winsboard-Upload": "1"})
    story = Story.objects.get()
    assert response.status_code == 200
    assert response.json() == {"redirect": f"/wins/{story.pk}/"}


def test_deleting_a_win_in_the_admin_deletes_its_files_after_commit(
    client, superuser, win_with_photos, media_storage, django_capture_on_commit_callbacks
):
    assert len(files.stored_files(media_storage)) == 6
    client.force_login(superuser)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/stories/story/{win_with_photos.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Story.objects.exists()
    assert files.stored_files(media_storage) == []


def test_bulk_deleting_wins_in_the_admin_deletes_their_files(
    client, superuser, win_with_photos, media_storage, django_capture_on_commit_callbacks
):
    client.force_login(superuser)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/stories/story/",
            {"action": "delete_selected", "_selected_action": [win_with_photos.pk], "post": "yes"},
        )
    assert response.status_code == 302
    assert not Story.objects.exists()
    assert files.stored_files(media_storage) == []


def test_the_admin_cannot_add_photos_or_videos_that_skip_the_pipeline(client, superuser, win_with_photos):
    client.force_login(superuser)
    page = client.get(f"/admin/stories/story/{win_with_photos.pk}/change/")
    assert page.status_code == 200
    assert 'name="photos-0-large"' not in page.text
    photos = page.context["inline_admin_formsets"][0].formset
    assert len(photos.initial_forms) == 3
    assert photos.max_num == 0 and photos.extra == 0  # Django's "no adding" formset: no form for a new photo
    assert not photos.can_delete
    assert client.get("/admin/stories/video/add/").status_code == 403


def test_a_full_win_says_to_remove_a_photo_before_adding_one(employee_client, employee, make_story):
    from tests.helpers.slideshow import add_photo

    story = make_story(author=employee)
    photos = [add_photo(story, size=(60, 40), position=index) for index in range(6)]
    existing = [(photo, f"Photo {index}", index + 1, False) for index, photo in enumerate(photos)]
    data = story_post_data(employee) | rows(existing=existing)
    data["photos"] = [files.upload("seven.jpg", files.jpeg())]
    response = employee_client.post(f"/wins/{story.pk}/edit/", data)
    assert response.status_code == 400
    assert "This win already has 6 photos, the most it can have: remove one to add another." in response.text
    assert "at most 0" not in response.text
    assert story.photos.count() == 6
