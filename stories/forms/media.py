"""The photo and video part of the post/edit form.

Six photo rows always: one per photo already on the win (alt text, order,
remove), the rest for new photos. New photos come from one "Photos" file
input (several files, drag-and-drop with JS); the n-th file chosen goes with
the n-th new row, whose alt text is required. Validating this form does the
heavy photo work (see stories.lib.photos) — before any database transaction.
"""

from django import forms
from django.conf import settings
from django.forms import formset_factory
from django.utils.translation import gettext, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from ..lib import photos, text, video_links, videos
from ..lib.media import MAX_PHOTOS, MediaChanges, MediaError, NewPhoto, file_label
from ..models import Photo
from . import lazy_text

ALT_HINT = _("Describe the photo for colleagues who can't see it.")
ALT_HELP = _(
    "Each photo needs an alt text: a short description that is read aloud to colleagues who use a screen "
    "reader, and shown if the photo can't load. Say what matters, e.g. “Handwritten thank-you card from the "
    "Lee family”."
)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultipleFileField, self).clean(upload, initial) for upload in files]


class PhotoPickerForm(forms.Form):
    photos = MultipleFileField(
        label=_("Photos"),
        required=False,
        allow_empty_file=True,  # an empty file gets our own message, naming it
        widget=MultipleFileInput(attrs={"accept": "image/*"}),
    )

    def __init__(self, *args, free_slots, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["photos"].widget.attrs["data-max-bytes"] = photos.max_photo_bytes()
        # Translators: %(types)s lists file types (“JPEG, PNG, WebP or HEIC”); %(free)s is how many more can be added.
        self.fields["photos"].help_text = ngettext(
            "Up to %(max)s photos per win (%(free)s more now): %(types)s, up to %(mb)s MB each. "
            "Choose them, or take one with your phone. Then give each one an alt text below, "
            "in the order you chose them. We remove location and camera details before anyone sees them.",
            "Up to %(max)s photos per win (%(free)s more now): %(types)s, up to %(mb)s MB each. "
            "Choose them, or take one with your phone. Then give each one an alt text below, "
            "in the order you chose them. We remove location and camera details before anyone sees them.",
            free_slots,
        ) % {
            "max": MAX_PHOTOS,
            "free": free_slots,
            "types": gettext(photos.PHOTO_TYPES),
            "mb": settings.WINSBOARD_MAX_PHOTO_MB,
        }


class PhotoRowForm(forms.Form):
    photo = forms.IntegerField(widget=forms.HiddenInput, required=False)
    alt_text = forms.CharField(
        label=_("Alt text"),
        max_length=250,
        required=False,  # required for each photo: checked in StoryMediaForm
        error_messages={"max_length": _("Keep the alt text to 250 characters (it has %(show_value)d).")},
        widget=forms.TextInput(attrs={"aria-describedby": "photo-alt-help", "autocomplete": "off"}),
    )
    position = forms.IntegerField(
        label=pgettext_lazy("a photo's place among the win's photos", "Order"),
        min_value=1,
        max_value=MAX_PHOTOS,
        required=False,
        error_messages={"min_value": _("Use 1 to 6."), "max_value": _("Use 1 to 6."), "invalid": _("Use 1 to 6.")},
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    remove = forms.BooleanField(label=_("Remove this photo"), required=False)


class BasePhotoFormSet(forms.BaseFormSet):
    default_error_messages = {
        "missing_management_form": _("The photo list was damaged in sending. Reload the page and try again."),
        "too_many_forms": lazy_text(
            lambda: (
                ngettext("A win can have up to %(max)s photo.", "A win can have up to %(max)s photos.", MAX_PHOTOS)
                % {"max": MAX_PHOTOS}
            )
        ),
    }

    def get_form_kwargs(self, index):
        return {"empty_permitted": False}  # an unchanged row still counts (an existing photo kept as is)


PhotoFormSet = formset_factory(
    PhotoRowForm, formset=BasePhotoFormSet, extra=0, max_num=MAX_PHOTOS, absolute_max=MAX_PHOTOS, validate_max=True
)


class VideoForm(forms.Form):
    video_file = forms.FileField(
        label=_("Video file"),
        required=False,
        allow_empty_file=True,
        widget=forms.FileInput(attrs={"accept": "video/mp4,video/webm,video/quicktime,.mp4,.webm,.mov"}),
    )
    video_link = forms.CharField(
        label=_("Video link"),
        required=False,
        max_length=video_links.MAX_LINK_LENGTH,
        error_messages={"max_length": _("That link is too long to be a video's address.")},
        widget=forms.URLInput(attrs={"placeholder": "https://www.youtube.com/watch?v=…", "autocomplete": "off"}),
    )
    remove_video = forms.BooleanField(label=_("Remove the video"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = None
        self.fields["video_file"].widget.attrs["data-max-bytes"] = videos.max_video_bytes()  # upload.js checks first
        # Translators: %(types)s lists video file types (“MP4, WebM or MOV”).
        self.fields["video_file"].help_text = gettext(
            "%(types)s, up to %(mb)s MB. It shows as “processing” for a moment after you post."
        ) % {"types": gettext(videos.VIDEO_TYPES_TEXT), "mb": settings.WINSBOARD_MAX_VIDEO_MB}
        hosts = video_links.video_hosts_text()
        # Translators: %(hosts)s lists video sites (“YouTube or Vimeo”).
        link_help = gettext("Or a link to the video on %(hosts)s (https://…). It plays in a privacy-friendly player.")
        self.fields["video_link"].help_text = link_help % {"hosts": hosts}

    def clean_video_file(self):
        upload = self.cleaned_data.get("video_file")
        if upload:
            try:
                self.kind = videos.sniff_video(upload)
            except MediaError as error:
                raise forms.ValidationError(_cannot_use(file_label(upload.name), error)) from None
        return upload

    def clean_video_link(self):
        link = self.cleaned_data.get("video_link", "").strip()
        if not link:
            return None
        try:
            return video_links.parse_video_link(link)
        except MediaError as error:
            raise forms.ValidationError(str(error)) from None

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("video_file") and cleaned.get("video_link"):
            self.add_error("video_link", gettext("Choose one video: a file or a link, not both."))
        return cleaned


ROW_FIELDS = ("photo", "alt_text", "position", "remove")
ROW_VISIBLE_FIELDS = ("alt_text", "position", "remove")


class StoryMediaForm:
    """The photo picker, the photo rows and the video fields, validated
    together. After `is_valid()`, `changes` is what services apply."""

    prefix = "photo"

    def __init__(self, data=None, files=None, *, story=None):
        self.is_bound = data is not None
        self.existing = list(story.photos.all()) if story is not None else []
        self.video = getattr(story, "video", None) if story is not None else None
        self.free_slots = MAX_PHOTOS - len(self.existing)
        self.picker = PhotoPickerForm(data, files, free_slots=self.free_slots)
        initial = [
            {"photo": photo.pk, "alt_text": photo.alt_text, "position": index + 1}
            for index, photo in enumerate(self.existing)
        ] + [{"position": index + 1} for index in range(len(self.existing), MAX_PHOTOS)]
        rows_posted = data is not None and f"{self.prefix}-TOTAL_FORMS" in data
        if rows_posted:
            data = self._rows_as_the_win_is_now(data)
        self.rows = PhotoFormSet(data if rows_posted else None, prefix=self.prefix, initial=initial)
        self.video_form = VideoForm(data, files)
        self.non_field_errors = []
        self.changes = None

    alt_help = ALT_HELP
    alt_hint = ALT_HINT

    @property
    def video_open(self):
        """Whether the form's folded "Video" section opens itself: a video already there, one given, or an error."""
        given = self.video_form.is_bound and any(self.video_form[name].value() for name in self.video_form.fields)
        return bool(self.video or given or self.video_form.errors)

    def _rows_as_the_win_is_now(self, data):
        """The posted photo rows, fitted to the win as it is now. A photo
        removed meanwhile (in another tab, or by a manager) loses its row
        instead of failing the post. The win's photos come first, in the order
        the person gave them (so a form drawn again after an error shows that
        order), then the new-photo rows in theirs: the n-th file chosen goes
        with the n-th of those."""
        prefix = self.prefix
        total = str(data.get(f"{prefix}-TOTAL_FORMS", ""))
        if not (total.isascii() and total.isdigit() and int(total) <= MAX_PHOTOS):
            return data  # the formset reports the damage
        rows = [{name: data.get(f"{prefix}-{index}-{name}") for name in ROW_FIELDS} for index in range(int(total))]
        ids = {text.posted_id(row["photo"]) for row in rows} - {None}
        gone = ids - set(Photo.objects.filter(pk__in=ids).values_list("pk", flat=True)) if ids else set()
        kept_rows, new_rows = [], []
        for row in rows:
            photo_id = text.posted_id(row["photo"])
            if photo_id in gone:
                continue
            (new_rows if not (row["photo"] or "").strip() else kept_rows).append(row)
        kept_rows.sort(key=lambda row: text.posted_id(row["position"]) or MAX_PHOTOS)
        fitted = data.copy()
        for index in range(int(total)):
            for name in ROW_FIELDS:
                fitted.pop(f"{prefix}-{index}-{name}", None)
        ordered = kept_rows + new_rows
        ordered += [{}] * (MAX_PHOTOS - len(ordered))
        for index, row in enumerate(ordered):
            for name, value in row.items():
                if value is not None:
                    fitted[f"{prefix}-{index}-{name}"] = value
        fitted[f"{prefix}-TOTAL_FORMS"] = str(len(ordered))
        return fitted

    @property
    def max_photo_bytes(self):
        return photos.max_photo_bytes()

    @property
    def photo_rows(self):
        """Each row with the photo it shows (None for a new-photo row) and its number."""
        photos = {photo.pk: photo for photo in self.existing}
        shown, counts = [], {"photo": 0, "new": 0}
        for form in self.rows:
            photo = photos.get(text.posted_id(form["photo"].value()))
            counts["photo" if photo else "new"] += 1
            shown.append({"form": form, "photo": photo, "number": counts["photo" if photo else "new"]})
        return shown

    @property
    def errors(self):
        errors = list(self.non_field_errors) + list(self.picker.errors.get("photos", []))
        errors += [message for messages in self.video_form.errors.values() for message in messages]
        if self.rows.is_bound:
            errors += list(self.rows.non_form_errors())
            errors += [message for row in self.rows.forms for name in row.errors for message in row.errors[name]]
        return errors

    def error_links(self):
        """The problems of `errors`, in the same order, each as (the id of the
        field to fix, the message) for the summary above the form."""
        photos = self.picker["photos"].id_for_label if self.free_slots else ""
        links = [(photos, message) for message in self.non_field_errors]
        links += [(photos, message) for message in self.picker.errors.get("photos", [])]
        links += [
            (self.video_form[name].id_for_label if name in self.video_form.fields else "", message)
            for name, messages in self.video_form.errors.items()
            for message in messages
        ]
        if self.rows.is_bound:
            links += [(photos, message) for message in self.rows.non_form_errors()]
            links += [
                (row[name if name in ROW_VISIBLE_FIELDS else "alt_text"].id_for_label, message)
                for row in self.rows.forms
                for name, messages in row.errors.items()
                for message in messages
            ]
        return links

    def add_error(self, message):
        self.non_field_errors.append(message)

    def is_valid(self):
        if not self.is_bound:
            return False
        changes = MediaChanges()
        self.picker.is_valid()
        self.video_form.is_valid()
        if self.rows.is_bound:
            if self.rows.is_valid():
                self._clean_rows(changes)
        elif self.picker.cleaned_data.get("photos"):
            self.picker.add_error("photos", gettext("Add an alt text for each photo (the form was sent without them)."))
        self._clean_video(changes)
        self.changes = changes if not self.errors else None
        return self.changes is not None

    def _clean_rows(self, changes):
        existing = {photo.pk: photo for photo in self.existing}
        new_rows = []
        for row in self.rows.forms:
            data = row.cleaned_data
            position = data.get("position") or MAX_PHOTOS
            photo_id = data.get("photo")
            if photo_id is None:
                new_rows.append(row)
            elif photo_id not in existing or photo_id in changes.photo_edits or photo_id in changes.removed_photo_ids:
                row.add_error(None, gettext("That photo isn't on this win any more. Reload the page and try again."))
            elif data.get("remove"):
                changes.removed_photo_ids.add(photo_id)
            elif not text.one_line(data.get("alt_text", "")):
                row.add_error(
                    "alt_text", gettext("Add an alt text: describe this photo for colleagues who can't see it.")
                )
            else:
                changes.photo_edits[photo_id] = (text.one_line(data["alt_text"]), position)
        uploads = self.picker.cleaned_data.get("photos") or []
        free = MAX_PHOTOS - len(self.existing) + len(changes.removed_photo_ids)
        room = min(free, len(new_rows))
        if len(uploads) > room:
            if room:
                message = ngettext(
                    "A win can have up to %(max)s photos: choose at most %(room)s more (you chose %(chosen)s).",
                    "A win can have up to %(max)s photos: choose at most %(room)s more (you chose %(chosen)s).",
                    room,
                ) % {"max": MAX_PHOTOS, "room": room, "chosen": len(uploads)}
            else:
                message = gettext(
                    "This win already has %(max)s photos, the most it can have: remove one to add another."
                ) % {"max": MAX_PHOTOS}
            self.picker.add_error("photos", message)
            return
        for row, upload in zip(new_rows, uploads, strict=False):
            self._clean_new_photo(row, upload, changes)

    def _clean_new_photo(self, row, upload, changes):
        name = file_label(upload.name)
        alt_text = text.one_line(row.cleaned_data.get("alt_text", ""))
        if not alt_text:
            row.add_error(
                "alt_text",
                # Translators: %(name)s is the photo's file name.
                gettext("Add an alt text for “%(name)s”: describe it for colleagues who can't see it.")
                % {"name": name},
            )
        try:
            photos.check_photo_size(upload)
            renditions = photos.process_photo(upload)
        except MediaError as error:
            message = _cannot_use(name, error)
            if gettext(photos.PHOTO_TYPES) not in str(error):
                # Translators: %(problem)s is a sentence on why a file can't be used; %(types)s lists file types.
                message = gettext("%(problem)s Photos can be %(types)s.") % {
                    "problem": message,
                    "types": gettext(photos.PHOTO_TYPES),
                }
            self.picker.add_error("photos", message)
            return
        if alt_text:
            position = row.cleaned_data.get("position") or MAX_PHOTOS
            changes.new_photos.append(
                NewPhoto(renditions=renditions, alt_text=alt_text, position=position, original_name=name)
            )

    def _clean_video(self, changes):
        if not hasattr(self.video_form, "cleaned_data"):
            return
        data = self.video_form.cleaned_data
        changes.remove_video = bool(data.get("remove_video"))
        if data.get("video_file") and self.video_form.kind:
            changes.video_upload, changes.video_kind = data["video_file"], self.video_form.kind
        elif data.get("video_link"):
            changes.video_link = data["video_link"]


def _cannot_use(name, error):
    # Translators: %(name)s is a file's name; %(error)s says what is wrong with it.
    return gettext("“%(name)s” can't be used: %(error)s") % {"name": name, "error": error}
