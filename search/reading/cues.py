"""Word-gated regular expressions: a pattern that first checks, cheaply, whether the words
any match must contain are in the text at all, and runs only the alternatives that can match.

Route classification asks dozens of patterns about every sentence, and almost every answer is
"no": reading each alternative's literal words from its parse tree and checking them in a
lowercased copy of the text made classification ~19x faster with identical results (see
tests/test_routes_speed_equivalence.py). This reads re's private parse tree (re._parser,
re._constants, present since Python 3.11): a change there fails at import or in that test,
never silently.
"""
from __future__ import annotations

import functools
import re
import re._constants as _c  # the parse tree's opcodes: see Cue
import re._parser as _parser
from collections.abc import Callable, Iterable, Iterator
from itertools import compress
from typing import Any

# Characters that IGNORECASE matches to an ASCII letter but str.lower() does not lower to it alone.
_UNEVEN_FOLDS = frozenset("\u0130\u0131\u017f")  # dotted capital I, dotless i, long s
_GAPS_FOR_OTHER_BYTES = bytes(byte if chr(byte).isascii() and chr(byte).isalnum() else ord(" ")
                              for byte in range(256))
_GAP = " "  # in a view, each character other than ASCII letters and digits, and both ends
# Per cue: compiled unions of the alternatives a text leaves; compiling one costs ~0.5 ms, and
# a cue of 70 alternatives meets a few hundred distinct unions in a corpus.
_NARROWED_PATTERNS = 2048
# A union is compiled only once texts have asked for it this often; until then its alternatives
# run one by one (_Union): most unions are asked for once or twice in a corpus, and compiling
# them was a third of the reader's time on a fresh process (bench/route_speed.py).
_COMPILE_AFTER = 8
_RECENT_ANSWERS = 16  # per cue: the texts of one sentence, read clause by clause
_REPEATS = (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT)


class Cue:
    """A case-blind alternation that tries only the alternatives whose words the text contains.

    sre tries every alternative at every position, and IGNORECASE and a leading \\b defeat its
    literal scans, so one of these patterns costs ~100 us a sentence where a substring test
    costs ~0.1 us. Each alternative needs certain words (read from its parse tree: _word_sets);
    dropping the alternatives that cannot match anywhere in the text gives exactly the matches
    of the whole pattern, since those never win at any position.
    """

    def __init__(self, alternatives: tuple[str, ...], flags: re.RegexFlag = re.IGNORECASE):
        self.alternatives = alternatives
        self.pattern = "|".join(alternatives)
        self.regex = re.compile(self.pattern, flags)
        if self.regex.groups:
            raise ValueError("groups would renumber between narrowed patterns: use (?:...)")
        needs = [sorted(_word_sets(_parser.parse(a, flags)), key=_strength, reverse=True)
                 for a in alternatives]
        self._needs = tuple(tuple(need) for need in needs)  # the most telling word set first
        self._also = frozenset(i for i, need in enumerate(needs) if len(need) > 1)  # 2+ sets
        self._unkeyed = frozenset(i for i, need in enumerate(needs) if not need)
        self._keyed: dict[str, set[int]] = {}  # a word of an alternative's first set: its owners
        for i, need in enumerate(needs):
            for word in need[0] if need else ():
                self._keyed.setdefault(word, set()).add(i)
        self._any_key = re.compile(_trie(self._keyed))  # in the view of any text it can match
        self._recent: dict[str, re.Pattern[str] | None] = {}
        self._single = tuple(re.compile(a, flags) for a in alternatives)  # the usual narrowing
        if any(single.flags != self.regex.flags for single in self._single):
            # a global inline flag ("(?s)") in one alternative rules the whole union, not itself
            raise ValueError("an inline flag would differ between narrowed patterns: pass flags")
        self._compiled = functools.lru_cache(maxsize=_NARROWED_PATTERNS)(
            lambda keep: re.compile("|".join(alternatives[i] for i in keep), flags))
        self._asked: dict[tuple[int, ...], int] = {}  # unions not compiled yet: times asked

    def narrowed(self, text: str) -> re.Pattern[str] | _Union | None:
        """The pattern of the alternatives that can match in this text; None if none can.
        A clause is often its part or its sentence whole, and asked again: the last few
        answers are kept."""
        if text in self._recent:
            return self._recent[text]
        if len(self._recent) >= _RECENT_ANSWERS:
            self._recent.clear()
        narrowed = self._recent[text] = self._narrowed(text)
        return narrowed

    def _narrowed(self, text: str) -> re.Pattern[str] | _Union | None:
        if not text.isascii() and not _UNEVEN_FOLDS.isdisjoint(text):  # isascii: a flag, O(1)
            return self.regex
        view = word_view(text)
        if not self._unkeyed and not self._any_key.search(view):
            return None  # the usual answer, found in one pass
        contains = view.__contains__  # map() over it runs the lookups without a frame each
        candidates = set(self._unkeyed).union(*compress(self._keyed.values(), map(contains, self._keyed)))
        keep = tuple(i for i in sorted(candidates) if i not in self._also
                     or all(any(map(contains, words)) for words in self._needs[i][1:]))
        if len(keep) == len(self.alternatives):
            return self.regex
        if len(keep) == 1:
            return self._single[keep[0]]
        return self._union(keep) if keep else None

    def _union(self, keep: tuple[int, ...]) -> re.Pattern[str] | _Union:
        asked = self._asked.get(keep, 0) + 1
        if asked > _COMPILE_AFTER:
            return self._compiled(keep)
        if len(self._asked) >= _NARROWED_PATTERNS:
            self._asked.clear()
        self._asked[keep] = asked
        return _Union(tuple(self._single[i] for i in keep), self._compiled, keep)

    def may_match(self, text: str) -> bool:
        """False when no match is possible: each alternative lacks a word it needs here."""
        if not self._unkeyed and text.isascii() and not self._any_key.search(word_view(text)):
            return False  # the usual answer, as a gate on every sentence: no call deeper
        return self.narrowed(text) is not None

    def search(self, text: str) -> re.Match[str] | None:
        regex = self.narrowed(text)
        return regex.search(text) if regex else None

    def match(self, text: str) -> re.Match[str] | None:
        regex = self.narrowed(text)
        return regex.match(text) if regex else None

    def fullmatch(self, text: str) -> re.Match[str] | None:
        regex = self.narrowed(text)
        return regex.fullmatch(text) if regex else None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        regex = self.narrowed(text)
        return regex.finditer(text) if regex else iter(())

    def sub(self, replacement: str, text: str) -> str:
        regex = self.narrowed(text)
        return regex.sub(replacement, text) if regex else text

    def split(self, text: str) -> list[str]:
        regex = self.narrowed(text)
        return regex.split(text) if regex else [text]


