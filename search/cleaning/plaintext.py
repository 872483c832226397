"""Clean a plain-text copy of a whole web page down to the article's own paragraphs.

The page arrives as lines: navigation, the headline, the article, captions, share bars, the
author's bio, a comment thread, footers. The cleaner
1. cuts the text into units (a line, or lines wrapped inside one paragraph: plaintext_units.py);
2. names the units that are page furniture on their own wording (plaintext_rules.line_kind) or
   from their neighbours (the line before a photo credit is a caption, and so on);
3. finds the article as the run of units with the most prose in it (maximum-sum run, where prose
   counts for and short or furniture lines count against), so that short paragraphs and
   quotations sandwiched between long ones stay;
4. cuts a comment thread from its first structural marker (dated headers, 'says:', 'Reply',
   '@name', comment counts, the reply form) and a trailing author bio, and names the bylines
   and datelines at the article's head ('By ...', 'Published March 4, 2019'), whose date the
   metadata stage reads;
5. repeats on its own output until nothing changes, so that cleaning clean text is a no-op.
"""
from __future__ import annotations


from search.cleaning import korean_cuts
from search.cleaning import plaintext_rules as rules
from search.cleaning.korean_lines import has_hangul, korean_line_kind
from search.cleaning.normalise import normalise_text
from search.cleaning.plaintext_units import Unit, split_units
from search.cleaning.titles import split_title
from search.models import CleanedText, RemovedSpan

_PROSE_MIN_WORDS = 8  # a sentence-like line at least this long counts as article prose
_LONG_LINE_WORDS = 20  # a line this long counts as prose even without a closing stop
_SHORT_LINE_COST = 6  # what a short non-prose line costs the run of article units around it
_TEASER_DIVISOR = 2  # a prose line with no sentence on either side counts for this share of it
_PROSE_DISCOUNT = 4  # taken off every prose line, so that a short one barely outweighs a gap
_THREAD_PROSE_BEFORE = 40  # prose words needed before a comment marker can open a thread
_THREAD_WINDOW = 8  # units within which the next comment marker follows, a comment between
_THREAD_CHAIN_GAP = 3  # markers this close belong to one thread (headers, counts, "Reply")
_CAPTION_MAX_WORDS = 30  # a line closed by a [bracket credit] this short is a caption
_CAPTION_WITH_CREDIT_MAX_WORDS = 80  # the text just above a photo credit is a caption up to this
_LABEL_MAX_WORDS = 5  # a short label line ("Korea DMZ") above a caption
_BYLINE_HEAD_UNITS = 6  # a byline sits this close above the article's first paragraph
_MAX_PASSES = 8  # fixed-point passes; real pages settle in two
_INLINE_KINDS = frozenset({"caption", "credit"})  # furniture that sits inside articles
_MERGED_KINDS = frozenset({"comments", "nav", "other", "share", "form"})
# furniture that Korean pages set inside their articles: a broadcast's "[리포트]" and sign-off,
# the share bar and "기사 URL이 복사되었습니다" between the headline's stamp and the lead
_KOREAN_INLINE_KINDS = frozenset({"byline", "nav", "share", "credit"})


def clean_plain_text(text: str) -> CleanedText:
    """Title (the headline: see titles.py), the article's paragraphs, and every removed span with its kind."""
    cleaned = _clean_once(normalise_text(text))
    removed = list(cleaned.removed)
    for _ in range(_MAX_PASSES):
        again = _clean_once(_render(cleaned))
        if again.paragraphs == cleaned.paragraphs and again.title == cleaned.title:
            break
        removed.extend(again.removed)
        cleaned = again
    return CleanedText(cleaned.title, cleaned.paragraphs, tuple(removed))


def extract_body_plaintext(text: str) -> str:
    """Title and body as one text: the hook the benchmark's score.py --py calls per page."""
    return _render(clean_plain_text(text))


def _render(cleaned: CleanedText) -> str:
    return cleaned.title + "\n\n" + cleaned.body


