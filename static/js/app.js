// The installable app: registers the service worker (stories.views.app_shell).
if ("serviceWorker" in navigator && window.isSecureContext) {
  window.addEventListener("load", () => {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => {
      // No worker (private mode, blocked): the site works as a plain website.
    });
  });
}
