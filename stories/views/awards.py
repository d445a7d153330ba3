"""Awards: nominate a win from its page and withdraw a nomination (one
small POST-only view each); /manage/awards/ for managers (each period's
nominees ranked, choose, announce); /awards/ (every announced award, for
everyone signed in). Refusals change nothing and say why: 403 (not yours
to do), 400 (bad input)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST, require_safe

from .. import services
from ..access import curator_required, get_nomination_for_user, get_story_for_user
from ..forms.awards import AnnounceForm, AwardCategoryForm, AwardChoiceForm, NominationForm
from ..models import Award, AwardCategory, Nomination, Story
from ..models.award_reads import award_boards, by_period
from ..models.awards import AwardError, NotAllowed, nomination_refusal

MANAGERS_ONLY = _("Only managers can choose and announce awards.")


def _refused(request, error, *, story=None, status=None):
    status = status or (403 if isinstance(error, NotAllowed) else 400)
    context = {"message": str(error), "story": story}
    return render(request, "stories/awards/refused.html", context, status=status)


def _first_error(form):
    return AwardError(next(iter(form.errors.values()))[0])


def nomination_panel(request, story):
    """What a win's page shows about nominating it: the form (when the
    viewer may nominate it) and the viewer's own nominations."""
    shared = story.status == Story.Status.PUBLISHED and not story.is_hidden
    hero_ids = [hero.pk for hero in story.heroes.all()]
    refusal = nomination_refusal(user_id=request.user.pk, story=story, hero_ids=hero_ids)
    mine = list(Nomination.objects.for_story_page(story, request.user)) if shared else []
    today = timezone.localdate()
    for nomination in mine:
        nomination.withdrawable = nomination.is_open(today)
    return {"nomination_form": NominationForm() if refusal is None else None, "my_nominations": mine}


@require_POST
def nominate(request, pk):
    story = get_story_for_user(request, pk, queryset=Story.objects.all())
    form = NominationForm(request.POST)
    if not form.is_valid():
        return render(request, "stories/awards/nominate.html", {"form": form, "story": story}, status=400)
    try:
        nomination = services.nomination_create(story=story, nominator=request.user, **form.cleaned_data)
    except AwardError as error:
        return _refused(request, error, story=story)
    name = nomination.category.shown_name
    messages.success(
        request,
        # Translators: %(category)s is an award category's name, e.g. "Guest hero of the month".
        gettext("Thank you: your nomination for %(category)s is in. The win's author and heroes are told.")
        % {"category": name},
    )
    return redirect(f"{story.get_absolute_url()}#awards")


@require_POST
def nomination_withdraw(request, pk):
    nomination = get_nomination_for_user(request, pk)
    try:
        services.nomination_withdraw(nomination=nomination, by=request.user)
    except AwardError as error:
        return _refused(request, error, story=nomination.story)
    category = nomination.category.shown_name
    messages.success(request, gettext("Your nomination for %(category)s is withdrawn.") % {"category": category})
    return redirect(f"{nomination.story.get_absolute_url()}#awards")


@require_safe
@curator_required(refusal=MANAGERS_ONLY)
def awards_manage(request):
    """/manage/awards/: each period to decide, its categories' nominees ranked."""
    periods = by_period(award_boards(timezone.localdate()))
    categories = [(category, AwardCategoryForm.for_category(category)) for category in AwardCategory.objects.all()]
    context = {"periods": periods, "categories": categories, "new_category": AwardCategoryForm(prefix="new")}
    return render(request, "stories/awards/manage.html", context)


@require_POST
@curator_required(refusal=MANAGERS_ONLY)
def award_choose(request):
    form = AwardChoiceForm(request.POST)
    if not form.is_valid():
        return _refused(request, _first_error(form))
    try:
        award = services.award_choose(by=request.user, **form.cleaned_data)
    except AwardError as error:
        return _refused(request, error)
    messages.success(
        request,
        # Translators: a win's headline, its place (e.g. "Winner"), then the award (category and period).
        gettext("“%(headline)s”: %(place)s, %(award)s. Announce it when every category is chosen.")
        % {"headline": award.story.headline, "place": award.get_place_display(), "award": award.label},
    )
    return redirect("awards_manage")


@require_POST
@curator_required(refusal=MANAGERS_ONLY)
def award_remove(request, pk):
    award = get_object_or_404(Award.objects.select_related("category", "story"), pk=pk)
    try:
        services.award_remove(award=award, by=request.user)
    except AwardError as error:
        return _refused(request, error)
    messages.success(
        request,
        gettext("“%(headline)s” is no longer chosen for %(award)s.")
        % {"headline": award.story.headline, "award": award.label},
    )
    return redirect("awards_manage")


@require_POST
@curator_required(refusal=MANAGERS_ONLY)
def awards_announce(request):
    form = AnnounceForm(request.POST)
    if not form.is_valid():
        return _refused(request, _first_error(form))
    try:
        announced = services.awards_announce(period_start=form.cleaned_data["period_start"], by=request.user)
    except AwardError as error:
        return _refused(request, error)
    if announced:
        count = len(announced)
        messages.success(
            request, ngettext("Announced %(count)s award.", "Announced %(count)s awards.", count) % {"count": count}
        )
    else:
        messages.info(request, gettext("Nothing new to announce: no chosen award is waiting (announced already?)."))
    return redirect("awards")


@require_POST
@curator_required(refusal=MANAGERS_ONLY)
def award_category_save(request, pk=None):
    """Add a category (no `pk`) or change one."""
    category = get_object_or_404(AwardCategory, pk=pk) if pk else None
    form = AwardCategoryForm(request.POST, prefix=f"category-{pk}" if pk else "new")
    if not form.is_valid():
        return _refused(request, _first_error(form))
    try:
        category = services.award_category_save(category=category, by=request.user, **form.cleaned_data)
    except AwardError as error:
        return _refused(request, error)
    messages.success(request, gettext("“%(name)s” is saved.") % {"name": category.name})
    return redirect(f"{reverse('awards_manage')}#categories")


@require_safe
def awards_list(request):
    """/awards/: every announced award on a win the viewer may open, newest first."""
    awards = Award.objects.announced().filter(story__in=Story.objects.visible_to(request.user))
    context = {"awards": awards.for_list().newest_first(), "categories": AwardCategory.objects.active()}
    return render(request, "stories/awards/list.html", context)
