// The review queue, on top of plain forms that work without JS:
// - "Select all on this page" ticks every win's "mark reviewed" box;
// - the "only over budget" switch applies itself (its Apply button hides).
// The queue is re-rendered in place by htmx, so both listen on the document.
(function () {
  "use strict";

  function enhance(root) {
    root.querySelectorAll("[data-bulk-all]").forEach((button) => (button.hidden = false));
    root.querySelectorAll("[data-filter-apply]").forEach((button) => (button.hidden = true));
  }

  document.addEventListener("click", function (event) {
    const button = event.target.closest && event.target.closest("[data-bulk-all]");
    if (!button) return;
    const boxes = Array.from(document.querySelectorAll("[data-bulk-select]"));
    const tick = boxes.some((box) => !box.checked);
    boxes.forEach((box) => (box.checked = tick));
    button.textContent = tick ? gettext("Clear the selection") : gettext("Select all on this page");
  });

  document.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches("[data-submit-on-change]")) event.target.form.requestSubmit();
  });

  document.addEventListener("DOMContentLoaded", () => enhance(document));
  document.addEventListener("htmx:load", (event) => enhance(event.detail.elt));
})();
