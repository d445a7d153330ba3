"""The featured wall as an Atom feed (/featured/feed.atom?token=…), for a
chat tool's feed reader: no sign-in, a per-person token instead (made and
revoked on /settings/notifications/). Only what the wall shows."""

from django.contrib.auth.decorators import login_not_required
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from ..access import feed_token_owner
from ..models import Story

FEED_SIZE = 30


class FeaturedWinsFeed(Feed):
    feed_type = Atom1Feed
    title = _("Winsboard: featured wins")
    subtitle = _("The wins managers feature on the wall, newest first.")
    description_template = "stories/notifications/feed_item.html"

    def link(self):
        return reverse("featured")

    def items(self):
        """The wall's wins (published, featured), most recently featured first."""
        return Story.objects.featured().order_by("-featured_at", "-id").for_cards()[:FEED_SIZE]

    def item_title(self, item):
        return item.headline

    def item_link(self, item):
        return item.get_absolute_url()

    def item_author_name(self, item):
        return ", ".join(item.hero_names())

    def item_pubdate(self, item):
        return item.featured_at

    def item_updateddate(self, item):
        return item.featured_at

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]


@login_not_required
@require_safe
def featured_feed(request):
    """The feed for a valid, unrevoked token; 404 otherwise. The token is in
    the query string: Django's logs name the path only, and the answer
    forbids sending it on as a Referer."""
    feed_token_owner(request.GET.get("token", ""))
    response = FeaturedWinsFeed()(request)
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-cache"
    return response
