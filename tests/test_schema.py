"""Text analysed in the cleaning workers is indexed exactly as Whoosh would have indexed it."""
from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh import index as whoosh_index
from whoosh.fields import TEXT
from whoosh.query import Phrase, Term

from search.schema import analyse, build_schema

SCHEMA = build_schema()
WORDY_TEXT = st.text(alphabet=st.sampled_from(list("aeiouKŏéß.'-_ 1\n\u0130\u1e9e")) | st.characters(), max_size=200)


@settings(max_examples=300, deadline=None)
@given(text=WORDY_TEXT)
def test_analysis_gives_exactly_whooshs_postings(text: str) -> None:
    for name in ("title", "body"):
        field = SCHEMA[name]
        assert analyse(field, text).postings == tuple(TEXT.index(field, text)), name


def test_real_prose_is_analysed_like_whoosh() -> None:
    text = ("Panmunjŏm's guards said the defector's 3.5-km swim ended at 2 a.m.; U.S. officials, "
            "citing the NIS, called it the defectors' first crossing since 2019. Crossing crossed.")
    for name in ("title", "body"):
        field = SCHEMA[name]
        postings = analyse(field, text).postings
        assert postings == tuple(TEXT.index(field, text))
        assert {term for term, *_ in postings} >= {b"panmunjom", b"defector", b"cross", b"3.5"}


def test_pre_analysed_documents_are_searchable_and_store_their_text(tmp_path: Path) -> None:
    ix = whoosh_index.create_in(str(tmp_path), SCHEMA)
    body = "The soldier crossed the only place where the two Koreas meet."
    with ix.writer() as writer:
        writer.add_document(id="a", body=analyse(SCHEMA["body"], body), _stored_body=body)
    with ix.searcher() as searcher:
        [hit] = searcher.search(Phrase("body", ["the", "onli", "place"]))
        assert hit["body"] == body
        assert searcher.search(Term("body", "cross")).scored_length() == 1
