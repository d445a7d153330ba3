"""Django's cached_db sessions (SESSION_ENGINE with Redis), whose read also
brings the wins' and names' versions (stories.services.versions) in the same
round trip: a screen's unchanged slides.json poll then reads the cache once,
not twice. The versions are kept for this request only."""

from django.conf import settings
from django.contrib.sessions.backends.cached_db import SessionStore as CachedDbSessionStore
from django.core.cache import DEFAULT_CACHE_ALIAS

from .services import versions


class SessionStore(CachedDbSessionStore):
    def load(self):
        if settings.SESSION_CACHE_ALIAS == DEFAULT_CACHE_ALIAS:  # the versions live there
            try:
                found = self._cache.get_many([self.cache_key, *versions.read_with_session_keys()])
            except Exception:  # noqa: BLE001 - as Django's: read again below, then the database
                found = {}
            versions.remember_read_with_session(found)
            if found.get(self.cache_key) is not None:
                return found[self.cache_key]
        return super().load()
