"""Telling an author, once, that a manager approved their pending win.

`stories.services.story_approve` sets `Story.approval_notice_due`. The
author's next page shows a message and clears the flag. So that no page pays
an extra query to ask "anything to tell?", the question rides on the user
query every signed-in request already makes (the auth backend below);
only when the answer is yes are the wins read and the flags cleared.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Exists, OuterRef

from .models import Story

MAX_NAMED = 3


class NoticeAwareBackend(ModelBackend):
    """Django's ModelBackend; the signed-in user also carries
    `has_approval_notice`."""

    def get_user(self, user_id):
        user_model = get_user_model()
        due = Story.objects.filter(author=OuterRef("pk"), approval_notice_due=True)
        try:
            user = user_model._default_manager.annotate(has_approval_notice=Exists(due)).get(pk=user_id)
        except user_model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None


def tell_author(request):
    """Queue one message about the requesting user's newly approved wins and
    mark them told. Returns how many there were."""
    due = Story.objects.filter(author=request.user, approval_notice_due=True).order_by("-reviewed_at", "-pk")
    headlines = list(due.values_list("headline", flat=True))
    if not headlines:
        return 0
    Story.objects.filter(author=request.user, approval_notice_due=True).update(approval_notice_due=False)
    if len(headlines) == 1:
        text = f"your win “{headlines[0]}” was approved and is now shared with everyone."
    else:
        named = ", ".join(f"“{headline}”" for headline in headlines[:MAX_NAMED])
        more = len(headlines) - MAX_NAMED
        named += f" and {more} more" if more > 0 else ""
        text = f"your wins {named} were approved and are now shared with everyone."
    messages.success(request, "Good news: " + text)
    return len(headlines)


def context_processor(request):
    """On the author's next full page (not an htmx fragment, not JSON): the
    message. Adds nothing to the context."""
    user = getattr(request, "user", None)
    if getattr(user, "has_approval_notice", False) and not getattr(request, "htmx", False):
        user.has_approval_notice = False
        tell_author(request)
    return {}
