// Slide building: one slide of the deck JSON becomes its <section> in one of
// eight layouts, and a slide whose picture or video failed becomes its words.
// Pure DOM building, no state; text only through textContent (see parts.js).

import { append, cheers, fitting, h, heroes, kicker, note, photos, quote, video } from "./parts.js";

// Heroes come first after the kicker, as large as the headline or larger.
function photoLayout(slide) {
  const panel = append(h("div", "slide-panel"), [
    kicker(slide),
    heroes(slide),
    h("h2", "slide-headline", slide.headline),
    slide.quote ? quote(slide, "slide-quote", true) : h("p", "slide-excerpt", slide.excerpt),
    note(slide),
    cheers(slide),
  ]);
  const images = slide.images && slide.images.length ? slide.images : [slide.image];
  return [photos(images), fitting(panel)];
}

function quoteLayout(slide) {
  const credit = append(h("div", "slide-credit"), [
    heroes(slide),
    h("h2", "slide-headline slide-headline--small", slide.headline),
    note(slide),
    cheers(slide),
    kicker(slide),
  ]);
  const panel = append(h("div", "slide-panel"), [quote(slide, "slide-bigquote", false), credit]);
  return [fitting(panel)];
}

function textLayout(slide) {
  const panel = append(h("div", "slide-panel"), [
    kicker(slide),
    heroes(slide),
    h("h2", "slide-headline slide-headline--large", slide.headline),
    h("p", "slide-excerpt slide-excerpt--large", slide.excerpt),
    note(slide),
    cheers(slide),
  ]);
  return [fitting(panel)];
}

function videoLayout(slide) {
  const media = h("div", "slide-media slide-media--video");
  media.appendChild(video(slide));
  const caption = append(h("div", "slide-caption"), [
    kicker(slide),
    heroes(slide),
    h("h2", "slide-headline", slide.headline),
    note(slide),
    cheers(slide),
  ]);
  return [media, fitting(caption)];
}

function titleStats(counts) {
  const stats = h("ul", "title-stats");
  [
    // Translators: the label under a big number on the slideshow's title slide ("12 wins").
    [counts.wins, (n) => npgettext("under a count on the title slide", "win", "wins", n)],
    [counts.heroes, (n) => npgettext("under a count on the title slide", "hero", "heroes", n)],
    [counts.teams, (n) => npgettext("under a count on the title slide", "team", "teams", n)],
  ].forEach(([count, label]) => {
    const item = h("li", "title-stat");
    item.appendChild(h("span", "title-number", new Intl.NumberFormat(document.documentElement.lang || undefined).format(count || 0)));
    item.appendChild(h("span", "title-label", label(count || 0)));
    stats.appendChild(item);
  });
  return stats;
}

function titleLayout(slide) {
  return [
    append(h("div", "slide-panel"), [
      h("p", "slide-kicker slide-kicker--center", [slide.month].concat(slide.filters || []).join(" · ")),
      h("h2", "slide-title", slide.headline),
      titleStats(slide.counts || {}),
      h("p", "slide-lead", slide.lead),
    ]),
  ];
}

function endLayout(slide) {
  const celebrated = interpolate(ngettext("%(count)s win celebrated", "%(count)s wins celebrated", slide.featured), { count: slide.featured }, true);
  return [
    append(h("div", "slide-panel"), [
      h("h2", "slide-title", slide.headline),
      h("p", "slide-lead", slide.text),
      h("p", "slide-kicker slide-kicker--center", celebrated),
    ]),
  ];
}

// An award announced this week, before the wins: the award, the win, its heroes, the citation.
function awardLayout(slide) {
  return [
    fitting(
      append(h("div", "slide-panel"), [
        // Translators: above an award slide; %(award)s is the award's name.
        h("p", "slide-kicker slide-kicker--center slide-award", interpolate(gettext("Award · %(award)s"), { award: slide.award }, true)),
        h("h2", "slide-title", slide.headline),
        slide.heroes_text ? h("p", "slide-heroes slide-heroes--center", slide.heroes_text) : null,
        h("p", "slide-lead slide-citation", "“" + slide.citation + "”"),
      ]),
    ),
  ];
}

function emptyLayout(slide) {
  return [append(h("div", "slide-panel"), [h("h2", "slide-title", slide.headline), h("p", "slide-lead", slide.text)])];
}

const LAYOUTS = {
  photo: photoLayout,
  quote: quoteLayout,
  text: textLayout,
  video: videoLayout,
  title: titleLayout,
  end: endLayout,
  empty: emptyLayout,
  award: awardLayout,
};
const MESSAGE_LAYOUTS = ["title", "end", "empty", "award"];

function layoutOf(slide) {
  if (slide.layout === "photo" && !slide.image) return "text";
  if (slide.layout === "video" && !slide.video) return "text";
  return LAYOUTS[slide.layout] ? slide.layout : "text";
}

/**
 * Build the DOM of one slide, not yet in the page.
 * @param {object} slide One entry of the deck's `slides` (as slides.json sends it).
 * @returns {HTMLElement} A `section.slide` labelled as a slide, `data-id` set to the slide's id.
 */
export function renderSlide(slide) {
  const layout = layoutOf(slide);
  const message = MESSAGE_LAYOUTS.includes(layout) ? " slide--message" : "";
  const el = h("section", "slide slide--" + layout + message);
  el.setAttribute("role", "group");
  el.setAttribute("aria-roledescription", pgettext("one page of the slideshow", "slide"));
  el.dataset.id = slide.id;
  return append(el, LAYOUTS[layout](slide));
}

/**
 * The slide to show instead when a slide's picture or video failed: its
 * words, never a broken frame (a video slide keeps its poster photo if it has one).
 * @param {object} slide The slide that failed.
 * @param {number} defaultSeconds Seconds to show it for when the slide names none.
 * @returns {object} A new slide; the given one is left unchanged.
 */
export function fallbackOf(slide, defaultSeconds) {
  const copy = Object.assign({}, slide, { video: null, seconds: slide.seconds || defaultSeconds });
  if (slide.layout === "video" && slide.image) {
    copy.layout = "photo";
  } else {
    copy.image = null;
    copy.layout = slide.quote ? "quote" : "text";
  }
  return copy;
}