class _Union:
    """A few alternatives asked of a text one by one, with exactly the compiled union's answers.

    The union's match is the leftmost position where any alternative matches, by the first
    alternative (in order) that matches there: each alternative's own leftmost match, the
    earliest winning and the lower index breaking a tie. Matches go on from the end of the
    last one, as finditer's do; a text where some alternative matches empty, and a template
    replacement, are left to the compiled union (re's rules for those are its own).
    """

    __slots__ = ("patterns", "compiled", "keep")

    def __init__(self, patterns: tuple[re.Pattern[str], ...],
                 compiled: Callable[[tuple[int, ...]], re.Pattern[str]],
                 keep: tuple[int, ...]) -> None:
        self.patterns, self.compiled, self.keep = patterns, compiled, keep

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        best = None
        for pattern in self.patterns:
            found = pattern.search(text, pos)
            if found is not None and (best is None or found.start() < best.start()):
                best = found
        return best

    def match(self, text: str) -> re.Match[str] | None:
        return next(filter(None, (pattern.match(text) for pattern in self.patterns)), None)

    def fullmatch(self, text: str) -> re.Match[str] | None:
        return next(filter(None, (pattern.fullmatch(text) for pattern in self.patterns)), None)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return iter(self._all(text))

    def sub(self, replacement: str, text: str) -> str:
        if not isinstance(replacement, str) or "\\" in replacement:  # a template or a function
            return self.compiled(self.keep).sub(replacement, text)
        return replacement.join(self._between(text))

    def split(self, text: str) -> list[str]:
        return self._between(text)

    def _between(self, text: str) -> list[str]:
        """The text around the matches (no alternative has a group to keep)."""
        bounds = [0] + [bound for match in self._all(text) for bound in match.span()] + [len(text)]
        return [text[bounds[i]:bounds[i + 1]] for i in range(0, len(bounds), 2)]

    def _all(self, text: str) -> list[re.Match[str]]:
        found, pos = [], 0
        while (match := self.search(text, pos)) is not None:
            if match.end() == match.start():  # re's own rules for empty matches
                return list(self.compiled(self.keep).finditer(text))
            found.append(match)
            pos = match.end()
        return found


