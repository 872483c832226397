"""How Korean page copies come out of the cleaner: titles and bodies, counted.

    python bench/korean_pages.py TEXT_DIR LABELS [--split dev] [--show N]

For each article of LABELS (the split given, as bench/labels.py reads it) the page in TEXT_DIR
is built as `defection-search index` builds it, with its URL as a sidecar, and counted:
- empty body: no paragraph kept (a one-paragraph copy read as all title, or all furniture);
- whole text as title: a title over 200 characters;
- title not a headline: a title with no Hangul on a Korean page ("AD", "Huffpost Korea kr"),
  of one or two words ("동아일보", "통일뉴스"), or a stamp, caption, share or reporter line as
  a reader sees it (it names a date stamp, a photo credit, "공유", "기자", an e-mail);
- body paragraphs that are such lines (furniture kept).
The checks use no code of the project, so the same command measures any checkout: run it with
PYTHONPATH set to the checkout to compare (docs/korean.md §6).
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from search import InputError, RawDocument, build_article

HANGUL = re.compile(r"[\uac00-\ud7a3]")
# what a reader sees as furniture on a Korean page: a stamp, a credit, a share line, a reporter
FURNITURE = re.compile(
    r"^(?:입력|등록|수정|승인|기사입력|송고|date)\b|URL이? ?복사|공유(?:하기|합니다)?$|"
    r"^\S*\s*[가-힣]{2,4} ?기자\b.{0,40}$|@[\w.-]+\.[a-z]{2,}|^사진\s*[=:]|/조선DB$|연합뉴스$|"
    r"^(?:AD|광고|관련\s?기사|많이 본 뉴스|댓글\s?\d*)$|무단\s?전재", re.IGNORECASE)
WHOLE_TEXT_CHARS = 200


def _records(labels: Path, split: str | None) -> list[dict]:
    rows = [json.loads(line) for line in labels.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if split is None or r.get("split", "dev") == split]


def _not_a_headline(title: str) -> bool:
    return not HANGUL.search(title) or len(title.split()) <= 2 or bool(FURNITURE.search(title))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("texts", type=Path)
    parser.add_argument("labels", type=Path)
    parser.add_argument("--split", default="dev")
    parser.add_argument("--show", type=int, default=0, help="print this many titles that are not headlines")
    args = parser.parse_args()
    counts = {"articles": 0, "empty body": 0, "whole text as title": 0, "title not a headline": 0,
              "furniture paragraphs kept": 0}
    shown = []
    for record in _records(args.labels, args.split):
        path = args.texts / record["file"]
        raw = RawDocument(origin=str(path), text=path.read_text(encoding="utf-8"),
                          sidecar={"url": record["url"]} if record.get("url") else {})
        try:
            article = build_article(raw)
        except InputError:
            counts["empty body"] += 1
            continue
        counts["articles"] += 1
        counts["empty body"] += not article.body.strip()
        counts["whole text as title"] += len(article.title) > WHOLE_TEXT_CHARS
        if _not_a_headline(article.title):
            counts["title not a headline"] += 1
            shown.append(f"{record['file']}: {article.title[:80]}")
        counts["furniture paragraphs kept"] += sum(
            1 for p in article.body.split("\n\n") if p and len(p.split()) <= 12 and FURNITURE.search(p))
    for name, value in counts.items():
        print(f"{name:28} {value}")
    for line in shown[:args.show]:
        print("  ", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
