"""Politeness in time: one request at a time per host, a delay between the end of one
response and the next request to the same host, and several hosts at once.

Workers take the host that has been ready longest, so no worker sleeps on one host's
delay while another host is ready: with enough hosts, a harvest takes about as long as
its busiest host's delays, not the sum of them.
"""
from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Job:
    url: str
    kind: str = "page"  # page, feed, sitemap
    attempt: int = 0  # retries so far
    hops: int = 0  # redirects followed to reach this URL
    via: str | None = None  # the URL first asked for, when this is a redirect's target
    published: date | None = None
    not_before: float = 0.0  # time.monotonic() before which it must not be requested (Retry-After)

    @property
    def host(self) -> str:
        parts = urlsplit(self.url)
        return f"{parts.scheme.lower()}://{parts.netloc.lower()}"

    def again(self, **changes) -> "Job":
        return replace(self, **changes)


@dataclass(frozen=True)
class Outcome:
    """What handling a job did: whether it sent a request (then the host's delay starts
    from now), and the jobs it leads to (a redirect's target, a feed's pages, a retry)."""

    requested: bool
    follow: tuple[Job, ...] = ()
    retry_first: bool = False  # the follow-up goes before the host's other jobs


@dataclass
class _Host:
    jobs: deque = field(default_factory=deque)
    ready_at: float = 0.0
    busy: bool = False


class HostScheduler:
    def __init__(self, workers: int, delay_s: Callable[[str], float]) -> None:
        self.workers, self.delay_s = workers, delay_s
        self._hosts: dict[str, _Host] = {}
        self._active = 0
        self._cond = threading.Condition()
        self._failure: BaseException | None = None
        self._stopped = False

    def add(self, job: Job, first: bool = False) -> None:
        with self._cond:
            host = self._hosts.setdefault(job.host, _Host())
            host.ready_at = max(host.ready_at, job.not_before)  # a Retry-After holds the whole host
            (host.jobs.appendleft if first else host.jobs.append)(job)
            self._cond.notify_all()

    def run(self, handle: Callable[[Job], Outcome]) -> None:
        """Handle every job (and every job they lead to) until none is left."""
        threads = [threading.Thread(target=self._work, args=(handle,), daemon=True, name=f"harvest-{n}")
                   for n in range(self.workers)]
        for thread in threads:
            thread.start()
        try:
            for thread in threads:
                while thread.is_alive():
                    thread.join(0.2)  # short joins keep Ctrl-C responsive
        except BaseException:
            self.stop()
            raise
        if self._failure is not None:
            raise self._failure

    def stop(self) -> None:
        with self._cond:
            self._stopped = True
            self._cond.notify_all()

    def _work(self, handle: Callable[[Job], Outcome]) -> None:
        while (taken := self._take()) is not None:
            key, job = taken
            outcome = Outcome(requested=False)
            try:
                outcome = handle(job)
            except BaseException as error:  # a bug, not bad input: stop everything and report it
                with self._cond:
                    self._failure = self._failure or error
                self.stop()
            finally:
                self._release(key, outcome)

    def _take(self) -> tuple[str, Job] | None:
        with self._cond:
            while not self._stopped:
                waiting = [(h.ready_at, key) for key, h in self._hosts.items() if h.jobs and not h.busy]
                if not waiting and self._active == 0:
                    self._cond.notify_all()
                    return None
                now = time.monotonic()
                if waiting and (first := min(waiting))[0] <= now:
                    host = self._hosts[first[1]]
                    host.busy = True
                    self._active += 1
                    return first[1], host.jobs.popleft()
                self._cond.wait(min(waiting)[0] - now if waiting else None)
            return None

    def _release(self, key: str, outcome: Outcome) -> None:
        with self._cond:
            host = self._hosts[key]
            if outcome.requested:
                host.ready_at = max(host.ready_at, time.monotonic() + self.delay_s(key))
            for job in reversed(outcome.follow) if outcome.retry_first else outcome.follow:
                self.add(job, first=outcome.retry_first)  # before `active` drops: no worker quits early
            host.busy = False
            self._active -= 1
            self._cond.notify_all()
