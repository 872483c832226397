"""A synthetic benchmark corpus of N defection-news articles spliced from real Reuters prose.

    python bench/corpus.py --n 10000 --out /tmp/ds-corpus-10k [--seed 21578] [--jobs 2]
                           [--raw-reuters] [--syndicated K]

Text: Reuters-21578, Distribution 1.0 (research use only: read from ../shared at run time,
never copied into the repo). Each article splices whole Reuters stories until it reaches its
target length (500 to 1,500 words), then weaves in real sentences about crossings ("A North
Korean soldier defected through the Joint Security Area on Monday, Yonhap reported.") so
that the project's own classifier assigns routes, crossings and cited sources with realistic
cardinalities. About 5% of articles are light edits of an earlier one (near-duplicates);
some pages carry navigation, share bars and a copyright footer for the cleaner to remove.

Two duplication-heavy cases (issue 13): `--raw-reuters` writes the first N Reuters stories
that have a body, as they are (briefs, earnings tables and all; no splicing, no crossing
sentences; outlet Reuters, the story's own date); `--syndicated K` makes K of the N articles,
spread through the corpus, copies of one story with light edits, each with its own headline
and first line, as wire copy runs on many sites. The story has the mean length of the
spliced articles (1,000 words), so the corpus has the length of one without copies; with
--raw-reuters it is one of the Reuters stories.

Layout: OUT/part-0000/000000.txt ... with one metadata.json sidecar per folder (file name ->
{outlet, published, url, title}), 1,000 files a folder, and OUT/corpus.manifest (JSON: parameters and
a SHA-256 over every file). Every article is drawn from its own RNG seeded by (seed, index),
so the same seed gives the same bytes whatever --jobs is.
"""
from __future__ import annotations

import argparse
import hashlib
import html
import json
import multiprocessing
import random
import re
import sys
import time
from collections.abc import Iterator
from bisect import bisect
from datetime import date, timedelta
from functools import cached_property
from itertools import accumulate
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_REUTERS = REPO.parent / "shared" / "corpora" / "reuters21578"
DEFAULT_SEED = 21578
FILES_PER_FOLDER = 1000
MANIFEST = "corpus.manifest"  # not an input suffix, so ingest never reads it
WORDS_MIN, WORDS_MAX = 500, 1500
DUPLICATE_SHARE = 0.05
DUPLICATE_EDIT_SHARE = 0.006  # words changed in a near-duplicate (keeps Jaccard ~0.9)
MONTH_ONLY_SHARE = 0.03
FURNITURE_SHARE = 0.3
NO_CROSSING_SHARE = 0.2  # articles that mention defectors only in general, or not at all
OUTLETS = 200
PROSE_MIN_WORDS = 60  # Reuters stories kept: prose, not one-line briefs or earnings tables
PROSE_MIN_PARAGRAPH_WORDS = 15
ZIPF_S = 1.1
FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2026, 11, 30)

_STORY = re.compile(r"<REUTERS[^>]*>(.*?)</REUTERS>", re.S)
_TITLE = re.compile(r"<TITLE>(.*?)</TITLE>", re.S)
_BODY = re.compile(r"<BODY>(.*?)</BODY>", re.S)
_DATE = re.compile(r"<DATE>\s*(\d+)-([A-Z]{3})-(\d{4})")
_MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
SYNDICATED_WORDS = (WORDS_MIN + WORDS_MAX) // 2
SYNDICATED_RAW_WORDS_MIN = 300  # with --raw-reuters, the syndicated story is one this long at least

# The templates live beside this script; put its folder on the path however it is loaded.
sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus_text import (  # noqa: E402
    ATTEMPT_SENTENCES, BACKGROUND, CITED, DATELINES, HEADLINE_FORMS, HEADLINES, NAV, NORTHWARD_SENTENCE,
    OUTLET_FIRST, OUTLET_SECOND, REPATRIATION_SENTENCE, ROUTE_SENTENCES, ROUTE_WEIGHTS, SHARE, SUBJECTS, WHEN,
)


def outlet_names() -> list[str]:
    names = [f"The {a} {b}" for a in OUTLET_FIRST for b in OUTLET_SECOND]
    random.Random(OUTLETS).shuffle(names)
    return names[:OUTLETS]


def _cumulative_zipf(count: int) -> list[float]:
    return list(accumulate(1.0 / (rank ** ZIPF_S) for rank in range(1, count + 1)))


# --- Reuters stories ---------------------------------------------------------------------------

