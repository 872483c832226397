"""The harvest's politeness cost: 200 pages over 20 hosts with --delay 1, against the time
the per-host delays alone impose (issue 14's target: <= 1.3x), and the CPU it takes.

    python bench/harvest.py                       # 20 hosts x 10 pages, delay 1 s
    python bench/harvest.py --hosts 20 --pages 10 --delay 1 --repeat 3

Each fake host is a real HTTP server on 127.0.0.1 (its own port) with a robots.txt and
small pages written here (no third-party text). Per host, the harvest must make 1 + pages
requests (robots.txt, then the pages), one at a time with the delay between them, so the
delays alone impose pages x delay seconds. Timed: the fetch phase in this process (harvest
with index=False, CPU of this process, fake servers included), and the command a user runs,
in its own process (start-up, fetching, archiving and indexing; CPU of that process and its
cleaning workers).
"""
from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from search import Settings  # noqa: E402
from search.harvest import HarvestRequest, harvest  # noqa: E402

PARAGRAPH = ("A soldier crossed the Military Demarcation Line on host {h}, page {n}, and defected to the "
             "South, officials said; the crossing took place at night in heavy fog. ")


def _page(h: int, n: int) -> bytes:
    text = "".join(f"<p>{PARAGRAPH.format(h=h, n=n)} Paragraph {k}.</p>" for k in range(6))
    return f"<html><head><title>Story {h}-{n}</title></head><body><article>{text}</article></body></html>".encode()


def _serve(h: int) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802
            if self.path == "/robots.txt":
                body, kind = b"User-agent: *\nAllow: /\n", "text/plain"
            else:
                body, kind = _page(h, int(self.path.strip("/").split(".")[0])), "text/html; charset=utf-8"
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _urls(folder: str, hosts: list[ThreadingHTTPServer], pages: int) -> Path:
    urls = Path(folder) / "urls.txt"
    urls.write_text("".join(f"http://127.0.0.1:{s.server_address[1]}/{n}.html\n" for s in hosts for n in range(pages)))
    return urls


def _run_api(hosts: list[ThreadingHTTPServer], pages: int, delay_s: float) -> tuple[float, float, str]:
    """The fetch phase alone, in this process: harvest(index=False)."""
    with tempfile.TemporaryDirectory(prefix="ds-harvest-") as folder:
        request = HarvestRequest(url_files=(_urls(folder, hosts, pages),), archive_dir=Path(folder) / "archive",
                                 delay_s=delay_s, contact="bench@example.invalid", index=False)
        cpu, wall = _cpu_s(resource.RUSAGE_SELF), time.perf_counter()
        report = harvest(request, Settings(index_dir=Path(folder) / "index"))
        return time.perf_counter() - wall, _cpu_s(resource.RUSAGE_SELF) - cpu, report.summary()


def _run_cli(hosts: list[ThreadingHTTPServer], pages: int, delay_s: float) -> tuple[float, float, str]:
    """What a user runs: `defection-search harvest --urls FILE --delay 1` in its own process,
    start-up and indexing included; CPU is that process's and its cleaning workers'."""
    with tempfile.TemporaryDirectory(prefix="ds-harvest-") as folder:
        command = [sys.executable, "-m", "search.cli", "harvest", "--urls", str(_urls(folder, hosts, pages)),
                   "--delay", str(delay_s), "--contact", "bench@example.invalid",
                   "--index-dir", str(Path(folder) / "index"), "--archive", str(Path(folder) / "archive")]
        cpu, wall = _cpu_s(resource.RUSAGE_CHILDREN), time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=True)
        return time.perf_counter() - wall, _cpu_s(resource.RUSAGE_CHILDREN) - cpu, done.stdout.strip()


def _cpu_s(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--hosts", type=int, default=20)
    parser.add_argument("--pages", type=int, default=10, help="pages per host")
    parser.add_argument("--delay", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    servers = [_serve(h) for h in range(args.hosts)]
    floor_s = args.pages * args.delay  # robots.txt + pages requests per host: `pages` delays between them
    print(f"{args.hosts} hosts x {args.pages} pages, delay {args.delay} s: the delays alone impose {floor_s:.1f} s")
    print("| phase | run | wall s | x delays | CPU s | summary |")
    print("| --- | --- | --- | --- | --- | --- |")
    for phase, run_once in (("fetch + archive (in process, index=False)", _run_api),
                            ("`defection-search harvest` (fetch + archive + index)", _run_cli)):
        for run in range(1, args.repeat + 1):
            wall, cpu, summary = run_once(servers, args.pages, args.delay)
            print(f"| {phase} | {run} | {wall:.2f} | {wall / floor_s:.3f} | {cpu:.2f} | {summary} |")
    for server in servers:
        server.shutdown()


if __name__ == "__main__":
    main()
