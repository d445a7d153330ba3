// What the deck shows around the slides: the progress bar, the win counter,
// the paused badge and pause button, and the page's starting and paused
// states. Display only: the Player decides, these elements show it.

/** The deck's indicators, found once inside the [data-slideshow] element. */
export class Indicators {
  #root;
  #slidesEl;
  #progressEl;
  #counterEl;
  #pausedEl;
  #pauseButton;

  /** @param {HTMLElement} root The [data-slideshow] element. */
  constructor(root) {
    this.#root = root;
    this.#slidesEl = root.querySelector("[data-slides]");
    this.#progressEl = root.querySelector("[data-progress]");
    this.#counterEl = root.querySelector("[data-counter]");
    this.#pausedEl = root.querySelector("[data-paused-badge]");
    this.#pauseButton = root.querySelector('[data-action="pause"]');
  }

  /** The first slide is on screen: the controls may now show (see slideshow.css). */
  started() {
    this.#root.classList.remove("is-starting");
  }

  /**
   * Fill the progress bar.
   * @param {number} fraction 0 to 1 (clamped).
   */
  progress(fraction) {
    this.#progressEl.style.transform = "scaleX(" + Math.min(Math.max(fraction, 0), 1) + ")";
  }

  /**
   * Show "3 / 12" while a win is on screen (wins only: not the title or end slides).
   * @param {object[]} deck
   * @param {number} index The position of the slide on screen.
   */
  counter(deck, index) {
    const wins = deck.filter((slide) => slide.win);
    const slide = deck[index];
    const position = slide && slide.win ? wins.indexOf(slide) + 1 : 0;
    const number = new Intl.NumberFormat(document.documentElement.lang || undefined);
    this.#counterEl.textContent = position ? number.format(position) + " / " + number.format(wins.length) : "";
  }

  /**
   * Show paused or playing; slide changes are announced to screen readers
   * only while paused (a playing deck would talk non-stop).
   * @param {boolean} paused
   */
  paused(paused) {
    this.#root.classList.toggle("is-paused", paused);
    this.#pausedEl.hidden = !paused;
    this.#pauseButton.textContent = paused ? gettext("Resume") : pgettext("verb: pause the slideshow", "Pause");
    this.#slidesEl.setAttribute("aria-live", paused ? "polite" : "off");
  }
}
