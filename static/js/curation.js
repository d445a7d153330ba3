// Curation on managers' pages, on top of htmx (every control also works as
// a plain form without JS):
// - keeps keyboard focus sensible after a part of the page is re-rendered;
// - reports refused requests in the page's live region (.messages; a lost
//   connection is told by static/js/celebrate.js for every request);
// - follows a redirect (e.g. an expired sign-in) instead of swapping a whole
//   page into a card;
// - lets a mouse drag featured cards into a new order ([data-wall-reorder]).
(function () {
  "use strict";

  // The page's live region (.messages), shared with cheers (static/js/celebrate.js, loaded first).
  function announce(text) {
    window.Winsboard.announce(text);
  }

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

  document.addEventListener("htmx:beforeSwap", function (event) {
    const xhr = event.detail.xhr;
    const config = event.detail.requestConfig;
    if (!xhr || !xhr.responseURL || !config) return;
    const asked = new URL(config.path, window.location.href);
    const answered = new URL(xhr.responseURL);
    if (asked.pathname !== answered.pathname) {
      event.detail.shouldSwap = false;
      window.location.assign(answered.href);
    }
  });

  // Cheers report their own failures (static/js/celebrate.js).
  function fromCheer(event) {
    return Boolean(event.detail.elt && event.detail.elt.closest && event.detail.elt.closest("[data-celebrate]"));
  }

  document.addEventListener("htmx:responseError", function (event) {
    if (fromCheer(event)) return;
    const status = event.detail.xhr ? event.detail.xhr.status : 0;
    if (status === 403) {
      announce("Only managers can do that. If you were just made one, reload the page.");
    } else if (status === 404) {
      announce("That win (or tag) no longer exists. Reload the page.");
    } else {
      announce("That didn't work (error " + status + "). Reload the page and try again.");
    }
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
        handle.title = "Drag to reorder";
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
