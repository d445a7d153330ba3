"""Sharing into Winsboard from another app: the manifest's share target
keeps what was shared (the same checks as uploads) for this browser session,
and "Post a win" opens with it; signed out, after signing in. Posting the
win forgets it; nothing shared outlives an hour."""

import io
import json
import time

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.test import Client
from PIL import Image

from stories.models import Story
from stories.services import shared
from tests.helpers import media_files as files
from tests.helpers.people import PASSWORD
from tests.helpers.wins import story_post_data

pytestmark = pytest.mark.django_db

SHARE = "/wins/share/"


def share(client, **fields):
    return client.post(SHARE, fields)


def token_of(response):
    assert response.status_code == 302 and response["Location"].startswith("/wins/new/?shared=")
    return response["Location"].split("=", 1)[1]


def kept_names(client, token):
    return [kept["name"] for kept in client.session[shared.SESSION_KEY][token]["files"]]


def test_the_manifest_offers_winsboard_in_the_share_sheet(client):
    target = json.loads(client.get("/manifest.webmanifest").content)["share_target"]
    assert (target["action"], target["method"], target["enctype"]) == (SHARE, "POST", "multipart/form-data")
    assert [entry["name"] for entry in target["params"]["files"]] == ["photos", "video"]
    assert {target["params"][name] for name in ("title", "text", "url")} == {"title", "text", "url"}


def test_two_shared_photos_and_a_text_open_the_post_form_with_them(employee_client):
    photo = files.jpeg_with_gps_and_rotation(640, 480)
    answer = share(
        employee_client,
        title="Lost passport found",
        text="We called the taxi driver.",
        url="https://example.com/guest-note",
        photos=[files.upload("a.jpg", photo), files.upload("b.png", files.encoded(files.photo(300, 200), "PNG"))],
    )
    token = token_of(answer)
    form = employee_client.get(answer["Location"])
    assert form.status_code == 200
    page = form.text
    assert 'value="Lost passport found"' in page
    assert "We called the taxi driver.\n\nhttps://example.com/guest-note</textarea>" in page
    assert f'name="shared" value="{token}"' in page and page.count(f'data-url="/wins/share/{token}/') == 2
    kept = employee_client.get(f"/wins/share/{token}/0/")
    assert kept.status_code == 200 and kept["Content-Type"].startswith("image/")
    with Image.open(io.BytesIO(b"".join(kept.streaming_content))) as image:
        assert image.getexif() == {}  # re-encoded: no GPS, no camera data


def test_a_shared_video_link_goes_in_video_link(employee_client):
    answer = share(employee_client, url="https://youtu.be/dQw4w9WgXcQ", text="Watch this")
    page = employee_client.get(answer["Location"]).text
    assert 'value="https://youtu.be/dQw4w9WgXcQ"' in page and "Watch this</textarea>" in page


def test_shared_files_pass_the_upload_checks_and_refusals_are_named(employee_client):
    photos = [files.upload("page.jpg", files.HTML)] + [files.upload(f"p{n}.jpg", files.jpeg()) for n in range(7)]
    answer = share(employee_client, photos=photos, video=files.upload("clip.mp4", files.HTML, "video/mp4"))
    token = token_of(answer)
    assert len(kept_names(employee_client, token)) == 6
    page = employee_client.get(answer["Location"]).text
    assert "Only 6 photos fit in a win: “p6.jpg” was left out." in page
    assert "“page.jpg” was left out: it isn&#x27;t a complete" in page
    assert "“clip.mp4” was left out: it isn&#x27;t an MP4, WebM or MOV video." in page


def test_a_shared_file_is_only_for_the_session_that_shared_it(employee_client, other_employee):
    token = token_of(share(employee_client, photos=[files.upload("a.jpg", files.jpeg())]))
    other = Client()
    other.force_login(other_employee)
    assert other.get(f"/wins/share/{token}/0/").status_code == 404
    assert other.get(f"/wins/new/?shared={token}").text.count("data-shared-files") == 0
    assert employee_client.get(f"/wins/share/{token}/1/").status_code == 404


def test_signed_out_the_person_signs_in_first_and_lands_on_the_form_with_the_share(client, employee):
    token = token_of(share(client, text="Shared before signing in", photos=[files.upload("a.jpg", files.jpeg())]))
    to_sign_in = client.get(f"/wins/new/?shared={token}")
    assert to_sign_in.status_code == 302 and to_sign_in["Location"].startswith("/accounts/login/?next=")
    signed_in = client.post(
        "/accounts/login/", {"username": employee.username, "password": PASSWORD, "next": f"/wins/new/?shared={token}"}
    )
    assert signed_in["Location"] == f"/wins/new/?shared={token}"
    page = client.get(signed_in["Location"]).text
    assert "Shared before signing in</textarea>" in page and f"/wins/share/{token}/0/" in page


def test_posting_the_win_forgets_the_share_and_its_files(employee_client, employee):
    token = token_of(share(employee_client, photos=[files.upload("a.jpg", files.jpeg())]))
    names = kept_names(employee_client, token)
    assert all(default_storage.exists(name) for name in names)
    posted = employee_client.post("/wins/new/", {**story_post_data(employee), "shared": token})
    assert posted.status_code == 302 and Story.objects.count() == 1
    assert not any(default_storage.exists(name) for name in names)
    assert token not in employee_client.session[shared.SESSION_KEY]


def test_an_hour_later_a_share_is_gone_and_the_sweep_removes_its_files(employee_client, monkeypatch):
    token = token_of(share(employee_client, photos=[files.upload("a.jpg", files.jpeg())]))
    (name,) = kept_names(employee_client, token)
    later = time.time() + shared.KEEP_SECONDS + 1
    monkeypatch.setattr(shared.time, "time", lambda: later)
    assert employee_client.get(f"/wins/share/{token}/0/").status_code == 404
    call_command("sweep_media", older_than=0, stdout=io.StringIO())
    assert not default_storage.exists(name)


def test_sharing_again_and_again_from_one_address_is_refused(client):
    for _ in range(shared.SHARES_PER_HOUR):
        assert share(client, text="hello").status_code == 302
    refused = share(client, text="hello", photos=[files.upload("a.jpg", files.jpeg())])
    assert refused.status_code == 429 and "Too many things were shared from here" in refused.text
    assert not default_storage.exists("shared") or default_storage.listdir("shared")[1] == []


def test_a_shared_video_is_kept_by_its_content_for_the_form(employee_client):
    token = token_of(
        share(employee_client, video=files.upload("clip.bin", files.make_video(), "application/octet-stream"))
    )
    (kept,) = employee_client.session[shared.SESSION_KEY][token]["files"]
    assert kept["kind"] == "video" and kept["type"] == "video/mp4" and kept["name"].endswith(".mp4")
    answer = employee_client.get(f"/wins/share/{token}/0/")
    assert answer.status_code == 200 and answer["Content-Type"] == "video/mp4"
    assert b"".join(answer.streaming_content)[4:8] == b"ftyp"
