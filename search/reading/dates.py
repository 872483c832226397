"""Publication dates as the index wants them: "YYYY-MM-DD", or "YYYY-MM" when only the month
is known. Shared by the markup reader and the metadata stage, so both read dates alike.

Three readers: `normalise_date` for a value a sidecar or the markup states, `date_from_url`
for the forms news sites put in their URLs, and `dated_line` for a line of the page that
states its date ("Published : July 27, 2020", "입력 2024-08-21 10:15"). A date is always the
one the page writes: a time and zone after it are read past, never converted, because a
conversion moves a late-evening Seoul date to the day before.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

_MONTHS = {name.casefold(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.casefold(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS.update({"sept": 9})
_MONTH_WORD = r"(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_ORDINAL = r"(?:st|nd|rd|th)?"
_ISO_DATE = re.compile(r"(?<![\d.])(\d{4})(?:[-/]|\.\s?)(\d{1,2})(?:(?:[-/]|\.\s?)(\d{1,2}))?\.?(?!\d)")
_KOREAN_DATE = re.compile(r"(\d{4})\s*년\s*(\d{1,2})\s*월(?:\s*(\d{1,2})\s*일)?")
_COMPACT_DATE = re.compile(r"\b(\d{4})(\d{2})(\d{2})(?:T|\b)")
_US_NUMERIC_DATE = re.compile(r"(?<![\d/.])(\d{1,2})/(\d{1,2})/(\d{4})(?![\d/])")
_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}}){_ORDINAL}(?:\s+|-){_MONTH_WORD}(?:,?\s+|-)(\d{{4}})\b", re.I)
_MONTH_DAY_YEAR = re.compile(rf"\b{_MONTH_WORD}\s*(\d{{1,2}}){_ORDINAL},?\s+(\d{{4}})\b", re.I)
_MONTH_YEAR = re.compile(r"\b" + _MONTH_WORD + r",?\s+(\d{4})\b", re.I)
_DAY_FIRST_DASHED = re.compile(r"(?<![\d-])(\d{1,2})-(\d{1,2})-(\d{4})(?![\d-])")  # "15-05-2025"


def format_date(year: int, month: int, day: int | None) -> str | None:
    if not (1000 <= year <= 9999 and 1 <= month <= 12):
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _month(word: str) -> int:
    return _MONTHS[word.casefold().rstrip(".")]


# Each form: its pattern, and how its groups become (year, month, day or None).
_FORMS: tuple[tuple[re.Pattern[str], object], ...] = (
    (_ISO_DATE, lambda m: (int(m[1]), int(m[2]), int(m[3]) if m[3] else None)),
    (_KOREAN_DATE, lambda m: (int(m[1]), int(m[2]), int(m[3]) if m[3] else None)),
    (_COMPACT_DATE, lambda m: (int(m[1]), int(m[2]), int(m[3]))),
    (_DAY_MONTH_YEAR, lambda m: (int(m[3]), _month(m[2]), int(m[1]))),
    (_MONTH_DAY_YEAR, lambda m: (int(m[3]), _month(m[1]), int(m[2]))),
    (_US_NUMERIC_DATE, lambda m: (int(m[3]), int(m[1]), int(m[2]))),
    # "20/10/2025": day first, where the first number cannot be a month
    (_US_NUMERIC_DATE, lambda m: (int(m[3]), int(m[2]), int(m[1]) if int(m[1]) > 12 else 0)),
    (_DAY_FIRST_DASHED, lambda m: (int(m[3]), int(m[2]), int(m[1]) if int(m[1]) > 12 else 0)),
    (_MONTH_YEAR, lambda m: (int(m[2]), _month(m[1]), None)),
)


def find_date(text: str) -> tuple[str, re.Match[str]] | None:
    """The first date in the text in any form above, normalised, with the match that gave
    it; of two forms found at one place, the one listed first."""
    best: tuple[str, re.Match[str]] | None = None
    for pattern, parts in _FORMS:
        for match in pattern.finditer(text):
            if best is not None and match.start() >= best[1].start():
                break
            if found := format_date(*parts(match)):
                best = (found, match)
                break
    return best


def normalise_date(text: str) -> str | None:
    """'2019-11-18T10:00Z', '2019/11/18', 'Nov. 18, 2019', '18 November 2019' -> '2019-11-18'.

    A month without a day gives 'YYYY-MM'; anything unreadable gives None.
    """
    found = find_date(text)
    return found[0] if found else None


# ----------------------------------------------------------------------- URL forms ---
# Digits in URLs are also article ids: only years a news archive can hold are read.
URL_YEARS = range(1990, 2040)
_URL_SLASHED = re.compile(r"/((?:19|20)\d{2})/(\d{1,2})(?:/(\d{1,2}))?(?=[/_-]|$)")
_URL_MONTH_NAMED = re.compile(rf"[/-]((?:19|20)\d{{2}})[/-]{_MONTH_WORD}[/-](\d{{1,2}})(?=[/-])", re.I)
_URL_MONTH_DAY_YEAR = re.compile(rf"/{_MONTH_WORD}/(\d{{1,2}})/((?:19|20)\d{{2}})(?=/|$)", re.I)
_URL_YEAR_MONTHDAY = re.compile(r"/((?:19|20)\d{2})/(\d{2})(\d{2})(?=/)")  # /2013/0530/
_URL_DASHED = re.compile(r"(?<!\d)((?:19|20)\d{2})[-_](\d{2})[-_](\d{2})(?!\d)")
_URL_DIGIT_RUN = re.compile(r"(?<!\d)\d{8,}")


def _url_date(year: int, month: int, day: int | None) -> str | None:
    return format_date(year, month, day) if year in URL_YEARS else None


def _digit_run_date(run: str) -> str | None:
    """'20250106' (YYYYMMDD, then any id digits), '04212017155720' (MMDDYYYY + hhmmss), or
    an id that ends in its date ('idUSKBN0TF10120151126')."""
    found = _url_date(int(run[:4]), int(run[4:6]), int(run[6:8]))
    if found is None and (len(run) == 8 or len(run) >= 12):
        found = _url_date(int(run[4:8]), int(run[:2]), int(run[2:4]))
    if found is None and len(run) > 8:
        found = _url_date(int(run[-8:-4]), int(run[-4:-2]), int(run[-2:]))
    return found


def date_from_url(url: str | None) -> str | None:
    """/2017/11/13/, /2017/11/, /2013/0530/, /october/24/2023/, 2017-11-13, 20171113...,
    -04212017155720 (MMDDYYYY hhmmss)."""
    if not url:
        return None
    path = re.sub(r"^[a-z][a-z0-9+.-]*://[^/]*", "", url.strip(), flags=re.I)
    for match in _URL_SLASHED.finditer(path):
        if found := _url_date(int(match[1]), int(match[2]), int(match[3]) if match[3] else None):
            return found
    for match in _URL_MONTH_NAMED.finditer(path):
        if found := _url_date(int(match[1]), _month(match[2]), int(match[3])):
            return found
    for match in _URL_MONTH_DAY_YEAR.finditer(path):  # /october/24/2023/
        if found := _url_date(int(match[3]), _month(match[1]), int(match[2])):
            return found
    for match in _URL_YEAR_MONTHDAY.finditer(path):
        if found := _url_date(int(match[1]), int(match[2]), int(match[3])):
            return found
    for match in _URL_DASHED.finditer(path):
        if found := _url_date(int(match[1]), int(match[2]), int(match[3])):
            return found
    return next(filter(None, map(_digit_run_date, _URL_DIGIT_RUN.findall(path))), None)


# ---------------------------------------------------------------------- dated lines ---
_PUBLISHED_LABEL = (r"published|first published|posted|posted on|date|dated|created|released|"
                    r"issued|입력|등록|기사입력|최초입력|입력일|등록일|게재|게재일|송고|송고시간|발행|발행일|"
                    r"작성|작성일")
_UPDATED_LABEL = r"updated|last updated|modified|last modified|edited|수정|최종수정|수정일|업데이트"
_LABELS = re.compile(rf"(?<![\w])(?:({_UPDATED_LABEL})|({_PUBLISHED_LABEL}))(?![^\W\d])\s*(?:on|at)?",  # '작성일2015-01-04' 
                     re.I)
_TIME = re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?|\b\d{1,2}\s*[ap]\.m\.|"
                   r"\b(?:[ap]m|kst|gmt|utc|est|edt|pst|pdt|cst|cdt|bst|cet|jst|hkt|sgt)\b|"
                   r"[+-]\d{2}:?\d{2}\b|(?:오전|오후)\s*\d{1,2}(?:시|:\d{2})?(?:\s*\d{1,2}분)?", re.I)
_WEEKDAYS = re.compile(r"\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|"
                       r"urday|rsday)?\b\.?|\((?:월|화|수|목|금|토|일)\)", re.I)
_BYLINE = re.compile(r"\b(?:by|posted by|written by)\s+\S+(?:\s+[A-Z][\w'’.-]*){0,3}", re.I)
# "By Kim | Published March 4, 2019 | 3 min read": only the date's own segment is read.
_SEGMENT_SEPARATOR = re.compile(r"\s+[|•·/]\s+|\s{3,}")
_FILLER_WORDS = frozenset({"on", "at", "the", "of", "last", "by", "|", "in", "time"})
DATED_LINE_MAX_CHARS = 120
_LEFTOVER_WORDS_MAX = 3
_HEADING_WORDS_MAX = 8
_YEAR = re.compile(r"\d{4}")
_EMBEDDED_POST = re.compile(r"\(@\w+\)|pic\.twitter\.com|twitter\.com/\w+/status", re.I)


@dataclass(frozen=True)
class DatedLine:
    """A line of a page that states a date: the date, and whether it is an update stamp."""

    date: str
    updated: bool


def _leftover_words(line: str, match: re.Match[str]) -> list[str]:
    """The words of the line once the date, times, weekdays, labels and byline are gone."""
    rest = line[:match.start()] + " " + line[match.end():]
    rest = _LABELS.sub(" ", _WEEKDAYS.sub(" ", _TIME.sub(" ", _BYLINE.sub(" ", rest))))
    words = re.findall(r"[^\W\d_][\w'’.-]*", rest)
    return [w for w in words if w.casefold() not in _FILLER_WORDS]


def _segment_of(line: str, match: re.Match[str]) -> str:
    """The part of a line between separators that holds the date."""
    start = 0
    for part in _SEGMENT_SEPARATOR.finditer(line):
        if part.start() >= match.end():
            return line[start:part.start()]
        start = part.end() if part.end() <= match.start() else start
    return line[start:]


def _looks_like_place_or_name(words: list[str]) -> bool:
    """'SEOUL', 'Kim Tong-hyung': a dateline's place or a byline's name, not a sentence."""
    return len(words) <= _LEFTOVER_WORDS_MAX and all(not w[0].islower() for w in words)


# "date 2024-06-18 Several soldiers ...", "입력 2019.07.04 (15:03) ...": a labelled stamp that
# opens a line, whatever a page copy glued after it; "CHIANG RAI, 9 June 2014 – ...": a dateline.
_STAMP_OPENING = re.compile(rf"^\s*(?:{_PUBLISHED_LABEL})\s*[:：]?\s*(?=\d)", re.I)
_DATELINE_OPENING = re.compile(r"^(?:[A-Z][A-Z .'-]{1,30}|[A-Z][a-z]+(?: [A-Z][a-z]+){0,2})"
                               r"(?:\s*\([^()]{1,30}\))?,\s*(?:[A-Z][a-z]+(?: [A-Z][a-z]+)?\s+(?=[A-Z][a-z]{2}))?"
                               r"(?=\d|[A-Z][a-z]{2})")  # "SEOUL, South Korea Feb. 17, 2014 -"
_DATELINE_DASH = re.compile(r"^\s*(?:\([^()]{1,40}\)\s*)?(?:[-\u2013\u2014]|:\s)")
# "Source: CNN, June 15, 2007.": a credit's date is the source's, not the page's
_CREDIT_LINE = re.compile(r"^\s*(?:sources?|출처|photo|credit|via|copyright|\u00a9)\b", re.I)
# "2019.11.8/뉴스1", "(2024.8.21) 연합뉴스": the date a Korean photo credit closes a caption with
_PHOTO_CREDIT_AFTER = re.compile(
    r"\)?(?:/(?=[^\s\d])|\s*(?:연합뉴스|뉴스1|뉴시스|AP|AFP|EPA|로이터|공동취재)(?=$|[\s)\]/]))")
_LABEL_OPENING_CHARS = 4  # an update label this close to the line's start opens it ("- 수정")


def _is_heading(text: str) -> bool:
    """Words in capitals only ('N.KOREAN VESSEL REPORT News Today'): a heading, not a sentence."""
    words = re.findall(r"[^\W\d_][\w'’.-]*", text)
    return len(words) <= _HEADING_WORDS_MAX and all(not w[0].islower() for w in words)


def _opening_stamp(line: str) -> DatedLine | None:
    """A date that opens a line after a publication label or a dateline's place."""
    opening = _STAMP_OPENING.match(line) or _DATELINE_OPENING.match(line)
    if opening is None:
        return None
    found = find_date(line[opening.end():opening.end() + 40])
    if found is None or found[1].start() != 0:
        return None
    rest = line[opening.end() + found[1].end():]
    is_dateline = not _STAMP_OPENING.match(line)
    return None if is_dateline and not _DATELINE_DASH.match(rest) else DatedLine(found[0], False)


