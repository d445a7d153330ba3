// The heroes picker: one combobox (the ARIA 1.2 pattern, list autocomplete)
// over the form's <select multiple>, which stays hidden as the source of
// truth and is what the form sends. Without JS the plain select works.
//
// - Type to find a colleague: the matches show in a list below the box.
// - ↓ / ↑ move the active match (aria-activedescendant) without changing
//   who is credited; Enter adds the active match (or the first one).
//   Enter never submits the form from here; Esc closes the list, then clears.
// - Each credited person is a chip with a remove button; Backspace in the
//   empty box removes the last chip (the last one added). Every change is
//   announced: the author's own credit never goes silently.
(function () {
  "use strict";

  const MAX_SHOWN = 8;

  function folded(text) {
    return text.normalize("NFD").replace(/\p{Diacritic}/gu, "").toLowerCase();
  }

  function element(tag, className, text) {
    const el = document.createElement(tag);
    if (className) el.className = className;
    if (text) el.textContent = text;
    return el;
  }

  function enhance(container) {
    const select = container.querySelector("select[multiple]");
    if (!select) return;
    const label = document.querySelector("label[for='" + CSS.escape(select.id) + "']");
    const you = container.dataset.you || "";

    const box = element("div", "hero-combobox");
    const chips = element("ul", "list-unstyled hero-chips mb-2");
    chips.setAttribute("aria-label", gettext("Credited heroes"));
    const input = element("input", "form-control");
    input.type = "text";
    input.id = select.id + "-combobox";
    input.autocomplete = "off";
    input.placeholder = gettext("Type a name to add a colleague");
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", select.id + "-options");
    ["aria-describedby", "aria-invalid"].forEach(function (name) {
      if (select.hasAttribute(name)) input.setAttribute(name, select.getAttribute(name));
    });
    if (select.classList.contains("is-invalid")) input.classList.add("is-invalid");
    const listbox = element("ul", "list-unstyled hero-options");
    listbox.id = select.id + "-options";
    listbox.setAttribute("role", "listbox");
    listbox.setAttribute("aria-label", gettext("Colleagues who match"));
    listbox.hidden = true;
    const status = element("div", "visually-hidden");
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    box.append(chips, input, listbox, status);
    select.before(box);
    select.hidden = true;
    select.tabIndex = -1;
    select.dataset.focusProxy = input.id; // an error summary's link to the field lands here
    if (label) label.htmlFor = input.id; // "Heroes" now names the combobox

    let shown = []; // the options listed, in order
    let active = -1; // the index in `shown` of the active one, or -1
    let chosen = Array.from(select.selectedOptions); // credited, in the order they were added

    function say(message) {
      status.textContent = message;
    }

    function credited() {
      const count = select.selectedOptions.length;
      return interpolate(ngettext("%(count)s hero credited.", "%(count)s heroes credited.", count), { count: count }, true);
    }

    function renderChips() {
      chosen = chosen.filter((option) => option.selected);
      Array.from(select.selectedOptions).forEach(function (option) {
        if (!chosen.includes(option)) chosen.push(option);
      });
      chips.replaceChildren();
      chosen.forEach(function (option) {
        const chip = element("li", "hero-chip");
        chip.appendChild(element("span", "", option.textContent));
        const remove = element("button", "hero-chip-remove");
        remove.type = "button";
        // Translators: the label of the × button beside a credited colleague; %(name)s is their name.
        remove.setAttribute("aria-label", interpolate(gettext("Remove %(name)s"), { name: option.textContent }, true));
        remove.appendChild(element("span", "", "×")).setAttribute("aria-hidden", "true");
        remove.addEventListener("click", function () {
          drop(option);
          input.focus();
        });
        chip.appendChild(remove);
        chips.appendChild(chip);
      });
      chips.hidden = select.selectedOptions.length === 0;
    }

    function close() {
      listbox.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function setActive(index) {
      active = index;
      shown.forEach(function (option, position) {
        const item = listbox.children[position];
        const on = position === index;
        item.classList.toggle("is-active", on);
        item.setAttribute("aria-selected", on ? "true" : "false");
        if (on) {
          input.setAttribute("aria-activedescendant", item.id);
          item.scrollIntoView({ block: "nearest" });
        }
      });
      if (index < 0) input.removeAttribute("aria-activedescendant");
    }

    function open() {
      const words = folded(input.value).split(/\s+/).filter(Boolean);
      // Each word typed starts a word of the name or username: "ana s" finds "Ana Silva (asilva)".
      const matches = Array.from(select.options).filter(function (option) {
        const names = folded(option.textContent).split(/[^\p{L}\p{N}]+/u);
        return !option.selected && words.every((word) => names.some((name) => name.startsWith(word)));
      });
      shown = matches.slice(0, MAX_SHOWN);
      listbox.replaceChildren();
      shown.forEach(function (option, position) {
        const item = element("li", "hero-option", option.textContent);
        item.id = listbox.id + "-" + option.value;
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", "false");
        item.addEventListener("mousedown", (event) => event.preventDefault()); // the box keeps focus
        item.addEventListener("click", () => add(shown[position]));
        listbox.appendChild(item);
      });
      listbox.hidden = shown.length === 0;
      input.setAttribute("aria-expanded", shown.length ? "true" : "false");
      active = -1;
      input.removeAttribute("aria-activedescendant");
      if (!shown.length && words.length) {
        // Translators: %(typed)s is what the person typed in the heroes field.
        say(interpolate(gettext("No colleague matches “%(typed)s”."), { typed: input.value.trim() }, true));
      } else if (words.length) {
        const found = interpolate(ngettext("%(count)s colleague matches.", "%(count)s colleagues match.", matches.length), { count: matches.length }, true);
        say(matches.length > shown.length ? found + " " + gettext("Type more of the name to see others.") : found);
      }
    }

    function add(option) {
      if (!option) return;
      option.selected = true;
      select.dispatchEvent(new Event("change", { bubbles: true }));
      input.value = "";
      close();
      renderChips();
      // Translators: said after a colleague is credited; %(name)s is their name.
      say(interpolate(gettext("%(name)s added."), { name: option.textContent }, true) + " " + credited());
    }

    function drop(option) {
      option.selected = false;
      select.dispatchEvent(new Event("change", { bubbles: true }));
      renderChips();
      const who = interpolate(option.value === you ?
        // Translators: said when the person removes themself from the heroes; %(name)s is their own name.
        gettext("You (%(name)s) are no longer credited.") :
        gettext("%(name)s removed."), { name: option.textContent }, true);
      say(who + " " + credited());
    }

    input.addEventListener("input", open);
    input.addEventListener("blur", close);
    input.addEventListener("keydown", function (event) {
      switch (event.key) {
        case "ArrowDown":
          event.preventDefault();
          if (listbox.hidden) open();
          if (shown.length) setActive(Math.min(active + 1, shown.length - 1));
          break;
        case "ArrowUp":
          event.preventDefault();
          if (!listbox.hidden && shown.length) setActive(Math.max(active - 1, 0));
          break;
        case "Enter":
          event.preventDefault(); // never submits the form from here
          if (!listbox.hidden && shown.length) add(shown[active >= 0 ? active : 0]);
          else if (input.value.trim()) open();
          break;
        case "Escape":
          if (!listbox.hidden) close();
          else input.value = "";
          break;
        case "Backspace":
          if (input.value === "" && chosen.length) {
            event.preventDefault();
            drop(chosen[chosen.length - 1]); // the last one added
          }
          break;
        default:
          break;
      }
    });
    select.addEventListener("change", renderChips);
    renderChips();
  }

  document.querySelectorAll("[data-hero-picker]").forEach(enhance);
})();
