// Curation on managers' pages, on top of htmx (every control also works as
// a plain form without JS; its forms carry data-curate):
// - keeps keyboard focus sensible after a part of the page is re-rendered;
// - gives the words for refused requests, which static/js/site.js tells in
//   the page's live region (it also follows redirects, e.g. an expired
//   sign-in, and tells a lost connection, for every htmx request);
// - lets a mouse drag featured cards into a new order ([data-wall-reorder]).
(function () {
  "use strict";

  // --- focus: htmx puts it back on an element with the same id; when that
  // element is gone (a row left the queue), use the nearest fallback.
  let fallbacks = [];

  // In the review queue, a win that leaves the list hands focus to the next
  // win's title (or, at the end, the previous one's), so a manager working
  // down the queue by keyboard carries on where they were.
  function neighbourTitles(elt) {
    const item = elt.closest && elt.closest(".queue-list > li");
    if (!item) return [];
    return [item.nextElementSibling, item.previousElementSibling]
      .map((li) => li && li.querySelector(".card-title a[href]"))
      .filter(Boolean)
      .map((link) => "#" + CSS.escape(link.closest(".card-title").id) + " a[href]");
  }

  document.addEventListener("htmx:beforeRequest", function (event) {
    fallbacks = neighbourTitles(event.detail.elt);
    let node = event.detail.elt;
    while (node && node.closest) {
      const holder = node.closest("[data-focus-fallback]");
      if (!holder) break;
      fallbacks.push("#" + CSS.escape(holder.getAttribute("data-focus-fallback")));
      node = holder.parentElement;
    }
  });

  document.addEventListener("htmx:afterSettle", function () {
    const active = document.activeElement;
    if (!fallbacks.length || (active && active !== document.body)) return;
    const target = fallbacks.map((selector) => document.querySelector(selector)).find(Boolean);
    (target || document.getElementById("main")).focus();
    fallbacks = [];
  });

  // The words static/js/site.js tells when a curation request is refused.
  const FAILURES = {
    403: gettext("Only managers can do that. If you were just made one, reload the page."),
    404: gettext("That win (or tag) no longer exists. Reload the page."),
  };

  document.addEventListener("htmx:responseError", function (event) {
    const elt = event.detail.elt;
    if (!elt || !elt.closest || !elt.closest("[data-curate]") || !event.detail.xhr) return;
    const words = FAILURES[event.detail.xhr.status];
    if (words) event.detail.failure = words;
  });

  // --- drag to reorder the featured wall (buttons do the same by keyboard).
  let dragged = null;

  function enhanceWall(root) {
    const lists = [];
    if (root.matches && root.matches("[data-wall-reorder]")) lists.push(root);
    if (root.querySelectorAll) lists.push.apply(lists, root.querySelectorAll("[data-wall-reorder]"));
    lists.forEach(function (list) {
      document.querySelectorAll("[data-drag-hint]").forEach(function (hint) { hint.hidden = false; });
      list.querySelectorAll(".wall-item").forEach(function (item) {
        const card = item.querySelector(".card");
        if (!card || card.querySelector(".drag-handle")) return;
        const handle = document.createElement("span");
        handle.className = "drag-handle";
        handle.textContent = "⠿";
        handle.title = gettext("Drag to reorder");
        handle.setAttribute("aria-hidden", "true");
        handle.draggable = true;
        card.prepend(handle);
      });
    });
  }

  function clearMarks() {
    document.querySelectorAll(".drop-before, .drop-after, .is-dragging").forEach(function (el) {
      el.classList.remove("drop-before", "drop-after", "is-dragging");
    });
  }

  function landing(event) {
    const item = event.target.closest && event.target.closest("[data-wall-reorder] .wall-item");
    if (!dragged || !item || item === dragged || item.parentElement !== dragged.parentElement) return null;
    const items = Array.from(item.parentElement.children);
    return { item: item, after: items.indexOf(item) > items.indexOf(dragged) };
  }

  document.addEventListener("dragstart", function (event) {
    if (!event.target.classList || !event.target.classList.contains("drag-handle")) return;
    dragged = event.target.closest(".wall-item");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", dragged.getAttribute("data-story-id"));
    event.dataTransfer.setDragImage(dragged, 24, 24);
    dragged.classList.add("is-dragging");
  });

  document.addEventListener("dragover", function (event) {
    const spot = landing(event);
    if (!spot) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    document.querySelectorAll(".drop-before, .drop-after").forEach(function (el) {
      el.classList.remove("drop-before", "drop-after");
    });
    spot.item.classList.add(spot.after ? "drop-after" : "drop-before");
  });

  document.addEventListener("drop", function (event) {
    const spot = landing(event);
    if (!spot) return;
    event.preventDefault();
    spot.item.insertAdjacentElement(spot.after ? "afterend" : "beforebegin", dragged);
    const list = dragged.parentElement;
    const form = document.getElementById("wall-reorder");
    clearMarks();
    dragged = null;
    if (!form) return;
    form.elements.ids.value = Array.from(list.children).map(function (item) {
      return item.getAttribute("data-story-id");
    }).join(",");
    form.requestSubmit();
  });

  document.addEventListener("dragend", function () {
    clearMarks();
    dragged = null;
  });

  if (window.htmx) {
    window.htmx.onLoad(enhanceWall);
  } else {
    enhanceWall(document);
  }
})();
