"""Cheers and comments: one small POST-only view per action (editing a
comment also has its page). Each answers a plain form post with a redirect
back, and a cheer sent by htmx with its re-rendered part of the page.
Refusals change nothing and say why: 403 (not yours to do), 400 (bad
input), 429 (too many comments in a minute)."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from .. import services
from ..access import curator_required, get_comment_for_user, get_story_for_user
from ..forms.celebrate import CommentForm, CommentHideForm
from ..lib import mentions
from ..models import Comment, Story, people
from ..models.celebrate import COMMENTS_PER_MINUTE, EDIT_TOO_LATE, CelebrateError, NotAllowed
from .responses import safe_next

CHEER_PARTS = {"detail": "stories/celebrate/_cheers_panel.html", "": "stories/celebrate/_cheer.html"}


def _refused(request, error, *, story):
    """A refusal: 403 when it is not theirs to do, else 400; htmx gets the
    message alone (static/js/celebrate.js announces it)."""
    status = 403 if isinstance(error, NotAllowed) else 400
    if request.htmx:
        return HttpResponse(str(error), status=status, content_type="text/plain; charset=utf-8")
    context = {"message": str(error), "story": story}
    return render(request, "stories/celebrate/refused.html", context, status=status)


def _thread_url(story, anchor="comments"):
    return f"{story.get_absolute_url()}#{anchor}"


@require_POST
def cheer(request, pk):
    """Cheer a win (`cheer=1`) or take the cheer back (`cheer=0`)."""
    story = get_story_for_user(request, pk, queryset=Story.objects.all())
    try:
        services.cheer_set(story=story, user=request.user, on=request.POST.get("cheer", "1") != "0")
    except CelebrateError as error:
        return _refused(request, error, story=story)
    if not request.htmx:
        return redirect(safe_next(request, _thread_url(story, "cheers")))
    panel = request.POST.get("panel", "")
    story = Story.objects.for_cards().with_celebration(request.user).get(pk=story.pk)
    context = {
        "story": story,
        "panel": panel,
        "cheerers": story.cheers.everyone_in_order(),
        "cheer_next": safe_next(request, _thread_url(story, "cheers")),
    }
    return render(request, CHEER_PARTS.get(panel, CHEER_PARTS[""]), context)


def mentioned_in(*texts):
    """{spelling: person} for the @mentions in `texts`: one query, none
    when nobody is mentioned (the templates link them: celebrate_tags)."""
    return people().spelled(set().union(*(mentions.candidates(text) for text in texts)))


def celebration(request, story):
    """What a win's page shows under it: everyone who cheered, and the
    comments (none while the win is hidden or waits for review); the
    people mentioned in the story and the comments."""
    shared = story.status == Story.Status.PUBLISHED and not story.is_hidden
    comments = list(Comment.objects.visible_to(request.user).under(story)) if shared else []
    return {
        "cheerers": story.cheers.everyone_in_order(),
        "comments": comments,
        "comment_form": CommentForm(),
        "mentioned": mentioned_in(story.body, *(comment.body for comment in comments if not comment.is_hidden)),
    }


def _slow_down(request, story, form):
    """429: too many comments this minute. The comment is kept on the page."""
    context = {"story": story, "per_minute": COMMENTS_PER_MINUTE, "form": form}
    response = render(request, "stories/celebrate/slow_down.html", context, status=429)
    response["Retry-After"] = "60"
    return response


@require_POST
def comment_create(request, pk):
    story = get_story_for_user(request, pk, queryset=Story.objects.all())
    form = CommentForm(request.POST)
    if not form.is_valid():
        return render(request, "stories/celebrate/comment_form.html", {"form": form, "story": story}, status=400)
    if not services.comment_quota_take(user=request.user):
        return _slow_down(request, story, form)
    try:
        comment = services.comment_create(story=story, author=request.user, body=form.cleaned_data["body"])
    except CelebrateError as error:
        return _refused(request, error, story=story)
    messages.success(request, _("Your comment is posted."))
    return redirect(_thread_url(story, f"comment-{comment.pk}"))


@require_http_methods(["GET", "POST"])
def comment_edit(request, pk):
    """Its author, within 15 minutes: a page with the comment in a form."""
    comment = get_comment_for_user(request, pk)
    if not comment.is_editable_by(request.user):
        return _refused(request, NotAllowed(EDIT_TOO_LATE), story=comment.story)
    form = CommentForm(request.POST or None, initial={"body": comment.body})
    if request.method == "POST" and form.is_valid():
        try:
            services.comment_edit(comment=comment, by=request.user, body=form.cleaned_data["body"])
        except CelebrateError as error:
            return _refused(request, error, story=comment.story)
        messages.success(request, _("Your comment is saved."))
        return redirect(_thread_url(comment.story, f"comment-{comment.pk}"))
    context = {"form": form, "story": comment.story, "comment": comment}
    return render(request, "stories/celebrate/comment_form.html", context, status=400 if form.errors else 200)


@require_POST
def comment_delete(request, pk):
    comment = get_comment_for_user(request, pk)
    try:
        services.comment_delete(comment=comment, by=request.user)
    except CelebrateError as error:
        return _refused(request, error, story=comment.story)
    messages.success(request, _("Your comment is deleted."))
    return redirect(_thread_url(comment.story))


@require_POST
@curator_required
def comment_hide(request, pk):
    comment = get_comment_for_user(request, pk)
    form = CommentHideForm(request.POST)
    if not form.is_valid():
        return _refused(request, CelebrateError(form.errors["reason"][0]), story=comment.story)
    services.comment_hide(comment=comment, by=request.user, reason=form.cleaned_data["reason"])
    messages.success(request, _("The comment is hidden. Its author sees it with your reason; nobody else does."))
    return redirect(_thread_url(comment.story, f"comment-{comment.pk}"))
