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
_AT_BLOCK = re.compile(r"@[^{};]*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}")  # @media {...} and the like
_FLAT_RULE = re.compile(r"([^{}]*)\{([^{}]*)\}")
_TOUCHES = re.compile(r"display|visibility", re.IGNORECASE)
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
    """(selector list, declaration block) of each rule outside any at-rule block that sets
    display or visibility: at-rule blocks are cut out first, and the regexes do the scanning."""
    flat = _AT_BLOCK.sub(" ", _COMMENT.sub("", css))
    for rule in _FLAT_RULE.finditer(flat):
        if _TOUCHES.search(rule[2]):
            yield rule[1].rsplit(";", 1)[-1].strip(), rule[2]  # after an "@import ...;"


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
    for prelude, block in _top_level_rules(css):
        declarations = _declarations(block)
        for selector in prelude.split(",") if declarations else ():
            match = _SIMPLE_SELECTOR.match(selector.strip())
            if match:
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


def _hides(rule: _Rule) -> bool:
    return any(value in _HIDING[name] for name, (value, _) in rule.declarations.items())


def _key(rule: _Rule) -> str:
    """The one class or id a rule is filed under: an element must have it to be selected."""
    return min(rule.ids, default="") or f".{min(rule.classes)}"


def hidden_by_stylesheet(tree: HtmlElement) -> list[HtmlElement]:
    """Elements the page's stylesheet hides, in page order. Read it before the <style>
    blocks are dropped. Only the elements with a class or id that a hiding rule names are
    weighed against the rules that select them."""
    css = "\n".join(style.text_content() for style in tree.iter("style"))
    if len(css) > _STYLESHEET_MAX_CHARS:
        return []
    rules = list(_rules(css))
    by_key: dict[str, list[_Rule]] = defaultdict(list)
    for rule in rules:
        by_key[_key(rule)].append(rule)
    hiding_keys = {_key(rule) for rule in rules if _hides(rule)}
    if not hiding_keys:
        return []
    hidden = []
    for element in tree.xpath("//*[@class or @id]"):
        classes = set((element.get("class") or "").split())
        keys = {f".{c}" for c in classes} | {element.get("id") or ""}
        if keys & hiding_keys:
            candidates = [rule for key in keys for rule in by_key.get(key, ())]
            if _is_hidden(element, candidates, classes):
                hidden.append(element)
    return hidden