def load_reuters(folder: Path = DEFAULT_REUTERS) -> list[tuple[str, tuple[str, ...]]]:
    """(title, paragraphs) of every Reuters story with a body, in file order."""
    stories = []
    for story in _story_markup(folder):
        title, body = _TITLE.search(story), _BODY.search(story)
        if not title or not body:
            continue
        paragraphs = _paragraphs(html.unescape(body.group(1)))
        words = sum(len(p.split()) for p in paragraphs)
        if words >= PROSE_MIN_WORDS and words / len(paragraphs) >= PROSE_MIN_PARAGRAPH_WORDS:
            stories.append((_clean_title(html.unescape(title.group(1))), paragraphs))
    return stories


def _story_markup(folder: Path) -> Iterator[str]:
    """The SGML of each Reuters story, in file order."""
    files = sorted(Path(folder).glob("reut2-*.sgm"))
    if not files:
        raise SystemExit(f"no reut2-*.sgm files under {folder} (see shared/corpora/reuters21578)")
    for file in files:
        for match in _STORY.finditer(file.read_text(encoding="latin-1")):
            yield match.group(1)


def _paragraphs(body: str) -> tuple[str, ...]:
    body = re.sub(r"[\x00-\x08\x0b-\x1f]", "", body)
    body = re.sub(r"\s*Reuter\s*$", "", body.strip())
    parts = re.split(r"\n\s{2,}(?=\S)", body)
    return tuple(p for p in (" ".join(part.split()) for part in parts) if len(p.split()) >= 4)


def _clean_title(title: str) -> str:
    title = " ".join(title.split()).rstrip(" <")
    return title.title() if title.isupper() else title


def load_reuters_raw(folder: Path = DEFAULT_REUTERS) -> list[tuple[str, str, str]]:
    """(title, body as it is, YYYY-MM-DD) of every Reuters story with a body, in file order."""
    stories = []
    for story in _story_markup(folder):
        title, body, day = _TITLE.search(story), _BODY.search(story), _DATE.search(story)
        if title and body:
            text = re.sub(r"[\x00-\x08\x0b-\x1f]", "", html.unescape(body.group(1))).strip()
            stories.append((_clean_title(html.unescape(title.group(1))), text, _iso_day(day)))
    return stories


def _iso_day(day: re.Match | None) -> str:
    if day is None:
        return ""
    return f"{day.group(3)}-{_MONTHS.index(day.group(2)) + 1:02d}-{int(day.group(1)):02d}"


# --- one article -------------------------------------------------------------------------------

