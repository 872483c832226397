"""The news agencies, outlets and institutions an article cites, under one canonical name each.

Each source is a canonical name and the ways articles write it (Korean spellings, such as
the "(서울=연합뉴스)" dateline credit, are data: data/cited_sources_ko.tsv). Short forms that are also
ordinary letters ("AP", "NIS", "UNC") only count as whole upper-case words, so "map" or "Apple"
never cite the Associated Press. Unnamed voices ("the military said") are not sources.
"""
from __future__ import annotations

import functools
import re
from importlib import resources

_Spellings = tuple[str, ...]


def _upper(abbreviation: str) -> str:
    """An abbreviation matched only as a whole word in capitals."""
    return rf"(?-i:\b{abbreviation}\b)"


_SOURCES: tuple[tuple[str, _Spellings], ...] = (
    ("Yonhap", (r"\byonhap\b",)),
    ("Reuters", (r"\breuters\b",)),
    ("AP", (_upper("AP"), r"\bassociated press\b")),
    ("AFP", (_upper("AFP"), r"\bagence france[- ]presse\b")),
    ("KCNA", (_upper("KCNA"), r"\bkorean central news agency\b")),
    ("Kyodo", (r"\bkyodo\b",)),
    ("Xinhua", (r"\bxinhua\b",)),
    ("Bloomberg", (r"\bbloomberg\b",)),
    ("Unification Ministry", (r"\bunification ministry\b", r"\bministry of unification\b")),
    ("Ministry of National Defense", (r"\bministry of national defen[cs]e\b",
                                      r"\bnational defen[cs]e ministry\b",
                                      r"\bministry of defen[cs]e\b", r"\bdefen[cs]e ministry\b")),
    ("Joint Chiefs of Staff", (r"\bjoint chiefs of staff\b", _upper("JCS"))),
    ("UN Command", (r"\bu\.?\s?n\.? command\b", r"\bunited nations command\b", _upper("UNC"))),
    ("National Intelligence Service", (r"\bnational intelligence service\b", _upper("NIS"))),
    ("BBC", (_upper("BBC"),)),
    ("CNN", (_upper("CNN"),)),
    ("NPR", (_upper("NPR"),)),
    ("NHK", (_upper("NHK"),)),
    ("KBS", (_upper("KBS"),)),
    ("Al Jazeera", (r"\bal[- ]jazeera\b",)),
    ("Washington Post", (r"\bwashington post\b",)),
    ("New York Times", (r"\bnew york times\b", _upper("NYT"))),
    ("Los Angeles Times", (r"\blos angeles times\b", r"\bl\.\s?a\.\s?times\b", r"\bla times\b")),
    ("Wall Street Journal", (r"\bwall street journal\b", _upper("WSJ"))),
    ("The Guardian", (r"(?-i:\b[Tt]he Guardian\b)",)),
    ("Financial Times", (r"\bfinancial times\b",)),
    ("Fox News", (r"\bfox news\b",)),
    ("Stars and Stripes", (r"\bstars and stripes\b",)),
    ("Korea JoongAng Daily", (r"\b(?:korea )?joong-?ang daily\b",)),
    ("JoongAng Ilbo", (r"\bjoong-?ang ilbo\b",)),
    ("Chosun Ilbo", (r"\bchosun ilbo\b",)),
    ("Dong-A Ilbo", (r"\bdong-?a ilbo\b",)),
    ("Hankyoreh", (r"\bhankyoreh\b",)),
    ("Korea Times", (r"\bkorea times\b",)),
    ("Korea Herald", (r"\bkorea herald\b",)),
    ("NK News", (r"\bnk news\b",)),
    ("Daily NK", (r"\bdaily nk\b",)),
    ("Radio Free Asia", (r"\bradio free asia\b", _upper("RFA"))),
    ("Voice of America", (r"\bvoice of america\b", _upper("VOA"))),
    ("Rodong Sinmun", (r"\brodong sinmun\b",)),
    ("38 North", (r"\b38 north\b",)),
    ("Human Rights Watch", (r"\bhuman rights watch\b",)),
    ("Amnesty International", (r"\bamnesty international\b",)),
)

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile("|".join(spellings), re.IGNORECASE)) for name, spellings in _SOURCES)


def _literal_hint(spelling: str) -> str:
    """The longest plain run of a spelling, lowercased: text without it cannot match."""
    plain = re.sub(r"\\[a-zA-Z]|\(\?-i:|\(\?<?[!=]|\[[^]]*\]|[?()|\\]", "\0", spelling).lower()
    return max(re.findall(r"[\w '.-]+", plain), key=len).strip(" .")


