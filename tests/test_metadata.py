"""Metadata precedence: sidecar > markup > URL > text clues > unknown, with provenance."""
from __future__ import annotations

from search.reading.dates import normalise_date
from search.reading.metadata import date_from_url, describe
from search.models import CleanedText, MetadataHint, PageMetadata, RemovedSpan
from search.reading.outlets import outlet_for_url

CLEANED = CleanedText(
    title="Soldier defects",
    paragraphs=("SEOUL, Dec 21 (Reuters) - A soldier crossed.",),
    removed=(RemovedSpan("footer", "Source: Al Jazeera"),
             RemovedSpan("comments", "Bob\nPosted November 25, 2017 at 3:02 pm | Permalink\nNice"),
             RemovedSpan("comments", "Ann\nPosted November 24, 2017 at 1:00 pm | Permalink\nHi")),
)


def test_sidecar_beats_markup_beats_url_beats_text() -> None:
    page = PageMetadata(outlet=MetadataHint("NK News", "json-ld"), url=MetadataHint("https://www.reuters.com/2019/01/02/x", "html-meta"))
    described = describe({"outlet": "Daily NK"}, page, CLEANED)
    assert (described.outlet, described.provenance["outlet"]) == ("Daily NK", "sidecar")
    described = describe({}, page, CLEANED)
    assert (described.outlet, described.provenance["outlet"]) == ("NK News", "json-ld")
    assert (described.published, described.provenance["published"]) == ("2019-01-02", "url")
    described = describe({}, PageMetadata(url=MetadataHint("https://www.reuters.com/world/x", "html-meta")), CLEANED)
    assert (described.outlet, described.provenance["outlet"]) == ("Reuters", "url")


def test_text_clues_when_nothing_else() -> None:
    described = describe({}, PageMetadata(), CLEANED)
    assert (described.outlet, described.provenance["outlet"]) == ("Al Jazeera", "text")
    assert (described.published, described.provenance["published"]) == ("2017-11-24", "text")
    assert (described.title, described.provenance["title"]) == ("Soldier defects", "text")
    assert (described.url, described.provenance["url"]) == (None, "default")


def test_bio_and_wire_dateline_name_the_outlet() -> None:
    bio = CleanedText("T", ("Body.",), (RemovedSpan("bio", "Editor of The Talking Democrat. He enjoys rowing."),))
    assert describe({}, PageMetadata(), bio).outlet == "The Talking Democrat"
    wire = CleanedText("T", ("SEOUL, Dec 21 (Reuters) - A soldier crossed.",))
    assert describe({}, PageMetadata(), wire).outlet == "Reuters"


def test_unknown_everything_is_none_with_default_provenance() -> None:
    described = describe({}, PageMetadata(), CleanedText("Only a title", ("Text.",)))
    assert described.outlet is None and described.published is None
    assert described.provenance == {"title": "text", "outlet": "default", "published": "default", "url": "default"}


def test_dates_are_normalised_or_dropped() -> None:
    assert normalise_date("2017-12-21T08:00:00+09:00") == "2017-12-21"
    assert normalise_date("2017-12") == "2017-12"
    assert normalise_date("December 21, 2017") == "2017-12-21"
    assert normalise_date("21 Dec 2017") == "2017-12-21"
    assert normalise_date("2017-13-40") is None and normalise_date("soon") is None
    assert date_from_url("http://www.rokdrop.net/2017/11/north-korean-soldier/") == "2017-11"
    assert outlet_for_url("https://en.yna.co.kr/view/AEN2017") == "Yonhap"
    assert outlet_for_url("https://unknown.example/x") is None
