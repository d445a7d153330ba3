"""Notifications in words, read at render time in the reader's language:
the sentence a notification reads as and the line under it (in the app and
in e-mails), and the chat message when a win is featured. Every sentence is
whole (a translator sees all of it), and those that name who did it take the
plural form for how many did."""

from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from ..lib import text
from .celebrate import first_name, names_list, people_phrase


def _hidden_how_to_fix():
    return gettext(
        "Only you and managers can see it now. "
        "Edit it to fix what the reason says, then ask a manager to show it again."
    )


def _customer_answer(answer):
    answers = {
        "agree": _("They agreed to be quoted: the win shows “Confirmed by the customer”."),
        "edit": _("They changed their words: the win shows their words now."),
        "anonymous": _("They agreed without their name: the quote is by “a guest” now."),
        "no": _("They said no: the quote is no longer shown anywhere."),
    }
    return str(answers.get(answer, ""))


def _by_people(kind, count):
    """The sentences naming who did it: %(who)s is one phrase (“Ana”, “Ana
    and 4 others”, see `people_phrase`); their plural form follows `count`,
    how many people that phrase stands for."""
    if kind == "credited":
        # Translators: %(who)s is who did it: “Ana”, “Ana and Luis”, “Ana, Luis and 4 others”
        # (the plural form follows how many people that is); %(headline)s is the win's headline.
        return ngettext(
            "%(who)s credited you as a hero in “%(headline)s”.",
            "%(who)s credited you as a hero in “%(headline)s”.",
            count,
        )
    if kind == "cheered":
        # Translators: %(who)s is who did it: “Ana”, “Ana and Luis”, “Ana, Luis and 4 others”
        # (the plural form follows how many people that is); %(headline)s is the win's headline.
        return ngettext("%(who)s cheered your win “%(headline)s”.", "%(who)s cheered your win “%(headline)s”.", count)
    if kind == "commented":
        # Translators: %(who)s is who did it: “Ana”, “Ana and Luis”, “Ana, Luis and 4 others”
        # (the plural form follows how many people that is); %(headline)s is the win's headline.
        return ngettext(
            "%(who)s commented on your win “%(headline)s”.", "%(who)s commented on your win “%(headline)s”.", count
        )
    if kind == "mentioned":
        # Translators: %(who)s is who did it: “Ana”, “Ana and Luis”, “Ana, Luis and 4 others”
        # (the plural form follows how many people that is); %(headline)s is the win's headline.
        return ngettext("%(who)s mentioned you in “%(headline)s”.", "%(who)s mentioned you in “%(headline)s”.", count)
    if kind == "mentioned-comment":
        # Translators: %(who)s is who did it: “Ana”, “Ana and Luis”, “Ana, Luis and 4 others”
        # (the plural form follows how many people that is); %(headline)s is the win's headline.
        return ngettext(
            "%(who)s mentioned you in a comment on “%(headline)s”.",
            "%(who)s mentioned you in a comment on “%(headline)s”.",
            count,
        )
    if kind == "nominated":
        # Translators: %(who)s is who did it: “Ana”, “Ana and Luis”, “Ana, Luis and 4 others”
        # (the plural form follows how many people that is); %(headline)s is the win's headline.
        return ngettext(
            "%(who)s nominated your win “%(headline)s” for an award.",
            "%(who)s nominated your win “%(headline)s” for an award.",
            count,
        )
    return None


def notification_text(kind, *, who, headline, when="", count=1):
    """The sentence a notification reads as (in the app and in e-mails):
    `who` did it (“Ana and 4 others”: `count` people), to the win called
    `headline`; `when` is the all-hands' date (shown), the award (awarded,
    withdrawn)."""
    values = {"who": who or gettext("A colleague"), "headline": headline, "when": when}
    sentence = _by_people(kind, count if who else 1)
    if sentence is None:
        sentence = _about_the_win(kind, who=who, when=when)
    return sentence % values


def _about_the_win(kind, *, who, when):
    if kind == "shown" and when:
        # Translators: %(when)s is the date of the all-hands meeting.
        return gettext("Your win “%(headline)s” was shown at the all-hands on %(when)s.")
    if kind == "withdrawn":
        if when:
            # Translators: %(when)s is the award's name.
            return gettext("A win you nominated for %(when)s was hidden by a manager, so your nomination is withdrawn.")
        return gettext("A win you nominated for an award was hidden by a manager, so your nomination is withdrawn.")
    if kind == "draft":
        if who:
            # Translators: %(who)s is the customer who sent the thank-you e-mail.
            return gettext("Your draft is waiting: the e-mail %(who)s sent became a draft win. Finish it and post it.")
        return gettext("Your draft is waiting: the e-mail a customer sent became a draft win. Finish it and post it.")
    if kind == "awarded":
        # Translators: %(when)s is the award's name.
        return gettext("Your win “%(headline)s” won an award: %(when)s.")
    sentences = {
        "approved": _("Good news: your win “%(headline)s” was approved and is now shared with everyone."),
        "featured": _("Your win “%(headline)s” is featured on the wall."),
        "hidden": _("A manager hid your win “%(headline)s”."),
        "shown": _("Your win “%(headline)s” was shown at the all-hands."),
        "customer": _("The customer answered about your win “%(headline)s”."),
    }
    return str(sentences.get(kind, _("Something happened to your win “%(headline)s”.")))


