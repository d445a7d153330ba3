// Colour mode: Bootstrap 5.3's data-bs-theme follows the system's light or
// dark setting (prefers-color-scheme), now and when it changes. Loaded in
// <head> without defer, so the page is drawn in the right colours at once.
(function () {
  "use strict";

  const dark = window.matchMedia("(prefers-color-scheme: dark)");

  function apply() {
    document.documentElement.setAttribute("data-bs-theme", dark.matches ? "dark" : "light");
  }

  apply();
  dark.addEventListener("change", apply);
})();
