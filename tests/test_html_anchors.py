"""A section's id made from its heading names its topic, not its role (issue 12: a section
headed "Sharing with a single developer" was removed as a share widget)."""
from __future__ import annotations

from search.cleaning.html import clean_html

SINGLE = ("To give one colleague access, open the project settings and add their account name "
          "under members. They receive an invitation by email and accept it from the dashboard.")
LEAVING = ("When the colleague leaves the team, remove them from the members list; their open "
           "changes stay in the history and can still be reviewed by the owner.")
TEAM = ("Teams are groups of accounts that share one set of permissions. Adding a team to a "
        "project is the same as adding each of its members, and easier to keep up to date.")
OVERVIEW = ("Every project starts private. Its owner decides who else may read it, who may "
            "change it, and who may publish a release to the registry.")


def docs_page(sections: str, after: str = "") -> str:
    return ("<html><body><nav><a href='/'>Docs home</a></nav><div class='body' role='main'>"
            f"<div class='section' id='overview'><h1>Access control</h1><p>{OVERVIEW}</p></div>"
            f"{sections}</div>{after}</body></html>")


def test_sections_anchored_by_their_headings_are_kept_and_real_widgets_still_go() -> None:
    sections = ("<div class='section' id='sharing-with-a-single-developer'>"
                "<h2>Sharing with a single developer<a class='headerlink' href='#'>\u00b6</a></h2>"
                f"<p>{SINGLE}</p><p>{LEAVING}</p></div>"
                f"<section id='sharing-with-a-cafe-team-1'><h2>2.1 Sharing with a caf\u00e9 team</h2>"
                f"<p>{TEAM}</p></section>")
    widgets = ("<div id='share-this-article'><h4>Share this article</h4><a href='#'>Facebook</a>"
               "<a href='#'>Twitter</a></div>"
               "<ul><li id='recent-comments-2'><h2>Recent Comments</h2><ul><li>Bob on "
               "<a href='#'>Access control</a></li></ul></li></ul>")
    cleaned = clean_html(docs_page(sections, after=widgets))
    for paragraph in (SINGLE, LEAVING, TEAM):
        assert paragraph in cleaned.paragraphs
    assert "Sharing with a single developer" in cleaned.body
    assert "Facebook" not in cleaned.body and "Bob on" not in cleaned.body
    kinds = {span.kind: span.text for span in cleaned.removed}
    assert "Facebook" in kinds["share"] and "Bob on" in kinds["comments"]


def test_a_heading_carrying_its_own_anchor_is_kept() -> None:
    sections = (f"<h2 id='sharing-with-a-single-developer'>Sharing with a single developer</h2>"
                f"<p>{SINGLE}</p><p>{LEAVING}</p>")
    assert "Sharing with a single developer" in clean_html(docs_page(sections)).paragraphs


def test_a_section_whose_id_is_not_its_heading_is_still_read_by_its_id() -> None:
    sections = (f"<div id='share-tools-panel'><h2>Sharing with a single developer</h2>"
                f"<p>{SINGLE}</p></div>")
    cleaned = clean_html(docs_page(sections))
    assert SINGLE not in cleaned.paragraphs
    assert any(span.kind == "share" and SINGLE in span.text for span in cleaned.removed)
