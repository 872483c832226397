"""HTML page -> the article's own words (CleanedText), and what was taken out.

Three passes, each measured on the article-extraction benchmark (docs/benchmarks.md):

1. Drop hidden elements (html_visibility), then elements whose tag, ARIA role or class/id
   words mark them as page furniture (comment threads, share bars, navigation, promos,
   captions, credits, forms, footers); an id that is a section's heading anchor names its
   topic, not its role, and is set aside first (html_anchors).
   trafilatura prunes most of these itself, so this pass hardly moves the scores; it is
   here so that what was dropped can be recorded as RemovedSpan records, by kind.
2. trafilatura picks the main text (favor_precision). When that leaves almost nothing, it is
   asked again with favor_recall: precision mode sometimes picks a copyright notice over an
   article whose markup it does not trust.
3. Lines are filtered: a repeat of the headline at the top, and short lines whose wording is
   boilerplate ("Related: ...", "Sign up for our newsletter", "Follow us on Twitter").

The lxml tree is parsed once (search.cleaning.html_metadata.parse_html) and handed to
trafilatura as a tree: a BeautifulSoup round trip costs ~17 ms a page, more than trafilatura
itself, and would put the cleaner under 50 pages/s.
"""
from __future__ import annotations

import re

import trafilatura
from lxml.html import HtmlElement

from search.cleaning.html_anchors import unmark_heading_anchors
from search.cleaning.html_visibility import drop_invisible
from search.cleaning.korean_lines import korean_line_kind
from search.cleaning.plaintext_rules import TRAILING_REPORTER
from search.cleaning.titles import korean_markup_headline
from search.cleaning.html_metadata import (
    extract_page_metadata, page_title_candidates, parse_html, squash_spaces,
)
from search.models import CleanedText, RemovedSpan

# extract_page_metadata lives beside the parser; it is re-exported so that callers import
# both page readers from this module.
__all__ = ["clean_html", "extract_body_html", "extract_page_metadata"]

REMOVED_TEXT_MAX_CHARS = 500

# ------------------------------------------------------------- page furniture (pass 1) ---
_TAG_KINDS = {"nav": "nav", "footer": "footer", "aside": "promo", "form": "form",
              "figcaption": "caption"}
_ROLE_KINDS = {"navigation": "nav", "contentinfo": "footer", "complementary": "promo",
               "search": "form"}
_CLASS_WORD_KINDS = {
    "comments": ("comment", "comments", "commentlist", "disqus", "respond", "replies",
                 "discussion"),
    "share": ("share", "sharing", "social", "sociable", "addthis", "sharethis", "sharebar"),
    "promo": ("related", "recommended", "recommendations", "newsletter", "subscribe",
              "subscription", "signup", "promo", "promotion", "advert", "advertisement", "ad",
              "ads", "sponsor", "sponsored", "outbrain", "taboola", "trending", "popular"),
    "nav": ("nav", "navbar", "navigation", "menu", "breadcrumb", "breadcrumbs"),
    "footer": ("footer",),
    "caption": ("caption", "figcaption"),
    "credit": ("credit", "credits", "copyright"),
    "bio": ("bio", "biography"),
}
_CLASS_WORD_KIND = {w: kind for kind, words in _CLASS_WORD_KINDS.items() for w in words}
_CLASS_WORD_SPLIT = re.compile(r"[^a-z0-9]+")
# Containers that may carry a furniture word ("post has-comments") but hold the article.
_ARTICLE_MARKERS = ".//h1|.//article|.//main|.//*[@itemprop='articleBody']"
_NEVER_DROPPED = frozenset({"html", "body", "article", "main", "h1"})


def _furniture_kind(element: HtmlElement) -> str | None:
    """The REMOVED_KINDS kind of a furniture element, or None for anything else.

    The class/id words are asked first because they are the most specific: a <footer> of
    class "comment-meta" belongs to a comment thread.
    """
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in _NEVER_DROPPED:
        return None
    words = f"{element.get('class') or ''} {element.get('id') or ''}".casefold()
    by_words = (_CLASS_WORD_KIND[w] for w in _CLASS_WORD_SPLIT.split(words)
                if w in _CLASS_WORD_KIND)
    role = (element.get("role") or "").strip().casefold()
    return next(by_words, None) or _ROLE_KINDS.get(role) or _TAG_KINDS.get(tag)


