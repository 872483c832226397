"""Elements a page's own stylesheet hides: `.note { visibility: hidden }` in a <style> block.

Only what holds whatever the screen is taken into account: rules at the top level of the
stylesheet (not inside @media or @supports, which apply only sometimes) whose selector is a
class or id, alone or on a tag (`.note`, `#promo`, `div.note.old`). A selector with a
combinator, an attribute or a pseudo-class (`.menu:hover`, `.open .menu`) depends on state
or place, and is not read. Between the rules that set `display` or `visibility` on an
element, the cascade decides as in a browser: !important first, then specificity, then the
later rule.

The CSS is read here, not with tinycss2: parsing a page's whole stylesheet with it made the
HTML cleaner three times slower (benchmark pages: 64 pages/s without it, 20 with it), while
only the few rules that set display or visibility matter.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from lxml.html import HtmlElement

_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_BRACE = re.compile(r"[{}]")
_SIMPLE_SELECTOR = re.compile(r"^([a-zA-Z][a-zA-Z0-9]*)?((?:[.#][\w-]+)+)$")
_SIMPLE_PART = re.compile(r"([.#])([\w-]+)")
_IMPORTANT = re.compile(r"!\s*important\s*$", re.IGNORECASE)
_PROPERTIES = ("display", "visibility")
_HIDING = {"display": {"none"}, "visibility": {"hidden", "collapse"}}
_STYLESHEET_MAX_CHARS = 2_000_000  # past this, a page's CSS is not read


@dataclass(frozen=True)
class _Rule:
    tag: str | None
    ids: frozenset[str]
    classes: frozenset[str]
    declarations: dict[str, tuple[str, bool]]  # property -> (value, !important)
    order: int

    def matches(self, element: HtmlElement, classes: set[str]) -> bool:
        return ((self.tag is None or self.tag == element.tag) and self.classes <= classes
                and all(i == element.get("id") for i in self.ids))

    def rank(self, name: str) -> tuple[bool, int, int, int, int]:
        """Cascade order for one property: !important, ids, classes, tag, then later wins."""
        return (self.declarations[name][1], len(self.ids), len(self.classes),
                self.tag is not None, self.order)


def _top_level_rules(css: str) -> Iterator[tuple[str, str]]:
    """(selector list, declaration block) of each rule outside any at-rule block."""
    depth, start, opened = 0, 0, 0
    for brace in _BRACE.finditer(css):
        if brace[0] == "{":
            if depth == 0:
                opened = brace.start()
            depth += 1
        elif depth > 0:
            depth -= 1
            if depth == 0:
                prelude, block = css[start:opened].strip(), css[opened + 1:brace.start()]
                if not prelude.startswith("@") and "{" not in block:
                    yield prelude, block
                start = brace.end()


def _declarations(block: str) -> dict[str, tuple[str, bool]]:
    found: dict[str, tuple[str, bool]] = {}
    for part in block.split(";"):
        name, colon, value = part.partition(":")
        name = name.strip().casefold()
        if colon and name in _PROPERTIES:
            important = bool(_IMPORTANT.search(value))
            found[name] = (_IMPORTANT.sub("", value).strip().casefold(), important)
    return found


def _rules(css: str) -> Iterator[_Rule]:
    """The simple-selector rules that set display or visibility, in stylesheet order."""
    order = 0
    for prelude, block in _top_level_rules(_COMMENT.sub("", css)):
        lowered = block.casefold()
        if "display" not in lowered and "visibility" not in lowered:
            continue
        declarations = _declarations(block)
        for selector in prelude.split(","):
            match = _SIMPLE_SELECTOR.match(selector.strip())
            if match and declarations:
                parts = _SIMPLE_PART.findall(match[2])
                order += 1
                yield _Rule(match[1].lower() if match[1] else None,
                            frozenset(n for mark, n in parts if mark == "#"),
                            frozenset(n for mark, n in parts if mark == "."), declarations, order)


def _is_hidden(element: HtmlElement, rules: list[_Rule], classes: set[str]) -> bool:
    matching = [rule for rule in rules if rule.matches(element, classes)]
    for name in _PROPERTIES:
        setting = [rule for rule in matching if name in rule.declarations]
        if setting:
            winner = max(setting, key=lambda rule: rule.rank(name))
            if winner.declarations[name][0] in _HIDING[name]:
                return True
    return False


def hidden_by_stylesheet(tree: HtmlElement) -> list[HtmlElement]:
    """Elements the page's stylesheet hides, in page order. Read it before the <style>
    blocks are dropped."""
    css = "\n".join(style.text_content() for style in tree.iter("style"))
    if len(css) > _STYLESHEET_MAX_CHARS:
        return []
    rules = list(_rules(css))
    if not any(any(v in _HIDING[n] for n, (v, _) in r.declarations.items()) for r in rules):
        return []
    by_key: dict[str, list[_Rule]] = defaultdict(list)  # a rule is filed under one class or id
    for rule in rules:
        by_key[next(iter(sorted(rule.ids)), None) or f".{min(rule.classes)}"].append(rule)
    hidden = []
    for element in tree.xpath("//*[@class or @id]"):
        classes = set((element.get("class") or "").split())
        keys = [f".{c}" for c in classes] + ([element.get("id")] if element.get("id") else [])
        candidates = [rule for key in keys for rule in by_key.get(key, ())]
        if candidates and _is_hidden(element, candidates, classes):
            hidden.append(element)
    return hidden
