"""
django-tasks-rq's RQ backend, with a way round Redis while it is down.

It raises when it cannot reach Redis. Wagtail enqueues its own tasks in the
middle of a request: the reference index after every save of a page, a snippet
or a consultation request (inside the transaction), file deletions, image focal
points. A Redis outage would then lose a patient's submission and fail an
editor's publish. This backend runs such a task right away, in the request, as
the development settings always do, and logs that it did; a task marked
`@retried_later` (see the package) raises to its caller instead.

After a failure the queue is not tried again for `CLINIC_REDIS_RETRY_AFTER`
seconds (`clinic_site.breaker`), so a hanging Redis costs a process one socket
timeout, not one per task. Needs django-tasks-rq (and so RQ and redis).
"""

import logging

from django_tasks.backends.immediate import ImmediateBackend
from django_tasks_rq import RQBackend as BaseRQBackend
from redis.exceptions import RedisError

from .. import breaker
from . import is_retried_later

logger = logging.getLogger(__name__)


class RQBackend(BaseRQBackend):
    """django-tasks-rq's RQ backend that runs a task in the request when Redis is unreachable."""

    def __init__(self, alias, params):
        super().__init__(alias, params)
        self.fallback = ImmediateBackend(alias, params)

    def enqueue(self, task, args, kwargs):
        server = f"task queue {self.alias}"
        try:
            if breaker.is_open(server):
                raise breaker.CircuitOpen(f"The {server} is skipped after a recent failure.")
            return super().enqueue(task, args, kwargs)
        except RedisError as error:
            if not isinstance(error, breaker.CircuitOpen):
                breaker.trip(server)
            if is_retried_later(task) or task.run_after is not None:
                raise
            logger.warning(
                "Task %s could not be queued (%s); running it now instead.",
                task.module_path,
                type(error).__name__,
            )
            return self.fallback.enqueue(task, args, kwargs)
