"""Do the seeds' search results change between two checkouts? Same queries, same seeds.

    python bench/compare_seed_results.py ../main .

Indexes the bundled seeds with each checkout's code (each in its own process, in a temporary
folder), runs the same English queries (words, phrases, synonyms, names, wildcards, browsing)
and compares every hit's title, score and snippet. Prints the queries whose results differ.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

QUERIES = ["soldier", "defector", "defectors", "JSA", "Panmunjom", "worms", "boat", "DMZ", "MDL", "KPA",
           "NIS", "Oh Chung-sung", "hepatitis B", '"parasitic worms"', "lawyer OR hepatitis", "defect*",
           "North Korea", "escapee", "repatriation", "defection", "Yonhap", "unification ministry",
           "joint chiefs of staff", "wooden boat", ""]
RUN = """
import json, sys, tempfile
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from search import Engine, Settings, bundled_seeds, ingest, request_from_params
with tempfile.TemporaryDirectory() as folder:
    settings = Settings(index_dir=Path(folder) / "index")
    ingest([bundled_seeds()], settings)
    engine = Engine(settings)
    out = {}
    for q in json.loads(sys.argv[2]):
        result = engine.search(request_from_params({"q": [q], "page_size": ["50"]}, settings))
        out[q] = [(hit.title, hit.score, hit.snippet) for hit in result.results]
    engine.close()
print(json.dumps(out, ensure_ascii=False))
"""


def results(code: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", RUN, str(code.resolve()), json.dumps(QUERIES)],
                         capture_output=True, text=True, check=True, cwd=code).stdout
    return json.loads(out)


def main() -> int:
    before, after = (results(Path(arg)) for arg in sys.argv[1:3])
    changed = [q for q in QUERIES if before[q] != after[q]]
    hits = sum(len(v) for v in before.values())
    print(json.dumps({"queries": len(QUERIES), "hits_compared": hits, "changed": changed}))
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