@functools.lru_cache(maxsize=64)  # the cues of one sentence read the same few texts
def word_view(text: str) -> str:
    """The text lowercased, with a space for every character other than an ASCII letter or
    digit and at both ends: ' he didn t go '."""
    ascii_text = text.lower().encode("ascii", "replace")  # '?' for the others
    return (b" " + ascii_text.translate(_GAPS_FOR_OTHER_BYTES) + b" ").decode("ascii")


def _word_sets(items: Iterable[tuple[Any, Any]], bounded: bool = False) -> list[frozenset[str]]:
    """Word sets such that the view of any text this parsed sequence matches has a word of each.

    A word is a run of literal letters and digits, with a space at an end where the pattern has
    \\b, a space or other punctuation: ' go' (from \\bgo) is not in ' government '. Words never
    span a gap, so a clause cut from a sentence at punctuation or spaces has no word that the
    sentence lacks.
    """
    needs: list[frozenset[str]] = []
    run = _GAP if bounded else ""
    for op, value in items:
        if _letter(op, value):
            run += _letter(op, value)
        elif _gap(op, value):
            needs += _word(run + _GAP)
            run = _GAP
        else:
            needs += _word(run) + _inner_word_sets(op, value, run)
            run = _GAP if run == _GAP and _optional_ending_in_gap(op, value) else ""
    return needs + _word(run)


def _optional_ending_in_gap(op: Any, value: Any) -> bool:
    """'(?:the )?': after it, the text is at a gap if it was before it."""
    return op in _REPEATS and value[0] == 0 and len(value[2]) > 0 and _gap(*value[2][-1])


def _inner_word_sets(op: Any, value: Any, before: str) -> list[frozenset[str]]:
    """The word sets of a group, repeat or alternation, and of the word that runs into it."""
    bounded = before == _GAP
    if op is _c.SUBPATTERN:
        return _word_sets(value[3], bounded)
    if op in _REPEATS and value[0] >= 1:
        return _word_sets(value[2], bounded)
    if op is not _c.BRANCH:
        return []
    branches = [_word_sets(alternative, bounded) for alternative in value[1]]
    if not all(branches):
        return []
    needs = [frozenset().union(*(max(branch, key=_strength) for branch in branches))]
    leads = [_leading_letters(alternative) for alternative in value[1]]
    if before.strip() and all(leads):  # 'n(?:ot|ever)' needs ' not' or ' never'
        needs.append(frozenset(before + lead for lead in leads))
    return needs


def _word(run: str) -> list[frozenset[str]]:
    return [frozenset([run])] if run.strip() else []


def _leading_letters(items: Iterable[tuple[Any, Any]]) -> str:
    """The letters an alternative starts with ('ot' of 'n(?:ot|ever)')."""
    letters = ""
    for op, value in items:
        if not _letter(op, value):
            break
        letters += _letter(op, value)
    return letters


def _trie(words: Iterable[str]) -> str:
    """An alternation of these literal words with shared beginnings merged: sre tries only each
    branch's first letter, so it finds any of 40 words in ~1 us where 40 `in` tests take ~4."""
    heads: dict[str, list[str]] = {}
    for word in words:
        heads.setdefault(word[:1], []).append(word[1:])
    return "|".join(re.escape(head) + (f"(?:{_trie(tails)})" if len(tails) > 1 else
                                       re.escape(tails[0])) for head, tails in heads.items())


def _strength(words: frozenset[str]) -> tuple[int, int]:
    """Longer words are rarer, up to a length at which fewer words are cheaper to look for."""
    return min(5, *(len(word.strip()) for word in words)), -len(words)


def _letter(op: Any, value: Any) -> str:
    """The lowercase ASCII letter or digit a literal matches, or ''."""
    char = chr(value) if op is _c.LITERAL else ""
    return char.lower() if char.isascii() and char.isalnum() else ""


def _gap(op: Any, value: Any) -> bool:
    """A word boundary, a text end, or one or more characters that are not ASCII letters or
    digits: the view has a space there."""
    if op is _c.AT:
        return value in (_c.AT_BOUNDARY, _c.AT_BEGINNING, _c.AT_BEGINNING_STRING, _c.AT_END,
                         _c.AT_END_STRING)
    if op is _c.LITERAL:
        return chr(value).isascii() and not chr(value).isalnum()
    if op in _REPEATS:
        return value[0] >= 1 and len(value[2]) == 1 and _gap(*value[2][0])
    return op is _c.IN and value == [(_c.CATEGORY, _c.CATEGORY_SPACE)]


def any_of(*alternatives: str | Cue) -> Cue:
    """One alternation of these patterns and of the alternatives of these cues, in order."""
    return Cue(tuple(part for alternative in alternatives for part in
                     (alternative.alternatives if isinstance(alternative, Cue) else (alternative,))))
