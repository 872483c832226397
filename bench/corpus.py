"""A synthetic benchmark corpus of N defection-news articles spliced from real Reuters prose.

    python bench/corpus.py --n 10000 --out /tmp/ds-corpus-10k [--seed 21578] [--jobs 2]

Text: Reuters-21578, Distribution 1.0 (research use only: read from ../shared at run time,
never copied into the repo). Each article splices whole Reuters stories until it reaches its
target length (500 to 1,500 words), then weaves in real sentences about crossings ("A North
Korean soldier defected through the Joint Security Area on Monday, Yonhap reported.") so
that the project's own classifier assigns routes, crossings and cited sources with realistic
cardinalities. About 5% of articles are light edits of an earlier one (near-duplicates);
some pages carry navigation, share bars and a copyright footer for the cleaner to remove.

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
from bisect import bisect
from datetime import date, timedelta
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

# --- the defection sentences: every one is checked against search.reading.routes in the smoke test --

SUBJECTS = {
    "soldier": ["A North Korean soldier", "A young North Korean soldier", "A North Korean army private",
                "A North Korean staff sergeant"],
    "civilian": ["A North Korean man", "A North Korean woman", "A family of five from North Korea",
                 "Two North Korean civilians", "A North Korean teenager"],
}
WHEN = ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "early on Saturday",
        "on Sunday", "last week", "this week", "overnight"]
CITED = ["Yonhap reported", "the Joint Chiefs of Staff said", "the Unification Ministry said",
         "according to Radio Free Asia", "NK News reported", "Daily NK said", "Kyodo reported",
         "the Korea Herald reported", "officials said", "a government official said",
         "the National Intelligence Service said", "the Chosun Ilbo reported", "AFP reported",
         "the Associated Press reported", "Voice of America said", "the defence ministry said"]
ROUTE_SENTENCES = {
    "jsa": ["{soldier} defected through the Joint Security Area {when}, {cited}.",
            "{soldier} ran across the border at Panmunjom {when} and defected to the South, {cited}."],
    "dmz": ["{soldier} crossed the Military Demarcation Line in the central section of the DMZ "
            "{when} and defected to the South, {cited}.",
            "{civilian} defected across the heavily fortified Demilitarized Zone {when}, {cited}."],
    "sea": ["Two North Korean fishermen defected to the South by boat across the Northern Limit Line "
            "{when}, {cited}.",
            "{civilian} defected to the South on a small wooden boat {when}, {cited}."],
    "china": ["{civilian} fled North Korea across the Tumen River into China and reached Thailand "
              "months later, {cited}.",
              "{civilian} escaped across the Yalu River into China {when}, {cited}."],
    "russia": ["{civilian} escaped across the border into Russia {when}, {cited}."],
    "air": ["A North Korean pilot flew his MiG-19 fighter jet across the border and defected to the "
            "South {when}, {cited}."],
    "overseas": ["A North Korean diplomat posted in London defected to South Korea with his family, {cited}.",
                 "A North Korean worker at a restaurant in China defected {when}, {cited}.",
                 "A North Korean student studying in Europe defected to the South, {cited}."],
    "unknown": ["A North Korean defected to the South {when}, {cited}, without saying how he crossed."],
}
ATTEMPT_SENTENCES = {
    "dmz": "{soldier} tried to defect across the DMZ {when} but was caught by border guards, {cited}.",
    "sea": "A North Korean boat trying to reach the South was intercepted {when}, {cited}.",
    "china": "{civilian} was caught trying to flee across the Tumen River into China {when}, {cited}.",
}
REPATRIATION_SENTENCE = ("China forcibly repatriated dozens of North Korean defectors caught near "
                         "the Yalu River {when}, {cited}.")
NORTHWARD_SENTENCE = "A South Korean man crossed into North Korea over the DMZ {when}, KCNA reported."
BACKGROUND = ["More than 34,000 North Koreans have fled to the South since the end of the Korean War, "
              "most of them via China.",
              "Defectors say food shortages and political repression drive people to leave the North."]
# Route of the article's main crossing, skewed as real reporting is (China and the DMZ lead).
ROUTE_WEIGHTS = {"china": 30, "dmz": 16, "sea": 15, "overseas": 12, "jsa": 8, "unknown": 10,
                 "russia": 4, "air": 2}
HEADLINES = {
    "jsa": "North Korean soldier defects through Joint Security Area",
    "dmz": "North Korean soldier defects across DMZ",
    "sea": "North Koreans defect to South by boat",
    "china": "North Korean family escapes via China",
    "russia": "North Korean escapes into Russia",
    "air": "North Korean pilot defects in fighter jet",
    "overseas": "North Korean diplomat defects",
    "unknown": "North Korean defects to South Korea",
}
NAV = ["Home | World | Asia | Politics | Business | Opinion", "Skip to main content",
       "Menu  Search  Subscribe"]
SHARE = ["Share this article", "Share on Facebook  Share on Twitter  Email", "Related stories"]

# --- outlets: 200 names, skewed by Zipf so a few carry most articles -------------------------

_OUTLET_FIRST = ["Pacific", "Harbor", "Capital", "Northern", "Eastern", "Metro", "Global", "Coastal",
                 "Valley", "Summit", "Lakeside", "Frontier", "Union", "Liberty", "Central", "Western",
                 "Evening", "Morning", "Daily", "Weekly"]
_OUTLET_SECOND = ["Herald", "Courier", "Observer", "Tribune", "Gazette", "Chronicle", "Sentinel",
                  "Dispatch", "Monitor", "Ledger"]


def outlet_names() -> list[str]:
    names = [f"The {a} {b}" for a in _OUTLET_FIRST for b in _OUTLET_SECOND]
    random.Random(OUTLETS).shuffle(names)
    return names[:OUTLETS]


def _cumulative_zipf(count: int) -> list[float]:
    return list(accumulate(1.0 / (rank ** ZIPF_S) for rank in range(1, count + 1)))


# --- Reuters stories ---------------------------------------------------------------------------

def load_reuters(folder: Path = DEFAULT_REUTERS) -> list[tuple[str, tuple[str, ...]]]:
    """(title, paragraphs) of every Reuters story with a body, in file order."""
    files = sorted(Path(folder).glob("reut2-*.sgm"))
    if not files:
        raise SystemExit(f"no reut2-*.sgm files under {folder} (see shared/corpora/reuters21578)")
    stories = []
    for file in files:
        for match in _STORY.finditer(file.read_text(encoding="latin-1")):
            title, body = _TITLE.search(match.group(1)), _BODY.search(match.group(1))
            if not title or not body:
                continue
            paragraphs = _paragraphs(html.unescape(body.group(1)))
            words = sum(len(p.split()) for p in paragraphs)
            if words >= PROSE_MIN_WORDS and words / len(paragraphs) >= PROSE_MIN_PARAGRAPH_WORDS:
                stories.append((_clean_title(html.unescape(title.group(1))), paragraphs))
    return stories


def _paragraphs(body: str) -> tuple[str, ...]:
    body = re.sub(r"[\x00-\x08\x0b-\x1f]", "", body)
    body = re.sub(r"\s*Reuter\s*$", "", body.strip())
    parts = re.split(r"\n\s{2,}(?=\S)", body)
    return tuple(p for p in (" ".join(part.split()) for part in parts) if len(p.split()) >= 4)


def _clean_title(title: str) -> str:
    title = " ".join(title.split()).rstrip(" <")
    return title.title() if title.isupper() else title


# --- one article -------------------------------------------------------------------------------

class Generator:
    def __init__(self, stories, seed: int):
        self.stories = stories
        self.seed = seed
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


def _init_worker(reuters: str, seed: int) -> None:
    global _WORKER
    _WORKER = Generator(load_reuters(Path(reuters)), seed)


def _write_folder(job: tuple[str, int, int]) -> tuple[int, str]:
    out, start, stop = job
    folder = Path(out) / f"part-{start // FILES_PER_FOLDER:04d}"
    folder.mkdir(parents=True, exist_ok=True)
    sidecar, digest = {}, hashlib.sha256()
    for index in range(start, stop):
        text, meta = _WORKER.article(index)
        name = f"{index:06d}.txt"
        data = text.encode("utf-8")
        (folder / name).write_bytes(data)
        digest.update(name.encode() + b"\0" + data)
        sidecar[name] = meta
    meta_bytes = json.dumps(sidecar, indent=1, sort_keys=True, ensure_ascii=False).encode("utf-8")
    (folder / "metadata.json").write_bytes(meta_bytes)
    digest.update(meta_bytes)
    return start, digest.hexdigest()


def build_corpus(out: Path, n: int, seed: int = DEFAULT_SEED, reuters: Path = DEFAULT_REUTERS,
                 jobs: int = 1) -> dict:
    """Write the corpus (skipped when OUT/corpus.manifest already records the same n and seed)."""
    out = Path(out)
    manifest_path = out / MANIFEST
    if manifest_path.is_file():
        manifest = json.loads(manifest_path.read_text())
        if manifest.get("n") == n and manifest.get("seed") == seed:
            return manifest
    if out.exists() and any(out.iterdir()):
        raise SystemExit(f"{out} holds something else; give an empty or new folder")
    started = time.perf_counter()
    work = [(str(out), s, min(s + FILES_PER_FOLDER, n)) for s in range(0, n, FILES_PER_FOLDER)]
    if jobs > 1:
        with multiprocessing.get_context("fork").Pool(jobs, _init_worker, (str(reuters), seed)) as pool:
            digests = dict(pool.imap_unordered(_write_folder, work))
    else:
        _init_worker(str(reuters), seed)
        digests = dict(map(_write_folder, work))
    total = hashlib.sha256("".join(digests[s] for s in sorted(digests)).encode()).hexdigest()
    manifest = {"n": n, "seed": seed, "folders": len(work), "sha256": total,
                "text": "Reuters-21578, Distribution 1.0 (research use only)",
                "build_s": round(time.perf_counter() - started, 1)}
    manifest_path.write_text(json.dumps(manifest, indent=1) + "\n")
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10_000, help="articles (default 10,000)")
    parser.add_argument("--out", type=Path, required=True, help="output folder (keep it under /tmp)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--reuters", type=Path, default=DEFAULT_REUTERS)
    parser.add_argument("--jobs", type=int, default=multiprocessing.cpu_count())
    args = parser.parse_args(argv)
    manifest = build_corpus(args.out, args.n, args.seed, args.reuters, args.jobs)
    print(json.dumps(manifest), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
