"""Cleaning: a page (plain text or HTML) becomes the article's own words.

`clean_plain_text` and `clean_html` both return a CleanedText; what they take out is kept as
RemovedSpan records so that later stages (metadata clues) and users can see it.
`clean_given_body` takes a record's text as the article it already is.
"""
from search.cleaning.normalise import normalise_text
from search.cleaning.plaintext import clean_plain_text
from search.cleaning.html import clean_html
from search.cleaning.html_metadata import extract_page_metadata
from search.cleaning.given import clean_given_body

__all__ = ["normalise_text", "clean_plain_text", "clean_html", "extract_page_metadata",
           "clean_given_body"]
