"""The cost of a win in templates: `{% load budget_tags %}`.

Who sees the amount is decided by `Story.cost_visible_to` (its author, its
heroes and managers); templates ask through `shows_cost_to` and never
compare people themselves."""

from django import template
from django.conf import settings

from ..lib.money import money_text

register = template.Library()


@register.filter
def money(amount):
    """A cost as the locale writes it, with the currency: "2,500.00 USD"."""
    if amount is None:
        return ""
    return money_text(amount, settings.WINSBOARD_CURRENCY)


@register.filter
def shows_cost_to(story, user):
    """Whether `user` may see what `story` cost."""
    return story.cost is not None and story.cost_visible_to(user)
