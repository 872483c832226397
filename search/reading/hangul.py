"""Whether an article is written in Korean, for the route reader's dispatch (routes.py).

Korean articles go to the Korean reader (korean_story.py): most of their letters are Hangul
syllables ("합참은 JSA에서 MDL을 넘은 KPA 병사" is Korean), a Korean word quoted in English is
not. This is asked of every article, so English must be told apart for next to nothing.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

_HANGUL = re.compile("[\uac00-\ud7a3]")
_LATIN = re.compile("[A-Za-z]")
KOREAN_MIN_SHARE = 0.3  # Hangul syllables over Hangul syllables and Latin letters


def written_in_korean(title: str, paragraphs: Sequence[str]) -> bool:
    """Mostly Hangul. English text is told apart for ~3 us an article, 0.3% of reading its
    routes (bench/route_dispatch.py): str.isascii() reads a flag, so the Hangul search runs
    only on paragraphs with other characters (curly quotes, dashes)."""
    if not any(_has_hangul(text) for text in (title, *paragraphs)):
        return False
    text = "\n".join([title, *paragraphs])
    hangul, latin = len(_HANGUL.findall(text)), len(_LATIN.findall(text))
    return hangul >= KOREAN_MIN_SHARE * (hangul + latin)


def _has_hangul(text: str) -> bool:
    return not text.isascii() and bool(_HANGUL.search(text))
