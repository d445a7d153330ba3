"""Forms, one module per feature, with messages written for the person at
the form: `stories.forms.wins`, `.media`, `.curation`, `.slideshow`."""
