"""Dates as people write them in their language: `{% load date_tags %}`,
then `{{ day|day_text }}` ("3 November 2026", "3. November 2026",
"3 novembre 2026"), through the translated date formats of
`stories.lib.periods.day_text`."""

from django import template

from ..lib.periods import day_text as _day_text

register = template.Library()


@register.filter
def day_text(value):
    """A date or datetime (in the site's time zone) as a day; "" for none."""
    if not value:
        return ""
    if hasattr(value, "astimezone"):
        from django.utils import timezone

        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return _day_text(value)
