"""How pages name people and list heroes: the name a person chose, and the
one order heroes are listed in everywhere."""

from django.contrib.auth import get_user_model
from django.db.models import Prefetch
from django.utils.translation import gettext

# Heroes are listed in this order everywhere: cards, win pages, slides, the form.
HERO_ORDER = ("first_name", "last_name", "username")


def display_name(user):
    """What pages call a person: the display name they chose (their
    Profile), else their full name, else their username. Load users with
    their profile (`select_related("profile")`) where many are shown."""
    if user is None:
        return gettext("A former colleague")
    profile = getattr(user, "profile", None)  # none yet: the defaults
    chosen = profile.display_name.strip() if profile is not None else ""
    return chosen or user.get_full_name().strip() or user.get_username()


def heroes_in_order():
    """Heroes with what shows them (name, photo), in their order."""
    users = get_user_model().objects.select_related("profile").order_by(*HERO_ORDER)
    return Prefetch("heroes", queryset=users)
