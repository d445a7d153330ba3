// Files shared into Winsboard from another app (stories.views.share) join the
// post form: photos through photos.js (previews, alt text), a video in its field.
(function () {
  "use strict";

  function fetched(item) {
    return fetch(item.dataset.url, { credentials: "same-origin" })
      .then((response) => (response.ok ? response.blob() : Promise.reject(new Error(response.status))))
      .then((blob) => new File([blob], item.dataset.name, { type: item.dataset.type }));
  }

  document.addEventListener("DOMContentLoaded", function () {
    const list = document.querySelector("[data-shared-files]");
    if (!list) return;
    const items = Array.from(list.querySelectorAll("li"));
    const photos = items.filter((item) => item.dataset.kind === "photo");
    const video = items.find((item) => item.dataset.kind === "video");
    const picker = document.querySelector("[data-photo-picker]");
    if (picker && photos.length) {
      Promise.all(photos.map(fetched)).then(function (files) {
        picker.dispatchEvent(new CustomEvent("winsboard:add-photos", { detail: { files: files } }));
      }).catch(() => {});
    }
    const input = document.querySelector("input[type=file][name=video_file]");
    if (input && video && typeof DataTransfer !== "undefined") {
      fetched(video).then(function (file) {
        const transfer = new DataTransfer();
        transfer.items.add(file);
        input.files = transfer.files;
        input.dispatchEvent(new Event("change", { bubbles: true }));
      }).catch(() => {});
    }
  });
})();
