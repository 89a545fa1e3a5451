"""
Rendered parts of a page kept in Django's cache (Redis in production) until the
content changes: the `{% contentcache %}` template tag.

The full-page cache (`clinic_site.page_cache`) answers most anonymous visits, but
not every request can use it: a signed-in editor, a visitor with a messages
cookie, an address with a query string no one asked for before, the first
visit after a publish. Those render the page, and most of a page's time goes on
the parts that depend only on published content (an article's body, its
authors, its related cards). Those parts are kept here, keyed on:

- the content generation (`clinic_site.content_cache`), which every publish and
  every save of something a page shows replaces, so a change is never hidden;
- the language, the host (absolute addresses), today's date (opening hours,
  "reviewed on", the year), and what the template adds: the page for a part that
  shows it (`{% contentcache "name" page.pk %}`), also `request.path` for a part
  that differs between a routable page's own routes.

Not the address: a mistyped one, a scan or a query string never adds a copy, so
the cache holds at most one copy of each part per page.

What the template wraps must not depend on the request beyond that: forms,
messages and a visitor's own state stay outside. A preview (of a draft, a
revision, a page being edited) is never read from nor written to this cache.
Off when `CLINIC_FRAGMENT_CACHE_TIMEOUT` is 0 (development and tests, so a
changed template shows at once); with the cache down every part is rendered.
"""

from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.utils import timezone, translation

from . import conf, content_cache


def timeout():
    return conf.get("CLINIC_FRAGMENT_CACHE_TIMEOUT")


def key(name, request, vary_on):
    """The cache key of fragment `name` for this request's page and the current content."""
    return make_template_fragment_key(
        name,
        [
            content_cache.generation(),
            translation.get_language(),
            request.get_host(),
            timezone.localdate().isoformat(),
            *vary_on,
        ],
    )


def get_or_render(name, request, vary_on, render):
    """The stored fragment, or `render()`'s output, stored for the next request."""
    seconds = timeout()
    if not seconds or request is None or getattr(request, "is_preview", False):
        return render()
    fragment_key = key(name, request, vary_on)
    html = cache.get(fragment_key)
    if html is None:
        html = render()
        cache.set(fragment_key, html, timeout=seconds)
    return html