class Generator:
    def __init__(self, stories, seed: int, n: int = 0, syndicated: int = 0, raw_stories=None):
        self.stories = stories
        self.raw_stories = raw_stories  # with --raw-reuters: the stories as they are
        self.seed = seed
        self.copies = frozenset(random.Random(f"{seed}:syndicated:{n}").sample(range(n), syndicated))
        self.outlets = outlet_names()
        self.outlet_weights = _cumulative_zipf(len(self.outlets))
        self.route_names = list(ROUTE_WEIGHTS)
        self.route_weights = list(accumulate(ROUTE_WEIGHTS.values()))
        self.days = (LAST_DAY - FIRST_DAY).days

    def rng(self, index: int, purpose: str = "") -> random.Random:
        return random.Random(f"{self.seed}:{index}:{purpose}")

    def is_duplicate(self, index: int) -> bool:
        return index > 20 and self.rng(index, "dup").random() < DUPLICATE_SHARE

    def article(self, index: int) -> tuple[str, dict[str, str]]:
        """(file text, sidecar record) of article `index`."""
        if index in self.copies:
            return self.syndicated_copy(index)
        if self.raw_stories is not None:
            return self.raw_article(index)
        if self.is_duplicate(index):
            rng = self.rng(index, "dup")
            rng.random()
            original = index - 1 - rng.randrange(min(index, 2000))
            while self.is_duplicate(original):
                original -= 1
            title, paragraphs, _ = self.compose(original)
            title, paragraphs = _light_edit(rng, title, paragraphs)
        else:
            rng = self.rng(index)
            title, paragraphs, rng = self.compose(index)
        meta = self.metadata(index, rng, title)
        text = _page(rng, title, paragraphs, meta["outlet"])
        return text, meta

    def compose(self, index: int) -> tuple[str, list[str], random.Random]:
        rng = self.rng(index)
        target = rng.randint(WORDS_MIN, WORDS_MAX)
        first = self.stories[rng.randrange(len(self.stories))]
        title, paragraphs, words = first[0], list(first[1]), sum(len(p.split()) for p in first[1])
        while words < target:
            _, more = self.stories[rng.randrange(len(self.stories))]
            for paragraph in more:
                if words >= target:
                    break
                paragraphs.append(paragraph)
                words += len(paragraph.split())
        if rng.random() >= NO_CROSSING_SHARE:
            route = self.route_names[bisect(self.route_weights, rng.random() * self.route_weights[-1])]
            lead = _fill(rng, rng.choice(ROUTE_SENTENCES[route]))
            paragraphs[0] = lead + " " + paragraphs[0]
            if rng.random() < 0.5:
                title = HEADLINES[route] if rng.random() < 0.6 else f"{title}: {HEADLINES[route].lower()}"
            for _ in range(rng.choice((0, 0, 1, 1, 2))):
                paragraphs.insert(rng.randrange(1, len(paragraphs) + 1), _fill(rng, self._extra(rng)))
        elif rng.random() < 0.5:
            paragraphs.insert(rng.randrange(len(paragraphs) + 1), rng.choice(BACKGROUND))
        return title, paragraphs, rng

    def raw_article(self, index: int) -> tuple[str, dict[str, str]]:
        title, body, day = self.raw_stories[index]
        return f"{title}\n\n{body}\n", {"outlet": "Reuters", "published": day, "title": title}

    @cached_property
    def syndicated_story(self) -> tuple[str, list[str]]:
        """The one story every syndicated copy is made from."""
        rng = self.rng(-1, "syndicated")
        if self.raw_stories is not None:
            long_enough = [s for s in self.raw_stories if len(s[1].split()) >= SYNDICATED_RAW_WORDS_MIN]
            title, body, _ = rng.choice(long_enough)
            return title, [" ".join(p.split()) for p in re.split(r"\n\s{2,}(?=\S)", body)]
        title, paragraphs, words = "", [], 0
        while words < SYNDICATED_WORDS:
            story_title, more = self.stories[rng.randrange(len(self.stories))]
            title = title or story_title
            for paragraph in more:
                if words < SYNDICATED_WORDS:
                    paragraphs.append(paragraph)
                    words += len(paragraph.split())
        return title, paragraphs

    def syndicated_copy(self, index: int) -> tuple[str, dict[str, str]]:
        """A light edit of the story under its own headline, its first line a dateline of its own."""
        rng = self.rng(index, "copy")
        title, story = self.syndicated_story
        _, paragraphs = _light_edit(rng, title, story)
        meta = self.metadata(index, rng, title)
        headline = rng.choice(HEADLINE_FORMS).format(title=title, n=rng.randint(1, 9), outlet=meta["outlet"])
        meta["title"] = headline
        when = meta["published"]
        paragraphs[0] = f"{rng.choice(DATELINES)}, {when} ({meta['outlet']}) - {paragraphs[0]}"
        return _page(rng, headline, paragraphs, meta["outlet"]), meta

    def _extra(self, rng: random.Random) -> str:
        kind = rng.random()
        if kind < 0.45:
            route = self.route_names[bisect(self.route_weights, rng.random() * self.route_weights[-1])]
            return rng.choice(ROUTE_SENTENCES[route])
        if kind < 0.7:
            return rng.choice(list(ATTEMPT_SENTENCES.values()))
        if kind < 0.85:
            return REPATRIATION_SENTENCE
        if kind < 0.93:
            return NORTHWARD_SENTENCE
        return rng.choice(BACKGROUND)

    def metadata(self, index: int, rng: random.Random, title: str) -> dict[str, str]:
        outlet = self.outlets[bisect(self.outlet_weights, rng.random() * self.outlet_weights[-1])]
        day = FIRST_DAY + timedelta(days=rng.randrange(self.days + 1))
        published = day.strftime("%Y-%m") if rng.random() < MONTH_ONLY_SHARE else day.isoformat()
        domain = outlet.lower().removeprefix("the ").replace(" ", "") + ".example.com"
        slug = "-".join(re.findall(r"[a-z0-9]+", title.lower())[:8])
        url = f"https://www.{domain}/{day:%Y/%m/%d}/{slug}-{index:06d}"
        return {"outlet": outlet, "published": published, "url": url, "title": title}


def _fill(rng: random.Random, template: str) -> str:
    return template.format(soldier=rng.choice(SUBJECTS["soldier"]), civilian=rng.choice(SUBJECTS["civilian"]),
                           when=rng.choice(WHEN), cited=rng.choice(CITED))


def _light_edit(rng: random.Random, title: str, paragraphs: list[str]) -> tuple[str, list[str]]:
    """A re-published copy: a changed headline and a few words dropped or swapped."""
    edited = []
    for paragraph in paragraphs:
        words = paragraph.split()
        for _ in range(sum(rng.random() < DUPLICATE_EDIT_SHARE for _ in words)):
            at = rng.randrange(len(words))
            if rng.random() < 0.5 and len(words) > 4:
                del words[at]
            else:
                words[at] = rng.choice(("reportedly", "also", "now", "still", "further"))
        edited.append(" ".join(words))
    prefix = rng.choice(("UPDATE 1-", "Updated: ", "", "Report: "))
    return prefix + title, edited


