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
          problems.push("“" + file.name + "” isn't a photo");
        } else if (file.size > maxBytes) {
          problems.push("“" + file.name + "” is larger than " + Math.round(maxBytes / 1048576) + " MB");
        } else if (added >= room) {
          problems.push("“" + file.name + "” is one too many (6 photos at most)");
        } else {
          entries.push({ file: file, alt: "", url: URL.createObjectURL(file) });
          added += 1;
        }
      });
      render();
      const note = added ? added + " photo" + (added === 1 ? "" : "s") + " added: give each an alt text below." : "";
      say([note].concat(problems.length ? ["Left out: " + problems.join("; ") + "."] : []).join(" ").trim());
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
      say("Moved to place " + (to + 1) + " of " + entries.length + ".");
    }

    function remove(entry) {
      entries = entries.filter((other) => other !== entry);
      URL.revokeObjectURL(entry.url);
      render();
      say("“" + entry.file.name + "” removed.");
      input.focus();
    }

    function buttons(entry, index) {
      const box = entry.row.querySelector("[data-photo-buttons]");
      box.replaceChildren();
      box.classList.remove("d-none");
      const name = entry.file ? entry.file.name : "photo " + (index + 1);
      [
        ["↑ Move up", "Move " + name + " up", -1, "data-move-up"],
        ["↓ Move down", "Move " + name + " down", 1, "data-move-down"]
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
        button.textContent = "Remove";
        button.setAttribute("aria-label", "Remove " + name);
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
      row.querySelector("[data-photo-legend]").textContent = "New photo: " + entry.file.name;
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
      title.textContent = "Please fix the " + problems.length + " problem" + (problems.length === 1 ? "" : "s") + " below.";
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
          "Add an alt text for “" + entry.file.name + "”: describe it for colleagues who can't see it." :
          "Add an alt text: describe this photo for colleagues who can't see it.";
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
