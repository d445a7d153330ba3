// Never lose a win: the post form keeps a draft on this device as you type —
// its text and its chosen photos (IndexedDB, one draft per person) — offers to
// bring it back after a reload or a crash, and forgets it once the win is
// posted (the page after posting carries data-win-posted). Signing out clears
// the device's storage (Clear-Site-Data), so the next person finds nothing.
(function () {
  "use strict";

  const SKIPPED = new Set(["csrfmiddlewaretoken", "form_token"]);
  if (!window.WinsboardStore) return;
  const run = window.WinsboardStore("winsboard", "drafts").run; // device-store.js

  const drafts = {
    get: (key) => run("readonly", (store) => store.get(key)),
    put: (key, value) => run("readwrite", (store) => store.put(value, key)),
    remove: (key) => run("readwrite", (store) => store.delete(key)),
  };

  function fieldsOf(form) {
    const fields = {};
    Array.from(form.elements).forEach(function (element) {
      if (!element.name || SKIPPED.has(element.name) || element.type === "file") return;
      if (["submit", "button"].includes(element.type)) return;
      if (element.type === "checkbox" || element.type === "radio") {
        if (element.checked)(fields[element.name] = fields[element.name] || []).push(element.value);
      } else if (element.multiple) {
        fields[element.name] = Array.from(element.selectedOptions).map((option) => option.value);
      } else {
        fields[element.name] = [element.value];
      }
    });
    return fields;
  }

  function hasWords(fields) {
    return Object.keys(fields).some((name) => !name.includes("-") && fields[name].some((value) => value.trim()));
  }

  function fill(form, fields) {
    Array.from(form.elements).forEach(function (element) {
      if (!element.name || SKIPPED.has(element.name) || element.type === "file" || !(element.name in fields)) return;
      const values = fields[element.name];
      if (element.type === "checkbox" || element.type === "radio") {
        element.checked = values.includes(element.value);
      } else if (element.multiple) {
        Array.from(element.options).forEach((option) => (option.selected = values.includes(option.value)));
      } else {
        element.value = values[0];
      }
      element.dispatchEvent(new Event(element.multiple ? "change" : "input", { bubbles: true }));
    });
  }

  function photosOf(form) {
    const input = form.querySelector("[data-photo-picker] input[type=file]");
    return input ? Array.from(input.files).map((file) => ({ blob: file, name: file.name, type: file.type })) : [];
  }

  function offer(form, key, draft) {
    const banner = document.createElement("div");
    banner.className = "alert alert-info d-flex flex-wrap align-items-center gap-2";
    banner.setAttribute("role", "region");
    banner.setAttribute("aria-label", gettext("Unfinished win"));
    const text = document.createElement("span");
    const lang = document.documentElement.lang || undefined;
    const when = new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "short" }).format(new Date(draft.savedAt));
    const count = draft.photos.length;
    // Translators: %(when)s is the date and time the draft was kept, e.g. "Dec 5, 2026, 10:48 PM".
    let words = gettext("You have an unfinished win from %(when)s (its text), kept on this device.");
    if (count) {
      // Translators: %(when)s is the date and time the draft was kept; %(count)s how many photos it has.
      words = ngettext(
        "You have an unfinished win from %(when)s (its text and %(count)s photo), kept on this device.",
        "You have an unfinished win from %(when)s (its text and %(count)s photos), kept on this device.",
        count);
    }
    text.textContent = interpolate(words, { when: when, count: new Intl.NumberFormat(lang).format(count) }, true);
    const restore = document.createElement("button");
    restore.type = "button";
    restore.className = "btn btn-primary btn-sm ms-auto";
    restore.textContent = gettext("Restore it");
    const discard = document.createElement("button");
    discard.type = "button";
    discard.className = "btn btn-light btn-sm border";
    discard.textContent = gettext("Discard it");
    banner.append(text, restore, discard);
    form.before(banner);
    restore.addEventListener("click", function () {
      const picker = form.querySelector("[data-photo-picker]");
      if (picker && draft.photos.length) {
        const files = draft.photos.map((photo) => new File([photo.blob], photo.name, { type: photo.type }));
        picker.dispatchEvent(new CustomEvent("winsboard:add-photos", { detail: { files: files } }));
      }
      fill(form, draft.fields);
      banner.remove();
      const first = form.querySelector("input:not([type=hidden]), textarea");
      if (first) first.focus();
      watch(form, key);
    });
    discard.addEventListener("click", function () {
      drafts.remove(key);
      banner.remove();
      watch(form, key);
    });
  }

  function watch(form, key) {
    let timer = null;
    let kept = false;
    document.addEventListener("winsboard:win-kept", function () {
      // Waiting in the outbox (outbox.js) with its token: a draft of it would post it twice.
      kept = true;
      clearTimeout(timer);
      drafts.remove(key).catch(() => {});
    });

    function save() {
      if (kept) return;
      const fields = fieldsOf(form);
      const photos = photosOf(form);
      if (!hasWords(fields) && !photos.length) return;
      drafts.put(key, { savedAt: Date.now(), fields: fields, photos: photos }).catch(() => {});
    }
    ["input", "change"].forEach((type) =>
      form.addEventListener(type, function () {
        clearTimeout(timer);
        timer = setTimeout(save, 400);
      })
    );
    window.addEventListener("pagehide", save);
  }

  // A queued win the server wouldn't take (outbox.js) waits here as a draft to fix.
  document.addEventListener("winsboard:needs-fix", function (event) {
    const item = event.detail;
    const fields = {};
    const photos = [];
    item.entries.forEach(function ([name, value]) {
      if (value instanceof Blob) {
        if (name === "photos" && value.size) photos.push({ blob: value, name: value.name, type: value.type });
      } else if (!SKIPPED.has(name)) {
        (fields[name] = fields[name] || []).push(value);
      }
    });
    drafts.put("win:" + item.user, { savedAt: item.savedAt, fields: fields, photos: photos }).catch(() => {});
  });

  document.addEventListener("DOMContentLoaded", function () {
    if (!("indexedDB" in window)) return;
    const posted = document.querySelector("[data-win-posted]");
    if (posted) drafts.remove("win:" + posted.dataset.winPosted).catch(() => {});
    const form = document.querySelector("form[data-draft]");
    if (!form) return;
    const key = "win:" + form.dataset.draft;
    drafts.get(key).then(function (draft) {
      // A form sent back with problems already holds what was typed: no offer then.
      if (draft && !document.getElementById("form-errors")) offer(form, key, draft);
      else watch(form, key);
    }).catch(() => {});
  });
})();
