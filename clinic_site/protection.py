"""
Request protection shared by every app: who the client is, and how often they
may do something.

One rule for the client's address and one rate limiter, so the blog's comments,
the consultation form and its JSON API count patients the same way, behind a
proxy or not. Apps import these functions; nothing here knows about an app.

- `client_ip(request)`: the address the rate limits count. With no proxy
  configured it is `REMOTE_ADDR`, whatever headers the client sends. Behind
  `CLINIC_PROXY_COUNT` reverse proxies that each append the address they got the
  connection from to `X-Forwarded-For`, it is the address the outermost proxy
  appended; anything to its left was written by the client and is ignored.
  django-ipware reads the header (IPv6, ports, RFC 7239 forms, garbage).
- `hit(scope, key, limit=..., period=...)`: counts one use in Django's cache and
  says whether it went over the limit. Keys are keyed hashes, never addresses or
  e-mails. The cache is a convenience, not a gate: when it cannot be reached the
  check is skipped (and logged) rather than refusing a patient or failing a page.
"""

import logging

from django.core.cache import cache
from django.http import HttpRequest
from django.utils.crypto import salted_hmac

from ipware import get_client_ip

from . import conf

logger = logging.getLogger(__name__)

FORWARDED_HEADER = "HTTP_X_FORWARDED_FOR"


def client_ip(request):
    """The client's IP address as the configured proxies report it; `""` if unknown."""
    peer = request.META.get("REMOTE_ADDR") or ""
    proxy_count = conf.get("CLINIC_PROXY_COUNT")
    trusted = conf.get("CLINIC_TRUSTED_PROXIES") or None
    # Every hop the request passed, client side first: what X-Forwarded-For lists,
    # then the peer that connected to us (the nearest proxy, when there is one).
    # Without proxies only the peer counts, so a forged header changes nothing.
    hops = [request.META.get(FORWARDED_HEADER, ""), peer] if proxy_count or trusted else [peer]
    chain = HttpRequest()
    chain.META = {FORWARDED_HEADER: ", ".join(hop for hop in hops if hop)}
    try:
        address, _routable = get_client_ip(
            chain,
            proxy_count=proxy_count,
            proxy_trusted_ips=trusted,
            request_header_order=(FORWARDED_HEADER,),
            # Count from the right and skip what the client may have put on the left.
            strict=False,
        )
    except (TypeError, ValueError):
        # Misconfigured proxy settings; `manage.py check` reports which.
        logger.error("CLINIC_PROXY_COUNT or CLINIC_TRUSTED_PROXIES is invalid; using REMOTE_ADDR.")
        address = None
    # No valid chain (a direct connection past the proxy, or no header): the peer.
    return address or peer


def key_hash(scope, key):
    """A keyed hash of `key` (SECRET_KEY is the key): stable, but not reversible to the key."""
    return salted_hmac(f"clinic_site.protection.{scope}", str(key), algorithm="sha256").hexdigest()


def hit(scope, key, *, limit, period):
    """
    Count one use of `key` (an address, an e-mail) in `scope` ("blog.comments");
    True when this use goes over `limit` uses per `period` seconds.

    Never raises: with the cache unreachable it logs a warning and returns False,
    so a patient is never refused, nor shown an error, because Redis is down.
    """
    cache_key = f"clinic:rate:{scope}:{key_hash(scope, key)}"
    try:
        cache.add(cache_key, 0, timeout=period)
        try:
            count = cache.incr(cache_key)
        except ValueError:  # expired between add() and incr()
            cache.set(cache_key, 1, timeout=period)
            count = 1
    except Exception as error:  # any backend's connection or timeout error
        logger.warning("Rate limit %s skipped: the cache failed (%s).", scope, type(error).__name__)
        return False
    if count is None:
        # A cache that swallows its errors (IGNORE_EXCEPTIONS) answers None.
        logger.warning("Rate limit %s skipped: the cache is unavailable.", scope)
        return False
    return count > limit
