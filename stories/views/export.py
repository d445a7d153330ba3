"""The CSV export for managers (/manage/export.csv): the feed's wins with
the feed's filters, streamed row by row (100,000 wins never sit in memory),
safe to open in a spreadsheet, UTF-8 with a byte-order mark for Excel."""

from django.conf import settings
from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import pgettext, pgettext_lazy
from django.views.decorators.http import require_safe

from ..access import curator_required
from ..forms.feed_filters import FeedFilterForm
from ..lib.csv_safe import stream_csv
from ..models import Story, display_name

CHUNK = 1000  # wins fetched (with their heroes and tags) at a time
HEADER = [
    pgettext_lazy("column heading in the wins export (CSV)", "Date"),
    pgettext_lazy("column heading in the wins export (CSV)", "Team"),
    pgettext_lazy("column heading in the wins export (CSV)", "Kind of win"),
    pgettext_lazy("column heading in the wins export (CSV)", "Headline"),
    pgettext_lazy("column heading in the wins export (CSV)", "Heroes"),
    pgettext_lazy("column heading in the wins export (CSV)", "Author"),
    pgettext_lazy("column heading in the wins export (CSV)", "Decided"),
    pgettext_lazy("column heading in the wins export (CSV)", "Cost to make it right"),
    pgettext_lazy("column heading in the wins export (CSV)", "Currency"),
    pgettext_lazy("column heading in the wins export (CSV)", "Over budget"),
    pgettext_lazy("column heading in the wins export (CSV)", "Featured"),
    pgettext_lazy("column heading in the wins export (CSV)", "Tags"),
    pgettext_lazy("column heading in the wins export (CSV)", "Cheers"),
    pgettext_lazy("column heading in the wins export (CSV)", "Comments"),
    pgettext_lazy("column heading in the wins export (CSV)", "Link"),
]


def export_row(story, *, link):
    """One win as a row of HEADER's columns (cells are made safe when written)."""
    return [
        story.happened_on,
        story.team.name if story.team else "",
        story.get_kind_display(),
        story.headline,
        "; ".join(display_name(hero) for hero in story.heroes.all()),
        display_name(story.author),
        pgettext("the wins export's Decided column", "Needed approval")
        if story.needed_approval
        else pgettext("the wins export's Decided column", "Decided on the spot"),
        story.cost,
        settings.WINSBOARD_CURRENCY if story.cost is not None else "",
        story.over_budget,
        story.is_featured,
        "; ".join(tag.name for tag in story.tags.all()),
        story.cheer_count,
        story.comment_count,
        link + story.get_absolute_url(),
    ]


@require_safe
@curator_required
def export_csv(request):
    form = FeedFilterForm(request.GET)
    wins = Story.objects.published().filtered(form.filters()).newest_first().for_export()
    site = request.build_absolute_uri("/").rstrip("/")
    rows = (export_row(story, link=site) for story in wins.iterator(chunk_size=CHUNK))
    response = StreamingHttpResponse(stream_csv(HEADER, rows), content_type="text/csv; charset=utf-8")
    filename = f"winsboard-wins-{timezone.localdate().isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
