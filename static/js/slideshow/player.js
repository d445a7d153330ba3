// Playing the deck: which slide is on screen, the clock that moves on,
// previous/next, uploaded videos, pause, and a deck replaced while playing.
// A Player owns all of this state; the other modules read it through its
// getters and change it through its methods.

import { fitText } from "./fit.js";
import { ImageCache, imageReady } from "./images.js";
import { Indicators } from "./indicators.js";
import { fallbackOf, renderSlide } from "./render.js";
import { enterSlide, leaveSlide, showPhoto } from "./stage.js";

const VIDEO_MAX_SECONDS = 600;
const MAX_TICK_MS = 1000; // a sleeping laptop must not skip slides

/** The slideshow player: one per page, made by main.js. */
export class Player {
  #deck;
  #index = 0;
  #current = null; // {slide, el, video}
  #elapsed = 0;
  #lastTick = Date.now();
  #paused = false;
  #loading = false;
  #stopped = false;
  #navigation = 0; // bumped on every move; late async work compares it
  #images = new ImageCache();
  #seconds;
  #slidesEl;
  #indicators;

  /**
   * @param {object} options
   * @param {HTMLElement} options.root The [data-slideshow] element.
   * @param {object[]} options.deck The first deck's slides.
   * @param {number} options.seconds Seconds per slide for slides that name none.
   */
  constructor({ root, deck, seconds }) {
    this.#deck = deck;
    this.#seconds = seconds;
    this.#slidesEl = root.querySelector("[data-slides]");
    this.#indicators = new Indicators(root);
  }

  /** @returns {object[]} The slides being played. */
  get deck() {
    return this.#deck;
  }

  /** @returns {number} The position in the deck of the slide on (or coming to) the screen. */
  get index() {
    return this.#index;
  }

  /** @returns {boolean} Whether an uploaded video is playing on screen. */
  get showingVideo() {
    return Boolean(this.#current && this.#current.video);
  }

  /**
   * Show the first slide and start the clock that moves the deck on.
   * @param {number} tickMs How often the clock checks the time.
   */
  start(tickMs) {
    this.show(0);
    setInterval(() => this.tick(), tickMs);
  }

  /**
   * Move to a slide (wrapping round the deck). It appears once its photo has
   * decoded; a photo that fails shows the slide's words instead.
   * @param {number} position Any integer; -1 is the last slide.
   */
  show(position) {
    if (!this.#deck.length) return;
    this.#index = ((position % this.#deck.length) + this.#deck.length) % this.#deck.length;
    const slide = this.#deck[this.#index];
    const ticket = ++this.#navigation;
    const el = renderSlide(slide);
    this.#loading = true;
    imageReady(el).then((ok) => {
      if (ticket !== this.#navigation) return;
      if (ok) this.#swapTo(slide, el);
      else this.#showFallback(slide);
    });
  }

  /** Move to the next slide. */
  next() {
    this.show(this.#index + 1);
  }

  /** Move to the previous slide. */
  previous() {
    this.show(this.#index - 1);
  }

  /** Move to the last slide. */
  last() {
    this.show(this.#deck.length - 1);
  }

  /** Pause if playing, play if paused. */
  togglePause() {
    this.setPaused(!this.#paused);
  }

  /**
   * Pause or play the deck, and the video on screen with it.
   * @param {boolean} paused
   */
  setPaused(paused) {
    this.#paused = paused;
    this.#indicators.paused(paused);
    if (this.showingVideo) {
      if (paused) this.#current.video.pause();
      else this.#current.video.play().catch(() => {});
    }
  }

  /**
   * Put a new deck in place without changing the screen; follow with show()
   * or updateCounter().
   * @param {object[]} slides The new deck (not empty).
   * @param {number} index The position in it of the slide on screen.
   */
  replaceDeck(slides, index) {
    this.#deck = slides;
    this.#index = index;
  }

  /**
   * Stop playing for good and show one last slide (a revoked display link).
   * @param {object} slide The slide to show from now on.
   */
  stopWith(slide) {
    this.#stopped = true;
    this.#deck = [slide];
    this.#index = 0;
    this.#navigation += 1;
    this.#swapTo(slide, renderSlide(slide));
  }

  /** Refit the text of the slide on screen (after the window changed size). */
  refit() {
    if (this.#current) fitText(this.#current.el);
  }

  /** Show the position of the win on screen. */
  updateCounter() {
    this.#indicators.counter(this.#deck, this.#index);
  }

  /** Start loading the next slide's pictures. */
  preloadNext() {
    if (this.#deck.length < 2) return;
    this.#images.preload(this.#deck[(this.#index + 1) % this.#deck.length]);
  }

  /** Count the time on the current slide and move on when it is up. */
  tick() {
    const now = Date.now();
    const delta = Math.min(Math.max(now - this.#lastTick, 0), MAX_TICK_MS);
    this.#lastTick = now;
    if (this.#paused || this.#loading || this.#stopped || !this.#current) return;
    this.#elapsed += delta;
    if (this.#current.video) {
      // An uploaded video advances when it ends; this only guards a stalled one.
      const seconds = this.#current.slide.video.duration || VIDEO_MAX_SECONDS;
      if (this.#elapsed >= Math.min(seconds + 15, VIDEO_MAX_SECONDS) * 1000) this.next();
      return;
    }
    const duration = (this.#current.slide.seconds || this.#seconds) * 1000;
    this.#indicators.progress(this.#elapsed / duration);
    this.#turnPhotos(duration);
    if (this.#elapsed >= duration && this.#deck.length > 1) this.next();
    else if (this.#elapsed >= duration) this.#elapsed = 0;
  }

  // A win's photos share its slide's time: each shows for an equal part of it.
  #turnPhotos(duration) {
    const count = this.#current.photos;
    if (count > 1) showPhoto(this.#current.el, Math.min(Math.floor((this.#elapsed / duration) * count), count - 1));
  }

  #showFallback(slide) {
    const fallback = fallbackOf(slide, this.#seconds);
    this.#swapTo(fallback, renderSlide(fallback));
  }

  #swapTo(slide, el) {
    const previous = this.#current;
    // Translators: the accessible name of the slide on screen, e.g. "3 of 12".
    enterSlide(this.#slidesEl, el, interpolate(gettext("%(place)s of %(count)s"), { place: this.#index + 1, count: this.#deck.length }, true));
    this.#current = {
      slide: slide,
      el: el,
      video: el.querySelector("video"),
      photos: el.querySelectorAll(".slide-frame").length,
    };
    if (previous) leaveSlide(previous.el);
    this.#elapsed = 0;
    this.#loading = false;
    this.#indicators.started();
    this.#indicators.progress(0);
    this.updateCounter();
    this.#startVideo();
    this.preloadNext();
  }

  #startVideo() {
    const video = this.#current.video;
    if (!video) return;
    const ticket = this.#navigation;
    video.addEventListener("ended", () => {
      if (ticket === this.#navigation) this.next();
    });
    video.addEventListener("error", () => this.#failVideo(), true);
    video.addEventListener("timeupdate", () => {
      if (ticket === this.#navigation && video.duration) this.#indicators.progress(video.currentTime / video.duration);
    });
    if (this.#paused) return;
    const playing = video.play();
    // Autoplay refused: show the poster for the slide's time instead.
    if (playing) {
      playing.catch(() => {
        if (ticket === this.#navigation) this.#current.video = null;
      });
    }
  }

  #failVideo() {
    if (!this.showingVideo) return;
    this.#navigation += 1;
    this.#showFallback(this.#current.slide);
  }
}