def _published_after_update(line: str) -> DatedLine | None:
    """'수정 2017.11.14 입력 2017.11.13': a line that opens with its update stamp still
    states the publication date after it, and that one is the page's."""
    first = _LABELS.search(line)
    if first is None or not first[1] or first.start() > _LABEL_OPENING_CHARS:
        return None
    for label in _LABELS.finditer(line, first.end()):
        if label[2] and (stamp := _opening_stamp(line[label.start():])):
            return stamp
    return None


def dated_line(line: str) -> DatedLine | None:
    """The date a short line states about the page, e.g. 'Posted July. 29, 2019' or
    'Tue, 10/04/2011'; None for a sentence that mentions a date ('He crossed on June 18')."""
    line = line.strip()
    if not _YEAR.search(line):
        return None  # every form below has a four-digit year; most lines have none
    if _EMBEDDED_POST.search(line) or _CREDIT_LINE.match(line):
        return None  # "— Name (@handle) November 18, 2019": a quoted tweet's date
    if stamp := _published_after_update(line) or _opening_stamp(line):
        return stamp
    label = _LABELS.search(line)
    if label and label[2] and _is_heading(line[:label.start()]):
        if stamp := _opening_stamp(line[label.start():]):
            return stamp  # "N.KOREAN VESSEL REPORT News Today 입력 2019.07.04 (15:03)"
    if not line or len(line) > DATED_LINE_MAX_CHARS:
        return None
    found = find_date(line)
    if found is None:
        return None
    date, match = found
    if _PHOTO_CREDIT_AFTER.match(line, match.end()):
        return None  # "2019.11.8/뉴스1", "2024.8.21 연합뉴스": a photo credit's date
    segment = _segment_of(line, match)
    if not _looks_like_place_or_name(_leftover_words(segment, find_date(segment)[1])):
        return None
    label = _LABELS.search(line[:match.start()])
    return DatedLine(date, updated=bool(label and label[1]))
