// @mentions in a story or a comment (textarea[data-mentions], the address of
// /people/suggest.json): typing "@" and the start of a name lists colleagues
// below the box, the way the heroes picker does (its look: .hero-option).
// ↓ / ↑ move the active one (aria-activedescendant: the box keeps focus),
// Enter or Tab writes "@Priya Nair " in place, Esc closes. A polite status
// says how many match. Without JS, "@priya" typed by hand works the same.
(function () {
  "use strict";

  const TYPED = /(?:^|[\s(“"'])@([\p{L}\p{N}._'’-]+(?: [\p{L}\p{N}'’-]*)?)$/u;

  function enhance(area) {
    const list = document.createElement("ul");
    list.className = "list-unstyled hero-options mention-options";
    list.id = area.id + "-mentions";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", gettext("Colleagues to mention"));
    list.hidden = true;
    const status = document.createElement("div");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    area.after(list, status);
    area.setAttribute("aria-autocomplete", "list");
    area.setAttribute("aria-controls", list.id);
    let found = [];
    let active = -1;
    let typed = null;
    let asked = 0;
    let timer = 0;

    function mark() {
      Array.from(list.children).forEach(function (item, index) {
        item.classList.toggle("is-active", index === active);
        item.setAttribute("aria-selected", index === active ? "true" : "false");
      });
      if (active >= 0) area.setAttribute("aria-activedescendant", list.id + "-" + active);
      else area.removeAttribute("aria-activedescendant");
    }

    function close() {
      list.hidden = true;
      found = [];
      active = -1;
      mark();
    }

    function show(people) {
      found = people;
      active = people.length ? 0 : -1;
      list.replaceChildren(
        ...people.map(function (person, index) {
          const item = document.createElement("li");
          item.id = list.id + "-" + index;
          item.className = "hero-option";
          item.setAttribute("role", "option");
          item.textContent = person.name + " (@" + person.username + ")";
          item.addEventListener("mousedown", (event) => event.preventDefault()); // the box keeps focus
          item.addEventListener("click", () => pick(index));
          return item;
        }),
      );
      list.hidden = !people.length;
      mark();
      const count = interpolate(ngettext("%(count)s colleague matches.", "%(count)s colleagues match.", people.length), { count: people.length }, true);
      status.textContent = people.length ? count + " " + gettext("Up and down arrows to choose, Enter to mention.") : gettext("No colleague matches.");
    }

    function pick(index) {
      const person = found[index];
      if (!person || typed === null) return;
      const end = area.selectionStart;
      area.setRangeText("@" + person.mention + " ", end - typed.length - 1, end, "end");
      close();
      area.focus();
      // Translators: said after a colleague is mentioned; %(name)s is their name.
      status.textContent = interpolate(gettext("%(name)s mentioned."), { name: person.name }, true);
    }

    function lookup() {
      const match = TYPED.exec(area.value.slice(0, area.selectionStart));
      typed = match ? match[1] : null;
      clearTimeout(timer);
      if (!typed || typed.trim().length < 2) {
        close();
        return;
      }
      const ask = ++asked;
      timer = setTimeout(function () {
        fetch(area.dataset.mentions + "?q=" + encodeURIComponent(typed), { headers: { Accept: "application/json" } })
          .then((response) => (response.ok ? response.json() : { people: [] }))
          .then((data) => ask === asked && show(data.people))
          .catch(close);
      }, 150);
    }

    area.addEventListener("input", lookup);
    area.addEventListener("blur", close);
    area.addEventListener("keydown", function (event) {
      if (list.hidden || !found.length) return;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        active = (active + (event.key === "ArrowDown" ? 1 : found.length - 1)) % found.length;
        mark();
      } else if (event.key === "Enter" || event.key === "Tab") {
        event.preventDefault();
        pick(active);
      } else if (event.key === "Escape") {
        event.preventDefault();
        close();
      }
    });
  }

  document.querySelectorAll("textarea[data-mentions]").forEach(enhance);
})();
