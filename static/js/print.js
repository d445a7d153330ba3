// Invitation cards: the Print button opens the browser's print dialog
// (Ctrl+P does the same without JavaScript).
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach((button) => {
    button.addEventListener("click", () => window.print());
  });
})();
