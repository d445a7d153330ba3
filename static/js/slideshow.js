// The all-hands slideshow: plays the featured wins full screen, hands-free,
// and stays live by polling slides.json with If-None-Match (an unchanged deck
// costs a 304). Settings come from data-* attributes on [data-slideshow]; the
// first deck from the JSON block #slideshow-deck. Slide text is only ever set
// with textContent.
(function () {
  "use strict";

  const root = document.querySelector("[data-slideshow]");
  if (!root) return;

  const TICK_MS = 200;
  const IDLE_MS = 3000;
  const IMAGE_WAIT_MS = 4000;
  const FADE_MS = 700;
  const SWIPE_PX = 50;
  const VIDEO_MAX_SECONDS = 600;
  const PHOTO_SIZES = "(max-aspect-ratio: 1/1) 100vw, 60vw";
  const reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)");

  function number(value, fallback) {
    const parsed = parseInt(value, 10);
    return Number.isFinite(parsed) && parsed > 0 ? parsed : fallback;
  }

  const settings = {
    slidesUrl: root.dataset.slidesUrl,
    seconds: number(root.dataset.seconds, 12),
    pollMs: number(root.dataset.pollSeconds, 30) * 1000,
  };

  const slidesEl = root.querySelector("[data-slides]");
  const progressEl = root.querySelector("[data-progress]");
  const counterEl = root.querySelector("[data-counter]");
  const pausedEl = root.querySelector("[data-paused-badge]");
  const offlineEl = root.querySelector("[data-connection]");
  const toastEl = root.querySelector("[data-status]");
  const pauseButton = root.querySelector('[data-action="pause"]');
  const fullscreenButton = root.querySelector('[data-action="fullscreen"]');
  const optionsEl = root.querySelector("[data-options]");
  const markForm = root.querySelector("[data-mark-shown]");

  const dataEl = document.getElementById("slideshow-deck");
  let deck = dataEl ? JSON.parse(dataEl.textContent).slides || [] : [];
  let etag = root.dataset.etag || "";
  let index = 0;
  let current = null; // {slide, el, video}
  let elapsed = 0;
  let lastTick = Date.now();
  let paused = false;
  let loading = false;
  let stopped = false;
  let navigation = 0; // bumped on every move; late async work compares it
  let pollTimer = null;
  let idleTimer = null;
  let toastTimer = null;
  const preloaded = new Map();

  function noop() {}

  // --- building slides (textContent only) -----------------------------------

  function h(tag, className, text) {
    const el = document.createElement(tag);
    if (className) el.className = className;
    if (text !== undefined && text !== null && text !== "") el.textContent = text;
    return el;
  }

  function plural(count, one, many) {
    return count === 1 ? one : many;
  }

  function kicker(slide) {
    const p = h("p", "slide-kicker");
    p.appendChild(h("span", "slide-kind kind-" + slide.kind, slide.kind_label));
    if (slide.team) p.appendChild(h("span", "slide-team", slide.team));
    return p;
  }

  function heroes(slide) {
    if (!slide.heroes || !slide.heroes.length) return null;
    const p = h("p", "slide-heroes");
    p.appendChild(h("span", "slide-label", plural(slide.heroes.length, "Hero", "Heroes")));
    p.appendChild(document.createTextNode(slide.heroes_text));
    return p;
  }

  function note(slide) {
    if (!slide.note) return null;
    const p = h("p", "slide-note");
    p.appendChild(h("span", "slide-label", "Why we love this"));
    p.appendChild(document.createTextNode(slide.note));
    return p;
  }

  function quote(slide, className, marks) {
    const figure = h("figure", className + " quote--" + (slide.quote_size || "medium"));
    const blockquote = h("blockquote");
    blockquote.appendChild(h("p", "", marks ? "“" + slide.quote + "”" : slide.quote));
    figure.appendChild(blockquote);
    if (slide.quote_by) figure.appendChild(h("figcaption", "", "— " + slide.quote_by));
    return figure;
  }

  function append(parent, children) {
    children.forEach(function (child) {
      if (child) parent.appendChild(child);
    });
    return parent;
  }

  function photo(image) {
    const media = h("div", "slide-media");
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
    img.dataset.main = "";
    return append(media, [backdrop, img]);
  }

  const layouts = {
    photo: function (slide) {
      const panel = append(h("div", "slide-panel"), [
        kicker(slide),
        h("h2", "slide-headline", slide.headline),
        slide.quote ? quote(slide, "slide-quote", true) : h("p", "slide-excerpt", slide.excerpt),
        heroes(slide),
        note(slide),
      ]);
      panel.dataset.fit = "";
      return [photo(slide.image), panel];
    },
    quote: function (slide) {
      const credit = append(h("div", "slide-credit"), [
        h("h2", "slide-headline slide-headline--small", slide.headline),
        heroes(slide),
        note(slide),
        kicker(slide),
      ]);
      const panel = append(h("div", "slide-panel"), [quote(slide, "slide-bigquote", false), credit]);
      panel.dataset.fit = "";
      return [panel];
    },
    text: function (slide) {
      const panel = append(h("div", "slide-panel"), [
        kicker(slide),
        h("h2", "slide-headline slide-headline--large", slide.headline),
        h("p", "slide-excerpt slide-excerpt--large", slide.excerpt),
        heroes(slide),
        note(slide),
      ]);
      panel.dataset.fit = "";
      return [panel];
    },
    video: function (slide) {
      const media = h("div", "slide-media slide-media--video");
      if (slide.video.kind === "file") {
        const video = h("video", "slide-video");
        video.muted = true;
        video.defaultMuted = true;
        video.setAttribute("muted", "");
        video.playsInline = true;
        video.preload = "auto";
        if (slide.video.poster) video.poster = slide.video.poster;
        video.setAttribute("aria-label", "Video: " + slide.headline);
        const source = h("source");
        source.src = slide.video.src;
        source.type = slide.video.type;
        video.appendChild(source);
        media.appendChild(video);
      } else {
        const frame = h("iframe", "slide-embed");
        frame.title = slide.video.provider + " video: " + slide.headline;
        frame.allow = "autoplay; fullscreen; picture-in-picture; encrypted-media";
        frame.referrerPolicy = "strict-origin"; // the host sees our origin, never a display link's token
        frame.src = slide.video.src;
        media.appendChild(frame);
      }
      const caption = append(h("div", "slide-caption"), [
        kicker(slide),
        h("h2", "slide-headline", slide.headline),
        heroes(slide),
        note(slide),
      ]);
      caption.dataset.fit = "";
      return [media, caption];
    },
    title: function (slide) {
      const stats = h("ul", "title-stats");
      const counts = slide.counts || {};
      [
        [counts.wins, "win", "wins"],
        [counts.heroes, "hero", "heroes"],
        [counts.teams, "team", "teams"],
      ].forEach(function (stat) {
        const item = h("li", "title-stat");
        item.appendChild(h("span", "title-number", String(stat[0] || 0)));
        item.appendChild(h("span", "title-label", plural(stat[0], stat[1], stat[2])));
        stats.appendChild(item);
      });
      const sub = [slide.featured + " featured " + plural(slide.featured, "win", "wins") + " today"];
      return [
        append(h("div", "slide-panel"), [
          h("p", "slide-kicker slide-kicker--center", [slide.month].concat(slide.filters || []).join(" · ")),
          h("h2", "slide-title", slide.headline),
          stats,
          h("p", "slide-lead", sub.join("")),
        ]),
      ];
    },
    end: function (slide) {
      return [
        append(h("div", "slide-panel"), [
          h("h2", "slide-title", slide.headline),
          h("p", "slide-lead", slide.text),
          h("p", "slide-kicker slide-kicker--center", slide.featured + " " + plural(slide.featured, "win", "wins") + " celebrated"),
        ]),
      ];
    },
    empty: function (slide) {
      return [append(h("div", "slide-panel"), [h("h2", "slide-title", slide.headline), h("p", "slide-lead", slide.text)])];
    },
  };

  function layoutOf(slide) {
    if (slide.layout === "photo" && !slide.image) return "text";
    if (slide.layout === "video" && !slide.video) return "text";
    return layouts[slide.layout] ? slide.layout : "text";
  }

  function render(slide) {
    const layout = layoutOf(slide);
    const el = h("section", "slide slide--" + layout + (layout === "title" || layout === "end" || layout === "empty" ? " slide--message" : ""));
    el.setAttribute("role", "group");
    el.setAttribute("aria-roledescription", "slide");
    el.dataset.id = slide.id;
    return append(el, layouts[layout](slide));
  }

  // A slide whose picture or video failed: its words, never a broken frame.
  function fallbackOf(slide) {
    const copy = Object.assign({}, slide, { video: null, seconds: slide.seconds || settings.seconds });
    if (slide.layout === "video" && slide.image) {
      copy.layout = "photo";
    } else {
      copy.image = null;
      copy.layout = slide.quote ? "quote" : "text";
    }
    return copy;
  }

  // Shrink text a step at a time until the box holds it and the headline and
  // quote show whole (CSS clamps lines as the last resort).
  function overflowing(box) {
    if (box.scrollHeight > box.clientHeight + 4) return true;
    // A clamped line hides a whole line; sub-pixel rounding hides a few pixels.
    return Array.prototype.some.call(box.querySelectorAll(".slide-headline, .slide-bigquote p"), function (el) {
      return el.scrollHeight > el.clientHeight * 1.1 + 4;
    });
  }

  function fit(el) {
    el.querySelectorAll("[data-fit]").forEach(function (box) {
      box.classList.remove("fit-1", "fit-2", "fit-3", "fit-4");
      for (let level = 1; level <= 4 && overflowing(box); level += 1) {
        if (level > 1) box.classList.remove("fit-" + (level - 1));
        box.classList.add("fit-" + level);
      }
    });
  }

  // --- images: preload the next, never show a half-loaded one ---------------

  function loadImage(image) {
    let img = preloaded.get(image.src);
    if (!img) {
      img = new Image();
      if (image.srcset) {
        img.sizes = PHOTO_SIZES;
        img.srcset = image.srcset;
      }
      img.src = image.src;
      preloaded.set(image.src, img);
      if (preloaded.size > 8) preloaded.delete(preloaded.keys().next().value);
    }
    return img.decode().then(
      function () {
        return true;
      },
      function () {
        preloaded.delete(image.src);
        return false;
      }
    );
  }

  function imageReady(el) {
    const img = el.querySelector("img[data-main]");
    if (!img) return Promise.resolve(true);
    const decoded = img.decode().then(
      function () {
        return true;
      },
      function () {
        return false;
      }
    );
    const timeout = new Promise(function (resolve) {
      setTimeout(function () {
        resolve(img.complete && img.naturalWidth > 0);
      }, IMAGE_WAIT_MS);
    });
    return Promise.race([decoded, timeout]);
  }

  function preloadNext() {
    if (deck.length < 2) return;
    const slide = deck[(index + 1) % deck.length];
    if (slide.layout === "photo" && slide.image) {
      loadImage(slide.image).then(noop);
      if (slide.image.backdrop) loadImage({ src: slide.image.backdrop }).then(noop);
    } else if (slide.layout === "video" && slide.video && slide.video.poster) {
      loadImage({ src: slide.video.poster }).then(noop);
    }
  }

  // --- moving between slides -------------------------------------------------

  function show(position) {
    if (!deck.length) return;
    index = ((position % deck.length) + deck.length) % deck.length;
    const slide = deck[index];
    const ticket = ++navigation;
    const el = render(slide);
    loading = true;
    imageReady(el).then(function (ok) {
      if (ticket !== navigation) return;
      if (ok) {
        swapTo(slide, el);
      } else {
        const fallback = fallbackOf(slide);
        swapTo(fallback, render(fallback));
      }
    });
  }

  function swapTo(slide, el) {
    const previous = current;
    slidesEl.appendChild(el);
    el.setAttribute("aria-label", (index + 1) + " of " + deck.length);
    fit(el);
    void el.offsetWidth; // start the fade from the first frame
    el.classList.add("is-current");
    current = { slide: slide, el: el, video: el.querySelector("video") };
    if (previous) leave(previous.el);
    elapsed = 0;
    loading = false;
    root.classList.remove("is-starting");
    setProgress(0);
    updateCounter();
    startVideo();
    preloadNext();
  }

  function leave(el) {
    el.classList.remove("is-current");
    el.classList.add("is-leaving");
    el.setAttribute("aria-hidden", "true");
    const video = el.querySelector("video");
    if (video) video.pause();
    const frame = el.querySelector("iframe");
    if (frame) frame.src = "about:blank";
    if (reducedMotion.matches) {
      el.remove();
    } else {
      setTimeout(function () {
        el.remove();
      }, FADE_MS);
    }
  }

  function next() {
    show(index + 1);
  }

  function previous() {
    show(index - 1);
  }

  function startVideo() {
    const video = current.video;
    if (!video) return;
    const ticket = navigation;
    video.addEventListener("ended", function () {
      if (ticket === navigation) next();
    });
    video.addEventListener("error", failVideo, true);
    video.addEventListener("timeupdate", function () {
      if (ticket === navigation && video.duration) setProgress(video.currentTime / video.duration);
    });
    if (!paused) {
      const playing = video.play();
      // Autoplay refused: show the poster for the slide's time instead.
      if (playing) playing.catch(function () {
        if (ticket === navigation) current.video = null;
      });
    }
  }

  function failVideo() {
    if (!current || !current.video) return;
    const fallback = fallbackOf(current.slide);
    navigation += 1;
    swapTo(fallback, render(fallback));
  }

  function tick() {
    const now = Date.now();
    const delta = Math.min(Math.max(now - lastTick, 0), 1000); // a sleeping laptop must not skip slides
    lastTick = now;
    if (paused || loading || stopped || !current) return;
    elapsed += delta;
    if (current.video) {
      // An uploaded video advances when it ends; this only guards a stalled one.
      const limit = Math.min((current.slide.video.duration || VIDEO_MAX_SECONDS) + 15, VIDEO_MAX_SECONDS) * 1000;
      if (elapsed >= limit) next();
      return;
    }
    const duration = (current.slide.seconds || settings.seconds) * 1000;
    setProgress(elapsed / duration);
    if (elapsed >= duration && deck.length > 1) next();
    else if (elapsed >= duration) elapsed = 0;
  }

  function setProgress(fraction) {
    progressEl.style.transform = "scaleX(" + Math.min(Math.max(fraction, 0), 1) + ")";
  }

  function updateCounter() {
    const wins = deck.filter(function (slide) {
      return slide.win;
    });
    const slide = deck[index];
    const position = slide && slide.win ? wins.indexOf(slide) + 1 : 0;
    counterEl.textContent = position ? position + " / " + wins.length : "";
  }

  function setPaused(value) {
    paused = value;
    root.classList.toggle("is-paused", paused);
    pausedEl.hidden = !paused;
    pauseButton.textContent = paused ? "Resume" : "Pause";
    slidesEl.setAttribute("aria-live", paused ? "polite" : "off");
    if (current && current.video) {
      if (paused) current.video.pause();
      else current.video.play().catch(noop);
    }
  }

  // --- live updates ------------------------------------------------------------

  function applyDeck(slides) {
    if (!Array.isArray(slides) || !slides.length) return;
    const before = deck[index];
    deck = slides;
    const found = before ? deck.findIndex(function (slide) { return slide.id === before.id; }) : -1;
    if (found === -1) {
      show(Math.min(index, deck.length - 1)); // the win on screen was unfeatured or hidden: move on now
    } else {
      index = found;
      const changed = JSON.stringify(deck[found]) !== JSON.stringify(before);
      if (changed && !(current && current.video)) show(found);
      else updateCounter();
    }
    preloadNext();
  }

  function setOnline(online) {
    offlineEl.hidden = online;
  }

  function turnedOff() {
    stopped = true;
    clearTimeout(pollTimer);
    deck = [{
      id: "off",
      layout: "empty",
      headline: "This display link is turned off",
      text: "A manager revoked it. Ask them for a new display link.",
    }];
    index = 0;
    navigation += 1;
    swapTo(deck[0], render(deck[0]));
  }

  function poll() {
    const headers = { Accept: "application/json" };
    if (etag) headers["If-None-Match"] = etag;
    fetch(settings.slidesUrl, { headers: headers, cache: "no-store", credentials: "same-origin", redirect: "manual" })
      .then(function (response) {
        if (response.status === 304) return setOnline(true);
        if (response.status === 404 || response.status === 410) return turnedOff();
        if (!response.ok) throw new Error("slides.json answered " + response.status);
        const newEtag = response.headers.get("ETag") || "";
        return response.json().then(function (data) {
          etag = newEtag;
          setOnline(true);
          applyDeck(data.slides);
        });
      })
      .catch(function () {
        setOnline(false); // keep cycling what we have; try again next time
      })
      .then(function () {
        if (!stopped) schedulePoll(settings.pollMs);
      });
  }

  function schedulePoll(ms) {
    clearTimeout(pollTimer);
    pollTimer = setTimeout(poll, ms);
  }

  // --- controls ------------------------------------------------------------------

  function toggleFullscreen() {
    if (document.fullscreenElement) {
      document.exitFullscreen().catch(noop);
    } else if (document.documentElement.requestFullscreen) {
      document.documentElement.requestFullscreen().catch(noop);
    }
  }

  function wake() {
    root.classList.remove("is-idle");
    clearTimeout(idleTimer);
    idleTimer = setTimeout(function () {
      root.classList.add("is-idle");
    }, IDLE_MS);
  }

  function say(message) {
    toastEl.textContent = message;
    toastEl.classList.add("is-visible");
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () {
      toastEl.classList.remove("is-visible");
    }, 6000);
  }

  const actions = {
    prev: previous,
    next: next,
    pause: function () {
      setPaused(!paused);
    },
    fullscreen: toggleFullscreen,
  };

  root.querySelectorAll("[data-action]").forEach(function (button) {
    button.addEventListener("click", function (event) {
      actions[button.dataset.action]();
      // After a mouse click, give the keys back to the deck (a clicker's Space).
      if (event.detail > 0) button.blur();
    });
  });

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target;
    if (target.closest && target.closest("input, select, textarea, details[open]")) return;
    switch (event.key) {
      case " ":
        if (target.closest && target.closest("button, a, summary")) return; // a focused control does its own thing
        next();
        break;
      case "ArrowRight":
      case "PageDown":
        next();
        break;
      case "ArrowLeft":
      case "PageUp":
        previous();
        break;
      case "Home":
        show(0);
        break;
      case "End":
        show(deck.length - 1);
        break;
      case "p":
      case "P":
      case "k":
      case "K":
        setPaused(!paused);
        break;
      case "f":
      case "F":
        toggleFullscreen();
        break;
      case "Escape":
        if (!document.fullscreenElement) return;
        document.exitFullscreen().catch(noop);
        break;
      default:
        return;
    }
    event.preventDefault();
  });

  document.addEventListener("fullscreenchange", function () {
    fullscreenButton.textContent = document.fullscreenElement ? "Leave full screen" : "Full screen";
  });

  document.addEventListener("pointermove", wake);
  document.addEventListener("pointerdown", wake);

  let touchStart = null;
  slidesEl.parentNode.addEventListener("touchstart", function (event) {
    touchStart = event.touches.length === 1 ? { x: event.touches[0].clientX, y: event.touches[0].clientY } : null;
  }, { passive: true });
  slidesEl.parentNode.addEventListener("touchend", function (event) {
    if (!touchStart) return;
    const touch = event.changedTouches[0];
    const dx = touch.clientX - touchStart.x;
    const dy = touch.clientY - touchStart.y;
    touchStart = null;
    if (Math.abs(dx) > SWIPE_PX && Math.abs(dx) > Math.abs(dy) * 1.5) {
      if (dx < 0) next();
      else previous();
    }
  }, { passive: true });

  if (optionsEl) {
    optionsEl.addEventListener("toggle", function () {
      root.classList.toggle("has-options-open", optionsEl.open);
    });
  }

  if (markForm) {
    markForm.addEventListener("submit", function (event) {
      event.preventDefault();
      fetch(markForm.action, {
        method: "POST",
        body: new FormData(markForm),
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      })
        .then(function (response) {
          return response.json().then(function (data) {
            say(response.ok ? data.message : data.error || "Could not mark the deck as shown.");
            if (response.ok) schedulePoll(0);
          });
        })
        .catch(function () {
          say("Could not reach Winsboard. Try again in a moment.");
        });
    });
  }

  // Keep a laptop or TV stick from dimming the screen mid-meeting.
  function keepAwake() {
    if (!navigator.wakeLock || document.visibilityState !== "visible") return;
    navigator.wakeLock.request("screen").catch(noop);
  }
  document.addEventListener("visibilitychange", keepAwake);
  keepAwake();

  window.addEventListener("resize", function () {
    if (current) fit(current.el);
  });

  if (toastEl.textContent.trim()) say(toastEl.textContent.trim());
  wake();
  show(0);
  setInterval(tick, TICK_MS);
  schedulePoll(settings.pollMs);
})();
