"""Static files storage for production (DEBUG off)."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class HashedStaticFilesStorage(CompressedManifestStaticFilesStorage):
    """Whitenoise's compressed, hashed static files, with the import paths of
    native ES modules (static/js/slideshow/) rewritten to the hashed names:
    a hashed main.js then loads the hashed render.js it was built with, never
    a stale copy a browser cached forever."""

    support_js_module_import_aggregation = True
