"""
The test cache: emptied between tests without touching anyone else's keys.

Test settings put the cache on the shared Redis under a key prefix of this
process's own. Django's `cache.clear()` there would be FLUSHDB, wiping every
other run's keys (and a developer's), so `empty()` deletes only this prefix.
"""

from django.conf import settings
from django.core.cache import caches

from django_redis.client.default import glob_escape


def uses_redis(cache):
    return hasattr(cache, "delete_pattern")  # django-redis


def own_keys(cache):
    """The raw Redis keys this process wrote through `cache`, found with SCAN."""
    client = cache.client.get_client(write=True)
    return list(client.scan_iter(match=f"{glob_escape(cache.key_prefix)}:*", count=1000))


def empty(cache):
    if not uses_redis(cache):
        cache.clear()
        return
    keys = own_keys(cache)
    client = cache.client.get_client(write=True)
    for start in range(0, len(keys), 500):
        client.unlink(*keys[start : start + 500])


def empty_all():
    """Empty every cache; this process then reads the content generation afresh."""
    from clinic_site import content_cache

    for alias in settings.CACHES:
        empty(caches[alias])
    content_cache.forget()
