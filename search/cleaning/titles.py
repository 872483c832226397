"""Which line of a plain-text page copy is its headline, and where a headline glued to its
article ends.

A page copy's first line is its headline, except where it is not:
- a Korean page whose copy opens with the site's furniture ("AD", a masthead, a menu row):
  the headline is the line just above the page's date stamp ("입력 2024-08-21 10:15"), or
  else the first line that reads as a headline before the article begins; a copy with no
  headline at all is titled by its lead's first sentence;
- a page copied as one unbroken paragraph (any language; on a Korean page, any line too long
  for a headline): the headline is cut from the front of the text, where the copy glued the
  article on (a Korean dateline credit "(서울=연합뉴스)", a sentence or quotation run into the
  next one without a space), or else the first sentence is the title and the rest the body;
- a Korean copy of a hard-wrapped text (no blank line anywhere) is joined back into paragraphs
  first, so that its first line is not half a sentence.
"""
from __future__ import annotations

import functools
import re
from importlib import resources

from search.cleaning import plaintext_rules as rules
from search.cleaning.korean_lines import has_hangul, is_korean_text, korean_line_kind

HEADLINE_MAX_CHARS = 200  # a longer first line is a whole text copied as one paragraph
KOREAN_HEADLINE_MAX_CHARS = 100  # Hangul is dense: Korean headlines are shorter than this
_HEAD_WINDOW_CHARS = 160  # a headline glued to its article ends within this many characters
_TITLE_MIN_CHARS = 6
_SENTENCE_WINDOW_CHARS = 300
_FRAGMENT_CHARS = 100  # a text with no sentence end: its title is this much of its opening
_SCAN_LINES = 25  # the headline is among the first lines of a page
_STAMP_NEAR_HEADLINE_LINES = 3  # a first-line headline sits this close above its date stamp
_MENU_SHARE = 0.6  # a row of menu entries: this share of its words name a site's sections
_HEADLINE_MIN_CHARS = 12
_WRAPPED_LINES_MIN = 4  # a hard-wrapped text has at least this many lines
_WRAP_SLACK_CHARS = 6  # wrapped lines are this close to the text's width
_WRAPPED_SHARE = 0.5  # and at least this share of the lines are that long
_LONE_SYLLABLE = re.compile(r"[가-힣]")
# one-syllable words that do end a line of their own: "수", "것", "등", "및", "북" (the North) ...
_ONE_SYLLABLE_WORDS = frozenset(
    "수 것 등 및 더 또 각 그 이 저 한 두 세 네 안 못 왜 꼭 곧 잘 다 좀 때 중 후 전 내 외 간 북 남 미 일 러 측 씨 "
    "명 개 번 년 월 시 분".split())
_ENDING_OPENS_LINE = re.compile(r"다[.,!?\"”’'…]|다$")  # "...귀순 내한했" / "다."

# A stamp glued at the front of a one-paragraph copy: " date 2025-10-20 The military ..."
_LEADING_STAMP = re.compile(
    r"^\s*(?:date|published|posted|입력|등록|기사입력|송고|승인)\s*[:|]?\s*"
    r"\d{4}[-./]\s?\d{1,2}[-./]\s?\d{1,2}\.?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*", re.IGNORECASE)
# "(서울=연합뉴스)", "【서울=뉴시스】", "[앵커]": where a Korean wire story or script begins
_DATELINE_CREDIT = re.compile(
    r"[(\[【]\s*[가-힣A-Za-z ]{1,12}\s*=\s*[^)\]】]{1,20}[)\]】]|[\[<]\s*앵커\s*[\]>]")
_GLUED_SENTENCE = re.compile(r"(?<=[가-힣])[.!?](?=[가-힣\"“‘'(\[])|(?<=[a-z]{2})[.!?](?=[A-Z][a-z])")
_CLOSING_QUOTE = re.compile(r"[\"”’](?=[가-힣\u4e00-\u9fff])")
# what a quotation's closing mark is followed by when the sentence goes on: "...다"고 했다
_PARTICLE_AFTER_QUOTE = re.compile(
    r"^(?:고|며|면서|라|란|라고|라며|라는|는|은|을|를|이|가|와|과|의|에|도|로|던|하고|까지|만)")