def _removed_span(kind: str, element: HtmlElement) -> RemovedSpan | None:
    text = squash_spaces(element.text_content())
    return RemovedSpan(kind, text[:REMOVED_TEXT_MAX_CHARS]) if text else None


def drop_page_furniture(tree: HtmlElement) -> list[RemovedSpan]:
    """Remove furniture elements from `tree` in place; return what they showed, in page order.

    Walks with an explicit stack (no recursion, so 10,000 nested elements are fine) and does
    not descend into an element it dropped.
    """
    removed: list[RemovedSpan] = []
    stack = [tree]
    while stack:
        element = stack.pop()
        kind = _furniture_kind(element)
        if kind and element.getparent() is not None and not element.xpath(_ARTICLE_MARKERS):
            span = _removed_span(kind, element)
            removed.extend([span] if span else [])
            element.drop_tree()
            continue
        stack.extend(reversed(element))
    return removed


# ------------------------------------------------------------------ main text (pass 2) ---
_WORD = re.compile(r"\w+")
# Below this many words the precision-mode result is suspect and recall mode is consulted;
# its answer is taken only when it is at least this many times longer.
_SHORT_RESULT_WORDS = 100
_RECALL_GAIN_MIN = 2.0
# Past this many paragraph elements the page's paragraphs are read directly: trafilatura
# took 2.9 s on a 5 MB page of 40,000 paragraphs (and kept 123 characters of it, dropping
# repeats). Real articles have a few hundred at most; no benchmark page comes near.
LARGE_PAGE_PARAGRAPHS = 3_000
_PARAGRAPH_TAGS = ("p", "h2", "h3", "h4", "li", "blockquote", "pre")


def _trafilatura_text(tree: HtmlElement, *, precision: bool) -> str:
    """trafilatura's plain-text result; no URL is given, so nothing is ever fetched."""
    try:
        text = trafilatura.extract(tree, include_comments=False, favor_precision=precision,
                                   favor_recall=not precision, with_metadata=False)
    except (ValueError, TypeError, RecursionError, AttributeError):
        return ""
    return text or ""


def paragraph_text(tree: HtmlElement) -> str:
    """The text of the paragraph-like elements of <article>, <main> or else <body>, in order:
    linear in the page's size, for pages too large for trafilatura."""
    container = next(iter(tree.xpath("//article|//main|//body")), tree)
    blocks = (squash_spaces(e.text_content()) for e in container.iter(*_PARAGRAPH_TAGS))
    return "\n".join(block for block in blocks if block)


def main_text(tree: HtmlElement) -> str:
    """The article text: trafilatura in precision mode, recall mode when that finds ~nothing."""
    text = _trafilatura_text(tree, precision=True)
    words = len(_WORD.findall(text))
    if words >= _SHORT_RESULT_WORDS:
        return text
    recall_text = _trafilatura_text(tree, precision=False)
    gained = len(_WORD.findall(recall_text)) >= _RECALL_GAIN_MIN * max(words, 1)
    return recall_text if gained else text


# ------------------------------------------------------------------ line rules (pass 3) ---
_BOILERPLATE_LINE_MAX_WORDS = 60
_HEADLINE_REPEAT_LINES = 3  # a repeated headline sits in the first few lines
_BOILERPLATE_LINES = (
    # Lead-ins to links to other articles: "Related: ...", "READ MORE: ...", "Don't miss".
    ("promo", re.compile(
        r"^\W*(?:related(?:\s+(?:posts?|articles?|stories|content|reading|coverage))?\s*[:\]]"
        r"|(?:read|see|watch|listen)\s+(?:more|also|next)\s*(?:[:|»\]]|$)"
        r"|more\s*:|also\s+(?:on|read|see)\b|you\s+(?:may|might)\s+also\s+like"
        r"|don'?t\s+miss\b|most\s+(?:read|popular|viewed)\b|more\s+from\b|top\s+stories\b"
        r"|recommended\s+(?:for\s+you|stories|reading)\b)", re.I)),
    ("promo", re.compile(
        r"\b(?:subscribe|sign\s+up)\b.{0,80}\b(?:newsletters?|inbox|updates|alerts)\b", re.I)),
    ("share", re.compile(
        r"\bfollow\s+(?:us|him|her|them|\S+)\s+(?:on|@)\s*(?:twitter|facebook|instagram)\b"
        r"|\bfollow\s+@\w+|\bshare\s+(?:it|this)\s+with\b|\blike\s+this\s+(?:story|article)\b",
        re.I)),
    ("bio", re.compile(
        r"\bhave\s+a\s+(?:news\s+)?tip\b|\bmay\s+be\s+reached\s+at\b"
        r"|\bemail\s+\S+(?:\s+\S+)?\s+at\s+\S+@",
        re.I)),
    ("comments", re.compile(r"^\W*\d*\s*comments?\W*$|\btell\s+us\s+what\s+you\s+think\b", re.I)),
    ("nav", re.compile(r"^\W*(?:filed\s+under|tags?|categories|category)\b\s*(?::|$)", re.I)),
    ("credit", re.compile(r"\bcontributed\s+to\s+this\s+report\b", re.I)),
)


