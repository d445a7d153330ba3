"""One win: post, read, edit, delete."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from .. import services
from ..access import get_story_for_user
from ..forms import DeleteConfirmForm, StoryForm


def _story_data(form):
    data = dict(form.cleaned_data)
    heroes = data.pop("heroes")
    return heroes, data


@require_http_methods(["GET", "POST"])
def story_create(request):
    form = StoryForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        heroes, data = _story_data(form)
        story = services.story_create(author=request.user, heroes=heroes, **data)
        if story.is_pending:
            messages.success(request, "Thanks! Your win is waiting for a manager's review before it is shared.")
        else:
            messages.success(request, "Your win is on the board. Thank you for sharing it!")
        return redirect(story)
    context = {"form": form, "is_new": True}
    return render(request, "stories/story_form.html", context, status=400 if form.errors else 200)


def story_detail(request, pk):
    story = get_story_for_user(request, pk)
    context = {"story": story, "can_edit": story.is_editable_by(request.user)}
    return render(request, "stories/story_detail.html", context)


@require_http_methods(["GET", "POST"])
def story_edit(request, pk):
    story = get_story_for_user(request, pk, edit=True)
    form = StoryForm(request.POST or None, request.FILES or None, instance=story, user=request.user)
    if request.method == "POST" and form.is_valid():
        heroes, data = _story_data(form)
        services.story_update(story=story, heroes=heroes, **data)
        messages.success(request, "Your changes are saved.")
        return redirect(story)
    context = {"form": form, "story": story, "is_new": False}
    return render(request, "stories/story_form.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def story_delete(request, pk):
    story = get_story_for_user(request, pk, edit=True)
    form = DeleteConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.story_delete(story=story)
        messages.success(request, f"“{story.headline}” was deleted.")
        return redirect("feed")
    return render(request, "stories/story_confirm_delete.html", {"story": story, "form": form})
