"""The static files' storage in production: whitenoise's (compressed, names with their content's
hash from the manifest), each file's URL worked out once per process.

A page's `{% static %}` tags and form media ask for a file's URL 20 to 30 times (an admin list:
Django's base template, the list's scripts and the select2 autocomplete's); each answer costs
Django ~50-100 µs of URL parsing and quoting around a look-up in the manifest, together 2-3 ms of
a desk page. The manifest is read when the process starts and never changes while it runs (a
deploy collects the files, then restarts the workers), so the same name always has the same URL.
"""

from whitenoise.storage import CompressedManifestStaticFilesStorage

# Far more than the site's static files: the templates name a fixed set of them.
MAX_REMEMBERED = 4096


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls = {}

    def url(self, name, force=False):
        if force:
            return super().url(name, force)
        try:
            return self._urls[name]
        except KeyError:
            url = super().url(name)  # a file missing from the manifest raises, and is not remembered
            if len(self._urls) < MAX_REMEMBERED:
                self._urls[name] = url
            return url
