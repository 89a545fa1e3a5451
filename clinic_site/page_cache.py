"""
The anonymous full-page cache: whole responses of public pages, feeds and the
sitemap, kept in Django's cache (Redis in production) and served to visitors
who carry nothing personal, without running the view, the database or the
middleware behind this one.

Why not Django's cache middleware: it keys on the request's `Vary` headers, so
one CSRF cookie or session cookie makes every response a miss, and it knows
nothing of Wagtail's publishing. Here:

- Only a request that cannot be personal is looked up: GET or HEAD, no session
  cookie, no messages cookie, no `Authorization` header. Anything else goes
  through as if this middleware were not there.
- Only a response that cannot be personal is stored: a 200 from one of the
  views named in `CLINIC_PAGE_CACHE_VIEWS` (Wagtail's page serving, which
  includes the blog's feeds and every routable page's routes, and the sitemap),
  to an anonymous user, not a preview, setting no cookie (so no CSRF token and no
  messages were used while rendering it), and not marked `private`, `no-cache`,
  `no-store` or `max-age=0` by its view. Forms on cached pages fetch their
  per-visitor tokens after the page loads (`clinic_site.form_tokens`).
- A stored copy carries the content generation (`clinic_site.content_cache`)
  it was rendered under, which every publish, unpublish, move or delete of a
  page and every save of something a page shows (an author, a shared question,
  a category, the clinic's details, an image) replaces: a copy of another
  generation is a miss, so the next request renders afresh and stores over it.
  The generation and the copy are read together, in one cache round trip; a
  process that read the copy before keeps it in memory (`RecentCopies`) and
  then reads only the generation. `docs/performance.md` explains the design.
- Stored responses go out with `Cache-Control: public` (`max-age` for browsers,
  `s-maxage` for a CDN, which `clinic_site.cache_purge` purges on publish), an
  `ETag` and a `Last-Modified`; a conditional GET that matches gets a 304.

The cache is off when `CLINIC_PAGE_CACHE_TIMEOUT` is 0 (development and the
test settings; tests turn it on). With Redis down every lookup is a miss (the
cache backend turns errors into misses and its breaker makes them fast) and the
page is rendered as if nothing were cached.
"""

import functools
import hashlib
import threading
import time

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils.cache import (
    get_conditional_response,
    has_vary_header,
    patch_cache_control,
)
from django.utils.http import http_date

from . import conf, content_cache

KEY = "clinic_site:page:{digest}"
# Response headers a stored copy keeps: what the page's content and security need.
# Cookies are never among them (a response that sets one is never stored).
KEPT_HEADERS = {
    "content-type",
    "content-language",
    "content-security-policy",
    "cross-origin-opener-policy",
    "link",
    "referrer-policy",
    "vary",
    "x-content-type-options",
    "x-frame-options",
    "x-robots-tag",
}
# Cache-Control directives with which a view says "not for everyone".
PERSONAL_DIRECTIVES = ("private", "no-cache", "no-store", "max-age=0")
# Longer query strings are not looked up or stored: no one's campaign link is
# that long, and they would only fill the cache.
MAX_QUERY_LENGTH = 256
HIT_HEADER = "X-Page-Cache"
# Bodies of recently read copies each process keeps in memory (`RecentCopies`):
# a campaign's few dozen pages, well inside a worker's memory.
RECENT_MAX_BYTES = 8 * 1024 * 1024
# Request headers with which `get_conditional_response()` may answer 304 or 412;
# a request with none of them gets the stored copy as it is.
CONDITIONAL_HEADERS = frozenset(
    {
        "HTTP_IF_MATCH",
        "HTTP_IF_NONE_MATCH",
        "HTTP_IF_MODIFIED_SINCE",
        "HTTP_IF_UNMODIFIED_SINCE",
    }
)


def enabled():
    return conf.get("CLINIC_PAGE_CACHE_TIMEOUT") > 0


def is_anonymous_read(request):
    """
    Whether a request to a view whose answers are kept (`goes_to_kept_view()`,
    which the middleware asks first) may be answered from the cache: it reads
    and carries nothing that could make the answer personal.
    """
    if request.method not in ("GET", "HEAD"):
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or CookieStorage.cookie_name in cookies:
        return False
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    return len(request.META.get("QUERY_STRING", "")) <= MAX_QUERY_LENGTH


