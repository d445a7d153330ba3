"""Who may see and change a win — every view goes through here."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from .models import Story


def get_story_for_user(request, pk, *, edit=False, queryset=None):
    """The win `pk` as `request.user` may see it.

    404 where the user may not see it (someone else's hidden or pending win),
    403 where they may see it but not change it.
    """
    queryset = queryset if queryset is not None else Story.objects.for_cards()
    story = get_object_or_404(queryset.visible_to(request.user), pk=pk)
    if edit and not story.is_editable_by(request.user):
        raise PermissionDenied("Only the win's author and managers can change it.")
    return story