def _page(rng: random.Random, title: str, paragraphs: list[str], outlet: str) -> str:
    lines = []
    furnished = rng.random() < FURNITURE_SHARE
    if furnished:
        lines += [rng.choice(NAV), ""]
    lines += [title, ""]
    for paragraph in paragraphs:
        lines += [paragraph, ""]
    if furnished:
        lines += [rng.choice(SHARE), "", f"\u00a9 {outlet}. All rights reserved.", ""]
    return "\n".join(lines)


# --- writing -----------------------------------------------------------------------------------

_WORKER: Generator | None = None


def _init_worker(reuters: str, seed: int, n: int = 0, syndicated: int = 0, raw: bool = False) -> None:
    global _WORKER
    raw_stories = load_reuters_raw(Path(reuters)) if raw else None
    _WORKER = Generator(load_reuters(Path(reuters)), seed, n, syndicated, raw_stories)


def _write_folder(job: tuple[str, int, int]) -> tuple[int, str, int]:
    out, start, stop = job
    folder = Path(out) / f"part-{start // FILES_PER_FOLDER:04d}"
    folder.mkdir(parents=True, exist_ok=True)
    sidecar, digest, words = {}, hashlib.sha256(), 0
    for index in range(start, stop):
        text, meta = _WORKER.article(index)
        name = f"{index:06d}.txt"
        data = text.encode("utf-8")
        (folder / name).write_bytes(data)
        digest.update(name.encode() + b"\0" + data)
        sidecar[name] = meta
        words += len(text.split())
    meta_bytes = json.dumps(sidecar, indent=1, sort_keys=True, ensure_ascii=False).encode("utf-8")
    (folder / "metadata.json").write_bytes(meta_bytes)
    digest.update(meta_bytes)
    return start, digest.hexdigest(), words


def build_corpus(out: Path, n: int, seed: int = DEFAULT_SEED, reuters: Path = DEFAULT_REUTERS,
                 jobs: int = 1, raw: bool = False, syndicated: int = 0) -> dict:
    """Write the corpus (skipped when OUT/corpus.manifest already records the same parameters)."""
    out = Path(out)
    manifest_path = out / MANIFEST
    wanted = {"n": n, "seed": seed, "raw_reuters": raw, "syndicated": syndicated}
    if manifest_path.is_file():
        manifest = json.loads(manifest_path.read_text())
        recorded = {"raw_reuters": False, "syndicated": 0} | manifest  # manifests from before the options
        if all(recorded.get(key) == value for key, value in wanted.items()):
            return manifest
    if out.exists() and any(out.iterdir()):
        raise SystemExit(f"{out} holds something else; give an empty or new folder")
    _check_sizes(reuters, n, raw, syndicated)
    started = time.perf_counter()
    work = [(str(out), s, min(s + FILES_PER_FOLDER, n)) for s in range(0, n, FILES_PER_FOLDER)]
    setup = (str(reuters), seed, n, syndicated, raw)
    if jobs > 1:
        with multiprocessing.get_context("fork").Pool(jobs, _init_worker, setup) as pool:
            written = {start: rest for start, *rest in pool.imap_unordered(_write_folder, work)}
    else:
        _init_worker(*setup)
        written = {start: rest for start, *rest in map(_write_folder, work)}
    total = hashlib.sha256("".join(written[s][0] for s in sorted(written)).encode()).hexdigest()
    manifest = wanted | {"folders": len(work), "sha256": total, "words": sum(w for _, w in written.values()),
                         "text": "Reuters-21578, Distribution 1.0 (research use only)",
                         "build_s": round(time.perf_counter() - started, 1)}
    manifest_path.write_text(json.dumps(manifest, indent=1) + "\n")
    return manifest


def _check_sizes(reuters: Path, n: int, raw: bool, syndicated: int) -> None:
    if not 0 <= syndicated <= n:
        raise SystemExit(f"--syndicated {syndicated}: give a number of copies between 0 and --n ({n})")
    if raw and n > (available := len(load_reuters_raw(reuters))):
        raise SystemExit(f"--raw-reuters --n {n}: {reuters} has only {available} stories with a body")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10_000, help="articles (default 10,000)")
    parser.add_argument("--out", type=Path, required=True, help="output folder (keep it under /tmp)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--reuters", type=Path, default=DEFAULT_REUTERS)
    parser.add_argument("--jobs", type=int, default=multiprocessing.cpu_count())
    parser.add_argument("--raw-reuters", action="store_true",
                        help="the first N Reuters stories as they are, briefs and tables included")
    parser.add_argument("--syndicated", type=int, default=0, metavar="K",
                        help="K of the N articles are copies of one story with light edits")
    args = parser.parse_args(argv)
    manifest = build_corpus(args.out, args.n, args.seed, args.reuters, args.jobs, args.raw_reuters, args.syndicated)
    print(json.dumps(manifest), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