def goes_to_kept_view(request):
    """Whether the request's path goes to a view whose answers are kept (`_goes_to_kept_view`)."""
    urlconf = getattr(request, "urlconf", None) or settings.ROOT_URLCONF
    return _goes_to_kept_view(request.path_info, urlconf)


@functools.lru_cache(maxsize=4096)
def _goes_to_kept_view(path, urlconf):
    """
    Whether `path` goes to one of the views whose answers are kept, remembered:
    resolving Wagtail's catch-all pattern again for every request cost more
    than a cache lookup.
    """
    try:
        return resolve(path, urlconf=urlconf).url_name in kept_views()
    except Resolver404:
        return False


@functools.cache
def kept_views():
    """
    `CLINIC_PAGE_CACHE_VIEWS`, read once: every request asks, and reading a
    setting the project leaves to its default costs an exception each time.
    """
    return frozenset(conf.get("CLINIC_PAGE_CACHE_VIEWS"))


@receiver(setting_changed)
def _forget_views(setting, **kwargs):
    if setting in ("ROOT_URLCONF", "CLINIC_PAGE_CACHE_VIEWS"):
        _goes_to_kept_view.cache_clear()
        kept_views.cache_clear()


def will_store(request):
    """
    Whether the response now being rendered for `request` may go into the cache,
    as far as the request tells: templates use it to leave per-visitor values
    (a CSRF token) out of a page everyone will be served.
    """
    return enabled() and getattr(request, "_page_cache_candidate", False)


def cache_key(request):
    """
    The page's key: its address only. The content generation is stored inside
    the copy instead of in the key, so one read fetches both (`lookup()`).
    """
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return KEY.format(digest=hashlib.sha256(address.encode()).hexdigest())


class RecentCopies:
    """
    The copies this process last read from the cache, kept in its memory up to
    `max_bytes` of bodies (the oldest dropped first), so that a hit on a page
    it served before reads only the content generation from Redis, not the
    page again: for a 100 KB article that transfer cost more than the rest of
    the hit. A copy is served from here only under the same rules as from the
    cache: its generation is the current one and it is younger than
    `CLINIC_PAGE_CACHE_TIMEOUT`. Only copies read from the cache come here, so
    with Redis down nothing is kept.
    """

    def __init__(self, max_bytes):
        self.max_bytes = max_bytes
        self.copies = {}  # key -> stored copy, oldest first
        self.size = 0
        self.lock = threading.Lock()

    def get(self, key):
        return self.copies.get(key)

    def keep(self, key, stored):
        size = len(stored["content"])
        if size > self.max_bytes:
            return
        with self.lock:
            self.size -= len(self.copies.pop(key, {"content": b""})["content"])
            while self.copies and self.size + size > self.max_bytes:
                oldest = next(iter(self.copies))
                self.size -= len(self.copies.pop(oldest)["content"])
            self.copies[key] = stored
            self.size += size

    def forget(self, key):
        with self.lock:
            dropped = self.copies.pop(key, None)
            if dropped is not None:
                self.size -= len(dropped["content"])


recent = RecentCopies(RECENT_MAX_BYTES)


def current(stored, generation):
    """Whether `stored` may be served: rendered under `generation` and not expired."""
    return (
        stored is not None
        and stored.get("generation") == generation
        and stored["last_modified"] + conf.get("CLINIC_PAGE_CACHE_TIMEOUT") > time.time()
    )


def lookup(key):
    """
    The current content generation, and the copy stored at `key` if it may be
    served (else None). One cache round trip: the generation and the page read
    together, or the generation alone when this process holds a recent copy.
    Only after the content changed does a recent copy cost a second read, in
    case another process has already stored the page anew.
    """
    kept = recent.get(key)
    if kept is not None:
        generation = content_cache.generation()
        if current(kept, generation):
            return generation, kept
        recent.forget(key)
        stored = cache.get(key)
    else:
        generation, stored = content_cache.generation_and(key)
    if not current(stored, generation):
        return generation, None
    recent.keep(key, stored)
    return generation, stored


