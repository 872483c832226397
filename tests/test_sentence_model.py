"""The route reader's sentence model: its arithmetic, its file, and what it may overrule."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

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
KOREAN_UNPLACED = ("국경 소식", ["병사 1명이 어제 귀순했다고 합참이 밝혔다."])
KOREAN_PASSED_OVER = ("국경 소식", ["귀순한 병사는 현재 조사를 받고 있다."])  # no place: the person


def test_korean_features_read_chunks_endings_and_the_rules() -> None:
    title, paragraphs = KOREAN_CASE
    sentence = sentences_of_korean(title, paragraphs)[1]
    features = korean_features(sentence, read_korean_sentence(sentence.text))
    assert {"w:귀순했다고", "e:다고", "s:귀순", "g:분계", "pos:p0", "rule:defection",
            "place:dmz", "w:<count>"} <= set(features)
    assert not any(f.startswith(("s:<", "e:")) and f.endswith(">") for f in features)


def test_the_shipped_korean_model_is_read_and_knows_the_kinds() -> None:
    model = shipped_model(KOREAN_MODEL_FILE)
    assert model is not None and model != shipped_model()
    assert set(model.classes) >= {NONE, "defection", "repatriation"}
    assert any(f.startswith("g:") for f in model.weights) and (model.veto, model.adopt) == (0.8, 0.75)


def test_without_a_korean_model_the_rules_alone_answer() -> None:
    assert classify_korean_routes_with(*KOREAN_CASE, None).routes == ("dmz",)


def test_a_placed_korean_escape_needs_a_surer_veto_than_an_unplaced_one() -> None:
    fairly_sure = _model({"e:다고": (1.0, 0.0)}, veto=0.6)  # P(none) 0.73: over 0.6, under 0.9
    assert classify_korean_routes_with(*KOREAN_CASE, fairly_sure).routes == ("dmz",)
    assert classify_korean_routes_with(*KOREAN_UNPLACED, None).crossings == ("defection",)
    assert classify_korean_routes_with(*KOREAN_UNPLACED, fairly_sure).crossings == ()
    sure = _model({"e:다고": (5.0, 0.0)})
    assert classify_korean_routes_with(*KOREAN_CASE, sure).routes == ()


def test_a_korean_case_the_rules_passed_over_is_adopted_as_an_escape() -> None:
    assert classify_korean_routes_with(*KOREAN_PASSED_OVER, None).crossings == ()
    sure = _model({"w:병사는": (0.0, 5.0)})
    found = classify_korean_routes_with(*KOREAN_PASSED_OVER, sure)
    assert found.crossings == ("defection",) and found.primary_route == "unknown"  # told, no way out


@pytest.mark.parametrize("sentence", [
    "그가 철책을 넘어 귀순했을 가능성이 있다.",  # a possibility
    "그는 다음 달 철책을 넘어 귀순할 계획이었다.",  # a plan
    "병사는 철책을 넘어 귀순하지 않았다.",  # a denial
    "그는 한국으로 귀순하고 싶다는 뜻을 밝혔다.",  # a wish
    "지난 10년간 탈북해 입국한 사람은 모두 2만 명에 이른다.",  # a count
])
def test_the_korean_model_never_reads_a_case_the_rules_set_aside(sentence: str) -> None:
    """LABELLING.md: a plan, wish, possibility, denial or count is no crossing."""
    eager = _model({"s:귀순": (0.0, 9.0), "s:철책": (0.0, 9.0)})
    assert classify_korean_routes_with("국경 소식", [sentence], None).crossings == ()
    assert classify_korean_routes_with("국경 소식", [sentence], eager).crossings == ()


def test_a_korean_veto_keeps_the_return_the_rules_read() -> None:
    paragraphs = ["정부는 어제 북한 주민 2명을 판문점을 통해 북으로 송환했다."]
    assert classify_korean_routes_with("송환", paragraphs, None).crossings == ("repatriation",)
    sure_none = _model({"s:송환": (9.0, 0.0)})
    assert classify_korean_routes_with("송환", paragraphs, sure_none).crossings == ("repatriation",)


def test_classify_korean_routes_uses_the_shipped_korean_model() -> None:
    title, paragraphs = KOREAN_CASE
    assert classify_korean_routes(title, paragraphs) == classify_korean_routes_with(
        title, paragraphs, shipped_model(KOREAN_MODEL_FILE))
