"""Train the route reader's sentence model on labelled sentences, and measure it by cross-validation.

    python bench/train_sentence_model.py TEXT_DIR [--language en|ko] [--labels LABELS]
        [--sentences SENTENCES] [--folds 5] [--C 1.0] [--write]

English (default): bench/labelled/english.jsonl and sentences.jsonl, the model
search/reading/data/sentence_model.json. Korean (--language ko): korean.jsonl and
korean_sentences.jsonl, the model korean_sentence_model.json, read by korean_sentences.py.

TEXT_DIR holds the page copies of bench/labelled (see its README). Only articles of the `dev`
split are read. Each line of the sentences file labels one sentence of one article, by its index
in the reader's own sentence split (title first): {"file": "a-001.txt", "i": 4, "kind": "none"}.
The sentences the model weighs at run time are the training examples (English: those with a
crossing word, search.reading.route_sentences.is_candidate; Korean: those with an event word,
search.reading.korean_sentences.is_weighed); the target is the kind (none, defection, attempt,
northward, repatriation).

--folds K: the articles are cut into K folds; each fold is read by a model trained on the
others, and the article-level scores (bench/labels.py) are printed beside the rules alone on
the same articles. --write: train on every dev article and write the language's model file
with its cross-validated thresholds (English veto 0.8, adopt 0.75; Korean 0.8, 0.75; --veto and
--adopt override them). scikit-learn is needed here, never at run time.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import labels  # noqa: E402
from search.pipeline import build_article  # noqa: E402
from search.reading import korean_sentences, korean_story, route_sentences, routes  # noqa: E402
from search.reading.korean_routes import read_sentence as read_korean_sentence  # noqa: E402
from search.models import RouteLabels  # noqa: E402
from search.reading.sentence_model import MODEL_FILE, NONE, SentenceModel  # noqa: E402

MIN_SENTENCES = 2  # a feature seen in one training sentence only is dropped (no article's text)


@dataclass
class Example:
    file: str
    features: list[str]
    kind: str


@dataclass(frozen=True)
class Language:
    labels: str
    sentences: str
    model_file: str
    examples: Callable[[str, list[str]], list[tuple[int, list[str]]]]  # (sentence index, features)
    classify: Callable[[str, list[str], SentenceModel | None], RouteLabels]
    veto: float  # the thresholds --write gives the model, chosen by cross-validation
    adopt: float


def english_examples(title: str, paragraphs: list[str]) -> list[tuple[int, list[str]]]:
    sentences = route_sentences.sentences_of(title, paragraphs)
    readings = [route_sentences.read_sentence(s.text, s.paragraph < 0) for s in sentences]
    return [(sentences[i].index, features)
            for i, features in route_sentences.weighed_sentences(sentences, readings)]


def korean_examples(title: str, paragraphs: list[str]) -> list[tuple[int, list[str]]]:
    sentences = korean_story.sentences_of(title, paragraphs)
    claims = [read_korean_sentence(s.text) for s in sentences]
    return [(s.index, korean_sentences.korean_features(s, c)) for s, c in zip(sentences, claims)
            if korean_sentences.is_weighed(s.text, c)]


LANGUAGES = {
    "en": Language("english.jsonl", "sentences.jsonl", MODEL_FILE, english_examples,
                   routes.classify_routes_with, veto=0.8, adopt=0.75),
    "ko": Language("korean.jsonl", "korean_sentences.jsonl", korean_sentences.MODEL_FILE,
                   korean_examples, korean_story.classify_korean_routes_with, veto=0.8, adopt=0.75),
}


@dataclass
class Document:
    expected: labels.Expected
    title: str
    paragraphs: list[str]
    examples: list[Example]
    language: Language


def read_sentence_labels(path: Path) -> dict[tuple[str, int], str]:
    """(file, sentence index) -> kind; where a sentence has two lines, its first non-none kind."""
    kinds: dict[tuple[str, int], str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        item = json.loads(line)
        if "i" not in item or "kind" not in item:
            continue  # a labeller's remark ("disagree"), not a label
        key = (item["file"], int(item["i"]))
        if kinds.get(key, NONE) == NONE:
            kinds[key] = item["kind"]
    return kinds


def read_documents(text_dir: Path, labels_file: Path, kinds: dict[tuple[str, int], str],
                   language: Language) -> list[Document]:
    documents = []
    for expected in labels.read_labels(labels_file):
        if expected.split != "dev":
            continue
        try:
            article = build_article(labels._raw_document(text_dir / expected.file, expected.url))
        except (OSError, UnicodeDecodeError, labels.InputError) as error:
            print(f"skipped {text_dir / expected.file}: {error}", file=sys.stderr)
            continue
        paragraphs = [p for p in article.body.split("\n\n") if p.strip()]
        examples = [Example(expected.file, features, kinds[(expected.file, index)])
                    for index, features in language.examples(article.title, paragraphs)
                    if (expected.file, index) in kinds]
        documents.append(Document(expected, article.title, paragraphs, examples, language))
    return documents


def train(examples: list[Example], c: float) -> SentenceModel:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    seen = Counter(f for example in examples for f in set(example.features))
    rows = [{f: 1 for f in example.features if seen[f] >= MIN_SENTENCES} for example in examples]
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform(rows)
    targets = [example.kind for example in examples]
    fitted = LogisticRegression(C=c, max_iter=5000).fit(matrix, targets)
    classes = tuple(str(k) for k in fitted.classes_)
    coef = fitted.coef_ if len(classes) > 2 else [-fitted.coef_[0] / 2, fitted.coef_[0] / 2]
    weights = {name: tuple(round(float(coef[k][j]), 4) for k in range(len(classes)))
               for j, name in enumerate(vectorizer.feature_names_)}
    bias = fitted.intercept_ if len(classes) > 2 else [-fitted.intercept_[0] / 2,
                                                       fitted.intercept_[0] / 2]
    return SentenceModel(classes, tuple(round(float(b), 4) for b in bias),
                         {f: w for f, w in weights.items() if any(abs(x) >= 1e-4 for x in w)})


def answer(document: Document, model: SentenceModel | None) -> labels.Answer:
    found = document.language.classify(document.title, document.paragraphs, model)
    return labels.Answer(routes=frozenset(found.routes), primary_route=found.primary_route,
                         crossings=frozenset(found.crossings))


def fold_of(document: Document, folds: int) -> int:
    return int(hashlib.sha256(document.expected.file.encode()).hexdigest(), 16) % folds


THRESHOLDS = [(veto, adopt) for veto in (0.7, 0.8, 0.9) for adopt in (0.6, 0.75, 0.9)]


def cross_validate(documents: list[Document], folds: int, c: float) -> None:
    with_model: dict[tuple[float, float], list] = {t: [] for t in THRESHOLDS}
    rules_alone = []
    for k in range(folds):
        model = train([e for d in documents if fold_of(d, folds) != k for e in d.examples], c)
        for document in (d for d in documents if fold_of(d, folds) == k):
            rules_alone.append((document.expected, answer(document, None)))
            for veto, adopt in THRESHOLDS:
                tuned = SentenceModel(model.classes, model.bias, model.weights, veto, adopt)
                with_model[(veto, adopt)].append((document.expected, answer(document, tuned)))
    runs = [("rules alone", rules_alone)] + [(f"C={c} veto={v} adopt={a}", pairs)
                                             for (v, a), pairs in with_model.items()]
    for name, pairs in runs:
        figures = labels.summary(labels.score(pairs))
        print(f"{name:24} macro {figures['route_macro_f1']:.3f}  micro {figures['route_micro_f1']:.3f}"
              f"  primary {figures['primary_accuracy']:.3f}  crossings {figures['crossings_exact']:.3f}"
              f"  no-crossing {figures['no_crossing_left_unrouted']:.3f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("text_dir", type=Path)
    parser.add_argument("--language", choices=sorted(LANGUAGES), default="en")
    parser.add_argument("--labels", type=Path, help="default bench/labelled/<language>.jsonl")
    parser.add_argument("--sentences", type=Path, help="default the language's sentence labels")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--C", type=float, nargs="+", default=[1.0], dest="c")
    parser.add_argument("--veto", type=float, help="written with --write (default: the language's)")
    parser.add_argument("--adopt", type=float, help="written with --write (default: the language's)")
    parser.add_argument("--write", action="store_true", help="train on all and write the model")
    args = parser.parse_args(argv)
    language = LANGUAGES[args.language]
    args.labels = args.labels or REPO / "bench/labelled" / language.labels
    args.sentences = args.sentences or REPO / "bench/labelled" / language.sentences
    for path, what in ((args.text_dir, "folder of page copies"), (args.labels, "article labels"),
                       (args.sentences, "sentence labels")):
        if not path.exists():
            parser.error(f"{path}: no such {what}")
    try:
        import sklearn  # noqa: F401  (only training needs it)
    except ImportError:
        parser.error("scikit-learn is needed to train: pip install -e '.[train]'")
    documents = read_documents(args.text_dir, args.labels, read_sentence_labels(args.sentences),
                               language)
    examples = [e for d in documents for e in d.examples]
    print(f"{len(documents)} dev articles, {len(examples)} labelled candidate sentences: "
          f"{dict(Counter(e.kind for e in examples))}")
    if len({e.kind for e in examples}) < 2:
        parser.error(f"{args.text_dir}: too few labelled sentences found to train on")
    for c in args.c:
        if args.folds > 1:
            cross_validate(documents, args.folds, c)
    if args.write:
        trained = train(examples, args.c[0])
        model = SentenceModel(trained.classes, trained.bias, trained.weights,
                              args.veto or language.veto, args.adopt or language.adopt)
        target = REPO / "search/reading/data" / language.model_file
        target.write_text(json.dumps(model.to_json(), separators=(",", ":")) + "\n",
                          encoding="utf-8")
        print(f"wrote {target.relative_to(REPO)}: {len(model.weights)} features")
    return 0


if __name__ == "__main__":
    sys.exit(main())
