"""robots.txt, read with Protego (Scrapy's parser: wildcards, Allow/Disallow precedence and
Crawl-delay as Google and RFC 9309 read them; the standard library's parser knows no
wildcards). What an answer means follows RFC 9309: a 4xx means no rules, an unreachable
robots.txt (5xx, no answer) means everything is disallowed for this run."""
from __future__ import annotations

from dataclasses import dataclass

from protego import Protego

ROBOTS_AGENT = "defection-search"


@dataclass(frozen=True)
class Robots:
    rules: Protego | None  # None: no rules, everything allowed
    disallow_all: bool = False

    def allows(self, url: str) -> bool:
        if self.disallow_all:
            return False
        return self.rules is None or self.rules.can_fetch(url, ROBOTS_AGENT)

    def crawl_delay_s(self) -> float:
        delay = self.rules.crawl_delay(ROBOTS_AGENT) if self.rules is not None else None
        return float(delay or 0.0)


def robots_from(status: int | None, body: bytes) -> Robots:
    """The rules an answer to /robots.txt gives (status None: no answer)."""
    if status is not None and 200 <= status < 300:
        return Robots(Protego.parse(body.decode("utf-8", errors="replace")))
    if status is not None and 400 <= status < 500:
        return Robots(None)
    return Robots(None, disallow_all=True)
