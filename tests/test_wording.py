"""Words as a person would write them (issue 15 item 12): the timeline's first label says
which month it marks, the exclude control has a visible and an accessible label, provenance
reads "(not found in the source)", counts agree in number, and a missing index is named
plainly. Also the page's date fields (item 4), present without JavaScript."""
from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from search import Settings, TimelineBar
from search.cli import counted, main
from web import create_app
from web.timeline import render_timeline
from web.views import EXTENSION

JSA_ARTICLE = "6b9dfbd94ea468cb"


@pytest.fixture()
def app(seeded_settings: Settings) -> Iterator[Flask]:
    app = create_app({"TESTING": True, "SEARCH_SETTINGS": seeded_settings})
    yield app
    app.extensions[EXTENSION].close()


def _labels(svg: str) -> list[str]:
    return re.findall(r'class="timeline-year">([^<]*)<', svg)


def test_the_first_timeline_label_names_its_month_when_it_is_not_january() -> None:
    svg = render_timeline([TimelineBar("2017-10", "jsa", 3), TimelineBar("2018-01", "sea", 1)], lambda m: "/")
    assert _labels(svg) == ["Jun 2017", "2018"]  # the 12-month window starts in June
    january = render_timeline([TimelineBar("2017-01", "jsa", 1), TimelineBar("2017-12", "sea", 1)], lambda m: "/")
    assert _labels(january) == ["2017"]


def test_the_exclude_control_has_a_visible_and_an_accessible_label(app: Flask) -> None:
    page = app.test_client().get("/?q=soldier&exclude_route=sea").get_data(as_text=True)
    exclude = re.search(r'<a class="exclude" href="[^"]*" title="Exclude Joint Security Area"\s+'
                        r'aria-label="Exclude Route: Joint Security Area">exclude</a>', page)
    assert exclude, "no labelled exclude link for the JSA route"
    assert re.search(r'aria-label="Allow Route: By sea">allow</a>', page)
    assert "−" not in page


def test_provenance_reads_as_a_sentence(app: Flask, seeded_settings: Settings) -> None:
    page = app.test_client().get(f"/articles/{JSA_ARTICLE}").get_data(as_text=True)
    assert "(from the metadata file supplied with it)" in page
    assert "(from a default" not in page and "((" not in page and "))" not in page


def test_counts_agree_in_number(app: Flask, seeded_settings: Settings, capsys: pytest.CaptureFixture) -> None:
    assert counted(1, "article") == "1 article" and counted(2, "story", "stories") == "2 stories"
    assert main(["query", "lawyer", "--index-dir", str(seeded_settings.index_dir)]) == 0
    assert capsys.readouterr().out.startswith("1 article (1 story), page 1 of 1")
    page = app.test_client().get("/?q=soldier").get_data(as_text=True)
    assert not re.search(r"\b1 stories\b|\b1</strong> articles\b", page)


def test_a_missing_index_is_named_plainly(tmp_path: Path, capsys: pytest.CaptureFixture,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DEFECTION_SEARCH_INDEX", raising=False)
    assert main(["query", "soldier"]) == 4
    err = capsys.readouterr().err
    assert err.strip() == (f"error: there is no index yet in {tmp_path / 'index'}; build one with: "
                           f"defection-search index PATH ... --index-dir index")
    assert "index index" not in err


def test_the_page_has_date_fields_that_keep_their_values_in_the_url(app: Flask) -> None:
    page = app.test_client().get("/?q=soldier&route=jsa&from=2017-11&to=2017-11").get_data(as_text=True)
    form = page[page.index('<form class="dates"'):page.index("</form>", page.index('<form class="dates"'))]
    assert '<input id="date-from" name="from" type="date" value="2017-11-01"' in form
    assert '<input id="date-to" name="to" type="date" value="2017-11-30"' in form
    assert '<input type="hidden" name="q" value="soldier">' in form
    assert '<input type="hidden" name="route" value="jsa">' in form
    assert 'name="page"' not in form
    assert '<label for="date-from">From</label>' in form and '<label for="date-to">To</label>' in form


def test_empty_date_fields_mean_no_bound(app: Flask) -> None:
    answer = app.test_client().get("/api/search?q=soldier&from=&to=")
    assert answer.status_code == 200 and answer.get_json()["total"] == 5
