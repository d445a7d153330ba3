// Pictures: preload the next slide's photos, backdrops or poster, and wait
// for a slide's main photo to decode so a half-loaded one is never shown.

import { PHOTO_SIZES } from "./parts.js";

const IMAGE_WAIT_MS = 4000;
const CACHE_SIZE = 12; // a slide's three photos and their backdrops, and the next one's

function succeeded() {
  return true;
}

function failed() {
  return false;
}

/** Decoded images kept by address, the oldest dropped past a few. */
export class ImageCache {
  #images = new Map();

  /**
   * Load and decode an image (once per address while it stays cached).
   * @param {{src: string, srcset?: string}} image
   * @returns {Promise<boolean>} Whether it decoded.
   */
  load(image) {
    let img = this.#images.get(image.src);
    if (!img) {
      img = new Image();
      if (image.srcset) {
        img.sizes = PHOTO_SIZES;
        img.srcset = image.srcset;
      }
      img.src = image.src;
      this.#images.set(image.src, img);
      if (this.#images.size > CACHE_SIZE) this.#images.delete(this.#images.keys().next().value);
    }
    return img.decode().then(succeeded, () => {
      this.#images.delete(image.src);
      return false;
    });
  }

  /**
   * Start loading the pictures a slide will show, without waiting for them.
   * @param {object} slide A slide of the deck.
   */
  preload(slide) {
    const ignore = () => {};
    if (slide.layout === "photo" && slide.image) {
      (slide.images && slide.images.length ? slide.images : [slide.image]).forEach((image) => {
        this.load(image).then(ignore);
        if (image.backdrop) this.load({ src: image.backdrop }).then(ignore);
      });
    } else if (slide.layout === "video" && slide.video && slide.video.poster) {
      this.load({ src: slide.video.poster }).then(ignore);
    }
  }
}

/**
 * Wait until a built slide's main photo has decoded (at most a few seconds).
 * @param {HTMLElement} slideEl A slide built by renderSlide().
 * @returns {Promise<boolean>} true when there is no photo or it is ready;
 *   false when it failed (show the slide's fallback instead).
 */
export function imageReady(slideEl) {
  const img = slideEl.querySelector("img[data-main]");
  if (!img) return Promise.resolve(true);
  const decoded = img.decode().then(succeeded, failed);
  const timeout = new Promise((resolve) => {
    setTimeout(() => resolve(img.complete && img.naturalWidth > 0), IMAGE_WAIT_MS);
  });
  return Promise.race([decoded, timeout]);
}
