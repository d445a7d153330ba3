// The all-hands slideshow's entry point: plays the featured wins full screen,
// hands-free, and stays live. Reads the settings from the data-* attributes
// of [data-slideshow] and the first deck from the JSON block #slideshow-deck,
// then starts the player, the live updates and the controls.
//
//   render.js, parts.js   deck JSON → slide DOM (textContent only)
//   player.js             the Player: timing, moving, videos, pause
//   stage.js, fit.js      a slide on and off screen; text that fits
//   images.js             preloading and waiting for photos
//   indicators.js         progress bar, counter, paused badge
//   live.js               polling slides.json, offline badge, deck changes
//   controls.js           keys, buttons, swipes, full screen, mark-shown form

import { wireControls } from "./controls.js";
import { LiveDeck } from "./live.js";
import { Player } from "./player.js";

const TICK_MS = 200;

function positiveNumber(value, fallback) {
  const parsed = parseInt(value, 10);
  return Number.isFinite(parsed) && parsed > 0 ? parsed : fallback;
}

/**
 * The slideshow's settings, from the data-* attributes the page sets.
 * @param {HTMLElement} root The [data-slideshow] element.
 * @returns {{slidesUrl: string, etag: string, seconds: number, pollMs: number}}
 */
export function readSettings(root) {
  return {
    slidesUrl: root.dataset.slidesUrl,
    etag: root.dataset.etag || "",
    seconds: positiveNumber(root.dataset.seconds, 12),
    pollMs: positiveNumber(root.dataset.pollSeconds, 30) * 1000,
  };
}

/**
 * The first deck, which travels with the page in the #slideshow-deck JSON block.
 * @returns {object[]} Its slides (none when the block is missing).
 */
export function readFirstDeck() {
  const dataEl = document.getElementById("slideshow-deck");
  return dataEl ? JSON.parse(dataEl.textContent).slides || [] : [];
}

/**
 * Start the slideshow in a page.
 * @param {HTMLElement} root The [data-slideshow] element.
 */
export function startSlideshow(root) {
  const settings = readSettings(root);
  const player = new Player({ root, deck: readFirstDeck(), seconds: settings.seconds });
  const live = new LiveDeck({ player, root, url: settings.slidesUrl, etag: settings.etag, pollMs: settings.pollMs });
  wireControls({ root, player, live });
  player.start(TICK_MS);
  live.start();
}

const root = document.querySelector("[data-slideshow]");
if (root) startSlideshow(root);
