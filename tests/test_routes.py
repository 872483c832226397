"""Route and crossing labels: the seeds, hand-written labelled articles, and the rules' edges."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from search.reading import route_sentences

from search.reading.routes import (
    CROSSINGS, ROUTES, classify_routes, crossing_term, route_term, split_sentences,
)

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
CASES = sorted((Path(__file__).parent / "route_cases").glob("*.json"))
# Article lines of each seed: everything before the author bio, comments or next page begins,
# picked by hand so these tests do not depend on the cleaner.
SEED_ARTICLE_LINES = {"000": 13, "001": 40, "002": 22, "003": 28, "004": 46}
SEED_LABELS = {  # from seeds' SOURCES.md: primary, routes, crossings
    "000": ("jsa", {"jsa"}, {"defection"}),
    "001": ("dmz", {"dmz", "jsa", "sea"}, {"defection"}),
    "002": ("jsa", {"jsa"}, {"defection"}),
    "003": ("jsa", {"jsa"}, {"defection"}),
    "004": ("dmz", {"dmz", "jsa", "sea"}, {"defection"}),
}


def seed_article(number: str) -> tuple[str, list[str]]:
    path = next(SEEDS.glob(f"{number}_*.txt"))
    lines = path.read_text(encoding="utf-8").splitlines()[:SEED_ARTICLE_LINES[number]]
    return lines[0], [line.strip() for line in lines[1:] if line.strip()]


def load_case(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_vocabularies_have_the_issue_values_and_lookups() -> None:
    assert [t.id for t in ROUTES] == ["jsa", "dmz", "sea", "china", "russia", "air", "overseas",
                                      "unknown"]
    assert [t.id for t in CROSSINGS] == ["defection", "attempt", "northward", "repatriation"]
    assert route_term("jsa").definition.startswith("through the Joint Security Area")
    assert crossing_term("attempt").definition == "failed, caught, or only intended."
    with pytest.raises(KeyError):
        route_term("tunnel")


@pytest.mark.parametrize("number", sorted(SEED_LABELS))
def test_seed_labels(number: str) -> None:
    title, paragraphs = seed_article(number)
    labels = classify_routes(title, paragraphs)
    primary, routes, crossings = SEED_LABELS[number]
    assert (labels.primary_route, set(labels.routes), set(labels.crossings)) == \
        (primary, routes, crossings)


@pytest.mark.parametrize("number", sorted(SEED_LABELS))
def test_evidence_is_an_exact_sentence_of_the_text(number: str) -> None:
    title, paragraphs = seed_article(number)
    labels = classify_routes(title, paragraphs)
    text = "\n".join([title, *paragraphs])
    assert set(labels.routes) == {e.route for e in labels.evidence}
    assert all(e.sentence in text for e in labels.evidence)


def test_seed_004_background_line_is_not_a_china_crossing() -> None:
    labels = classify_routes(*seed_article("004"))
    assert "china" not in labels.routes
    sea = [e.sentence for e in labels.evidence if e.route == "sea"]
    assert sea and "motorboat" in sea[0]


# Cases whose routes and primary route are right but whose crossing kinds the rules miss; kept
# as known gaps rather than tuned away (the numbers below measure routes and primary only).
CROSSING_GAPS = {
    "r_kind_others_chose_to_stay": "the four who stayed came on the boat of the return told in "
                                   "the sentence before; a return lends no route",
}


def case_params() -> list:
    return [pytest.param(path, id=path.stem, marks=pytest.mark.xfail(
        reason=CROSSING_GAPS[path.stem], strict=True)) if path.stem in CROSSING_GAPS else
        pytest.param(path, id=path.stem) for path in CASES]


@pytest.mark.parametrize("path", case_params())
def test_route_case(path: Path) -> None:
    case = load_case(path)
    labels = classify_routes(case["title"], case["paragraphs"])
    assert set(labels.routes) == set(case["routes"])
    assert set(labels.crossings) == set(case["crossings"])
    assert labels.primary_route == case["primary_route"]


def macro_f1_and_primary_accuracy(paths: list[Path]) -> tuple[float, float]:
    """Macro-F1 over the routes any case expects or gets, and the share of right primaries."""
    counts = {t.id: [0, 0, 0] for t in ROUTES}  # true positives, false positives, misses
    correct_primary = 0
    for path in paths:
        case = load_case(path)
        labels = classify_routes(case["title"], case["paragraphs"])
        expected, found = set(case["routes"]), set(labels.routes)
        for route, count in counts.items():
            count[0] += route in expected and route in found
            count[1] += route in found and route not in expected
            count[2] += route in expected and route not in found
        correct_primary += labels.primary_route == case["primary_route"]
    f1 = {r: 2 * tp / (2 * tp + fp + fn) for r, (tp, fp, fn) in counts.items() if tp + fp + fn}
    return sum(f1.values()) / len(f1), correct_primary / len(paths)


def test_route_cases_macro_f1_and_primary_accuracy() -> None:
    macro_f1, accuracy = macro_f1_and_primary_accuracy(CASES)
    print(f"\nroute cases: {len(CASES)}  macro-F1 {macro_f1:.3f}  primary accuracy {accuracy:.3f}")
    assert len(CASES) >= 40
    assert macro_f1 >= 0.9 and accuracy >= 0.85


def test_h_cases_macro_f1_and_primary_accuracy() -> None:
    """The h_* cases were written before the rules were revised against them (measured then at
    macro-F1 0.859, primary 0.825); they are reported apart so that drift on them shows."""
    h_cases = [path for path in CASES if path.stem.startswith("h_")]
    macro_f1, accuracy = macro_f1_and_primary_accuracy(h_cases)
    print(f"\nh_* cases: {len(h_cases)}  macro-F1 {macro_f1:.3f}  primary accuracy {accuracy:.3f}")
    assert len(h_cases) >= 40
    assert macro_f1 >= 0.9 and accuracy >= 0.85


@pytest.mark.parametrize("sentence", [
    "The soldier did not cross the DMZ.",
    "Most defectors travel via China before reaching Thailand.",
    "Tourists crossed the Freedom Bridge on a DMZ tour.",
    "Kim, who fled in 2012, now runs a bakery in Seoul.",
    "Virtually all of those who crossed into China were women.",
    "Trade across the Yalu River between China and North Korea recovered.",
])
def test_no_crossing_reported(sentence: str) -> None:
    labels = classify_routes("", [sentence])
    assert labels == classify_routes("", []) and labels.primary_route is None


@pytest.mark.parametrize("sentence", [
    "North Korea and Russia reopened a cross-border rail link between Khasan and Rajin on Friday.",
    "A rear admiral headed South Korea's team at the talks in Panmunjom on Tuesday.",
    "A woman who fled across the Tumen waits at a shelter in Yanji, China, in this 2011 file photo.",
    "The trainer aircraft later crashed in a field, but its two pilots escaped unhurt.",
])
def test_the_rules_alone_read_no_crossing(sentence: str) -> None:
    """What the sentence model would veto anyway, the rules must not read either: a trade
    route, a delegation's leader, a picture's caption, pilots who escaped harm."""
    assert route_sentences.read_sentence(sentence).claims == ()


@pytest.mark.parametrize("sentence, route, crossing", [
    ("A North Korean soldier defected through the JSA in the DMZ on Monday.", "jsa", "defection"),
    ("A woman was caught trying to cross the Tumen River into China.", "china", "attempt"),
    ("Restaurant workers posted in China defected to the South.", "overseas", "defection"),
    ("A defector swam back across the Imjin River to North Korea.", "dmz", "northward"),
    ("A pilot flew his MiG-21 south and landed in Suwon.", "air", "defection"),
    ("A man defected to communist North Korea across the fortified border on Monday.",
     "dmz", "northward"),
    ("A defector fled back to his home country by swimming across the Han River estuary last week.",
     "dmz", "northward"),
    ("A party secretary sought asylum at a South Korean mission during a visit to the Chinese capital.",
     "overseas", "defection"),
])
def test_single_sentence_labels(sentence: str, route: str, crossing: str) -> None:
    labels = classify_routes("", [sentence])
    assert labels.routes == (route,) and labels.crossings == (crossing,)
    assert labels.evidence[0].sentence == sentence


def test_a_repatriation_is_a_kind_with_evidence_but_no_route() -> None:
    sentence = "Seoul sent three fishermen back across the sea border on Friday."
    labels = classify_routes("", [sentence])
    assert labels.routes == () and labels.primary_route is None
    assert labels.crossings == ("repatriation",)
    assert [(e.route, e.sentence) for e in labels.evidence] == [(None, sentence)]


def test_those_sent_back_from_china_crossed_into_china() -> None:
    sentence = "China forcibly repatriated 60 North Koreans who had escaped."
    labels = classify_routes("", [sentence])
    assert labels.routes == ("china",) and labels.primary_route == "china"
    assert labels.crossings == ("defection", "repatriation")
    assert {(e.route, e.crossing) for e in labels.evidence} == {("china", "defection"),
                                                                (None, "repatriation")}


def test_split_sentences_keeps_abbreviations_and_exact_text() -> None:
    paragraph = "He crossed on Nov. 13 near the U.S. base. Mr. Oh survived! “Rare,” Lee said."
    assert split_sentences(paragraph) == [
        "He crossed on Nov. 13 near the U.S. base.", "Mr. Oh survived!", "“Rare,” Lee said."]


def test_r_cases_floor() -> None:
    """The r_* cases paraphrase each kind of error that real articles showed (issue 11: captions,
    questions, launches, statistics, postings abroad, a headline's generic place, an untold
    way out, drift and mistakes, handovers at Panmunjom, missed cues, stray phrases for kinds).
    Pinned at what the reader scores on them; one route of the 21 is a known gap (CROSSING_GAPS)."""
    r_cases = [path for path in CASES if path.stem.startswith("r_")]
    macro_f1, accuracy = macro_f1_and_primary_accuracy(r_cases)
    kinds = [set(classify_routes(load_case(p)["title"], load_case(p)["paragraphs"]).crossings)
             == set(load_case(p)["crossings"]) for p in r_cases]
    print(f"\nr_* cases: {len(r_cases)}  macro-F1 {macro_f1:.3f}  primary {accuracy:.3f}  "
          f"crossings exact {sum(kinds) / len(kinds):.3f}")
    assert len(r_cases) >= 20
    assert macro_f1 >= 0.75 and accuracy >= 0.95 and sum(kinds) / len(kinds) >= 0.95


@pytest.mark.parametrize("sentence, adopted", [
    ("Two patrol boats crossed the western sea border on Tuesday and retreated after warning shots.",
     False),
    ("Two men reached Baengnyeong Island in a small boat on Tuesday.", True),  # the rules read none
])
def test_the_model_adds_no_crossing_to_a_manoeuvre(sentence: str, adopted: bool) -> None:
    """A model sure of a defection the rules did not read may add it, except where the rules
    see a launch or a manoeuvre (warning shots, a retreat)."""
    from search.reading.sentence_model import SentenceModel
    sure = SentenceModel(("defection", "none"), (9.0, 0.0), {}, veto=0.8, adopt=0.5)
    found = route_sentences._read_and_weigh(route_sentences.Sentence(sentence, 0, 1), sure)
    assert bool(found.claims) is adopted


@pytest.mark.parametrize("title, sentences, crossings", [
    ("", ["Activists said 10 defectors were deported to North Korea last week."], {"repatriation"}),
    ("", ["Two North Koreans who crossed the sea border on a wooden boat on Monday said they did not "
          "want to go back, officials said."], {"defection"}),
    ("Boat crosses sea line", ["Two North Koreans crossed the sea border on Monday after their boat's "
                               "engine failed, but they told the navy they wanted to defect."],
     {"defection"}),
    ("", ["A 27-year-old soldier crossed the MDL on Monday and was questioned from March 3 to March 20."],
     {"defection"}),
    ("", ["A Chinese fisherman who drifted into South Korean waters went back to his home country."],
     set()),
    ("", ["A North Korean soldier defected on Monday, a blow to communist North Korea\u2019s army."],
     {"defection"}),
    ("", ["The soldier escaped with serious gunshot wounds, the JCS said on Monday."], {"defection"}),
    ("", ["He was caught with his wife while wading across the Tumen River into China last week."],
     {"attempt"}),
    ("", ["Seoul sent back two of those four who crossed the sea border on Monday, officials said."],
     {"repatriation"}),
    ("Two women shot dead at the Tumen", [
        "North Korean guards shot dead two women who were trying to cross the Tumen River into China.",
        "A third woman crossed the river into China safely, the group said."], {"attempt", "defection"}),
])
def test_narrow_rules_leave_these_alone(title: str, sentences: list[str], crossings: set[str]) -> None:
    """Each of the session's narrower rules (a breakdown, a calendar count, a deportation of
    others, a caught-with, 'those who', a stopped crossing told twice) misread one of these when
    first written (a review's examples)."""
    assert set(classify_routes(title, sentences).crossings) == crossings

