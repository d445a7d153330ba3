// The photo picker on the post/edit form. Without JS the form works as is:
// choose photos in "Photos", give the n-th new row the n-th photo's alt text.
// With JS: drop photos, paste one, or choose them (again, to add more), see
// each one with its own "Alt text" box (marked required), move photos up and
// down, remove a new one — and every photo's alt text is checked before the
// form sends a single byte. Settings come from data-* attributes on
// [data-photo-picker].
(function () {
  "use strict";

  function enhance(picker) {
    const input = picker.querySelector("input[type=file][name=photos]");
    const list = picker.querySelector("[data-photo-rows]");
    if (!input || !list || typeof DataTransfer === "undefined") return;
    const zone = picker.querySelector("[data-drop-zone]");
    const announcer = picker.querySelector("[data-photo-announcer]");
    const maxBytes = Number(picker.dataset.maxPhotoBytes) || Infinity;
    const rows = Array.from(list.querySelectorAll("[data-photo-row]"));
    const newRows = rows.filter((row) => row.dataset.kind === "new");
    // What the form will send, in display order: existing photos and new files.
    let entries = rows.filter((row) => row.dataset.kind === "existing").map((row) => ({ row: row }));

    function say(message) {
      if (announcer) announcer.textContent = message;
    }

    function field(row, suffix) {
      return row.querySelector("[name$='-" + suffix + "']");
    }

    function addFiles(files) {
      const room = newRows.length - entries.filter((entry) => entry.file).length;
      const problems = [];
      let added = 0;
      Array.from(files).forEach(function (file) {
        if (file.type && !file.type.startsWith("image/")) {
          // Translators: one item of the list after "Left out:"; %(name)s is a file name.
          problems.push(interpolate(gettext("“%(name)s” isn't a photo"), { name: file.name }, true));
        } else if (file.size > maxBytes) {
          problems.push(interpolate(gettext("“%(name)s” is larger than %(size)s MB"), { name: file.name, size: Math.round(maxBytes / 1048576) }, true));
        } else if (added >= room) {
          problems.push(interpolate(gettext("“%(name)s” is one too many (6 photos at most)"), { name: file.name }, true));
        } else {
          entries.push({ file: file, alt: "", url: URL.createObjectURL(file) });
          added += 1;
        }
      });
      render();
      const note = added ? interpolate(ngettext(
        "%(count)s photo added: give each an alt text below.",
        "%(count)s photos added: give each an alt text below.", added), { count: added }, true) : "";
      // Translators: %(problems)s lists the files left out, separated by semicolons.
      const left = problems.length ? [interpolate(gettext("Left out: %(problems)s."), { problems: problems.join("; ") }, true)] : [];
      say([note].concat(left).join(" ").trim());
    }

    function move(entry, step) {
      const from = entries.indexOf(entry);
      const to = from + step;
      if (to < 0 || to >= entries.length) return;
      entries.splice(from, 1);
      entries.splice(to, 0, entry);
      render();
      const button = entry.row.querySelector(step < 0 ? "[data-move-up]" : "[data-move-down]");
      (button && !button.disabled ? button : field(entry.row, "alt_text")).focus();
      say(interpolate(gettext("Moved to place %(place)s of %(count)s."), { place: to + 1, count: entries.length }, true));
    }

    function remove(entry) {
      entries = entries.filter((other) => other !== entry);
      URL.revokeObjectURL(entry.url);
      render();
      say(interpolate(gettext("“%(name)s” removed."), { name: entry.file.name }, true));
      input.focus();
    }

    function buttons(entry, index) {
      const box = entry.row.querySelector("[data-photo-buttons]");
      box.replaceChildren();
      box.classList.remove("d-none");
      // Translators: %(name)s is a photo's file name; %(number)s its place in the list.
      const named = { name: entry.file ? entry.file.name : "", number: index + 1 };
      const label = (ofFile, ofPhoto) => interpolate(entry.file ? ofFile : ofPhoto, named, true);
      [
        [gettext("↑ Move up"), label(gettext("Move %(name)s up"), gettext("Move photo %(number)s up")), -1, "data-move-up"],
        [gettext("↓ Move down"), label(gettext("Move %(name)s down"), gettext("Move photo %(number)s down")), 1, "data-move-down"]
      ].forEach(function (spec) {
        const button = document.createElement("button");
        button.type = "button";
        button.className = "btn btn-sm btn-outline-secondary";
        button.textContent = spec[0];
        button.setAttribute("aria-label", spec[1]);
        button.setAttribute(spec[3], "");
        button.disabled = index + spec[2] < 0 || index + spec[2] >= entries.length;
        button.addEventListener("click", () => move(entry, spec[2]));
        box.appendChild(button);
      });
      if (entry.file) {
        const button = document.createElement("button");
        button.type = "button";
        button.className = "btn btn-sm btn-outline-danger ms-auto";
        button.textContent = pgettext("verb: take a photo off the win", "Remove");
        button.setAttribute("aria-label", interpolate(gettext("Remove %(name)s"), named, true));
        button.addEventListener("click", () => remove(entry));
        box.appendChild(button);
      }
    }

    function altField(row) {
      return field(row, "alt_text");
    }

    // A row that holds a photo needs its alt text: marked required, visibly and for screen readers.
    function markRequired(row, required) {
      const alt = altField(row);
      alt.required = required;
      if (required) alt.setAttribute("aria-required", "true");
      else alt.removeAttribute("aria-required");
      const mark = row.querySelector(".required-mark");
      if (mark) mark.hidden = !required;
    }

    function showNew(entry, row) {
      const alt = field(row, "alt_text");
      if (entry.row !== row) alt.value = entry.alt;
      entry.row = row;
      row.hidden = false;
      // Translators: the heading of a photo just chosen; %(name)s is its file name.
      row.querySelector("[data-photo-legend]").textContent = interpolate(gettext("New photo: %(name)s"), { name: entry.file.name }, true);
      const preview = row.querySelector("[data-photo-preview]");
      const image = document.createElement("img");
      image.src = entry.url;
      image.alt = "";
      image.className = "rounded";
      preview.replaceChildren(image);
    }

    function render() {
      const fresh = entries.filter((entry) => entry.file);
      const transfer = new DataTransfer();
      fresh.forEach((entry) => transfer.items.add(entry.file));
      input.files = transfer.files; // the n-th file goes with the n-th new row
      fresh.forEach((entry) => (entry.row = null));
      fresh.forEach((entry, index) => showNew(entry, newRows[index]));
      newRows.slice(fresh.length).forEach(function (row) {
        row.hidden = true;
        field(row, "alt_text").value = "";
        markRequired(row, false);
        clearError(altField(row));
      });
      entries.forEach(function (entry, index) {
        field(entry.row, "position").value = index + 1;
        buttons(entry, index);
        markRequired(entry.row, !removing(entry));
        list.appendChild(entry.row);
      });
      newRows.slice(fresh.length).forEach((row) => list.appendChild(row));
    }

    list.addEventListener("input", function (event) {
      const entry = entries.find((candidate) => candidate.file && candidate.row && candidate.row.contains(event.target));
      if (entry && event.target.name.endsWith("-alt_text")) entry.alt = event.target.value;
      if (event.target.name.endsWith("-alt_text") && event.target.value.trim()) clearError(event.target);
    });
    list.addEventListener("change", function (event) {
      if (!event.target.name.endsWith("-remove")) return;
      const entry = entries.find((candidate) => candidate.row && candidate.row.contains(event.target));
      if (entry) markRequired(entry.row, !removing(entry));
    });

    // --- every photo's alt text, checked before anything is sent ------------------

    function removing(entry) {
      const box = !entry.file && field(entry.row, "remove");
      return Boolean(box && box.checked);
    }

    function clearError(alt) {
      const error = document.getElementById(alt.id + "_error");
      if (error) error.remove();
      alt.classList.remove("is-invalid");
      alt.removeAttribute("aria-invalid");
      const described = (alt.getAttribute("aria-describedby") || "").split(" ").filter((id) => id && id !== alt.id + "_error");
      alt.setAttribute("aria-describedby", described.join(" "));
    }

    function showError(alt, message) {
      clearError(alt);
      const error = document.createElement("div");
      error.className = "invalid-feedback";
      error.id = alt.id + "_error";
      error.textContent = message;
      alt.after(error);
      alt.classList.add("is-invalid");
      alt.setAttribute("aria-invalid", "true");
      alt.setAttribute("aria-describedby", [alt.getAttribute("aria-describedby"), error.id].filter(Boolean).join(" "));
    }

    // The same summary the server draws above the form: each problem links to its field.
    function showSummary(form, problems) {
      document.getElementById("form-errors")?.remove();
      const summary = document.createElement("div");
      summary.className = "alert alert-danger error-summary";
      summary.id = "form-errors";
      summary.setAttribute("role", "alert");
      summary.tabIndex = -1;
      const title = document.createElement("strong");
      title.textContent = interpolate(ngettext("Please fix the %(count)s problem below.", "Please fix the %(count)s problems below.", problems.length), { count: problems.length }, true);
      const items = document.createElement("ul");
      items.className = "mb-0 mt-1";
      problems.forEach(function (problem) {
        const link = document.createElement("a");
        link.className = "alert-link";
        link.href = "#" + problem.alt.id;
        link.textContent = problem.message;
        items.appendChild(document.createElement("li")).appendChild(link);
      });
      summary.append(title, items);
      form.before(summary);
      summary.focus();
    }

    function missingAltTexts() {
      return entries.filter((entry) => !removing(entry) && !altField(entry.row).value.trim()).map(function (entry) {
        const message = entry.file ?
          interpolate(gettext("Add an alt text for “%(name)s”: describe it for colleagues who can't see it."), { name: entry.file.name }, true) :
          gettext("Add an alt text: describe this photo for colleagues who can't see it.");
        return { alt: altField(entry.row), message: message };
      });
    }

    // Before upload.js (or the browser) sends the form: the document's capture
    // phase comes before any listener on the form itself.
    document.addEventListener("submit", function (event) {
      const form = picker.closest("form");
      if (event.target !== form) return;
      const problems = missingAltTexts();
      entries.forEach((entry) => clearError(altField(entry.row)));
      if (!problems.length) return;
      event.preventDefault();
      event.stopPropagation();
      problems.forEach((problem) => showError(problem.alt, problem.message));
      showSummary(form, problems);
    }, true);

    // --- a photo pasted from the clipboard (desktop) ---------------------------------

    let pasted = 0;
    document.addEventListener("paste", function (event) {
      const files = Array.from((event.clipboardData && event.clipboardData.files) || []).filter(
        (file) => file.type.startsWith("image/")
      );
      const typing = event.target.closest && event.target.closest("input, textarea");
      if (!files.length || (typing && event.clipboardData.getData("text/plain"))) return; // text goes where it's pasted
      event.preventDefault();
      addFiles(files.map(function (file) {
        pasted += 1;
        const extension = (file.type.split("/")[1] || "png").replace("jpeg", "jpg");
        return new File([file], "pasted-photo-" + pasted + "." + extension, { type: file.type });
      }));
    });
    // Photos kept in a draft (draft.js) or shared from another app come back through here.
    picker.addEventListener("winsboard:add-photos", (event) => addFiles(event.detail.files));
    input.addEventListener("change", function () {
      // Choosing again adds to the photos already chosen (up to the limit).
      const chosen = Array.from(input.files);
      const known = new Set(entries.filter((entry) => entry.file).map((entry) => entry.file));
      addFiles(chosen.filter((file) => !known.has(file)));
    });
    if (zone) {
      // "…or drop photos here" only where there is a mouse to drag with (not on touch screens).
      const hint = zone.querySelector("[data-drop-hint]");
      if (hint) hint.hidden = !window.matchMedia("(pointer: fine)").matches;
      ["dragenter", "dragover"].forEach((type) =>
        zone.addEventListener(type, function (event) {
          event.preventDefault();
          zone.classList.add("is-dragging");
        })
      );
      ["dragleave", "drop"].forEach((type) => zone.addEventListener(type, () => zone.classList.remove("is-dragging")));
      zone.addEventListener("drop", function (event) {
        event.preventDefault();
        addFiles(event.dataTransfer.files);
      });
    }
    picker.querySelectorAll("[data-photo-order]").forEach((box) => box.classList.add("d-none"));
    render();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-photo-picker]").forEach(enhance);
  });
})();