def _clean_once(text: str) -> CleanedText:
    """One pass over normalised text (the cleaner's own output stays normalised)."""
    title, lines = split_title(text.split("\n"))
    if not title:
        return CleanedText("", ())
    units = split_units(lines)
    kinds = _furniture_kinds(units)
    kinds, credits = _split_bracket_credits(units, kinds)
    glued = korean_cuts.glued_furniture([u.text for u in units], kinds)
    units = [u._replace(text=glued[i][0]) if i in glued else u for i, u in enumerate(units)]
    signatures = korean_cuts.reporter_signatures([u.text for u in units], kinds)
    photo_credits = korean_cuts.leading_photo_credits([u.text for u in units], kinds)
    cut = credits | photo_credits | signatures
    units = [u._replace(text=cut[i][0]) if i in cut else u for i, u in enumerate(units)]
    _mark_outside_article(units, kinds)
    tails = {i: RemovedSpan("credit", credit) for i, (_, credit) in credits.items()}
    tails |= {i: RemovedSpan("caption", credit) for i, (_, credit) in photo_credits.items()}
    tails |= {i: RemovedSpan("promo", rest) for i, (_, rest) in glued.items() if i not in tails}
    # "(서울=연합뉴스) ..." and "(연합뉴스)" credit a source; "김가상 기자 ..." is a byline
    tails |= {i: RemovedSpan("byline" if "기자" in line and "=" not in line else "credit", line)
              for i, (_, line) in signatures.items()}
    paragraphs, removed = _assemble(units, kinds, tails)
    return CleanedText(title, tuple(paragraphs), tuple(removed))


# ------------------------------------------------------------------------------ furniture ---
def _furniture_kinds(units: list[Unit]) -> list[str | None]:
    """Kinds from each unit's own wording, then from its neighbours (captions, promo wraps)."""
    kinds = [rules.line_kind(u.text, u.words) for u in units]
    _mark_repeated_captions(units, kinds)
    for i in range(len(units)):
        # (a Korean "ⓒ 어느방송" credits a video, not the line above it)
        if kinds[i] == "credit" and korean_line_kind(units[i].text, units[i].words) is None:
            _mark_caption_before(units, kinds, i)
        elif kinds[i] == "promo":
            _mark_promo_wrap(units, kinds, i)
    return kinds


def _mark_repeated_captions(units: list[Unit], kinds: list[str | None]) -> None:
    """A Korean photo's alt text and caption, the same short line twice in a row."""
    for i in range(len(units) - 1):
        first, second = units[i], units[i + 1]
        if (first.text == second.text and first.words <= _CAPTION_MAX_WORDS
                and kinds[i] is None and not first.text.isascii() and has_hangul(first.text)):
            kinds[i] = kinds[i + 1] = "caption"


def _adjacent_in_block(units: list[Unit], i: int, j: int) -> bool:
    """Units i and j sit next to each other in one paragraph (a page without blank lines is one)."""
    return 0 <= j < len(units) and units[i].block == units[j].block


def _mark_caption_before(units: list[Unit], kinds: list[str | None], credit: int) -> None:
    """The text a photo credit closes is the caption; a short label above it goes with it."""
    before = credit - 1
    if not _adjacent_in_block(units, credit, before) or kinds[before] is not None:
        return
    if units[before].words > _CAPTION_WITH_CREDIT_MAX_WORDS:
        return
    kinds[before] = "caption"
    _mark_label_before(units, kinds, before)


def _mark_label_before(units: list[Unit], kinds: list[str | None], caption: int) -> None:
    label = caption - 1
    if not _adjacent_in_block(units, caption, label) or kinds[label] is not None:
        return
    if units[label].words <= _LABEL_MAX_WORDS and not rules.ends_like_sentence(units[label].text):
        kinds[label] = "caption"


def _mark_promo_wrap(units: list[Unit], kinds: list[str | None], promo: int) -> None:
    """A promo headline too long for its line spills onto the next one."""
    after = promo + 1
    if rules.ends_like_sentence(units[promo].text) or not _adjacent_in_block(units, promo, after):
        return
    nxt = units[after]
    if kinds[after] is None and nxt.words <= 10 and not nxt.text.endswith("."):
        kinds[after] = "promo"


