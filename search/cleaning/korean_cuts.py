"""Furniture that a Korean page copy runs into a paragraph, cut off where it begins or ends.

Each function takes the page's units (their texts) and their kinds so far, and returns, for
each paragraph (kind None) it cuts, the words kept and the piece cut off. The patterns are in
plaintext_rules; English text (ASCII) is never looked at.
"""
from __future__ import annotations

from search.cleaning import plaintext_rules as rules

Cuts = dict[int, tuple[str, str]]
_SIGNATURE_ENDS = frozenset("abcdefghijklmnopqrstuvwxyz)]>")  # how a Korean story's signature ends


def reporter_signatures(texts: list[str], kinds: list[str | None]) -> Cuts:
    """A Korean reporter's name and e-mail run onto the end of the last paragraph
    ('... 밝혔다. 김가상 기자 kim@example.co.kr', '<김가상 기자>', '(연합뉴스)'): the
    paragraph keeps its words, the signature goes (a byline; an agency's, a credit)."""
    signed = ((i, rules.TRAILING_REPORTER.search(text)) for i, text in enumerate(texts)
              if kinds[i] is None and text[-1:] in _SIGNATURE_ENDS and not text.isascii())
    return {i: (texts[i][:m.start()].rstrip(), m.group(0).strip()) for i, m in signed
            if m is not None and m.start() > 0}


def glued_furniture(texts: list[str], kinds: list[str | None]) -> Cuts:
    """'... 밝혔다.(통일부 제공)관련 키워드 ...': a Korean page copied as one paragraph runs its
    story lists, tags and comments onto the article; they are cut off where they begin."""
    found = ((i, rules.GLUED_FURNITURE.search(text)) for i, text in enumerate(texts)
             if kinds[i] is None and not text.isascii() and len(text.split()) > rules.BYLINE_MAX_WORDS)
    return {i: (texts[i][:m.start()].rstrip(), m.group(0).strip()) for i, m in found
            if m is not None and m.start() > 0}


def leading_photo_credits(texts: list[str], kinds: list[str | None]) -> Cuts:
    """'[사진=연합뉴스] 합동참모본부는 ...': the photo's credit opening a Korean paragraph goes
    (with the captions: it says whom the page cites), the paragraph stays."""
    opened = ((i, rules.LEADING_PHOTO_CREDIT.match(text)) for i, text in enumerate(texts)
              if kinds[i] is None and text[:1] in "[(")
    return {i: (texts[i][m.end():], m.group(0).strip()) for i, m in opened if m is not None}
