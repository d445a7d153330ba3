// Upload progress for forms marked [data-upload-form]. A post that carries
// files is sent with XMLHttpRequest so a progress bar can show how far the
// upload is; on success the page follows the address the server returns; on
// form errors they are shown in place (typed text and chosen files stay); on
// any failure a clear message says what happened. Without files the form
// posts as usual. Either way the button is disabled once the form is sent, so a
// double-click sends it once (the server also saves a form's token only once).
(function () {
  "use strict";

  const MB = 1048576;

  function hasFiles(form) {
    return Array.from(form.querySelectorAll("input[type=file]")).some((input) => input.files && input.files.length);
  }

  // "2.5" (or "2,5": the page's language), one decimal under 10 MB.
  function megabytes(bytes) {
    const digits = bytes < 10 * MB ? 1 : 0;
    return new Intl.NumberFormat(document.documentElement.lang || undefined, {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    }).format(bytes / MB);
  }

  // A file over its field's limit (data-max-bytes) is refused before a
  // long upload, with the same words the server would use.
  function tooBig(form) {
    for (const input of form.querySelectorAll("input[type=file][data-max-bytes]")) {
      const limit = Number(input.dataset.maxBytes);
      const file = Array.from(input.files || []).find((candidate) => candidate.size > limit);
      if (file) {
        return interpolate(gettext("“%(name)s” is %(size)s MB; it can be up to %(limit)s MB."), {
          name: file.name,
          size: megabytes(file.size),
          limit: Math.round(limit / MB),
        }, true);
      }
    }
    return "";
  }

  function enhance(form) {
    const panel = form.querySelector("[data-upload-progress]");
    const bar = panel.querySelector("progress");
    const status = panel.querySelector("[data-upload-status]");
    const cancel = panel.querySelector("[data-upload-cancel]");
    const failed = form.querySelector("[data-upload-failed]");
    const submits = Array.from(form.querySelectorAll("[type=submit]"));
    let request = null;

    function finish() {
      request = null;
      panel.hidden = true;
      submits.forEach((button) => (button.disabled = false));
      form.removeAttribute("aria-busy");
      delete form.dataset.uploadState;
    }

    function fail(message, advice) {
      finish();
      failed.classList.replace("alert-info", "alert-danger");
      failed.textContent = message + " " + (advice || gettext("Your text and chosen files are still here: try again when you're ready."));
      failed.hidden = false;
      failed.focus();
    }

    function showFormErrors(html) {
      const page = new DOMParser().parseFromString(html, "text/html");
      const fresh = page.getElementById(form.id);
      if (!fresh) return false;
      // The summary above the form.
      document.getElementById("form-errors")?.remove();
      const summary = page.getElementById("form-errors");
      if (summary) form.before(document.importNode(summary, true));
      // Field errors: clear ours, copy the server's next to the same fields.
      form.querySelectorAll("[id$='_error'], [data-copied-error]").forEach((node) => node.remove());
      form.querySelectorAll(".is-invalid").forEach(function (node) {
        node.classList.remove("is-invalid");
        node.removeAttribute("aria-invalid");
      });
      fresh.querySelectorAll(".is-invalid[id]").forEach(function (node) {
        const mine = document.getElementById(node.id);
        if (!mine || !form.contains(mine)) return;
        mine.classList.add("is-invalid");
        mine.setAttribute("aria-invalid", "true");
        if (node.hasAttribute("aria-describedby")) mine.setAttribute("aria-describedby", node.getAttribute("aria-describedby"));
      });
      fresh.querySelectorAll("[id$='_error'], [data-row-error]").forEach(function (error) {
        const anchor = error.previousElementSibling?.id ? document.getElementById(error.previousElementSibling.id) : null;
        const copy = document.importNode(error, true);
        copy.setAttribute("data-copied-error", "");
        if (anchor && form.contains(anchor)) {
          anchor.after(copy);
          return;
        }
        const home = error.parentElement?.closest("[id]");
        const mine = home ? document.getElementById(home.id) : null;
        if (mine && form.contains(mine)) mine.appendChild(copy);
      });
      // A folded section holding a problem opens, as on the page the server would send.
      form.querySelectorAll("details.form-fold").forEach(function (fold) {
        if (fold.querySelector(".is-invalid, [data-copied-error]")) fold.open = true;
      });
      (document.getElementById("form-errors") || form).focus();
      return true;
    }

    function done() {
      const type = request.getResponseHeader("Content-Type") || "";
      if (request.status === 200 && type.includes("application/json")) {
        const answer = JSON.parse(request.responseText);
        if (answer.redirect && answer.redirect.startsWith("/") && !answer.redirect.startsWith("//")) {
          form.dataset.uploadState = "done";
          window.location.assign(answer.redirect);
          return;
        }
      }
      // 400: a problem with the form; 503: the database was busy; 507: no room for
      // the files. Each answers the form again with the message; nothing was saved.
      const formAnswer = [400, 503, 507].includes(request.status) && type.includes("text/html");
      if (formAnswer && showFormErrors(request.responseText)) {
        finish();
        return;
      }
      if (request.status === 400 || request.status === 413) {
        fail(gettext("The upload was refused: it is larger than a win's photos and video can be."));
      } else if (request.status === 403) {
        fail(gettext("The upload was refused because your session expired. Sign in again in another tab, then post again."));
      } else {
        // Translators: %(status)s is the HTTP status number, e.g. 502.
        fail(interpolate(gettext("The upload failed (the server answered %(status)s)."), { status: request.status }, true));
      }
    }

    form.addEventListener("submit", function (event) {
      if (event.defaultPrevented) return; // stopped by a check before it (e.g. a photo without alt text)
      if (request || form.dataset.uploadState === "posting") {
        event.preventDefault(); // already sent: a double-click or a second Enter
        return;
      }
      const outbox = form.dataset.draft !== undefined && window.Winsboard && window.Winsboard.outbox;
      if (outbox && !navigator.onLine) {
        // No connection: the win waits on this phone and goes when it's back (outbox.js).
        event.preventDefault();
        keepForLater();
        return;
      }
      if ((!hasFiles(form) && !outbox) || typeof FormData === "undefined") {
        // A plain post: let it go, once. A disabled button isn't sent, so the
        // one pressed (e.g. "ask for it to be shown again") goes as a field.
        const pressed = event.submitter;
        if (pressed && pressed.name) {
          const field = document.createElement("input");
          field.type = "hidden";
          field.name = pressed.name;
          field.value = pressed.value;
          form.append(field);
        }
        form.dataset.uploadState = "posting";
        form.setAttribute("aria-busy", "true");
        submits.forEach((button) => (button.disabled = true));
        return;
      }
      event.preventDefault();
      failed.hidden = true;
      const problem = tooBig(form);
      if (problem) {
        fail(problem, gettext("Choose a smaller file (or, for a video, a link to it); your text is still here."));
        return;
      }
      request = new XMLHttpRequest();
      request.open("POST", form.action || window.location.href);
      request.setRequestHeader("X-Winsboard-Upload", "1");
      request.upload.addEventListener("progress", function (progress) {
        if (!progress.lengthComputable) return;
        const percent = Math.floor((progress.loaded / progress.total) * 100);
        bar.value = percent;
        // Translators: upload progress, e.g. "40% — 2.1 of 5.3 MB"; %(percent)s is already written as a percentage.
        status.textContent = interpolate(gettext("%(percent)s — %(loaded)s of %(total)s MB"), {
          percent: new Intl.NumberFormat(document.documentElement.lang || undefined, { style: "percent" }).format(percent / 100),
          loaded: megabytes(progress.loaded),
          total: megabytes(progress.total),
        }, true);
      });
      request.upload.addEventListener("load", function () {
        bar.value = 100;
        status.textContent = gettext("Uploaded. Preparing your photos…");
      });
      request.addEventListener("load", done);
      request.addEventListener("error", function () {
        if (outbox) {
          finish();
          keepForLater();
        } else {
          fail(gettext("The upload was interrupted. Check your connection."));
        }
      });
      request.addEventListener("timeout", () => fail(gettext("The upload took too long. Check your connection.")));
      request.addEventListener("abort", () => fail(gettext("You cancelled the upload.")));
      bar.value = 0;
      status.textContent = gettext("Starting…");
      panel.hidden = false;
      submits.forEach((button) => (button.disabled = true));
      form.setAttribute("aria-busy", "true");
      form.dataset.uploadState = "uploading";
      request.send(new FormData(form, event.submitter)); // with the button pressed (e.g. "ask to show it again")
    });

    // A new win that can't be sent now is kept on the device (outbox.js).
    function keepForLater() {
      window.Winsboard.outbox.keep(form).then(function () {
        form.dataset.uploadState = "kept";
        document.dispatchEvent(new CustomEvent("winsboard:win-kept")); // no draft of it any more (draft.js)
        failed.classList.replace("alert-danger", "alert-info");
        failed.textContent = gettext("You're offline, so your win is saved on this phone. It will be sent as soon as you're back online — you can close this page.");
        failed.hidden = false;
        failed.focus();
      }, () => fail(gettext("The upload was interrupted. Check your connection.")));
    }

    cancel.addEventListener("click", function () {
      if (request) request.abort();
    });

    // Back to this page from the next one (the browser's page cache): usable again.
    window.addEventListener("pageshow", function (event) {
      if (event.persisted && form.dataset.uploadState === "posting") finish();
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-upload-form]").forEach(enhance);
  });
})();
