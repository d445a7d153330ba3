"""Template helpers for photos and videos: `{% load media_tags %}`."""

from django import template

from ..lib.video_links import embed_url as build_embed_url

register = template.Library()


@register.filter
def embed_url(video):
    """The player address we build for a hosted video ("" if unusable)."""
    return build_embed_url(video) if video else ""


@register.simple_tag
def srcset(small, small_width, large, large_width):
    """`srcset` for two renditions ("" when the large one is no bigger)."""
    if not small or not large or large_width <= small_width:
        return ""
    return f"{small.url} {small_width}w, {large.url} {large_width}w"


@register.inclusion_tag("stories/includes/_rendition.html")
def rendition(item, *, sizes, css, src_large=False, eager=False, decorative=False):
    """A photo's, or a video's poster's, responsive <img> — its two
    renditions as srcset, lazy unless `eager`: the one markup of cards, the
    review queue and the win's page. A poster is decorative (alt=""), and so
    is a photo beside words that already say what it is (`decorative`)."""
    if hasattr(item, "poster_card"):  # a video: its poster
        small, large, alt = (
            (item.poster_card, item.poster_card_width, item.poster_card_height),
            (
                item.poster,
                item.poster_width,
                item.poster_height,
            ),
            "",
        )
    else:
        small, large = (item.card, item.card_width, item.card_height), (item.large, item.large_width, item.large_height)
        alt = "" if decorative else item.alt_text
    shown = large if src_large else small
    return {
        "src": shown[0],
        "width": shown[1],
        "height": shown[2],
        "srcset": srcset(small[0], small[1], large[0], large[1]),
        "sizes": sizes,
        "alt": alt,
        "css": css,
        "eager": eager,
    }