_SENTENCE_END = re.compile(r"[.!?…](?=[\s\"”’')\]]|$)")
_SENTENCE_CLOSE = re.compile(r"[가-힣]\.$")
_KICKER = re.compile(r"^\[[^\[\]]{1,40}\]$")
_STAMP_INSIDE = re.compile(r"(?:입력|등록|기사입력|승인|송고)\s*[:：|]?\s*\d{4}[-./]\s?\d{1,2}[-./]")
_STAMP_ALONE = re.compile(r"^(?:입력|등록|기사입력|승인|송고|게재|발행)\s*[:|]?$")
_MENU_SEPARATORS = re.compile(r"[|>›»]")
_MENU_ENTRY_SPLIT = re.compile(r"[\s.·|>›/,]+")


def split_title(lines: list[str]) -> tuple[str, list[str]]:
    """The page's headline, and its other lines in order (the first empty lines dropped)."""
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return "", []
    lines = lines[:first] + _stamp_apart(lines[first]) + lines[first + 1:]
    korean = is_korean_text("\n".join(lines[first:first + _SCAN_LINES * 4]))
    if korean and not _blank_between(lines):
        lines = first * [""] + unwrap_lines(lines[first:])
    index = korean_headline_index(lines, first) if korean else first
    if korean and index == first and _is_furniture(lines[first]):
        if lead := _lead_sentence(lines, first):
            return lead, lines[first:]  # no headline in the copy: the lead's sentence names it
    title, rest = lines[index].strip(), lines[first:index] + lines[index + 1:]
    longest = KOREAN_HEADLINE_MAX_CHARS if korean else HEADLINE_MAX_CHARS
    if len(title) <= longest or not (korean or _no_prose(rest)):
        return title, rest  # (a long first paragraph above the article stays its title)
    title, opening = split_glued_headline(title)
    return title, [*opening, *rest]


def _stamp_apart(line: str) -> list[str]:
    """' date 2025-10-19 북한군 1명 귀순': a stamp glued before the headline is a line of its
    own."""
    stamp = _LEADING_STAMP.match(line)
    if stamp is None or not line[stamp.end():].strip():
        return [line]
    return [line[stamp.end():].strip(), stamp.group(0).strip()]  # (a stamp sits under its headline)


def _is_furniture(line: str) -> bool:
    """A first line that is the page's furniture: a caption, share bar, reporter line, stamp."""
    line = line.strip()
    words = len(line.split())
    return (korean_line_kind(line, words) is not None or rules.is_byline(line, words)
            or rules.is_date_line(line) or _is_menu_row(line))


def _lead_sentence(lines: list[str], first: int) -> str | None:
    """The first sentence of the first paragraph of prose near the top of the page."""
    prose = next((p for p in _paragraphs(lines[first:first + _SCAN_LINES * 2]) if _is_prose(p)), None)
    if prose is None:
        return None
    ends = (m.end() for m in _SENTENCE_END.finditer(prose, _TITLE_MIN_CHARS))
    end = next((e for e in ends if e <= HEADLINE_MAX_CHARS), None)
    if end is None:
        space = prose.rfind(" ", _TITLE_MIN_CHARS, _FRAGMENT_CHARS)
        end = space if space > 0 else _FRAGMENT_CHARS
    return prose[:end].strip()


def _blank_between(lines: list[str]) -> bool:
    """The copy separates its paragraphs by blank lines (a blank line between two of text)."""
    text = [i for i, line in enumerate(lines) if line.strip()]
    return bool(text) and any(not line.strip() for line in lines[text[0]:text[-1]])


def _paragraphs(lines: list[str]) -> list[str]:
    """The page's lines, those wrapped inside a paragraph joined."""
    joined: list[str] = []
    for i, line in enumerate(lines):
        if i and joined and _wraps_into_next(lines, i - 1) and not _is_furniture(lines[i - 1]):
            joined[-1] += " " + line.strip()
        elif line.strip():
            joined.append(line.strip())
    return joined


def _no_prose(lines: list[str]) -> bool:
    """Nothing else on the page reads as article prose: the whole text is on one line."""
    return not any(_is_prose(line.strip()) or len(line) > HEADLINE_MAX_CHARS for line in lines)


