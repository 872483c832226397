"""HTTP measurement: start a server as a subprocess, time its first answer, read its memory,
and load it from N client threads (http.client keep-alive), bounded in count and time."""
from __future__ import annotations

import http.client
import socket
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def rss_mb(pid: int) -> tuple[float, float]:
    """(VmRSS, VmHWM) of a process in MB, from /proc/PID/status."""
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values[key] = int(rest.split()[0]) / 1024
    return values.get("VmRSS", 0.0), values.get("VmHWM", 0.0)


def get(conn: http.client.HTTPConnection, path: str) -> tuple[int, bytes]:
    conn.request("GET", path, headers={"Accept": "application/json"})
    response = conn.getresponse()
    return response.status, response.read()


@dataclass
class Server:
    name: str
    command: list[str]
    probe_path: str
    log: Path
    cwd: Path | None = None
    env: dict | None = None
    process: subprocess.Popen | None = None
    start_to_first_s: float | None = None
    error: str | None = None

    def start(self, timeout_s: float = 120.0) -> bool:
        """Start and poll the probe until it answers 200; records the time from Popen to it."""
        port = int(self.command[self.command.index("--port") + 1])
        started = time.perf_counter()
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(self.command, cwd=self.cwd, env=self.env,
                                            stdout=log, stderr=subprocess.STDOUT)
        while time.perf_counter() - started < timeout_s:
            if self.process.poll() is not None:
                self.error = f"exited with status {self.process.returncode} (see {self.log})"
                return False
            try:
                conn = http.client.HTTPConnection(HOST, port, timeout=timeout_s)
                status, _ = get(conn, self.probe_path)
                conn.close()
                if status == 200:
                    self.start_to_first_s = time.perf_counter() - started
                    return True
                if status == 404:
                    self.error = f"{self.probe_path} answered 404"
                    return False
            except (ConnectionError, OSError, http.client.HTTPException):
                pass
            time.sleep(0.01)
        self.error = f"no answer within {timeout_s:.0f} s"
        return False

    @property
    def port(self) -> int:
        return int(self.command[self.command.index("--port") + 1])

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def pid(self) -> int:
        return self.process.pid

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@dataclass
class LoadResult:
    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0
    wall_s: float = 0.0
    first_error: str = ""

    @property
    def throughput(self) -> float:
        return len(self.latencies_ms) / self.wall_s if self.wall_s else 0.0


def load(port: int, paths: list[str], clients: int, max_seconds: float) -> LoadResult:
    """Send each path once, from `clients` keep-alive connections, stopping after max_seconds."""
    result, lock, position = LoadResult(), threading.Lock(), [0]
    deadline = time.perf_counter() + max_seconds

    def worker() -> None:
        conn = http.client.HTTPConnection(HOST, port, timeout=60)
        while time.perf_counter() < deadline:
            with lock:
                index = position[0]
                position[0] += 1
            if index >= len(paths):
                break
            sent = time.perf_counter()
            try:
                status, body = get(conn, paths[index])
            except (OSError, http.client.HTTPException) as error:
                conn.close()
                conn = http.client.HTTPConnection(HOST, port, timeout=60)
                status, body = -1, str(error).encode()
            elapsed = (time.perf_counter() - sent) * 1000
            with lock:
                if status == 200:
                    result.latencies_ms.append(elapsed)
                else:
                    result.errors += 1
                    result.first_error = result.first_error or f"{status}: {body[:200]!r} for {paths[index]}"
        conn.close()

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.wall_s = time.perf_counter() - started
    return result
