"""Cheers, comments and notifications in templates, computed from what the
view already fetched (no query here): a win needs
`Story.objects.with_celebration(viewer)` (or `with_cheers()`), a
notification `Notification.objects.for_inbox()`."""

from django import template
from django.urls import reverse
from django.utils.translation import gettext, ngettext, npgettext

from ..lib.linkify import linkify, paragraphs
from ..models.celebrate import NAMES_SHOWN, cheer_refusal, first_name, own_win_line, people_phrase
from ..models.notifications import describe_notification

register = template.Library()


@register.simple_tag(takes_context=True)
def cheer_state(context, story):
    """What the cheer button and line show the signed-in person, or None when
    the win was fetched without its cheers (then nothing is shown rather than
    a query per card). A card rendered for the cache (stories.views.cards)
    has no request: its context says what the viewer may do (`cheer_as`:
    `can_press`, `pressed`), and that is in the card's key."""
    if not hasattr(story, "cheer_count") or not hasattr(story, "latest_cheers"):
        return None
    shared = story.status == story.Status.PUBLISHED and not story.is_hidden
    viewer = context.get("cheer_as")
    if viewer is None:
        user = context["request"].user
        refusal = cheer_refusal(
            user_id=user.pk, author_id=story.author_id, hero_ids=[hero.pk for hero in story.heroes.all()]
        )
        pressed = bool(getattr(story, "cheered", False))
        viewer = {"can_press": refusal is None, "pressed": pressed, "refusal": refusal, "you": user.pk}
    you = viewer.get("you") if viewer["pressed"] else None
    return {
        "count": story.cheer_count,
        "summary": _cheerers(story, you=you),
        # The whole sentence, plural by how many cheered: "Ana and 3 others cheered".
        "line": _cheered_line(story, you=you) if story.cheer_count else "",
        "pressed": viewer["pressed"],
        "can_press": shared and viewer["can_press"],
        "refusal": own_win_line(viewer["refusal"], story.cheer_count) if shared and viewer.get("refusal") else "",
        "shared": shared,
    }


def _cheerers(story, *, you=None):
    """ "Ana, Luis and 12 others" — "You, Luis and 12 others" when the viewer
    (`you`, their id, given when they cheered) is one of them."""
    names = [first_name(cheer.user) for cheer in story.latest_cheers if cheer.user_id != you]
    if you is None:
        return people_phrase(names, total=story.cheer_count)
    return _with_you(names[: NAMES_SHOWN - 1], others=story.cheer_count - 1)


def _with_you(names, *, others):
    """“You”, “You and Luis”, “You, Luis and 12 others” (the viewer cheered too)."""
    extra = others - len(names)
    if not names and not extra:
        return gettext("You")
    if not names:
        return ngettext("You and %(count)s other", "You and %(count)s others", extra) % {"count": extra}
    if not extra:
        # Translators: the viewer and another person's first name.
        return gettext("You and %(first)s") % {"first": names[0]}
    # Translators: the viewer, another person's first name, then how many others.
    return ngettext("You, %(first)s and %(count)s other", "You, %(first)s and %(count)s others", extra) % {
        "first": names[0],
        "count": extra,
    }


def _cheered_line(story, *, you=None):
    """“Ana, Luis and 12 others cheered” / “You and Luis cheered” as one
    sentence, its plural form by how many cheered."""
    who = _cheerers(story, you=you)
    count = story.cheer_count
    if you is not None:
        # Translators: %(who)s begins with “You”: “You”, “You and Luis”, “You, Luis and 12 others”.
        return npgettext("the viewer among them", "%(who)s cheered", "%(who)s cheered", count) % {"who": who}
    # Translators: %(who)s is who cheered a win: “Ana”, “Ana and Luis”, “Ana, Luis and 12 others”.
    return ngettext("%(who)s cheered", "%(who)s cheered", count) % {"who": who}


@register.simple_tag(takes_context=True)
def comment_permissions(context, comment):
    """What the viewer may do with a comment: edit (its author, for 15
    minutes), delete (its author), hide (managers)."""
    user = context["request"].user
    return {
        "edit": comment.is_editable_by(user),
        "delete": comment.is_deletable_by(user),
        "hide": bool(context.get("can_curate")) and not comment.is_hidden,
    }


def _person_url(person):
    return reverse("person", args=[person.get_username()])


@register.simple_tag(takes_context=True)
def comment_html(context, body):
    """A comment's text as safe HTML: escaped, line breaks, safe links, and
    @mentions of the people the view looked up (`mentioned`) linked."""
    return linkify(body, context.get("mentioned"), _person_url)


@register.simple_tag(takes_context=True)
def story_html(context, body):
    """A win's story as safe HTML: escaped paragraphs, @mentions of the
    people the view looked up (`mentioned`) linked to their pages."""
    return paragraphs(body, context.get("mentioned"), _person_url)


@register.simple_tag
def notification_words(notification):
    """{"text", "detail"}: the notification's sentence and the line under it."""
    return describe_notification(notification)
