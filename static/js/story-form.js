// The post/edit form's small helpers:
// - the error summary's links move focus to their field (a field the page
//   replaced with a control of its own names it in data-focus-proxy);
// - a friendly, live hint while a cost above the empowerment budget is typed
//   (the cost input carries data-budget and data-budget-text);
// - a folded section (details.form-fold) opens when a field in it is reached
//   from the error summary, or filled by a restored draft or a shared file.
(function () {
  "use strict";

  document.addEventListener("click", function (event) {
    const link = event.target.closest && event.target.closest("#form-errors a[href^='#']");
    if (!link) return;
    let field = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (field && field.dataset.focusProxy) field = document.getElementById(field.dataset.focusProxy);
    if (!field) return;
    event.preventDefault();
    const fold = field.closest("details.form-fold");
    if (fold) fold.open = true;
    const holder = field.closest("[data-alt-field], .mb-3, fieldset") || field;
    holder.scrollIntoView({ block: "center" });
    field.focus({ preventScroll: true });
  });

  function differsFromDefault(field) {
    if (field.type === "file") return field.files.length > 0;
    if (field.type === "checkbox" || field.type === "radio") return field.checked !== field.defaultChecked;
    if (field.options) return Array.from(field.options).some((option) => option.selected !== option.defaultSelected);
    return field.value !== field.defaultValue;
  }

  ["input", "change"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      const fold = event.target.closest && event.target.closest("details.form-fold");
      if (fold && !fold.open && differsFromDefault(event.target)) fold.open = true;
    });
  });

  function budgetHint(input) {
    const hint = document.querySelector("[data-budget-hint]");
    const budget = Number(input.dataset.budget);
    if (!hint || !Number.isFinite(budget)) return;
    input.setAttribute("aria-describedby", [input.getAttribute("aria-describedby"), hint.id].filter(Boolean).join(" "));
    let above = null;

    function update() {
      const cost = Number(input.value.trim().replace(",", "."));
      const now = input.value.trim() !== "" && Number.isFinite(cost) && cost > budget;
      if (now === above) return; // only a change is announced, not every keystroke
      above = now;
      // Translators: %(budget)s is the amount already written in the page's language, e.g. "2,500.00 USD".
      hint.textContent = now ? interpolate(gettext(
        "That's above your %(budget)s budget — and that's fine when it's right for the customer. Post it as usual: " +
        "nobody needs to approve it now, and managers see the amount to learn what it takes."
      ), { budget: input.dataset.budgetText }, true) : "";
      hint.classList.toggle("is-shown", now);
    }
    input.addEventListener("input", update);
    update();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[data-budget]").forEach(budgetHint);
  });
})();