def refusal(request, response):
    """Why `response` must not be stored (a short reason), or "" when it may be."""
    if request.method != "GET":
        return "method"
    if response.status_code != 200 or response.streaming:
        return "status"
    match = getattr(request, "resolver_match", None)
    if match is None or match.url_name not in kept_views():
        return "view"
    if not getattr(request, "_page_cache_candidate", False):
        return "visitor"
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return "cookie"
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return "user"
    if getattr(request, "is_preview", False):
        return "preview"
    control = response.get("Cache-Control", "").lower()
    if any(directive in control for directive in PERSONAL_DIRECTIVES):
        return "cache-control"
    if has_vary_header(response, "Accept-Language") or has_vary_header(response, "Authorization"):
        return "vary"
    return ""


def public_headers(response):
    patch_cache_control(
        response,
        public=True,
        max_age=conf.get("CLINIC_PAGE_CACHE_MAX_AGE"),
        s_maxage=conf.get("CLINIC_PAGE_CACHE_S_MAXAGE"),
    )


def public_control():
    """
    The `Cache-Control` of a hit: what `public_headers()` makes of a response
    without one (a stored copy keeps none), without parsing and rebuilding it.
    """
    max_age = conf.get("CLINIC_PAGE_CACHE_MAX_AGE")
    return f"public, max-age={max_age}, s-maxage={conf.get('CLINIC_PAGE_CACHE_S_MAXAGE')}"


def snapshot(response, generation):
    """
    What is stored: the content generation it was rendered under, the body, its
    validators and the headers worth keeping, with the validators and the length
    already written out so that a hit only copies them.
    """
    content = response.content
    etag = f'"{hashlib.sha256(content).hexdigest()[:32]}"'
    last_modified = int(time.time())
    headers = {name: value for name, value in response.items() if name.lower() in KEPT_HEADERS}
    headers.update(
        {
            "ETag": etag,
            "Last-Modified": http_date(last_modified),
            "Content-Length": str(len(content)),
        }
    )
    return {
        "generation": generation,
        "content": content,
        "headers": headers,
        "etag": etag,
        "last_modified": last_modified,
    }


def restore(request, stored):
    response = HttpResponse(
        b"" if request.method == "HEAD" else stored["content"], headers=stored["headers"]
    )
    response["Cache-Control"] = public_control()
    response[HIT_HEADER] = "hit"
    if CONDITIONAL_HEADERS.isdisjoint(request.META):
        return response
    return get_conditional_response(
        request, etag=stored["etag"], last_modified=stored["last_modified"], response=response
    )


def validate(response, stored):
    response["ETag"] = stored["etag"]
    response["Last-Modified"] = stored["headers"]["Last-Modified"]
    public_headers(response)


class PageCacheMiddleware:
    """
    Serves and stores anonymous pages. Put it early in `MIDDLEWARE`, after the
    middleware that every answer needs (security headers, static files), so a
    hit skips sessions, CSRF, authentication and the database altogether; and
    before `DatabaseUnavailableMiddleware`, so cached pages are still served
    while the database is down.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not enabled() or not goes_to_kept_view(request):
            # Nothing this view answers is kept: no lookup, nothing to store or mark.
            return self.get_response(request)
        key = generation = None
        if is_anonymous_read(request):
            key = cache_key(request)
            generation, stored = lookup(key)
            if stored is not None:
                return restore(request, stored)
            request._page_cache_candidate = True
        response = self.get_response(request)
        reason = refusal(request, response)
        if reason:
            if reason not in ("method", "status", "view"):
                # A page others are served from the cache, but this answer is
                # personal (a signed-in editor, a cookie set): no shared cache may keep it.
                patch_cache_control(response, private=True)
            return response
        stored = snapshot(response, generation)
        cache.set(key, stored, timeout=conf.get("CLINIC_PAGE_CACHE_TIMEOUT"))
        validate(response, stored)
        response[HIT_HEADER] = "miss"
        return get_conditional_response(
            request, etag=stored["etag"], last_modified=stored["last_modified"], response=response
        )