def notification_detail(kind, detail):
    """The line under it: the manager's note, or the reason and what to do."""
    if kind == "featured" and detail:
        # Translators: %(note)s is the manager's note on why the win is featured.
        return gettext("Why we love this: %(note)s") % {"note": detail}
    if kind == "hidden":
        if detail:
            # Translators: %(reason)s is why a manager hid the win; what to do follows.
            return gettext("Reason: %(reason)s %(how_to_fix)s") % {
                "reason": detail,
                "how_to_fix": _hidden_how_to_fix(),
            }
        return _hidden_how_to_fix()
    if kind == "customer":
        return _customer_answer(detail)
    if kind == "awarded" and detail:
        # Translators: the award's citation, quoted.
        return gettext("“%(citation)s”") % {"citation": detail}
    if kind == "nominated":
        return detail
    if kind == "withdrawn" and detail:
        # Translators: %(headline)s is the headline of the win the nomination was for.
        return gettext("The win: “%(headline)s”") % {"headline": detail}
    return ""


def describe_notification(notification):
    """{"text", "detail"} of a notification fetched with for_inbox() (its win
    and actors at hand): also what its e-mail says."""
    actors = list(notification.actors.all())
    who = people_phrase([first_name(actor) for actor in actors], total=len(actors)) if actors else ""
    when = ""
    if notification.kind == "shown" and notification.detail:
        try:
            when = date_format(date.fromisoformat(notification.detail), "j F Y")
        except ValueError:
            when = ""
    if notification.kind == "draft":
        return _draft_words(notification.draft)
    detail = notification.detail
    if notification.kind in ("awarded", "withdrawn"):
        when, _sep, detail = detail.partition("\n")
    elif notification.kind == "nominated":  # the latest nomination's category and reason
        category, _sep, reason = detail.partition("\n")
        # Translators: an award category's name, then the reason given for the nomination, quoted.
        detail = (
            gettext("%(category)s: “%(reason)s”") % {"category": category, "reason": reason} if reason else category
        )
    story = notification.story
    headline = story.headline if story else gettext("a win that is gone")
    credited = notification.kind == "credited" and story is not None
    kind = notification.kind
    if kind == "mentioned" and notification.detail == "comment":
        kind = "mentioned-comment"
    return {
        "text": notification_text(kind, who=who, headline=headline, when=when, count=max(len(actors), 1)),
        "detail": "" if kind in ("shown", "mentioned") else notification_detail(kind, detail),
        # Being credited is worth more than a line: the win's first photo and the customer's words.
        "photo": next(iter(story.photos.all()), None) if credited else None,
        "quote": story.shown_quote if credited else "",
        "quote_by": story.quote_by if credited and story.shown_quote else "",
    }


def _draft_words(draft):
    who = draft.quote_by if draft is not None and draft.quote_by else ""
    return {
        "text": notification_text("draft", who=who, headline=""),
        "detail": gettext("Nothing is shared until you press Post.") if draft is not None else "",
        "photo": None,
        "quote": draft.quote if draft is not None else "",
        "quote_by": draft.quote_by if draft is not None else "",
    }


# --- the chat message when a win is featured ----------------------------------


def chat_message(*, headline, heroes, note, url, quote="", quote_by=""):
    """The JSON body an incoming webhook of Slack or Microsoft Teams accepts:
    one "text" field (both render it; both make the address a link). The
    customer's quote only when given (callers pass it only with consent)."""
    lines = [gettext("★ Featured win: %(headline)s") % {"headline": text.chat_escape(headline)}]
    if heroes:
        # Translators: %(names)s lists the win's heroes: “Ana, Ben and Cy”.
        lines.append(gettext("Heroes: %(names)s") % {"names": text.chat_escape(names_list(heroes))})
    if note:
        lines.append(gettext("Why we love this: %(note)s") % {"note": text.chat_escape(note)})
    if quote:
        # Translators: a customer's words, quoted.
        said = gettext("“%(quote)s”") % {"quote": text.chat_escape(quote)}
        # Translators: a customer's quoted words, then who said them.
        lines.append(
            gettext("%(quote)s — %(name)s") % {"quote": said, "name": text.chat_escape(quote_by)} if quote_by else said
        )
    lines.append(url)
    return {"text": "\n".join(lines)}