# ------------------------------------------------------------------------ Korean pages ---
def korean_headline_index(lines: list[str], first: int) -> int:
    """The line of a Korean page that is its headline: kept first line, else the one just
    above the date stamp, else the first that reads as a headline before the article."""
    window = [i for i in range(first, min(len(lines), first + _SCAN_LINES)) if lines[i].strip()]
    stamp = _stamp_line(lines, window)
    first_is_headline = len(lines[first]) > HEADLINE_MAX_CHARS or headline_like(lines[first])
    if stamp is not None:
        above = [i for i in window if i < stamp]
        if first_is_headline and len(above) <= _STAMP_NEAR_HEADLINE_LINES:
            return first
        return next((i for i in reversed(above) if headline_like(lines[i])), first)
    if first_is_headline:
        return first
    blank_layout = _blank_between(lines)
    for i in window:
        if _is_prose(lines[i].strip()):
            break
        if headline_like(lines[i]) and not (blank_layout and _wraps_into_next(lines, i)):
            return i
    return first


def _wraps_into_next(lines: list[str], i: int) -> bool:
    """A line of a paragraph wrapped in the copy ('... 귀순했다고' / '정부가 밝혔다.'), not
    a headline: it stops mid-sentence and the paragraph goes on in the next line."""
    line, following = lines[i].strip(), lines[i + 1].strip() if i + 1 < len(lines) else ""
    if not following or rules.ends_like_sentence(line):
        return False
    if not (has_hangul(line[-1:]) and has_hangul(following[:1])):
        return False
    return (korean_line_kind(following, len(following.split())) is None
            and not rules.is_byline(following, len(following.split())) and not _is_menu_row(following))


def _stamp_line(lines: list[str], window: list[int]) -> int | None:
    """The first date stamp ("입력 2024-08-21 10:15", a bare "입력") above the article (a
    whole text on the first line may come before it)."""
    for i in window:
        line = lines[i].strip()
        if _is_prose(line) and (i != window[0] or len(line) <= HEADLINE_MAX_CHARS):
            return None
        if rules.is_byline(line, rules.word_count(line)) and not line.casefold().startswith("by"):
            return i
        if _STAMP_ALONE.match(line) or (_STAMP_INSIDE.search(line) and not _is_prose(line)):
            return i  # (also "기자명 김가상 기자 입력 2024.08.21 10:15 댓글 0")
    return None


def _is_prose(line: str) -> bool:
    words = len(line.split())
    return words >= 20 or (words >= 8 and rules.ends_like_sentence(line))


def headline_like(line: str) -> bool:
    """A line that can be a Korean page's headline (also asked of a saved page's candidates): Hangul in it, neither furniture nor a
    stamp, a masthead (one or two words) nor a row of menu entries."""
    line = line.strip()
    words = line.split()
    if len(line) > HEADLINE_MAX_CHARS:
        return False
    if not has_hangul(line) or korean_line_kind(line, len(words)) is not None or _is_prose(line):
        return False
    if rules.is_byline(line, len(words)) or rules.is_date_line(line) or _STAMP_ALONE.match(line):
        return False
    if _KICKER.match(line) or _SENTENCE_CLOSE.search(line):
        return False  # "[구멍 뚫린 軍 해상경계]": a series label; "...밝혔다.": a sentence's end
    if len(words) < 3 and len(line) < _HEADLINE_MIN_CHARS:
        return False
    return not _is_menu_row(line) and len(_MENU_SEPARATORS.findall(line)) < 2


def _is_menu_row(line: str) -> bool:
    """'정치 사회 북한', '정치.사회.북한.국제': mostly the names of a site's sections."""
    entries = [e for e in _MENU_ENTRY_SPLIT.split(line) if e]
    named = sum(e in section_names() for e in entries)
    return len(entries) >= 2 and named >= _MENU_SHARE * len(entries)


@functools.cache
def section_names() -> frozenset[str]:
    text = resources.files("search.cleaning").joinpath("data/korean_sections.txt").read_text("utf-8")
    return frozenset(line.strip() for line in text.splitlines()
                     if line.strip() and not line.startswith("#"))


# ------------------------------------------------------------------ hard-wrapped copies ---
def unwrap_lines(lines: list[str]) -> list[str]:
    """A Korean page copied from a hard-wrapped archive text, with no blank line anywhere:
    a line as long as the page's text width that stops mid-sentence (often mid-word) goes on
    in the next line, so the two are one paragraph."""
    width = _text_width(lines)
    if width is None:
        return lines
    joined: list[str] = []
    for line in lines:
        previous = joined[-1] if joined else ""
        if previous and _wraps(previous, width) and has_hangul(line[:1] + previous[-1:]):
            joined[-1] = previous.rstrip() + _wrap_joint(previous, line) + line.strip()
        else:
            joined.append(line)
    return joined