def _words_key(text: str) -> str:
    """Case- and punctuation-blind form of a line, for comparing it with the headline."""
    return " ".join(_WORD.findall(text.casefold()))


def boilerplate_kind(line: str) -> str | None:
    """The kind of boilerplate a short line is worded as, or None for an article line."""
    if len(_WORD.findall(line)) > _BOILERPLATE_LINE_MAX_WORDS:
        return None
    if korean := korean_line_kind(line, len(line.split())):
        return korean  # a Korean page's furniture (search/cleaning/data/korean_lines.tsv)
    return next((kind for kind, pattern in _BOILERPLATE_LINES if pattern.search(line)), None)


def split_article_lines(text: str, headlines: list[str]) -> tuple[list[str], list[RemovedSpan]]:
    """Article paragraphs of trafilatura's text, and the boilerplate lines left out."""
    headline_keys = {_words_key(h) for h in headlines}
    kept: list[str] = []
    removed: list[RemovedSpan] = []
    for number, raw_line in enumerate(text.split("\n")):
        line = squash_spaces(raw_line)
        if not line or (number < _HEADLINE_REPEAT_LINES and _words_key(line) in headline_keys):
            continue
        kind = boilerplate_kind(line)
        if kind:
            removed.append(RemovedSpan(kind, line[:REMOVED_TEXT_MAX_CHARS]))
            continue
        signature = TRAILING_REPORTER.search(line) if not line.isascii() else None
        if signature is not None and signature.start() > 0:  # '... 밝혔다. 김가상 기자 kim@...'
            line, tail = line[:signature.start()].rstrip(), signature.group(0).strip()
            removed.append(RemovedSpan("byline" if "기자" in tail and "=" not in tail else "credit", tail))
        kept.append(line)
    return kept, removed


# ---------------------------------------------------------------------------- public ---
def _clean_tree(tree: HtmlElement) -> CleanedText:
    headlines = page_title_candidates(tree)
    drop_invisible(tree)
    unmark_heading_anchors(tree)
    furniture = drop_page_furniture(tree)
    large = tree.xpath("count(//p)") > LARGE_PAGE_PARAGRAPHS
    text = paragraph_text(tree) if large else main_text(tree)
    paragraphs, boilerplate = split_article_lines(text, headlines)
    title = korean_markup_headline(headlines) or (headlines[0] if headlines else "")
    return CleanedText(title=title, paragraphs=tuple(paragraphs),
                       removed=tuple(furniture + boilerplate))


def clean_html(html: str) -> CleanedText:
    """Title, article paragraphs and removed spans of an HTML page; never raises.

    Any input is accepted (empty, malformed, binary-ish): what cannot be read as a page
    gives an empty CleanedText rather than an error, because one bad file must not stop an
    ingest of thousands.
    """
    try:
        tree = parse_html(html if isinstance(html, str) else "")
        return _clean_tree(tree) if tree is not None else CleanedText(title="", paragraphs=())
    except (ValueError, TypeError, RecursionError, MemoryError):
        return CleanedText(title="", paragraphs=())


def extract_body_html(html: str) -> str:
    """The article body as score.py's `--py` hook expects it: paragraphs, blank-line separated.

    The title is NOT prepended: the benchmark's ground truth holds the body only, and
    prepending the headline costs 0.011 F1 (0.022 precision) over the 181 pages.
    """
    return clean_html(html).body
