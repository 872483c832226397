"""The timeline of matching articles per month, as inline SVG built on the server.

Built in Python rather than drawn by a script so the page works without JavaScript and the
bars are ordinary links: each month's stack links to the search narrowed to that month, and
carries a <title> tooltip. Colours come from the stylesheet (class route-<id>), never from
style attributes, which the Content-Security-Policy forbids.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence

from markupsafe import Markup, escape

from search import ROUTES, TimelineBar

BAR_WIDTH = 12
BAR_GAP = 3
CHART_HEIGHT = 80
AXIS_HEIGHT = 16
MIN_MONTHS = 12  # a short range is widened so a lone month does not fill the page
ROUTE_LABELS = {t.id: t.label for t in ROUTES} | {"none": "No route reported"}
ROUTE_ORDER = [t.id for t in ROUTES] + ["none"]
_ROUTE_RANKS = {route: rank for rank, route in enumerate(ROUTE_ORDER)}


def month_range(months: Iterable[str]) -> list[str]:
    """Every month from the first to the last given (YYYY-MM), widened to MIN_MONTHS."""
    indexes = sorted({_month_index(m) for m in months})
    if not indexes:
        return []
    first, last = indexes[0], indexes[-1]
    missing = max(0, MIN_MONTHS - (last - first + 1))
    first -= missing // 2
    last += missing - missing // 2
    return [_month_name(i) for i in range(first, last + 1)]


def render_timeline(bars: Sequence[TimelineBar], link_for_month: Callable[[str], str]) -> Markup:
    """An <svg> with one linked stack of route-coloured rectangles per month."""
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    for bar in bars:
        counts[bar.month][bar.route] = counts[bar.month].get(bar.route, 0) + bar.count
    months = month_range(counts)
    if not months:
        return Markup("")
    tallest = max(sum(c.values()) for c in counts.values())
    width = len(months) * (BAR_WIDTH + BAR_GAP)
    height = CHART_HEIGHT + AXIS_HEIGHT
    parts = [_stack(i, month, counts.get(month, {}), tallest, link_for_month)
             for i, month in enumerate(months)]
    parts += _year_labels(months)
    return Markup(
        f'<svg class="timeline" viewBox="0 0 {width} {height}" width="{width * 3 // 2}" '
        f'height="{height * 3 // 2}" role="group" aria-label="Matching articles per month">'
        f'{"".join(parts)}</svg>')


def _stack(position: int, month: str, by_route: dict[str, int], tallest: int,
           link_for_month: Callable[[str], str]) -> str:
    total = sum(by_route.values())
    if not total:
        return ""
    x = position * (BAR_WIDTH + BAR_GAP)
    y = CHART_HEIGHT
    routes = sorted(by_route, key=_route_rank)
    rects = []
    for route in routes:
        h = by_route[route] / tallest * CHART_HEIGHT
        y -= h
        rects.append(f'<rect class="route-{escape(route)}" x="{x}" y="{y:.2f}" '
                     f'width="{BAR_WIDTH}" height="{h:.2f}"/>')
    detail = ", ".join(f"{ROUTE_LABELS.get(r, r)}: {by_route[r]}" for r in routes)
    label = f"{month}: {total} article{'s' if total != 1 else ''} ({detail})"
    return (f'<a href="{escape(link_for_month(month))}" aria-label="{escape(label)}">'
            f'<title>{escape(label)}</title>{"".join(rects)}</a>')


MONTH_ABBREVIATIONS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
LABEL_MONTHS = 4  # a "Jun 2017" label needs about four bars of room before the next year's


def _year_labels(months: list[str]) -> list[str]:
    """The year under each January. A chart that starts later in the year names its first
    month too ("Jun 2017"): a bare "2017" under June read as January."""
    labels = []
    for i, month in enumerate(months):
        text = _axis_label(month, first=i == 0)
        if text:
            x = i * (BAR_WIDTH + BAR_GAP)
            labels.append(f'<text x="{x}" y="{CHART_HEIGHT + AXIS_HEIGHT - 3}" class="timeline-year">'
                          f'{escape(text)}</text>')
    return labels


def _axis_label(month: str, first: bool) -> str:
    number = int(month[5:7])
    if number == 1:
        return month[:4]
    if first and number <= 13 - LABEL_MONTHS:
        return f"{MONTH_ABBREVIATIONS[number - 1]} {month[:4]}"
    return ""


def _route_rank(route: str) -> int:
    return _ROUTE_RANKS.get(route, len(ROUTE_ORDER))


def _month_index(month: str) -> int:
    year, number = month.split("-")
    return int(year) * 12 + int(number) - 1


def _month_name(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def timeline_legend(bars: Sequence[TimelineBar]) -> list[tuple[str, str]]:
    """(route id, label) for the routes drawn, in the order they are stacked."""
    return [(r, ROUTE_LABELS.get(r, r)) for r in sorted({b.route for b in bars}, key=_route_rank)]
