// The heroes picker: a native <select multiple> that stays usable with
// hundreds of colleagues — a filter box above it, and the chosen names
// listed below it (each removable by keyboard). Without JS the select works.
(function () {
  "use strict";

  function enhance(container) {
    const select = container.querySelector("select[multiple]");
    if (!select) return;

    const filter = document.createElement("input");
    filter.type = "search";
    filter.className = "form-control mb-2";
    filter.id = select.id + "-filter";
    filter.placeholder = "Type a name to find a colleague";
    filter.setAttribute("aria-label", "Find a colleague to credit");
    filter.setAttribute("aria-controls", select.id);
    filter.autocomplete = "off";
    select.parentNode.insertBefore(filter, select);

    const chosen = document.createElement("ul");
    chosen.className = "list-inline hero-chips mt-2 mb-0";
    chosen.setAttribute("aria-label", "Credited heroes");
    chosen.setAttribute("aria-live", "polite");
    select.parentNode.insertBefore(chosen, select.nextSibling);

    function renderChosen() {
      chosen.replaceChildren();
      Array.from(select.selectedOptions).forEach(function (option) {
        const item = document.createElement("li");
        item.className = "list-inline-item mb-1";
        const button = document.createElement("button");
        button.type = "button";
        button.className = "badge rounded-pill text-bg-primary border-0";
        button.textContent = option.textContent + " ×";
        button.setAttribute("aria-label", "Remove " + option.textContent);
        button.addEventListener("click", function () {
          option.selected = false;
          renderChosen();
          filter.focus();
        });
        item.appendChild(button);
        chosen.appendChild(item);
      });
    }

    filter.addEventListener("input", function () {
      const needle = filter.value.trim().toLowerCase();
      Array.from(select.options).forEach(function (option) {
        option.hidden = needle !== "" && !option.textContent.toLowerCase().includes(needle) && !option.selected;
      });
    });
    filter.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        // Enter picks the first match instead of submitting the form.
        event.preventDefault();
        const first = Array.from(select.options).find(function (o) { return !o.hidden && !o.selected; });
        if (first) {
          first.selected = true;
          filter.value = "";
          filter.dispatchEvent(new Event("input"));
          renderChosen();
        }
      }
    });
    // A click toggles one name instead of replacing the whole selection.
    select.addEventListener("mousedown", function (event) {
      if (event.target.tagName !== "OPTION") return;
      event.preventDefault();
      event.target.selected = !event.target.selected;
      select.focus();
      renderChosen();
    });
    select.addEventListener("change", renderChosen);
    renderChosen();
  }

  document.querySelectorAll("[data-hero-picker]").forEach(enhance);
})();