def _split_bracket_credits(
    units: list[Unit], kinds: list[str | None]
) -> tuple[list[str | None], dict[int, tuple[str, str]]]:
    """A line closed by '[Agency]': short ones are captions, long paragraphs just lose the credit."""
    stripped: dict[int, tuple[str, str]] = {}
    for i, unit in enumerate(units):
        match = rules.BRACKET_CREDIT.search(unit.text) if kinds[i] is None else None
        if match is None:
            continue
        if unit.words <= _CAPTION_MAX_WORDS:
            kinds[i] = "caption"
            _mark_label_before(units, kinds, i)
        else:
            stripped[i] = (unit.text[: match.start()].rstrip(), match.group(0).strip())
    return kinds, stripped


# ------------------------------------------------------------------------- article region ---
def _mark_outside_article(units: list[Unit], kinds: list[str | None]) -> None:
    """Name every unit outside the article: before it nav, a thread comments, the rest other."""
    if not units:
        return
    start, end = _densest_run(units, kinds)
    thread = _thread_start(units, kinds, start)
    if thread is not None:
        for i in range(thread, max(end, _thread_end(units, kinds, thread)) + 1):
            kinds[i] = kinds[i] or "comments"
        end = min(end, thread - 1)
    end = _trim_trailing_bio(units, kinds, start, end)
    _mark_bylines(units, kinds, start, end if thread is None else min(end, thread - 1))
    for i in range(len(units)):
        if kinds[i] is None and not start <= i <= end:
            kinds[i] = "nav" if i < start else "other"


def _mark_bylines(units: list[Unit], kinds: list[str | None], start: int, end: int) -> None:
    """Bylines and datelines in the article's head (the few units above it) or in the article
    itself are named, so that the metadata stage can read the date from them; a bare date
    line counts only in the head, where it dates the article and not a story it tells of."""
    for i in range(max(0, start - _BYLINE_HEAD_UNITS), end + 1):
        unit = units[i]
        if kinds[i] is None and (rules.is_byline(unit.text, unit.words)
                                 or (i < start and rules.is_date_line(unit.text))):
            kinds[i] = "byline"


