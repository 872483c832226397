"""The language an article is written in, for the `lang` facet: en, ko or other.

py3langid (a maintained fork of langid.py, 97 languages) identifies it, rather than a rule of
our own: measured beside lingua-language-detector on texts written for this
(bench/language_id.py, docs/korean.md), both were right on every sample, py3langid at 0.05 ms
a text against 1.7 ms, 1.5 s to load against 11 s, and 90 MB resident against 900 MB.
Korean full of English acronyms and names ("합참은 JSA에서 MDL을 넘은 KPA 병사") is Korean.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# The title and the body's opening: enough to tell, and the cost stays flat. py3langid reads
# its text byte by byte in Python, so the sample is the cost: on the 1,946 real English and
# Korean pages of the development sets, 600 characters give the language 2,000 give on every
# page (300: one page differs) at 0.3 ms a page instead of 0.55 ms.
SAMPLE_CHARS = 600


@dataclass(frozen=True)
class Language:
    id: str
    label: str
    definition: str


LANGUAGES = (
    Language("en", "English", "written in English."),
    Language("ko", "Korean", "written in Korean (한국어), English acronyms and names included."),
    Language("other", "Other", "written in another language."),
)
_FACET_VALUES = frozenset(language.id for language in LANGUAGES)


def given_language(code: str | None) -> str | None:
    """A language given with the article (a sidecar's or record's "lang": "ko", "en-GB",
    "ja") as a facet value; None when none is given. Given, it is not identified: the seeds
    say theirs, so a first `serve` indexes them without loading py3langid (0.5 s, 80 MB)."""
    primary = re.split(r"[-_]", (code or "").strip().lower(), maxsplit=1)[0]
    if not primary:
        return None
    return primary if primary in _FACET_VALUES else "other"


def article_language(title: str, body: str) -> str:
    """en, ko or other, from the article's title and the opening of its body."""
    text = f"{title}\n{body}"[:SAMPLE_CHARS]
    if not text.strip():
        return "other"
    import py3langid  # loads its model (1.5 s) on the first article, not at import
    code = py3langid.classify(text)[0]
    return code if code in _FACET_VALUES else "other"
