"""Journey: sharing two photos and a note from the phone's gallery into
Winsboard (the manifest's share target, as the share sheet sends it: a
multipart POST) opens "Post a win" with both photos and the text."""

import base64

import pytest
from playwright.sync_api import expect

from stories.models import Story
from tests.helpers.browser import assert_accessible, sign_in
from tests.helpers.media_files import jpeg

pytestmark = pytest.mark.django_db(transaction=True)

SHARE_SHEET = """([photos, text]) => {
  const form = document.createElement("form");
  form.method = "post";
  form.action = "/wins/share/";
  form.enctype = "multipart/form-data";
  const input = document.createElement("input");
  input.type = "file";
  input.name = "photos";
  input.multiple = true;
  const chosen = new DataTransfer();
  photos.forEach(([name, data]) => {
    const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
    chosen.items.add(new File([bytes], name, { type: "image/jpeg" }));
  });
  input.files = chosen.files;
  const note = document.createElement("input");
  note.name = "text";
  note.value = text;
  form.append(input, note);
  document.body.append(form);
  form.submit();
}"""


def test_photos_shared_from_the_gallery_open_post_a_win_with_them(browser_page, employee):
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, employee)
    photos = [[name, base64.b64encode(jpeg(640, 480)).decode()] for name in ("desk.jpg", "guest.jpg")]
    page.evaluate(SHARE_SHEET, [photos, "The guest's passport, back before checkout."])
    page.wait_for_url("**/wins/new/?shared=*")
    expect(page.get_by_text("Shared from another app: 2 files added below")).to_be_visible()
    expect(page.get_by_label("Story")).to_have_value("The guest's passport, back before checkout.")
    expect(page.get_by_text("New photo: desk.jpg")).to_be_visible()
    expect(page.get_by_text("New photo: guest.jpg")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Headline").fill("Passport back before checkout")
    alt_texts = page.get_by_label("Alt text", exact=True)
    alt_texts.nth(0).fill("The front desk")
    alt_texts.nth(1).fill("The guest smiling")
    page.get_by_role("button", name="Post the win").click()
    expect(page.get_by_text("Your win is on the board")).to_be_visible()
    story = Story.objects.get()
    assert list(story.photos.values_list("alt_text", flat=True)) == ["The front desk", "The guest smiling"]