def _unit_values(units: list[Unit], kinds: list[str | None]) -> list[int]:
    """Prose counts for the article run and other lines against it. A prose line with stretches
    of other lines on both sides counts for little: that is a teaser under a link list's
    headline and date, while an article's paragraphs come in runs."""
    prose = [kind is None and _is_prose(unit) for unit, kind in zip(units, kinds)]
    sentences = [kind is None and _is_sentence(unit) for unit, kind in zip(units, kinds)]
    inside = [_korean_inline(unit, kind) for unit, kind in zip(units, kinds)]
    neighbours = _neighbours([i for i, skip in enumerate(inside) if not skip])
    values = []
    for i, unit in enumerate(units):
        if kinds[i] in _INLINE_KINDS or inside[i]:
            values.append(0)
        elif not prose[i]:
            values.append(-_SHORT_LINE_COST)
        elif not any(sentences[j] for j in neighbours.get(i, ())):
            values.append(unit.words // _TEASER_DIVISOR - _PROSE_DISCOUNT)
        else:
            values.append(unit.words - _PROSE_DISCOUNT)
    return values


def _korean_inline(unit: Unit, kind: str | None) -> bool:
    """Furniture that Korean pages set inside their articles (captions, "[리포트]", a reporter's
    sign-off, a share bar under the stamp): it costs the article run nothing, and a paragraph's
    neighbours are looked for past it."""
    return (kind in _INLINE_KINDS or kind in _KOREAN_INLINE_KINDS) and has_hangul(unit.text)


def _neighbours(kept: list[int]) -> dict[int, tuple[int, ...]]:
    """Each unit's previous and next unit among those kept."""
    return {i: tuple(kept[k + d] for d in (-1, 1) if 0 <= k + d < len(kept)) for k, i in enumerate(kept)}


def _is_prose(unit: Unit) -> bool:
    if unit.words >= _LONG_LINE_WORDS:
        return True
    return unit.words >= _PROSE_MIN_WORDS and rules.ends_like_sentence(unit.text)


def _densest_run(units: list[Unit], kinds: list[str | None]) -> tuple[int, int]:
    """The run of units whose values sum highest (Kadane); ties keep the earlier, longer run."""
    best, best_span = None, (0, -1)
    running, run_start = 0, 0
    for i, value in enumerate(_unit_values(units, kinds)):
        if running < 0:
            running, run_start = 0, i
        running += value
        if best is None or running > best:
            best, best_span = running, (run_start, i)
    return best_span if best is not None and best > 0 else (0, -1)


# ------------------------------------------------------------------------- comment thread ---
def _is_comment_marker(unit: Unit) -> bool:
    return rules.is_comment_marker(unit.text, unit.words)


def _thread_start(units: list[Unit], kinds: list[str | None], start: int) -> int | None:
    """Where a comment thread begins: a chain of close comment markers with a comment between.

    A byline's date and @handle are close markers too, but no prose sits between them, and
    the article's prose must come before any thread.
    """
    markers = _comment_markers(units, kinds, start)
    for k in range(len(markers) - 1):
        first, second = markers[k], markers[k + 1]
        if second - first <= _THREAD_WINDOW and _has_prose(units, first, second):
            while k > 0 and markers[k] - markers[k - 1] <= _THREAD_CHAIN_GAP:
                k -= 1
            return _thread_heading(units, markers[k])
    return None


def _comment_markers(units: list[Unit], kinds: list[str | None], start: int) -> list[int]:
    prose_words = 0
    markers = []
    for i in range(start, len(units)):
        if prose_words >= _THREAD_PROSE_BEFORE and _is_comment_marker(units[i]):
            markers.append(i)
        elif kinds[i] is None and _is_prose(units[i]):
            prose_words += units[i].words
    return markers


def _has_prose(units: list[Unit], first: int, last: int) -> bool:
    """Prose from the first marker (a comment can open with '@name') up to the last one."""
    return any(_is_prose(units[i]) for i in range(first, last))


def _thread_heading(units: list[Unit], marker: int) -> int:
    """Step back over the commenter's name line that sits just above the first marker."""
    before = marker - 1
    if before >= 0 and units[before].words <= 4 and not rules.ends_like_sentence(units[before].text):
        return before
    return marker


def _thread_end(units: list[Unit], kinds: list[str | None], thread: int) -> int:
    """The last comment marker, and the sentences of the last comment after it."""
    end = max(i for i in range(thread, len(units)) if i == thread or _is_comment_marker(units[i]))
    while end + 1 < len(units) and kinds[end + 1] is None and _is_sentence(units[end + 1]):
        end += 1
    return end


def _is_sentence(unit: Unit) -> bool:
    return _is_prose(unit) or unit.text[-1] in ".!?"


def _trim_trailing_bio(units: list[Unit], kinds: list[str | None], start: int, end: int) -> int:
    """An author bio closing the article goes, with the bare name line above it; a bio just
    after the article (left out of it for being short and alone) is named bio as well."""
    _mark_bio_at(units, kinds, end + 1, len(units))
    while end >= start and kinds[end] is not None:
        end -= 1
    if end < start or not rules.looks_like_bio(units[end].text):
        return end
    kinds[end] = "bio"
    end -= 1
    if end >= start and rules.is_name_line(units[end].text):
        kinds[end] = "bio"
        end -= 1
    return end


def _mark_bio_at(units: list[Unit], kinds: list[str | None], i: int, stop: int) -> None:
    """A bio at unit i, or a bare name line at i with the bio under it."""
    name = i < stop and kinds[i] is None and rules.is_name_line(units[i].text)
    bio = i + name
    if bio < stop and kinds[bio] is None and rules.looks_like_bio(units[bio].text):
        kinds[i] = kinds[bio] = "bio"


# ------------------------------------------------------------------------------- assembly ---
def _assemble(
    units: list[Unit], kinds: list[str | None], tails: dict[int, RemovedSpan]
) -> tuple[list[str], list[RemovedSpan]]:
    """Kept units become paragraphs; removed ones become spans, runs of one kind merged."""
    paragraphs: list[str] = []
    removed: list[RemovedSpan] = []
    for i, (unit, kind) in enumerate(zip(units, kinds)):
        if i in tails:
            removed.append(tails[i])
        if kind is None:
            paragraphs.append(unit.text)
        elif removed and kind in _MERGED_KINDS and removed[-1].kind == kind:
            removed[-1] = RemovedSpan(kind, removed[-1].text + "\n" + unit.text)
        else:
            removed.append(RemovedSpan(kind, unit.text))
    return paragraphs, removed
