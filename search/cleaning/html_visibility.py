"""What a reader of a page never sees: code, templates, and text its markup hides.

Hidden text is no part of the article as published (keyword stuffing, pre-rendered menus and
dialogs, alternative versions a script swaps in). trafilatura drops some of it, but not all:
its rule reads an element's style only when no id attribute comes before it, it knows
neither `visibility: collapse` nor the `hidden` attribute, and it does not read the page's
stylesheet (html_stylesheet does, for the rules that hold on any screen). Hidden text is
dropped without a RemovedSpan, like scripts, so that recorded spans hold only text a reader
saw.

Two kinds of hiding are left alone, because the text is shown after all: a page whose body
is hidden until a script runs (an anti-flicker snippet), and the descendants of a hidden
element that set `visibility: visible` again (CSS lets a child of a hidden parent show
itself). A hidden copy of the article (schema.org microdata for search engines) is hidden.
"""
from __future__ import annotations

import re

from lxml.html import HtmlElement

from search.cleaning.html_stylesheet import hidden_by_stylesheet

_INVISIBLE_TAGS = ("script", "style", "template", "noscript")
_HIDING_MARKUP = "//*[@style or @hidden]"
_DECLARATION = re.compile(r"([a-z-]+)\s*:\s*([^;]*)", re.IGNORECASE)
_IMPORTANT = re.compile(r"\s*!\s*important\s*$", re.IGNORECASE)
_HIDING_VALUES = {"display": {"none"}, "visibility": {"hidden", "collapse"}}
# A page that hides itself whole until a script runs is still read: only parts of it can be hidden.
_WHOLE_PAGE = frozenset({"html", "body"})


def style_declarations(style: str) -> dict[str, str]:
    """An inline style's properties and values, lower-cased; a later declaration wins, as in CSS."""
    found = (_DECLARATION.fullmatch(part.strip()) for part in style.split(";"))
    return {m[1].casefold(): _IMPORTANT.sub("", m[2]).strip().casefold() for m in found if m}


def hiding_property(element: HtmlElement) -> str | None:
    """What in its own markup hides the element: "display" (none), "visibility" (hidden or
    collapse) or "hidden" (the attribute, but not hidden="until-found", which the browser's
    find-in-page reveals); None when it is shown."""
    hidden = element.get("hidden")
    if hidden is not None and hidden.strip().casefold() != "until-found":
        return "hidden"
    declarations = style_declarations(element.get("style") or "")
    return next((name for name, values in _HIDING_VALUES.items()
                 if declarations.get(name) in values), None)


def _shows_a_descendant(element: HtmlElement) -> bool:
    return any(_visibility(child) == "visible" for child in element.iterdescendants()
               if child.get("style"))


def _visibility(element: HtmlElement) -> str | None:
    return style_declarations(element.get("style") or "").get("visibility")


def _keep_only_visible(element: HtmlElement) -> None:
    """A visibility-hidden element with a descendant that shows itself again: its own text and
    every child that stays hidden go, the shown descendants stay."""
    element.text = None
    for child in list(element):
        child.tail = None
        if _visibility(child) == "visible":
            continue
        if _shows_a_descendant(child):
            _keep_only_visible(child)
        else:
            child.drop_tree()


def _shows_itself(element: HtmlElement) -> bool:
    """Its own style overrides a stylesheet that hides it (display: block, visibility: visible)."""
    declarations = style_declarations(element.get("style") or "")
    return any(name in declarations and declarations[name] not in values
               for name, values in _HIDING_VALUES.items())


def _unhide(element: HtmlElement) -> None:
    """What stays is shown: trafilatura must not drop it for its style either."""
    element.attrib.pop("style", None)
    element.attrib.pop("hidden", None)


def drop_invisible(tree: HtmlElement) -> None:
    """Remove code, templates and hidden text from `tree` in place; the text that follows a
    dropped element (its tail) stays."""
    hidden_by_rules = hidden_by_stylesheet(tree)  # read before the <style> blocks go
    for element in list(tree.iter(*_INVISIBLE_TAGS)):
        if element.getparent() is not None:
            element.drop_tree()
    for element in hidden_by_rules:
        if element.tag not in _WHOLE_PAGE and not _shows_itself(element) \
                and element.getparent() is not None:
            element.drop_tree()
    for element in tree.xpath(_HIDING_MARKUP):
        hidden_by = hiding_property(element)
        if hidden_by is None or element.getparent() is None:
            continue
        if element.tag in _WHOLE_PAGE:
            _unhide(element)
        elif hidden_by == "visibility" and _shows_a_descendant(element):
            _keep_only_visible(element)
            _unhide(element)
        else:
            element.drop_tree()
