"""
A circuit breaker for the Redis cache's connections.

Redis is a cache here, never a gate: the cache backend (django-redis with
`IGNORE_EXCEPTIONS`) turns a failed call into a cache miss. That alone still
costs a socket timeout per cache call while Redis hangs, and a page makes
several. So after a connection to a Redis server fails or times out, every
connection to that server in this process fails at once, without touching the
network, for `CLINIC_REDIS_RETRY_AFTER` seconds; the first call after that tries
again. A hanging Redis then costs a process one timeout every few seconds
instead of one per cache call.

Used through the cache's `CONNECTION_POOL_CLASS` (see `clinic_site/settings/base.py`),
and by the task queue's backend (`clinic_site.task_backends`). The state is per
process and per server, like the connections themselves.
"""

import logging
import threading
import time

from redis.connection import (
    Connection,
    ConnectionPool,
    SSLConnection,
    UnixDomainSocketConnection,
)
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from . import conf

logger = logging.getLogger(__name__)

_lock = threading.Lock()
# Server -> time.monotonic() until which connections to it are not attempted.
_open_until = {}


class CircuitOpen(RedisConnectionError):
    """Raised instead of connecting while a server's breaker is open."""


def is_open(server):
    return _open_until.get(server, 0) > time.monotonic()


def trip(server):
    """Open the breaker for `server`; logs once per opening, without the error's text."""
    seconds = conf.get("CLINIC_REDIS_RETRY_AFTER")
    with _lock:
        was_open = is_open(server)
        _open_until[server] = time.monotonic() + seconds
    if not was_open:
        logger.warning(
            "Redis (%s) failed; it is skipped for %s s, then tried again.", server, seconds
        )


def reset(server=None):
    """Close the breaker for `server`, or for every server."""
    with _lock:
        if server is None:
            _open_until.clear()
        else:
            _open_until.pop(server, None)


class BreakerMixin:
    """Fails fast while the server's breaker is open; opens it on a connection error or timeout."""

    @property
    def breaker_key(self):
        path = getattr(self, "path", None)
        return path if path else f"{self.host}:{self.port}"

    def _guard(self):
        if is_open(self.breaker_key):
            raise CircuitOpen(f"Redis at {self.breaker_key} is skipped after a recent failure.")

    def _call(self, method, *args, **kwargs):
        try:
            return method(*args, **kwargs)
        except CircuitOpen:
            raise
        except (RedisConnectionError, RedisTimeoutError):
            trip(self.breaker_key)
            raise

    def connect_check_health(self, *args, **kwargs):
        if getattr(self, "_sock", None) is None:
            self._guard()
        return self._call(super().connect_check_health, *args, **kwargs)

    def send_packed_command(self, *args, **kwargs):
        self._guard()
        return self._call(super().send_packed_command, *args, **kwargs)

    def read_response(self, *args, **kwargs):
        return self._call(super().read_response, *args, **kwargs)


class BreakerConnection(BreakerMixin, Connection):
    pass


class BreakerSSLConnection(BreakerMixin, SSLConnection):
    pass


class BreakerUnixDomainSocketConnection(BreakerMixin, UnixDomainSocketConnection):
    pass


BREAKER_CLASSES = {
    Connection: BreakerConnection,
    SSLConnection: BreakerSSLConnection,
    UnixDomainSocketConnection: BreakerUnixDomainSocketConnection,
}


class SkipCircuitOpen(logging.Filter):
    """
    Drops log records about calls the open breaker refused: they say nothing new
    (`trip()` logged the failure once) and would fill the log with one traceback
    per cache call while Redis is down.
    """

    def filter(self, record):
        error = record.exc_info[1] if record.exc_info else None
        seen = set()
        while error is not None and id(error) not in seen:
            if isinstance(error, CircuitOpen):
                return False
            seen.add(id(error))
            error = error.__cause__ or error.__context__
        return True


class BreakerConnectionPool(ConnectionPool):
    """A connection pool whose connections (TCP, TLS or Unix socket) go through the breaker."""

    def __init__(self, connection_class=Connection, **kwargs):
        connection_class = BREAKER_CLASSES.get(connection_class, connection_class)
        super().__init__(connection_class=connection_class, **kwargs)
