// The people's side of the slideshow: a clicker's or keyboard's keys, the
// on-screen buttons, swipes, full screen, controls that hide while the
// pointer is idle, status messages, the options panel, the "Mark as shown
// today" form, and keeping the screen awake.

const IDLE_MS = 3000;
const MESSAGE_MS = 6000;
const SWIPE_PX = 50;

function ignore() {}

function toggleFullscreen() {
  if (document.fullscreenElement) {
    document.exitFullscreen().catch(ignore);
  } else if (document.documentElement.requestFullscreen) {
    document.documentElement.requestFullscreen().catch(ignore);
  }
}

// The status line: shows a message for a few seconds.
function messenger(statusEl) {
  let timer = null;
  return function say(message) {
    statusEl.textContent = message;
    statusEl.classList.add("is-visible");
    clearTimeout(timer);
    timer = setTimeout(() => statusEl.classList.remove("is-visible"), MESSAGE_MS);
  };
}

// The controls (and the pointer) hide after a few seconds without a move.
function hideControlsWhenIdle(root) {
  let timer = null;

  function wake() {
    root.classList.remove("is-idle");
    clearTimeout(timer);
    timer = setTimeout(() => root.classList.add("is-idle"), IDLE_MS);
  }
  document.addEventListener("pointermove", wake);
  document.addEventListener("pointerdown", wake);
  wake();
}

function wireButtons(root, player) {
  const actions = {
    prev: () => player.previous(),
    next: () => player.next(),
    pause: () => player.togglePause(),
    fullscreen: toggleFullscreen,
  };
  root.querySelectorAll("[data-action]").forEach((button) => {
    button.addEventListener("click", (event) => {
      actions[button.dataset.action]();
      // After a mouse click, give the keys back to the deck (a clicker's Space).
      if (event.detail > 0) button.blur();
    });
  });
  const fullscreenButton = root.querySelector('[data-action="fullscreen"]');
  document.addEventListener("fullscreenchange", () => {
    fullscreenButton.textContent = document.fullscreenElement ? gettext("Leave full screen") : gettext("Full screen");
  });
}

// Right to left (an Arabic page: <html dir="rtl">) the deck reads from right
// to left: ← and a swipe to the right go forward. Asked at each key or swipe.
function rightToLeft() {
  return document.documentElement.dir === "rtl";
}

// The arrow keys as the reading direction means them.
const MIRRORED_KEYS = { ArrowRight: "ArrowLeft", ArrowLeft: "ArrowRight" };

function arrowKey(key) {
  return rightToLeft() && MIRRORED_KEYS[key] ? MIRRORED_KEYS[key] : key;
}

// What a key does, or null for a key the deck leaves alone.
function keyAction(key, target, player) {
  switch (arrowKey(key)) {
    case " ":
      if (target.closest && target.closest("button, a, summary")) return null; // a focused control does its own thing
      return () => player.next();
    case "ArrowRight":
    case "PageDown":
      return () => player.next();
    case "ArrowLeft":
    case "PageUp":
      return () => player.previous();
    case "Home":
      return () => player.show(0);
    case "End":
      return () => player.last();
    case "p":
    case "P":
    case "k":
    case "K":
      return () => player.togglePause();
    case "f":
    case "F":
      return toggleFullscreen;
    case "Escape":
      if (!document.fullscreenElement) return null;
      return () => document.exitFullscreen().catch(ignore);
    default:
      return null;
  }
}

function wireKeys(player) {
  document.addEventListener("keydown", (event) => {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target;
    if (target.closest && target.closest("input, select, textarea, details[open]")) return;
    const action = keyAction(event.key, target, player);
    if (!action) return;
    action();
    event.preventDefault();
  });
}

function wireSwipes(stageEl, player) {
  let start = null;
  stageEl.addEventListener(
    "touchstart",
    (event) => {
      start = event.touches.length === 1 ? { x: event.touches[0].clientX, y: event.touches[0].clientY } : null;
    }, { passive: true }
  );
  stageEl.addEventListener(
    "touchend",
    (event) => {
      if (!start) return;
      const touch = event.changedTouches[0];
      const dx = touch.clientX - start.x;
      const dy = touch.clientY - start.y;
      start = null;
      if (Math.abs(dx) > SWIPE_PX && Math.abs(dx) > Math.abs(dy) * 1.5) {
        const forward = rightToLeft() ? dx > 0 : dx < 0; // a swipe toward the reading's start
        if (forward) player.next();
        else player.previous();
      }
    }, { passive: true }
  );
}

// While the options panel is open the controls stay visible.
function wireOptionsPanel(root) {
  const optionsEl = root.querySelector("[data-options]");
  if (!optionsEl) return;
  optionsEl.addEventListener("toggle", () => {
    root.classList.toggle("has-options-open", optionsEl.open);
  });
}

// "Mark as shown today" posts in the background, says how it went, and polls
// at once so the deck reflects it.
function wireMarkShownForm(form, say, live) {
  if (!form) return;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      })
      .then((response) =>
        response.json().then((data) => {
          say(response.ok ? data.message : data.error || gettext("Could not mark the deck as shown."));
          if (response.ok) live.pollSoon();
        })
      )
      .catch(() => say(gettext("Could not reach Winsboard. Try again in a moment.")));
  });
}

// Keep a laptop or TV stick from dimming the screen mid-meeting.
function keepScreenAwake() {
  function requestWakeLock() {
    if (!navigator.wakeLock || document.visibilityState !== "visible") return;
    navigator.wakeLock.request("screen").catch(ignore);
  }
  document.addEventListener("visibilitychange", requestWakeLock);
  requestWakeLock();
}

/**
 * Wire every control of the slideshow page to the player, show the page's
 * message (if it came with one) and start the idle timer of the controls.
 * @param {object} options
 * @param {HTMLElement} options.root The [data-slideshow] element.
 * @param {import("./player.js").Player} options.player
 * @param {import("./live.js").LiveDeck} options.live
 */
export function wireControls({ root, player, live }) {
  const statusEl = root.querySelector("[data-status]");
  const say = messenger(statusEl);
  wireButtons(root, player);
  wireKeys(player);
  wireSwipes(root.querySelector("[data-stage]"), player);
  wireOptionsPanel(root);
  wireMarkShownForm(root.querySelector("[data-mark-shown]"), say, live);
  keepScreenAwake();
  window.addEventListener("resize", () => player.refit());
  if (statusEl.textContent.trim()) say(statusEl.textContent.trim());
  hideControlsWhenIdle(root);
}
