"""The serving process with Korean loaded: first answer after start, first Korean query, memory.

    PYTHONPATH=. python bench/korean_serving.py [--port 8766]
    PYTHONPATH=. python bench/korean_serving.py --seeding-only --code ../main   # the same first run on main

Indexes the seeds and bench/korean_cases.json's articles into a temporary index, starts
`defection-search serve` on 127.0.0.1 as its own process (waitress, as in production), and
measures: seconds from the process start to its first answered search (an English one), the
seconds the first Korean query then takes (it loads MeCab and its dictionary), and the
server's resident memory (VmRSS, and its peak VmHWM) after ten Korean and English searches
and an article page with Korean marked. Then once more on an empty index folder, which the
server first fills with the seeds in its own process (a fresh machine's first run: the
pipeline, py3langid and all, stay loaded in it): seconds to the first answer, and memory.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from search import Settings, bundled_seeds, ingest  # noqa: E402

CASES = Path(__file__).with_name("korean_cases.json")
QUERIES = ("합참은", "탈북민", "defector", "JSA를", "귀순했다", "soldier", "공동경비구역", "강제북송", "worms", "월북한")


def get(port: int, path: str, params: dict[str, str]) -> dict | str:
    url = f"http://127.0.0.1:{port}{path}?{urllib.parse.urlencode(params)}"
    with urllib.request.urlopen(url, timeout=30) as response:
        body = response.read().decode("utf-8")
    return json.loads(body) if path.startswith("/api/") else body


def memory_mb(pid: int) -> dict[str, float]:
    status = Path(f"/proc/{pid}/status").read_text()
    return {key: round(int(re.search(rf"{key}:\s+(\d+)", status).group(1)) / 1024, 1) for key in ("VmRSS", "VmHWM")}


def build_index(folder: Path) -> Settings:
    articles = folder / "korean"
    articles.mkdir()
    for article_id, body in json.loads(CASES.read_text("utf-8"))["articles"].items():
        (articles / f"{article_id}.txt").write_text(f"기사 {article_id}\n\n{body}\n", encoding="utf-8")
    settings = Settings(index_dir=folder / "index")
    ingest([bundled_seeds(), articles], settings)
    return settings


def wait_for_first_answer(port: int, started: float, server: subprocess.Popen) -> float:
    while True:
        try:
            get(port, "/api/search", {"q": "soldier"})
            return time.perf_counter() - started
        except OSError:
            if server.poll() is not None:
                raise RuntimeError("the server exited") from None
            time.sleep(0.02)


def start(index_dir: Path, port: int, code: Path = REPO) -> tuple[subprocess.Popen, float]:
    env = os.environ | {"PYTHONPATH": str(code)}
    started = time.perf_counter()
    server = subprocess.Popen([sys.executable, "-m", "search.cli", "serve", "--index-dir", str(index_dir),
                               "--port", str(port)], env=env, cwd=code, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    return server, started


def seeding_run(folder: Path, port: int, code: Path = REPO) -> dict[str, float]:
    server, started = start(folder / "empty-index", port, code)
    try:
        first_answer_s = wait_for_first_answer(port, started, server)
        get(port, "/api/search", {"q": "합참은"})
        return {"seeding_first_answer_s": round(first_answer_s, 2),
                "seeding_rss_mb": memory_mb(server.pid)["VmRSS"]}
    finally:
        server.terminate()
        server.wait(timeout=10)


def main() -> int:
    port = int(sys.argv[sys.argv.index("--port") + 1]) if "--port" in sys.argv else 8766
    code = Path(sys.argv[sys.argv.index("--code") + 1]).resolve() if "--code" in sys.argv else REPO
    if "--seeding-only" in sys.argv:
        with tempfile.TemporaryDirectory() as folder:
            print(json.dumps(seeding_run(Path(folder), port, code)))
        return 0
    with tempfile.TemporaryDirectory() as folder:
        settings = build_index(Path(folder))
        server, started = start(settings.index_dir, port)
        try:
            first_answer_s = wait_for_first_answer(port, started, server)
            before_korean = memory_mb(server.pid)
            korean_started = time.perf_counter()
            first_korean = get(port, "/api/search", {"q": "합참은"})
            first_korean_s = time.perf_counter() - korean_started
            for query in QUERIES:
                get(port, "/api/search", {"q": query})
            get(port, f"/articles/{first_korean['results'][0]['id']}", {"q": "합참은"})
            after = memory_mb(server.pid)
        finally:
            server.terminate()
            server.wait(timeout=10)
        seeding = seeding_run(Path(folder), port)
    print(json.dumps(seeding | {"first_answer_after_start_s": round(first_answer_s, 2),
                      "first_korean_query_s": round(first_korean_s, 3), "korean_hits": first_korean["total"],
                      "rss_before_korean_mb": before_korean["VmRSS"], "rss_after_mb": after["VmRSS"],
                      "peak_rss_mb": after["VmHWM"]}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