# Checking a substring first is ~20x cheaper than running every case-insensitive pattern.
_HINTS: dict[str, tuple[str, ...]] = {
    name: tuple(_literal_hint(spelling) for spelling in spellings) for name, spellings in _SOURCES}

# Korean text: the spellings of data/cited_sources_ko.tsv, and the acronyms above with a
# particle attached ("KBS는", "AFP통신"), where the word boundary of the English patterns fails.
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_ACRONYM = re.compile(r"^\(\?-i:\\b([A-Z]+)\\b\)$")


def _korean_spellings() -> dict[str, list[str]]:
    text = resources.files("search.reading").joinpath("data/cited_sources_ko.tsv").read_text("utf-8")
    spellings: dict[str, list[str]] = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            name, spelling = line.split("\t", 1)
            spellings.setdefault(name.strip(), []).append(rf"(?<![가-힣A-Za-z]){spelling.strip()}")
    for name, english in _SOURCES:
        for acronym in filter(None, (_ACRONYM.match(spelling) for spelling in english)):
            spellings.setdefault(name, []).append(rf"(?-i:(?<![A-Za-z0-9]){acronym[1]}(?=[가-힣]))")
    return spellings


_KOREAN_SOURCES = tuple(_korean_spellings().items())
_KOREAN_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile("|".join(spellings), re.IGNORECASE)) for name, spellings in _KOREAN_SOURCES)
_HINTS.update({f"ko:{name}": tuple(_literal_hint(s) for s in spellings)
               for name, spellings in _KOREAN_SOURCES})

# A ministry of another country is not the South Korean ministry of the same name.
_FOREIGN_OWNER = re.compile(
    r"\b(?:north korea(?:n|'s|\u2019s)?|pyongyang(?:'s|\u2019s)?|japan(?:ese|'s|\u2019s)?|"
    r"chin(?:a|ese|a's|a\u2019s)|russia(?:n|'s|\u2019s)?|u\.?s\.?|american|pentagon|"
    r"미국|미|중국|중|일본|일|러시아|러|북한|북|北|美|中|日)\s*$",
    re.IGNORECASE)
_OWNER_WINDOW_CHARS = 24
_MINISTRIES = frozenset({"Unification Ministry", "Ministry of National Defense"})
_LEADING_ARTICLE = re.compile(r"^\s*the\s+", re.IGNORECASE)


def find_cited_sources(text: str, publisher: str | None = None) -> tuple[str, ...]:
    """The canonical names of the sources the text cites, sorted, without the publisher.

    An outlet is not a source of its own article: "Speaking to Al Jazeera" in an Al Jazeera
    article is the publisher talking, so its name is compared in canonical form and dropped.
    """
    own = _publisher_key(publisher)
    lowered = text.lower()
    cited = {name for name, pattern in _PATTERNS
             if any(hint in lowered for hint in _HINTS[name]) and _is_cited(name, pattern, text)}
    if _HANGUL.search(text):
        cited |= {name for name, pattern in _KOREAN_PATTERNS
                  if any(hint in lowered for hint in _HINTS[f"ko:{name}"])
                  and _is_cited(name, pattern, text)}
    return tuple(sorted((name for name in cited if _key(name) != own), key=str.casefold))


@functools.lru_cache(maxsize=1024)  # called with each article's publisher: few distinct names
def canonical_source(name: str) -> str | None:
    """The canonical name for a user-typed source name ('L.A. Times', 'ap'), else None."""
    typed = _LEADING_ARTICLE.sub("", name).strip()
    for candidate in (typed, typed.upper()):
        for canonical, pattern in (*_PATTERNS, *_KOREAN_PATTERNS):
            if pattern.fullmatch(candidate) or _key(canonical) == _key(candidate):
                return canonical
    return None


def _is_cited(name: str, pattern: re.Pattern[str], text: str) -> bool:
    return any(name not in _MINISTRIES or not _foreign_owned(text, match.start())
               for match in pattern.finditer(text))


def _foreign_owned(text: str, start: int) -> bool:
    """'North Korea's Defense Ministry' names another country's ministry."""
    return bool(_FOREIGN_OWNER.search(text[max(0, start - _OWNER_WINDOW_CHARS):start]))


def _publisher_key(publisher: str | None) -> str | None:
    if not publisher:
        return None
    return _key(canonical_source(publisher) or publisher)


def _key(name: str) -> str:
    """Case, punctuation and a leading 'the' do not distinguish two names of one outlet."""
    return re.sub(r"[^a-z0-9]", "", _LEADING_ARTICLE.sub("", name).casefold())
