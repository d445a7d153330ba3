// Staying live: polls slides.json with If-None-Match (an unchanged deck costs
// a 304), shows the offline badge while it cannot reach Winsboard, applies a
// changed deck without losing the slide on screen, and stops the show when a
// display link is revoked.

// A function, not a constant: its words in the page's language (the catalogue is loaded before the modules).
const turnedOffSlide = () => ({
  id: "off",
  layout: "empty",
  headline: gettext("This display link is turned off"),
  text: gettext("A manager revoked it. Ask them for a new display link."),
});

/**
 * Play a new deck from the slide on screen: the same win stays (re-shown if
 * its content changed, unless its video is playing); when it has gone
 * (unfeatured or hidden) the deck moves on at once.
 * @param {import("./player.js").Player} player
 * @param {object[]} slides The deck slides.json sent.
 */
export function applyChangedDeck(player, slides) {
  if (!Array.isArray(slides) || !slides.length) return;
  const before = player.deck[player.index];
  const found = before ? slides.findIndex((slide) => slide.id === before.id) : -1;
  if (found === -1) {
    player.replaceDeck(slides, player.index);
    player.show(Math.min(player.index, slides.length - 1));
  } else {
    player.replaceDeck(slides, found);
    const changed = JSON.stringify(slides[found]) !== JSON.stringify(before);
    if (changed && !player.showingVideo) player.show(found);
    else player.updateCounter();
  }
  player.preloadNext();
}

/** Keeps the player's deck in step with slides.json. */
export class LiveDeck {
  #player;
  #url;
  #etag;
  #pollMs;
  #offlineEl;
  #timer = null;
  #stopped = false;

  /**
   * @param {object} options
   * @param {import("./player.js").Player} options.player
   * @param {HTMLElement} options.root The [data-slideshow] element (holds the offline badge).
   * @param {string} options.url The slides.json address.
   * @param {string} options.etag The ETag of the deck the page came with ("" for none).
   * @param {number} options.pollMs Time between polls.
   */
  constructor({ player, root, url, etag, pollMs }) {
    this.#player = player;
    this.#url = url;
    this.#etag = etag;
    this.#pollMs = pollMs;
    this.#offlineEl = root.querySelector("[data-connection]");
  }

  /** Start polling (the first poll after one interval: the page brought the deck). */
  start() {
    this.#schedule(this.#pollMs);
  }

  /** Poll now (e.g. after marking the deck shown), then at the usual interval. */
  pollSoon() {
    this.#schedule(0);
  }

  #schedule(ms) {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#poll(), ms);
  }

  #poll() {
    const headers = { Accept: "application/json" };
    if (this.#etag) headers["If-None-Match"] = this.#etag;
    fetch(this.#url, { headers: headers, cache: "no-store", credentials: "same-origin", redirect: "manual" })
      .then((response) => this.#handle(response))
      .catch(() => {
        this.#setOnline(false); // keep cycling what we have; try again next time
      })
      .then(() => {
        if (!this.#stopped) this.#schedule(this.#pollMs);
      });
  }

  #handle(response) {
    if (response.status === 304) return this.#setOnline(true);
    if (response.status === 404 || response.status === 410) return this.#turnedOff();
    if (!response.ok) throw new Error("slides.json answered " + response.status);
    const etag = response.headers.get("ETag") || "";
    return response.json().then((data) => {
      this.#etag = etag;
      this.#setOnline(true);
      applyChangedDeck(this.#player, data.slides);
    });
  }

  #setOnline(online) {
    this.#offlineEl.hidden = online;
  }

  #turnedOff() {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#player.stopWith(turnedOffSlide());
  }
}
