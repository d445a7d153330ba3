"""Search results in templates: `{% load search_tags %}`, then
`{% highlight story.headline %}` or `{% search_excerpt story.body %}` — the
text escaped, the words of the page's `search_query` (a
`stories.lib.search.Query`, when the page shows search results) in <mark>.
Without one, they are the plain escaped text (the excerpt: its first 40
words, as `truncatewords:40`)."""

from django import template

from ..lib import search

register = template.Library()


def _query(context):
    return context.get("search_query") or None


@register.simple_tag(takes_context=True)
def highlight(context, text):
    return search.highlight(text, _query(context))


@register.simple_tag(takes_context=True)
def search_excerpt(context, text):
    query = _query(context)
    return search.highlight(search.excerpt(text, query), query)
