"""The page's language in templates: `{% load language_tags %}`."""

from django import template
from django.conf import settings
from django.utils import translation

register = template.Library()


@register.simple_tag
def js_catalog():
    """The static path of the active language's JavaScript catalogue
    (static/i18n/<code>.js, written by manage.py js_catalogs); the default
    language's when the active one is not among settings.LANGUAGES."""
    try:
        code = translation.get_supported_language_variant(translation.get_language() or settings.LANGUAGE_CODE)
    except LookupError:
        code = settings.LANGUAGE_CODE
    return f"i18n/{code}.js"
