// Text fitting: shrinks the text of a slide's [data-fit] boxes a step at a
// time (the fit-1 … fit-4 classes of slideshow.css) until each box holds it
// and the headline and quote show whole; CSS clamps lines as the last resort.

const FIT_LEVELS = 4;

function overflowing(box) {
  if (box.scrollHeight > box.clientHeight + 4) return true;
  // A clamped line hides a whole line; sub-pixel rounding hides a few pixels.
  return Array.from(box.querySelectorAll(".slide-headline, .slide-bigquote p")).some(
    (el) => el.scrollHeight > el.clientHeight * 1.1 + 4
  );
}

/**
 * Shrink the text of every [data-fit] box in a slide until it fits. The slide
 * must be in the page (it measures the boxes); safe to call again on resize.
 * @param {HTMLElement} slideEl A slide built by renderSlide().
 */
export function fitText(slideEl) {
  slideEl.querySelectorAll("[data-fit]").forEach((box) => {
    box.classList.remove("fit-1", "fit-2", "fit-3", "fit-4");
    for (let level = 1; level <= FIT_LEVELS && overflowing(box); level += 1) {
      if (level > 1) box.classList.remove("fit-" + (level - 1));
      box.classList.add("fit-" + level);
    }
  });
}
