"""Korean page furniture, line by line: what a line of a Korean news page that is not the
article looks like (share bars, 댓글 threads, 관련기사 lists, reporter lines, photo captions
ending in their credit, 무단 전재 footers, subscription promos).

The rules are data (data/korean_lines.tsv: kind, most words, pattern), read once. Only lines
that hold Hangul, or open with a bracketed photo credit ("[Photo : ...]") or the circled "ⓒ"
of Korean sites, are looked at, so that English pages are read exactly as before.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources

HANGUL = re.compile(r"[\uac00-\ud7a3]")
_LETTER = re.compile(r"[^\W\d_]")
# "[Photo : Yonhap]" closes captions on Korean sites' English-lettered credit lines
_LATIN_CREDIT_OPENING = re.compile(r"^[\[(]\s*photo\b", re.IGNORECASE)
KOREAN_PAGE_SHARE = 0.3  # Hangul syllables among the letters of a page's opening


@dataclass(frozen=True)
class LineRule:
    """One row of the rules file: lines of at most `max_words` words matching `pattern`."""

    kind: str
    max_words: int
    pattern: re.Pattern[str]


@functools.cache
def line_rules() -> tuple[LineRule, ...]:
    text = resources.files("search.cleaning").joinpath("data/korean_lines.tsv").read_text("utf-8")
    return tuple(_rule(line) for line in text.splitlines()
                 if line.strip() and not line.startswith("#"))


def _rule(line: str) -> LineRule:
    kind, max_words, pattern = line.split("\t", 2)
    return LineRule(kind, int(max_words), re.compile(pattern))


def has_hangul(text: str) -> bool:
    return bool(HANGUL.search(text))


def korean_line_kind(text: str, words: int) -> str | None:
    """The furniture kind of one line of a Korean page, or None when it may be article text."""
    if text.isascii() and not text.startswith(("[", "(")):
        return None  # (an English line: a flag read, nothing more)
    return _korean_line_kind(text, words)


@functools.lru_cache(maxsize=8192)
def _korean_line_kind(text: str, words: int) -> str | None:
    if not (has_hangul(text) or _LATIN_CREDIT_OPENING.match(text) or text.startswith("ⓒ")):
        return None
    return next((rule.kind for rule in line_rules()
                 if words <= rule.max_words and rule.pattern.search(text)), None)


def is_korean_text(text: str, sample_chars: int = 3000) -> bool:
    """Written in Korean: Hangul is a fair share of the letters of its opening."""
    sample = text[:sample_chars]
    if not HANGUL.search(sample):
        return False  # (most pages: one scan, no letter count)
    letters = len(_LETTER.findall(sample))
    return letters > 0 and len(HANGUL.findall(sample)) >= KOREAN_PAGE_SHARE * letters
