"""Measuring helpers: child processes with their own peak memory, medians, the machine, save-to-preview latency."""

from __future__ import annotations

import json
import os
import platform
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
TASKS = HERE / "tasks.py"


@dataclass
class Run:
    """One child process: wall time, its own peak resident memory and what it printed."""

    seconds: float
    peak_mb: float
    code: int
    stdout: str
    stderr: str

    def result(self) -> dict[str, Any]:
        """The JSON object a benchmark task printed on its last line."""
        lines = [line for line in self.stdout.splitlines() if line.startswith("{")]
        if self.code != 0 or not lines:
            raise RuntimeError(f"benchmark task failed ({self.code}):\n{self.stderr[-3000:]}")
        return json.loads(lines[-1])


def run(command: list[str], env: dict[str, str] | None = None, cwd: Path | None = None, timeout: float = 3600) -> Run:
    """Run a command; os.wait4 gives this child's own rusage (RUSAGE_CHILDREN would be the max of all children)."""
    # Output goes to unnamed temporary files (pipes could fill up and stall the child).
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=out, stderr=err, env=env, cwd=cwd)
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                child.kill()
                pid, status, usage = os.wait4(child.pid, 0)
                break
            time.sleep(0.005)
        seconds = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace")
    child.returncode = os.waitstatus_to_exitcode(status)
    return Run(seconds, usage.ru_maxrss / 1024, child.returncode, stdout, stderr)


def task(name: str, project: Path, *args: str, env: dict[str, str] | None = None) -> tuple[dict[str, Any], Run]:
    """Run one task of tasks.py in a fresh interpreter."""
    done = run([sys.executable, str(TASKS), name, str(project), *args], env=env)
    return done.result(), done


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def koers(*args: str, env: dict[str, str] | None = None) -> Run:
    """The `koers` command as users run it (python -m koers)."""
    return run([sys.executable, "-m", "koers", *args], env=env)


def package_versions(packages: tuple[str, ...]) -> dict[str, str]:
    """The installed version of each package, '-' where it is not installed."""
    found = {}
    for package in packages:
        try:
            found[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            found[package] = "-"
    return found


def machine() -> dict[str, str]:
    """Cores, memory, CPU model and the versions that matter for the figures."""

    cpu = "unknown"
    try:
        found = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
        cpu = found.group(1).strip() if found else platform.processor() or "unknown"
    except OSError:
        cpu = platform.processor() or "unknown"
    memory = "unknown"
    try:
        found = re.search(r"MemTotal:\s*(\d+) kB", Path("/proc/meminfo").read_text())
        memory = f"{int(found.group(1)) / 1024 / 1024:.1f} GB" if found else memory
    except OSError:
        pass
    versions = package_versions(("koers", "mkdocs", "mkdocs-material", "typst", "cairosvg", "pyyaml", "jsonschema", "markdown"))
    load = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
    import yaml

    return {
        "cores": str(os.cpu_count()),
        "memory": memory,
        "cpu": cpu,
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "libyaml": "ja" if getattr(yaml, "__with_libyaml__", False) else "nee",
        "load": " / ".join(f"{x:.2f}" for x in load),
        **versions,
    }


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback only
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError):
        return None


@dataclass
class Latency:
    """Save-to-preview: seconds from writing the file to the new title being served, per edit."""

    startup: float = 0.0
    edits: list[float] = field(default_factory=list)
    failures: int = 0


def set_title(path: Path, title: str) -> None:
    text = path.read_text("utf-8")
    text = re.sub(r"(?m)^titel: .*$", f"titel: {title}", text, count=1)
    # Write to a temporary file and rename, as most editors save: one change event, never half a file.
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, "utf-8")
    os.replace(temporary, path)


def serve_latency(project: Path, opgave: str, edits: int, timeout: float = 60.0) -> Latency:
    """Start `koers serve` on a free loopback port, change one opgave's title `edits` times, poll until served."""
    port = free_port()
    source = project / "content" / "opgaven" / f"{opgave}.md"
    original = source.read_text("utf-8")
    url = f"http://127.0.0.1:{port}/opgaven/{opgave}.html"
    log = tempfile.TemporaryFile()
    started = time.perf_counter()
    server = subprocess.Popen(
        [sys.executable, "-m", "koers", "serve", str(project), "--port", str(port)], stdout=log, stderr=log
    )
    result = Latency()
    try:
        while _get(url) is None:
            if server.poll() is not None or time.perf_counter() - started > timeout * 5:
                log.seek(0)
                raise RuntimeError(f"koers serve did not start: {log.read().decode('utf-8', 'replace')[-2000:]}")
            time.sleep(0.05)
        result.startup = time.perf_counter() - started
        time.sleep(1.0)  # let the observer take its first snapshot
        for n in range(edits):
            title = f"Bewerkt {n} {int(time.time() * 1000) % 100000}"
            saved = time.perf_counter()
            set_title(source, title)
            while True:
                page = _get(url)
                if page is not None and title in page:
                    result.edits.append(time.perf_counter() - saved)
                    break
                if time.perf_counter() - saved > timeout:
                    result.failures += 1
                    break
                time.sleep(0.01)
            time.sleep(0.5)
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()
        source.write_text(original, "utf-8")
    return result