def _wrap_joint(previous: str, line: str) -> str:
    """What stood where a hard-wrapped line was cut: nothing when the cut split a word (a lone
    syllable left at the line's end, '...를 통' / '해 지난달'; an ending or particle left for the
    next line, '...했' / '다.', '..."' / '고 말했다'), else a space."""
    last, nxt = previous.rstrip().rsplit(" ", 1)[-1], line.lstrip()
    if _LONE_SYLLABLE.fullmatch(last) and last not in _ONE_SYLLABLE_WORDS:
        return ""
    quoted = previous.rstrip()[-1:] in "\"”’'" and _PARTICLE_AFTER_QUOTE.match(nxt)
    return "" if quoted or _ENDING_OPENS_LINE.match(nxt) else " "


def _text_width(lines: list[str]) -> int | None:
    """The width a wrapped text is cut at: most of its lines are that long, give or take a few
    characters; None when the lines are of every length (one paragraph a line)."""
    lengths = sorted(len(line.strip()) for line in lines if line.strip())
    if len(lengths) < _WRAPPED_LINES_MIN:
        return None
    width = lengths[int(len(lengths) * 0.8)]
    near = sum(width - _WRAP_SLACK_CHARS <= n <= width for n in lengths)
    return width if near >= _WRAPPED_SHARE * len(lengths) else None


def _wraps(line: str, width: int) -> bool:
    return len(line.strip()) >= width - _WRAP_SLACK_CHARS and not rules.ends_like_sentence(line.strip())


# ---------------------------------------------------------------- one-paragraph copies ---
def korean_markup_headline(candidates: list[str]) -> str | None:
    """Of a saved Korean page's headlines (og:title, h1, <title>), the first that reads as a
    headline, when the first does not ("AD", the masthead in the h1); None to keep the first."""
    if not candidates or headline_like(candidates[0]) or not any(map(has_hangul, candidates)):
        return None
    return next((c for c in candidates[1:] if headline_like(c)), None)


def split_glued_headline(text: str) -> tuple[str, list[str]]:
    """A headline and the lines of the article, from a text copied as one paragraph."""
    opening: list[str] = []
    stamp = _LEADING_STAMP.match(text)
    if stamp and stamp.end() < len(text):
        opening, text = [stamp.group(0).strip()], text[stamp.end():].strip()
    cut = _glue_point(text)
    if cut is not None:
        return text[:cut].strip(), [*opening, text[cut:].strip()]
    sentence = next((m for m in _SENTENCE_END.finditer(text, _TITLE_MIN_CHARS)
                     if m.end() <= _SENTENCE_WINDOW_CHARS), None)
    if sentence is not None and text[sentence.end():].strip():
        return text[:sentence.end()].strip(), [*opening, text[sentence.end():].strip()]
    if len(text) <= HEADLINE_MAX_CHARS:
        return text, opening  # a long headline (and subheading) with no article glued on
    space = text.rfind(" ", _TITLE_MIN_CHARS, _FRAGMENT_CHARS)
    return text[:space if space > 0 else _FRAGMENT_CHARS].strip(), [*opening, text]


def _glue_point(text: str) -> int | None:
    """Where, near the front, the copy ran the article onto its headline: a Korean wire
    dateline, a sentence end with no space after it, or a closing quotation mark followed
    at once by a new word (not by the particle that carries the sentence on)."""
    head = text[:_HEAD_WINDOW_CHARS]
    points = [m.start() for m in _DATELINE_CREDIT.finditer(head)]
    points += [m.end() for m in _GLUED_SENTENCE.finditer(head)]
    points += [m.end() for m in _CLOSING_QUOTE.finditer(head)
               if _closes_quotation(head, m.start()) and not _PARTICLE_AFTER_QUOTE.match(head[m.end():])]
    return min((p for p in points if p >= _TITLE_MIN_CHARS), default=None)


def _closes_quotation(text: str, at: int) -> bool:
    """A straight double quote closes when an odd number of them come before it."""
    return text[at] != '"' or text.count('"', 0, at) % 2 == 1
