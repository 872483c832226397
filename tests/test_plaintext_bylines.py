"""Bylines and datelines of a plain-text page copy are named "byline", not thrown in with the
navigation (issue 12: "Published March 4, 2019" went as navigation and the article was undated)."""
from __future__ import annotations

from search.cleaning.plaintext import clean_plain_text
from search.models import CleanedText

PARAGRAPHS = [
    "A wooden boat carrying five people from the North reached the port of Sokcho early on "
    "Sunday, the coast guard said, after drifting for three days in the East Sea.",
    "Officials said all five had asked to stay in the South and were being questioned by the "
    "intelligence service about their journey and their home village.",
    "The coast guard said the engine had failed on the first night and the crew had used a "
    "sail made from rice sacks to steer south through the fog.",
    "By March, the ministry said, the number of such arrivals had risen for the third year "
    "in a row, most of them fishing crews from the east coast.",
]
HEAD = ["Home | World | Korea | Opinion | Subscribe", "Korea Harbour Daily",
        "Fishing crew reaches Sokcho after three days adrift"]


def clean(lines: list[str]) -> CleanedText:
    return clean_plain_text("\n".join(lines))


def spans(cleaned: CleanedText, kind: str) -> list[str]:
    return [span.text for span in cleaned.removed if span.kind == kind]


def test_a_saved_pages_byline_is_kept_apart_for_the_date_reader() -> None:
    cleaned = clean(HEAD + ["By Kim Min-ji", "Published March 4, 2019", "Share Tweet Email"]
                    + PARAGRAPHS + ["Related: Defectors describe life in coastal villages"])
    assert spans(cleaned, "byline") == ["By Kim Min-ji", "Published March 4, 2019"]
    assert not any("Published" in text for text in spans(cleaned, "nav"))
    assert list(cleaned.paragraphs) == PARAGRAPHS  # "By March, ..." is the article's own


def test_printed_forms_of_a_dated_line_in_the_head() -> None:
    for line in ("Published : July 27, 2020", "Posted July. 29, 2019", "입력 2024-08-21 10:32",
                 "date 2018-02-10", "June 18, 2017", "Tue, 10/04/2011",
                 "By Lee Su-bin | Updated: 18 Nov 2019, 19:11"):
        cleaned = clean(HEAD + [line] + PARAGRAPHS)
        assert spans(cleaned, "byline") == [line], line
        assert list(cleaned.paragraphs) == PARAGRAPHS


def test_a_stamp_inside_the_article_is_a_byline_and_a_bare_date_there_stays() -> None:
    cleaned = clean(HEAD + PARAGRAPHS[:2] + ["Updated March 5, 2019", "March 3, 2019"] + PARAGRAPHS[2:])
    assert spans(cleaned, "byline") == ["Updated March 5, 2019"]
    assert "March 3, 2019" in cleaned.paragraphs


def test_dated_lines_of_a_comment_thread_and_a_link_list_are_not_bylines() -> None:
    thread = ["2 Comments", "Jin-ho Park", "Posted on March 6, 2019 at 10:31 am",
              "I grew up near Sokcho and the fog there in spring is thick enough to lose a boat in.",
              "Reply", "Mina", "Posted on March 7, 2019 at 8:02 am",
              "Glad they are safe, and I hope their families in the North are not punished for it.",
              "Reply"]
    links = ["More from Korea", "Defectors describe life in coastal villages", "June 18, 2017",
             "Ferry service to the islands resumes", "June 19, 2017"]
    cleaned = clean(HEAD + ["Published March 4, 2019"] + PARAGRAPHS + links + thread)
    assert spans(cleaned, "byline") == ["Published March 4, 2019"]
    assert any("Posted on March 6, 2019" in text for text in spans(cleaned, "comments"))


def test_cleaning_its_own_output_again_changes_nothing() -> None:
    cleaned = clean(HEAD + ["By Kim Min-ji", "Published March 4, 2019"] + PARAGRAPHS)
    again = clean_plain_text(cleaned.title + "\n\n" + cleaned.body)
    assert (again.title, again.paragraphs) == (cleaned.title, cleaned.paragraphs)
