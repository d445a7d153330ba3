// The stage: putting a built slide on screen and taking the old one off with
// a cross-fade (none with reduced motion), stopping whatever still plays in
// it; and, within a slide, moving on to its next photo.

import { fitText } from "./fit.js";

const FADE_MS = 700;
const reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)");

/**
 * Add a slide to the stage, fit its text and start its fade in.
 * @param {HTMLElement} slidesEl The [data-slides] container.
 * @param {HTMLElement} slideEl A slide built by renderSlide().
 * @param {string} label Its position for screen readers ("2 of 7").
 */
export function enterSlide(slidesEl, slideEl, label) {
  slidesEl.appendChild(slideEl);
  slideEl.setAttribute("aria-label", label);
  fitText(slideEl);
  void slideEl.offsetWidth; // start the fade from the first frame
  slideEl.classList.add("is-current");
}

/**
 * Fade a slide out and remove it; its video stops, its embed is unloaded.
 * @param {HTMLElement} slideEl The slide leaving the screen.
 */
export function leaveSlide(slideEl) {
  slideEl.classList.remove("is-current");
  slideEl.classList.add("is-leaving");
  slideEl.setAttribute("aria-hidden", "true");
  const video = slideEl.querySelector("video");
  if (video) video.pause();
  const frame = slideEl.querySelector("iframe");
  if (frame) frame.src = "about:blank";
  if (reducedMotion.matches) {
    slideEl.remove();
  } else {
    setTimeout(() => slideEl.remove(), FADE_MS);
  }
}

/**
 * Show one of a slide's photos (the others fade out); a photo that failed
 * to load is skipped, keeping the one on screen.
 * @param {HTMLElement} slideEl A slide built by renderSlide().
 * @param {number} index Which photo, from 0.
 */
export function showPhoto(slideEl, index) {
  const frames = Array.from(slideEl.querySelectorAll(".slide-frame"));
  const next = frames[index];
  const img = next && next.querySelector(".slide-photo");
  if (!img || next.classList.contains("is-shown") || (img.complete && !img.naturalWidth)) return;
  frames.forEach((frame) => frame.classList.toggle("is-shown", frame === next));
}
