"""The route reader's sentence model: its arithmetic, its file, and what it may overrule."""
from __future__ import annotations

import json
from pathlib import Path

from search.reading.korean_routes import read_sentence as read_korean_sentence
from search.reading.korean_sentences import MODEL_FILE as KOREAN_MODEL_FILE
from search.reading.korean_sentences import korean_features
from search.reading.korean_story import classify_korean_routes, classify_korean_routes_with
from search.reading.korean_story import sentences_of as sentences_of_korean
from search.reading.route_sentences import features_of, read_sentence, sentences_of
from search.reading.routes import classify_routes, classify_routes_with
from search.reading.sentence_model import NONE, SentenceModel, shipped_model

USUAL = ("Defectors face hardship", ["Many who reach the South were helped by brokers in China, "
                                     "who were paid to guide them across the Tumen River."])


def _model(weights: dict[str, tuple[float, ...]], veto: float = 0.9,
           adopt: float = 0.7) -> SentenceModel:
    return SentenceModel((NONE, "defection"), (0.0, 0.0), weights, veto, adopt)


def test_probabilities_are_a_softmax_of_the_weights() -> None:
    model = _model({"w:fled": (0.0, 2.0)})
    odds = model.probabilities(["w:fled", "w:unseen"])
    assert abs(sum(odds.values()) - 1) < 1e-9
    assert round(odds["defection"], 4) == round(1 / (1 + 2.718281828 ** -2), 4)


def test_the_model_file_round_trips(tmp_path: Path) -> None:
    model = _model({"w:fled": (0.1, -0.2)}, veto=0.85)
    path = tmp_path / "m.json"
    path.write_text(json.dumps(model.to_json()), encoding="utf-8")
    assert SentenceModel.from_json(json.loads(path.read_text(encoding="utf-8"))) == model


def test_the_shipped_model_is_read_and_knows_the_kinds() -> None:
    model = shipped_model()
    assert model is not None and set(model.classes) >= {NONE, "defection", "repatriation"}
    assert 0.5 <= model.veto <= 1 and 0.5 <= model.adopt <= 1


def test_without_a_model_the_rules_alone_answer() -> None:
    title, paragraphs = USUAL
    assert classify_routes_with(title, paragraphs, None).routes == ("china",)


def test_a_sure_none_vetoes_the_rules_case_and_a_sure_kind_is_adopted() -> None:
    title, paragraphs = USUAL
    sentence = sentences_of(title, paragraphs)[1]
    features = features_of(sentence, read_sentence(sentence.text, True))
    assert "w:brokers" in features and "pos:p0" in features
    veto = _model({"w:brokers": (5.0, 0.0)})
    assert classify_routes_with(title, paragraphs, veto).routes == ()
    unsure = _model({"w:brokers": (1.0, 0.0)})  # P(none) 0.73 < veto 0.9: the rules stand
    assert classify_routes_with(title, paragraphs, unsure).routes == ("china",)
    told_in_present = ["A soldier swims the Han River estuary to the South, officials say."]
    assert classify_routes_with("Soldier news", told_in_present, None).routes == ()
    adopted = _model({"w:swims": (0.0, 5.0)})
    found = classify_routes_with("Soldier news", told_in_present, adopted)
    assert found.crossings == ("defection",) and found.routes == ("dmz",)


def test_the_model_never_adopts_what_the_rules_rule_out() -> None:
    eager = _model({"w:report": (0.0, 9.0), "w:sent": (0.0, 9.0)})
    denied = classify_routes_with("Military denies report soldier defected across DMZ", [], eager)
    assert denied.routes == ()


def test_classify_routes_uses_the_shipped_model() -> None:
    title, paragraphs = USUAL
    assert classify_routes(title, paragraphs) == classify_routes_with(title, paragraphs,
                                                                      shipped_model())


def test_a_handful_of_counted_cases_is_kept_whatever_the_model_says() -> None:
    """SOURCES.md: a few cases counted with their place are crossings; the model may not veto."""
    paragraphs = ["There have been 12 cases in which North Koreans crossed the DMZ in the last "
                  "year or so, an analyst said."]
    sure_none = _model({"w:cases": (9.0, 0.0)})
    assert classify_routes_with("Border analysis", paragraphs, sure_none).routes == ("dmz",)
    hundreds = ["There have been 300 cases in which North Koreans crossed the DMZ in the last "
                "decade or so, an analyst said."]
    assert classify_routes_with("Border analysis", hundreds, sure_none).routes == ()


# --- the Korean reader's model (korean_sentences.py) ---------------------------------------

KOREAN_CASE = ("국경 소식", ["북한 병사 1명이 어제 군사분계선을 넘어 귀순했다고 합참이 밝혔다."])
KOREAN_UNTOLD = ("국경 소식", ["그가 철책을 넘어 귀순했을 가능성이 있다."])  # the rules: a possibility


def test_korean_features_read_chunks_endings_and_the_rules() -> None:
    title, paragraphs = KOREAN_CASE
    sentence = sentences_of_korean(title, paragraphs)[1]
    claims = read_korean_sentence(sentence.text)
    features = korean_features(sentence, claims)
    assert {"w:귀순했다고", "e:다고", "s:귀순", "g:분계", "pos:p0", "rule:defection",
            "place:dmz", "w:<count>"} <= set(features)


def test_without_a_korean_model_the_rules_alone_answer() -> None:
    title, paragraphs = KOREAN_CASE
    assert classify_korean_routes_with(title, paragraphs, None).routes == ("dmz",)


def test_a_sure_korean_none_vetoes_and_a_sure_kind_is_adopted() -> None:
    title, paragraphs = KOREAN_CASE
    sure_none = _model({"e:다고": (5.0, 0.0)})
    assert classify_korean_routes_with(title, paragraphs, sure_none).routes == ()
    unsure = _model({"e:다고": (1.0, 0.0)})  # P(none) 0.73 < veto 0.9: the rules stand
    assert classify_korean_routes_with(title, paragraphs, unsure).routes == ("dmz",)
    title, paragraphs = KOREAN_UNTOLD
    assert classify_korean_routes_with(title, paragraphs, None).routes == ()
    adopted = _model({"w:철책을": (0.0, 5.0)})
    found = classify_korean_routes_with(title, paragraphs, adopted)
    assert found.crossings == ("defection",) and found.routes == ("dmz",)


def test_the_korean_model_leaves_wishes_to_the_rules() -> None:
    wish = ("귀순 의사", ["그는 한국으로 귀순하고 싶다는 뜻을 밝혔다."])
    eager = _model({"s:귀순": (0.0, 9.0)})
    assert classify_korean_routes_with(*wish, None).crossings == ()
    assert classify_korean_routes_with(*wish, eager).crossings == ()


def test_classify_korean_routes_uses_the_shipped_korean_model() -> None:
    title, paragraphs = KOREAN_CASE
    assert classify_korean_routes(title, paragraphs) == classify_korean_routes_with(
        title, paragraphs, shipped_model(KOREAN_MODEL_FILE))
