"""Step 1 of cleaning a plain-text page (plaintext.py): its lines as units, a line or the lines
wrapped inside one paragraph, whether the page separates paragraphs by blank lines or not."""
from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from search.cleaning import plaintext_rules as rules
from search.cleaning.korean_lines import has_hangul

_LINKING_WORDS = frozenset("a an the of to in on at for by with from and or but that who which".split())
_WRAPPED_MIN_WORDS = 5  # a line shorter than this is not a paragraph's wrapped line


class Unit(NamedTuple):
    """One line of the page, or several lines wrapped inside one paragraph."""

    text: str
    block: int  # blank-line-separated paragraph of the unit; a page without blank lines is one
    words: int


def split_units(lines: list[str]) -> list[Unit]:
    """Lines become units; in pages that separate paragraphs by blank lines, wrapped lines join."""
    paragraph_layout = _has_blank_line_between_text(lines)
    units: list[Unit] = []
    block = 0
    last_line = ""  # the unit's last line: a wrap is judged line by line, never on the whole unit
    for raw in lines:
        line = raw.strip()
        if not line:
            block += 1
            continue
        if _wraps(units, block, last_line, line, paragraph_layout):
            previous = units[-1]  # words add up: a 5 MB page is read in one pass, not re-counted
            units[-1] = Unit(previous.text + " " + line, block, previous.words + rules.word_count(line))
        else:
            units.append(Unit(line, block, rules.word_count(line)))
        last_line = line
    return units


def _wraps(units: list[Unit], block: int, last_line: str, line: str, paragraph_layout: bool) -> bool:
    if not units:
        return False
    if paragraph_layout:
        return units[-1].block == block and _continues(last_line, line)
    return _continues_without_blank_lines(last_line, line)


def _has_blank_line_between_text(lines: list[str]) -> bool:
    seen_text = seen_gap = False
    for line in lines:
        if line.strip():
            if seen_gap:
                return True
            seen_text = True
        elif seen_text:
            seen_gap = True
    return False


def _continues(previous: str, line: str) -> bool:
    """A line wrapped out of the previous one: that one stops mid-sentence, this one goes on."""
    if rules.ends_like_sentence(previous) or rules.is_comment_header(line, rules.word_count(line)):
        return False
    if line[:1].islower() or _wrapped_hangul(previous, line):
        return True
    return previous[-1:].islower() and len(previous.split()) >= 4


def _continues_without_blank_lines(previous: str, line: str) -> bool:
    """In a page with no blank line, a hard-wrapped paragraph ('Two men, ages 35 and 45, and two
    women, ages 24' / 'and 35, were detained ...') is told from a column of menu items by the
    lowercase word that carries the sentence on: a line of its own never starts so."""
    words = previous.split()
    carried = line[:1].islower() or words[-1].lower() in _LINKING_WORDS  # 'at the' / 'Thang Tin'
    return (carried and len(words) >= _WRAPPED_MIN_WORDS and _continues(previous, line)
            and not any(_line_of_its_own(text) for text in (previous, line)))


@lru_cache(maxsize=256)  # each line is asked twice: as the line, then as the one before the next
def _line_of_its_own(text: str) -> bool:
    """Furniture by its wording, a byline or a date line ('date 2018-02-10' under a headline)."""
    words = rules.word_count(text)
    return (rules.line_kind(text, words) is not None or rules.is_byline(text, words)
            or rules.is_date_line(text))


def _wrapped_hangul(previous: str, line: str) -> bool:
    """Korean has no case: a paragraph's line that stops in Hangul goes on in the next one,
    unless either line is furniture of its own ('작성 2018.04.17 조회수' above the lead)."""
    if not (has_hangul(previous[-1:]) and has_hangul(line[:1])) or len(previous.split()) < _WRAPPED_MIN_WORDS:
        return False
    return (rules.line_kind(previous, rules.word_count(previous)) is None
            and rules.line_kind(line, rules.word_count(line)) is None)
