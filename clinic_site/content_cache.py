"""
Values worked out from the published content, kept in Django's cache (Redis in
production) until the content changes: the site's chrome (clinic details, main
menu), which sections are private, and what listings show beside their items
(how many articles, the categories and months that have some).

Every key carries a generation that `content_changed()` replaces whenever a page
is published, unpublished, saved, moved or deleted, a view restriction, site or
clinic setting changes, or an app says its content changed (the blog's
categories): the next request reads fresh values, and the old ones expire.

Each process remembers the generation it read for `CLINIC_CONTENT_GENERATION_SECONDS`
(one second) before reading it again, and reads it back at once after a change
it made itself: a request, a page cache hit among them, costs no Redis round trip
for it, and a change made in another process reaches this one within that second. With
the cache down nothing is remembered and every call computes its value, as if
nothing were cached.
"""

import threading
import time
import uuid

from django.core.cache import cache
from django.core.signals import setting_changed
from django.dispatch import receiver

from wagtail.models import Page

from . import conf

GENERATION_KEY = "clinic_site:content-generation"
KEY = "clinic_site:content:{generation}:{name}"
# Values of an old generation are never read again; they expire after this.
TIMEOUT = 24 * 60 * 60

# Saves that change only a draft, a lock or a revision pointer: nothing published.
# Wagtail's `save_revision()`, autosave and locking save with these `update_fields`.
DRAFT_ONLY_FIELDS = frozenset(
    {
        "wagtail_admin_comments",
        "latest_revision",
        "latest_revision_created_at",
        "draft_title",
        "has_unpublished_changes",
        "locked",
        "locked_at",
        "locked_by",
    }
)

_MISSING = object()


class Remembered:
    """
    The generation this process last read or set, and until when (a monotonic
    clock) it is trusted without asking the cache again.
    """

    def __init__(self):
        self.value = None
        self.until = 0.0
        self.lock = threading.Lock()

    def get(self):
        return self.value if time.monotonic() < self.until else None

    def set(self, value):
        with self.lock:
            self.value = value
            self.until = time.monotonic() + conf.get("CLINIC_CONTENT_GENERATION_SECONDS")

    def forget(self):
        with self.lock:
            self.value, self.until = None, 0.0


remembered = Remembered()


def generation():
    """The current content generation: part of every key made from published content."""
    return _generation()


def forget():
    """Read the generation from the cache next time (after the cache was emptied)."""
    remembered.forget()


@receiver(setting_changed)
def _forget_on_new_cache(setting, **kwargs):
    if setting in ("CACHES", "CLINIC_CONTENT_GENERATION_SECONDS"):
        forget()


def _generation():
    generation = remembered.get()
    if generation is None:
        generation = cache.get(GENERATION_KEY)
        if generation is None:
            cache.add(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
            generation = cache.get(GENERATION_KEY)
        if generation is None:  # the cache is down: a value no copy carries
            return uuid.uuid4().hex
        remembered.set(generation)
    return generation


def generation_and(key):
    """
    The current content generation and the cached value at `key` (None if absent),
    in one cache round trip: the page cache's lookup of a page this process has
    not served lately, which would otherwise wait for Redis twice. With the
    generation remembered, only the value is read.
    """
    generation = remembered.get()
    if generation is not None:
        return generation, cache.get(key)
    found = cache.get_many([GENERATION_KEY, key])
    generation = found.get(GENERATION_KEY)
    if generation is None:
        return _generation(), found.get(key)
    remembered.set(generation)
    return generation, found.get(key)


def get_or_set(name, compute, keep=None, timeout=TIMEOUT):
    """
    The cached value called `name` for the current content, or `compute()`'s,
    stored for `timeout` seconds unless `keep(value)` says it is not worth keeping.
    """
    key = KEY.format(generation=_generation(), name=name)
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        if keep is None or keep(value):
            cache.set(key, value, timeout=timeout)
    return value


def content_changed(**kwargs):
    """
    Signal receiver: published content changed; every value is worked out again.
    A save of draft-only fields (an editor's draft, a lock) changes nothing published.
    """
    update_fields = kwargs.get("update_fields")
    if update_fields and set(update_fields) <= DRAFT_ONLY_FIELDS:
        return
    cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
    remembered.forget()  # read back on next use: what the cache holds, if it is up


def page_saved(sender, instance, **kwargs):
    """Signal receiver for every model's `post_save`: a page's title or menu flag may change."""
    if isinstance(instance, Page):
        content_changed(update_fields=kwargs.get("update_fields"))


def settings_saved(sender, instance, created=False, **kwargs):
    """Signal receiver: settings changed; a row just made with the defaults changes nothing."""
    if not created:
        content_changed()


def image_saved(sender, instance, update_fields=None, **kwargs):
    """Signal receiver: an image changed, unless Wagtail only stored its file's hash."""
    if not (update_fields and set(update_fields) <= {"file_hash"}):
        content_changed()
