// The pieces slides are made of: elements holding text, the kicker, heroes,
// manager's note and quote lines, the photos and the two kinds of video.
// Pure DOM building: text from people only ever goes in through textContent.

/** The `sizes` a slide photo is shown at; the image preloader asks for the same. */
export const PHOTO_SIZES = "(max-aspect-ratio: 1/1) 100vw, 60vw";

/**
 * A new element.
 * @param {string} tag
 * @param {string} [className]
 * @param {string|number} [text] Set as textContent (never parsed as HTML).
 * @returns {HTMLElement}
 */
export function h(tag, className, text) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (text !== undefined && text !== null && text !== "") el.textContent = text;
  return el;
}

/**
 * Append the children that are not null.
 * @param {HTMLElement} parent
 * @param {Array<HTMLElement|null>} children
 * @returns {HTMLElement} The parent.
 */
export function append(parent, children) {
  children.forEach((child) => {
    if (child) parent.appendChild(child);
  });
  return parent;
}

/** @returns {string} `one` when count is 1, else `many`. */

/**
 * Mark a box whose text fitText() may shrink until it fits.
 * @param {HTMLElement} el
 * @returns {HTMLElement} The same box.
 */
export function fitting(el) {
  el.dataset.fit = "";
  return el;
}

/** @returns {HTMLElement} The win's kind and team line. */
export function kicker(slide) {
  const p = h("p", "slide-kicker");
  p.appendChild(h("span", "slide-kind kind-" + slide.kind, slide.kind_label));
  if (slide.team) p.appendChild(h("span", "slide-team", slide.team));
  return p;
}

/** @returns {HTMLElement|null} The "Heroes" line, or null for a win without heroes. */
export function heroes(slide) {
  if (!slide.heroes || !slide.heroes.length) return null;
  const p = h("p", "slide-heroes");
  p.appendChild(h("span", "slide-label", ngettext("Hero", "Heroes", slide.heroes.length)));
  p.appendChild(document.createTextNode(slide.heroes_text));
  return p;
}

/** @returns {HTMLElement|null} The manager's "Why we love this" note, or null. */
export function note(slide) {
  if (!slide.note) return null;
  const p = h("p", "slide-note");
  // Translators: the label before a manager's note on a win, on the slideshow.
  p.appendChild(h("span", "slide-label", gettext("Why we love this")));
  p.appendChild(document.createTextNode(slide.note));
  return p;
}

/**
 * Who cheered the win, from the slide's `cheers` ({count, text}): "Ana, Luis and
 * 12 others", styled like the note; null before anyone has.
 * @returns {HTMLElement|null}
 */
export function cheers(slide) {
  if (!slide.cheers || !slide.cheers.count || !slide.cheers.text) return null;
  const p = h("p", "slide-note slide-cheers");
  // Translators: the label before the names of the people who cheered a win, e.g. "Ana, Luis and 12 others".
  p.appendChild(h("span", "slide-label", gettext("Cheered by")));
  p.appendChild(document.createTextNode(slide.cheers.text));
  return p;
}

/**
 * The customer's quote and who said it.
 * @param {object} slide
 * @param {string} className The figure's class (its size class is added).
 * @param {boolean} marks Whether to wrap the quote in quotation marks.
 * @returns {HTMLElement}
 */
export function quote(slide, className, marks) {
  const figure = h("figure", className + " quote--" + (slide.quote_size || "medium"));
  const blockquote = h("blockquote");
  blockquote.appendChild(h("p", "", marks ? "“" + slide.quote + "”" : slide.quote));
  figure.appendChild(blockquote);
  if (slide.quote_by) figure.appendChild(h("figcaption", "", "— " + slide.quote_by));
  return figure;
}

function frame(image, first) {
  const el = h("div", "slide-frame" + (first ? " is-shown" : ""));
  const backdrop = h("img", "slide-backdrop");
  backdrop.alt = "";
  backdrop.src = image.backdrop || image.src;
  const img = h("img", "slide-photo");
  img.alt = image.alt || "";
  if (image.width && image.height) {
    img.width = image.width;
    img.height = image.height;
  }
  if (image.srcset) {
    img.sizes = PHOTO_SIZES;
    img.srcset = image.srcset;
  }
  img.src = image.src;
  if (first) img.dataset.main = "";
  return append(el, [backdrop, img]);
}

/**
 * A win's photos, each over a blurred backdrop of itself, shown one at a
 * time (see showPhoto() in stage.js). The first is the slide's main image
 * (img[data-main]), the one the player waits for.
 * @param {object[]} images The slide's `images` (src, srcset, backdrop, alt, width, height).
 * @returns {HTMLElement}
 */
export function photos(images) {
  const media = h("div", "slide-media");
  media.dataset.photos = String(images.length);
  return append(media, images.map((image, index) => frame(image, index === 0)));
}

function uploadedVideo(slide) {
  const video = h("video", "slide-video");
  video.muted = true;
  video.defaultMuted = true;
  video.setAttribute("muted", "");
  video.playsInline = true;
  video.preload = "auto";
  if (slide.video.poster) video.poster = slide.video.poster;
  // Translators: %(headline)s is the win's headline.
  video.setAttribute("aria-label", interpolate(gettext("Video: %(headline)s"), { headline: slide.headline }, true));
  const source = h("source");
  source.src = slide.video.src;
  source.type = slide.video.type;
  video.appendChild(source);
  return video;
}

function hostedVideo(slide) {
  const frame = h("iframe", "slide-embed");
  // Translators: %(provider)s is the video site (YouTube, Vimeo); %(headline)s the win's headline.
  frame.title = interpolate(gettext("%(provider)s video: %(headline)s"), { provider: slide.video.provider, headline: slide.headline }, true);
  frame.allow = "autoplay; fullscreen; picture-in-picture; encrypted-media";
  frame.referrerPolicy = "strict-origin"; // the host sees our origin, never a display link's token
  frame.src = slide.video.src;
  return frame;
}

/**
 * The slide's video: a muted <video> for an upload, an <iframe> for a hosted one.
 * @param {object} slide A slide with a `video`.
 * @returns {HTMLElement}
 */
export function video(slide) {
  return slide.video.kind === "file" ? uploadedVideo(slide) : hostedVideo(slide);
}
