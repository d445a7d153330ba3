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
