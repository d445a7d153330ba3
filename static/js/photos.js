// The photo picker on the post/edit form. Without JS the form works as is:
// choose photos in "Photos", give the n-th new row the n-th photo's alt text.
// With JS: drop photos or choose them (again, to add more), see each one with
// its own "Alt text" box, move photos up and down, remove a new one.
// Settings come from data-* attributes on [data-photo-picker].
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
      });
      entries.forEach(function (entry, index) {
        field(entry.row, "position").value = index + 1;
        buttons(entry, index);
        list.appendChild(entry.row);
      });
      newRows.slice(fresh.length).forEach((row) => list.appendChild(row));
    }

    list.addEventListener("input", function (event) {
      const entry = entries.find((candidate) => candidate.file && candidate.row && candidate.row.contains(event.target));
      if (entry && event.target.name.endsWith("-alt_text")) entry.alt = event.target.value;
    });
    input.addEventListener("change", function () {
      // Choosing again adds to the photos already chosen (up to the limit).
      const chosen = Array.from(input.files);
      const known = new Set(entries.filter((entry) => entry.file).map((entry) => entry.file));
      addFiles(chosen.filter((file) => !known.has(file)));
    });
    if (zone) {
      zone.querySelector("[data-drop-hint]")?.classList.remove("d-none");
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
