// Display links: a Copy button for each screen's address. It uses the
// clipboard where the browser allows it (a secure page); elsewhere (plain
// http on the company network) it selects the address and says to press
// Ctrl+C — the visible fallback. Without JS the address is there to select.
(function () {
  "use strict";

  const mac = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

  function say(source, message) {
    const status = document.querySelector("[data-copy-status='" + CSS.escape(source.id) + "']");
    if (status) status.textContent = message;
  }

  function selectAddress(source) {
    source.focus();
    source.select();
    source.setSelectionRange(0, source.value.length);
    // Translators: %(keys)s is the copy shortcut, "⌘C" on a Mac, "Ctrl+C" elsewhere.
    say(source, interpolate(gettext("The address is selected: press %(keys)s to copy it."), { keys: mac ? "⌘C" : "Ctrl+C" }, true));
  }

  function copy(source) {
    if (!navigator.clipboard || !window.isSecureContext) {
      selectAddress(source);
      return;
    }
    navigator.clipboard.writeText(source.value.trim()).then(
      () => say(source, gettext("Copied the address.")),
      () => selectAddress(source)
    );
  }

  document.querySelectorAll("[data-copy]").forEach(function (button) {
    const source = document.getElementById(button.dataset.copy);
    if (!source) return;
    button.hidden = false;
    button.addEventListener("click", () => copy(source));
  });
})();
