"""A build makes no network connection and opens no file outside the project, Koers, Python and the fonts.

One audited run (tests/support/audit_runner.py) in a subprocess does three things:
a full `koers build` of a project with an empty cache (so the export workers
really render), a `koers build` of a project whose logo tries every way to
fetch (refused by check), and the renderers (document, tagged poster PDF and
PNG in spawned workers) fed that logo directly, past check, as if check had
missed it. A secret file next to the projects is what the logo points at.

It is watched at two levels:
- Python: an audit hook in every process (sitecustomize.py, so also in the
  spawned export workers) logs `open`, socket and `urllib.Request` events;
  the allowed places are listed exactly.
- The operating system: strace -f logs open and network system calls of every
  process, also of the C libraries (cairo, Pango, fontconfig) and of `fc-match`.
  /usr and /lib are allowed as a whole there, because the dynamic loader and
  locale lookups probe them; in /etc, /proc and /dev only named files are; the
  secret, the home folder and everything else is not. Needs strace (Debian
  package `strace`).

The run happens in a network namespace without network (`unshare -n`) where
the system allows it, which shows the build does not need the network either.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pytest

from support.hostile_svg import fetching_logo
from support.images import red_png
from support.projects import REPO, make_project

pytest.importorskip("typst", reason="Typst is not installed")
pytest.importorskip("cairosvg", reason="cairosvg is not installed")

SUPPORT = REPO / "tests" / "support"
UNREACHABLE = "http://127.0.0.1:9"  # loopback, discard port: nothing listens, and nothing could leave the machine
# Files the standard library reads by itself: mimetypes' system table (MkDocs), the time zone data (zoneinfo).
SYSTEM_FILES = ("/dev/null", "/dev/urandom", "/etc/mime.types", "/etc/localtime", "/usr/share/zoneinfo")
FONT_PLACES = ("/usr/share/fonts", "/usr/local/share/fonts", "/etc/fonts", "/var/cache/fontconfig", "/usr/share/fontconfig")
# What the OS level adds: the dynamic loader, gcc and ldconfig (ctypes.util.find_library), TLS set-up (a library that
# builds an HTTPS handler it never uses), git's system config, multiprocessing's semaphores, CPU and memory
# facts. Named one by one in /etc, /proc and /dev: /etc/passwd or /proc/self/environ would be a finding.
SYSTEM_PLACES = (
    "/usr", "/lib", "/lib64", "/lib32", "/var/cache/fontconfig",
    "/etc/ld.so.cache", "/etc/ld.so.preload", "/etc/fonts", "/etc/ssl", "/etc/localtime", "/etc/mime.types",
    "/etc/gitconfig", "/etc/locale.alias",
    "/dev/null", "/dev/urandom", "/dev/shm", "/dev/tty",
    "/proc/self/fd", "/proc/self/status", "/proc/self/maps", "/proc/filesystems", "/proc/meminfo", "/proc/cpuinfo",
    "/proc/sys/vm/overcommit_memory", "/sys/devices/system/cpu",
    # Rust's count of usable CPUs (Typst's thread pool) reads the process's cgroup CPU quota.
    "/proc/self/cgroup", "/proc/self/mountinfo", "/sys/fs/cgroup",
)  # fmt: skip


def _can_unshare() -> bool:
    try:
        return shutil.which("unshare") is not None and subprocess.run(["unshare", "-n", "true"], capture_output=True, timeout=30).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


@dataclass(frozen=True)
class Run:
    base: Path
    project: Path
    hostile: Path
    secret: Path
    returncode: int
    stderr: str
    results: dict
    events: dict[int, list[dict]]  # pid → audit events
    strace: Path | None
    isolated: bool  # ran without network (unshare -n)

    def allowed_python_roots(self) -> list[str]:
        harness = [self.base / "hooks", self.base / "log", self.base / "results.json", SUPPORT / "audit_runner.py"]
        home = self.base / "home"
        mine = [self.project, self.hostile, self.base / "tmp", self.base / "cache", home / ".cache" / "fontconfig", home / ".fontconfig"]
        return [str(p) for p in (*mine, *harness)] + list(self.results["sys_path"]) + list(self.results["prefixes"]) + [
            *SYSTEM_FILES,
            *FONT_PLACES,
        ]


def _within(path: str, roots: Iterable[str]) -> bool:
    real = os.path.realpath(path)
    return any(real == r or real.startswith(r.rstrip("/") + "/") for root in roots for r in {root, os.path.realpath(root)})


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    base = tmp_path_factory.mktemp("audit")
    secret = base / "buiten" / "geheim.png"
    secret.parent.mkdir()
    secret.write_bytes(red_png())
    logo = fetching_logo(UNREACHABLE, secret.as_uri(), "../../../buiten/geheim.png")
    project = make_project(base / "project")
    (project / "themes" / "voorbeeld" / "lek.svg").write_text(logo, "utf-8")
    hostile = make_project(base / "vijandig")
    (hostile / "themes" / "voorbeeld" / "logo.svg").write_text(logo, "utf-8")
    for name in ("tmp", "cache", "home", "log", "hooks"):
        (base / name).mkdir()
    shutil.copyfile(SUPPORT / "audit_hook.py", base / "hooks" / "sitecustomize.py")
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LANG": "C.UTF-8",
        "HOME": str(base / "home"),
        "TMPDIR": str(base / "tmp"),
        "KOERS_CACHE_DIR": str(base / "cache"),
        "KOERS_AUDIT_LOG": str(base / "log"),
        "PYTHONPATH": os.pathsep.join([str(base / "hooks"), str(REPO / "generator")]),
        "SOURCE_DATE_EPOCH": "1700000000",
    }
    command = [sys.executable, str(SUPPORT / "audit_runner.py"), str(project), str(hostile), str(base / "results.json")]
    trace = None
    if shutil.which("strace"):
        trace = base / "strace.log"
        command = ["strace", "-f", "-qq", "--seccomp-bpf", "-y", "-s", "4096", "-o", str(trace),
                   "-e", "trace=%network,open,openat,openat2,creat", *command]  # fmt: skip
    isolated = _can_unshare()
    if isolated:
        command = ["unshare", "-n", *command]
    done = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=900, check=False)
    events: dict[int, list[dict]] = {}
    for log in (base / "log").glob("*.jsonl"):
        events[int(log.stem)] = [json.loads(line) for line in log.read_text("utf-8").splitlines()]
    results = json.loads((base / "results.json").read_text("utf-8")) if (base / "results.json").is_file() else {}
    return Run(base, project, hostile, secret, done.returncode, done.stderr, results, events, trace, isolated)


def test_the_audited_run_built_refused_and_rendered(run: Run) -> None:
    assert run.returncode == 0, run.stderr[-3000:]
    assert run.results["build"] == 0
    assert (run.project / "build" / "site" / "index.html").is_file()
    assert run.results["hostile_build"] == 1
    assert (
        "themes/voorbeeld/theme.yaml:32: fout: logo 'logo.svg' bevat een verwerkingsinstructie (<?xml-stylesheet …?>); "
        "dat is niet toegestaan in een huisstijl"
    ) in run.stderr.splitlines()
    assert run.results["document_pages"] >= 1
    assert run.results["exports"] == ["downloads/strategie-in-een-beeld-social.pdf", "downloads/strategie-in-een-beeld-social.png"]
    assert run.results["export_report"] == ""
    assert len(run.events) >= 2, "the audit hook must also run in the spawned export workers"


def test_python_makes_no_connection_and_fetches_only_data_urls(run: Run) -> None:
    network = [e for events in run.events.values() for e in events if e["event"] not in ("open", "subprocess.Popen")]
    assert network, "the renderers load the poster and the logo as data: URLs; the hook must have seen them"
    themes = (run.project / "themes").as_uri() + "/"
    fetched = [e["args"][0] for e in network if e["event"] == "urllib.Request"]
    assert [e for e in network if e["event"] != "urllib.Request"] == []
    assert [url for url in fetched if not url.startswith(("data:", themes))] == []


def test_python_opens_nothing_outside_the_allowed_places(run: Run) -> None:
    roots = run.allowed_python_roots()
    opened = {e["path"] for events in run.events.values() for e in events if e["event"] == "open"}
    # os.open of a relative name is relative to a folder descriptor (shutil.rmtree); strace below sees those in full.
    judged = {p for p in opened if os.path.isabs(p)}
    assert not [p for p in judged if _within(p, [str(run.secret.parent)])]
    assert sorted(p for p in judged if not _within(p, roots)) == []
    assert any(p.startswith(str(run.project / "themes")) for p in judged)  # the hook did see the build's own reads


# `strace -y` shows the folder of a descriptor, also of AT_FDCWD: openat(AT_FDCWD</project>, "name", …).
_OPEN = re.compile(r'^\d+ +(?:open|openat|openat2|creat)\((?:(?:AT_FDCWD|\d+)(?:<([^>]*)>)?, )?"((?:[^"\\]|\\.)*)"')
_NETWORK = re.compile(r"^(\d+) +(socket|connect|sendto|sendmsg|bind|listen|accept4?|getsockname|getpeername|setsockopt|recvfrom)\((.*)")


def _strace_lines(run: Run) -> list[str]:
    if run.strace is None:
        pytest.skip("strace is not installed (Debian package: strace); the Python-level audit still ran")
    return run.strace.read_text("utf-8", "replace").splitlines()


def test_no_process_opens_a_network_socket(run: Run) -> None:
    calls = [m.group(2) + "(" + m.group(3)[:80] for line in _strace_lines(run) if (m := _NETWORK.match(line))]
    assert [c for c in calls if "AF_UNIX" not in c and not c.startswith(("getsockname", "setsockopt"))] == []


def test_no_process_opens_a_file_outside_the_allowed_places(run: Run) -> None:
    roots = [*run.allowed_python_roots(), *SYSTEM_PLACES]
    paths = []
    for line in _strace_lines(run):
        match = _OPEN.match(line)
        if match:
            folder, name = match.group(1), match.group(2).encode().decode("unicode_escape")
            paths.append(name if os.path.isabs(name) else os.path.join(folder or str(run.project), name))
    assert len(paths) > 100, "strace must have seen the build's opens"
    assert [p for p in paths if _within(p, [str(run.secret.parent)])] == []
    assert sorted({p for p in paths if not _within(p, roots)}) == [], sorted({p for p in paths if not _within(p, roots)})


def test_the_build_needs_no_network(run: Run) -> None:
    if not run.isolated:
        pytest.skip("no network namespace here (`unshare -n` is not allowed); the audits above still ran")
    assert run.results["build"] == 0
