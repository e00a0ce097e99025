"""Shared plumbing for the benchmark scripts (scripts/bench-*).

Every measured step runs in its own child process; wall time comes from a
monotonic clock around the child, peak memory from the child's own rusage
(os.wait4), which on Linux is the largest resident set the child -- or any
descendant it waited for -- ever had. That is the figure `/usr/bin/time -v`
prints as "Maximum resident set size", without depending on that package.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent.parent
PEERS = BENCH_DIR / "peers.py"

PD = "peoples-daily-1998-01/articles.jsonl"
SOGOU = "sogou-reduced/articles.jsonl"


def log(*parts: object) -> None:
    print("[bench]", *parts, file=sys.stderr, flush=True)


def die(message: str) -> NoReturn:
    print(f"error: {message}", file=sys.stderr, flush=True)
    sys.exit(2)


def terminate_on_sigterm() -> None:
    """Turn SIGTERM into SystemExit so `finally` blocks (server stop, temp
    clean-up) run when the bash wrapper or a user kills the benchmark."""
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))


# ----------------------------------------------------------------- locations

def shared_dir(explicit: str | None) -> Path:
    candidates = [explicit, os.environ.get("ZHUTI_SHARED"), str(REPO.parent / "shared"), "/work/shared"]
    for c in candidates:
        if c and (Path(c) / "corpora").is_dir():
            return Path(c)
    die("shared corpora not found: set ZHUTI_SHARED or pass --shared DIR "
        f"(looked in {', '.join(c for c in candidates if c)}; need DIR/corpora/)")


def corpus_path(shared: Path, rel: str) -> Path:
    p = shared / "corpora" / rel
    if not p.is_file():
        die(f"corpus missing: {p}")
    return p


def zhuti_binary(explicit: str | None, required: bool) -> Path | None:
    """The release `zhuti`, as `swift build -c release --show-bin-path` names it.

    Not built here: a benchmark must time the binary the user built, and a
    silent rebuild would hide a stale or failing build."""
    if explicit:
        p = Path(explicit)
    elif os.environ.get("ZHUTI_BIN"):
        p = Path(os.environ["ZHUTI_BIN"])
    else:
        try:
            out = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=REPO,
                                 capture_output=True, text=True, timeout=300)
            p = Path(out.stdout.strip()) / "zhuti"
        except (OSError, subprocess.TimeoutExpired):
            p = REPO / ".build" / "release" / "zhuti"
    if p.is_file() and os.access(p, os.X_OK):
        return p
    if required:
        die(f"zhuti binary not found at {p}.\n"
            f"  build it first:  (cd {REPO} && swift build -c release --product zhuti)\n"
            "  or pass --zhuti PATH / set ZHUTI_BIN, or --peers-only to run only the peers")
    return None


def binary_note(path: Path) -> str:
    st = path.stat()
    stamp = time.strftime("%Y-%m-%d %H:%M", time.localtime(st.st_mtime))
    return f"`{path}` (built {stamp})"


# ----------------------------------------------------------------- running

@dataclass
class Measured:
    wall: float          # seconds
    peak_rss: int        # bytes
    cpu: float           # user + system seconds (less sensitive to a loaded machine than wall time)
    stdout: str
    stderr: str
    returncode: int
    extra: dict = field(default_factory=dict)


def run_measured(cmd: list[str], env: dict | None = None, cwd: Path | None = None,
                 timeout: float | None = None, check: bool = True) -> Measured:
    """Run one command as a child process and measure wall time and peak RSS.

    Output goes to temporary files rather than pipes, so a chatty child can
    never block on a full pipe while we wait for it."""
    full_env = dict(os.environ)
    if env:
        full_env.update(env)
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, env=full_env, cwd=cwd)
        try:
            if timeout is None:
                _, status, usage = os.wait4(proc.pid, 0)
            else:
                deadline = start + timeout
                while True:
                    pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
                    if pid:
                        break
                    if time.perf_counter() > deadline:
                        proc.kill()
                        _, status, usage = os.wait4(proc.pid, 0)
                        proc.returncode = -9
                        raise subprocess.TimeoutExpired(cmd, timeout)
                    time.sleep(0.02)
        except BaseException:
            if proc.returncode is None:
                proc.kill()
                try:
                    os.wait4(proc.pid, 0)
                except ChildProcessError:
                    pass
                proc.returncode = -9
            raise
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    m = Measured(wall, usage.ru_maxrss * 1024, usage.ru_utime + usage.ru_stime, stdout, stderr, proc.returncode)
    if check and m.returncode != 0:
        tail = "\n".join(stderr.strip().splitlines()[-15:])
        die(f"command failed (exit {m.returncode}): {shell(cmd, env)}\n{tail}")
    return m


def shell(cmd: list[str], env: dict | None = None) -> str:
    """The command as a user would type it (for the report's 'exact commands')."""
    prefix = " ".join(f"{k}={shlex.quote(str(v))}" for k, v in (env or {}).items())
    body = " ".join(shlex.quote(str(c)) for c in cmd)
    return f"{prefix} {body}".strip()


def peer_cmd(task: str, *args: str) -> list[str]:
    return [sys.executable, str(PEERS), task, *args]


def run_peer(task: str, *args: str, timeout: float | None = None) -> Measured:
    m = run_measured(peer_cmd(task, *args), timeout=timeout)
    last = [line for line in m.stdout.splitlines() if line.startswith("{")]
    if not last:
        die(f"peer {task} printed no result line:\n{m.stdout[-2000:]}\n{m.stderr[-2000:]}")
    m.extra = json.loads(last[-1])
    return m


# ----------------------------------------------------------------- zhuti CLI

class Zhuti:
    """The `zhuti` CLI with one home (library + models). The home is passed
    through ZHUTI_HOME so the commands work whether --home is a global or a
    per-subcommand option."""

    def __init__(self, binary: Path, home: Path):
        self.binary = binary
        self.home = home

    @property
    def env(self) -> dict:
        return {"ZHUTI_HOME": str(self.home)}

    def cmd(self, *args: str) -> list[str]:
        return [str(self.binary), *args]

    def show(self, *args: str) -> str:
        return shell(["zhuti", *args], self.env)

    def run(self, *args: str, timeout: float | None = None, check: bool = True) -> Measured:
        return run_measured(self.cmd(*args), env=self.env, timeout=timeout, check=check)

    def has_command(self, name: str) -> bool:
        r = subprocess.run([str(self.binary), name, "--help"], capture_output=True, text=True,
                           env={**os.environ, **self.env}, timeout=60)
        return r.returncode == 0


def jsonl(text: str) -> list[dict]:
    rows = []
    for n, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line:
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as e:
            die(f"zhuti printed a malformed JSONL line {n}: {e}: {line[:200]}")
    return rows


# ----------------------------------------------------------------- reporting

def median(xs: list[float]) -> float:
    return statistics.median(xs)


def fmt_s(seconds: float) -> str:
    if seconds < 0.01:
        return f"{seconds * 1000:.2f} ms"
    if seconds < 1:
        return f"{seconds * 1000:.0f} ms"
    if seconds < 10:
        return f"{seconds:.2f} s"
    return f"{seconds:.1f} s"


def fmt_mb(nbytes: float) -> str:
    mb = nbytes / 2**20
    if mb < 1:
        return f"{nbytes / 1024:.0f} KiB"
    return f"{mb / 1024:.2f} GiB" if mb >= 1024 else f"{mb:.0f} MiB"


def ratio(peer: float | None, ours: float | None) -> str:
    """How many times smaller ours is than the peer's (x > 1 = Zhuti better)."""
    if not peer or not ours:
        return "n/a"
    return f"{peer / ours:.1f}x"


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |",
             "|" + "|".join("---" if i == 0 else "---:" for i in range(len(header))) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def machine_line() -> str:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "?"
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f"{kb / 2**20:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return f"{os.cpu_count()} cores ({cpu}), {mem} RAM, Python {sys.version.split()[0]}, load average {loadavg()}"


def load_warning(start: str) -> str:
    """A line for the report when other work on the machine inflated wall times."""
    try:
        worst = max(float(start.split()[0]), float(loadavg().split()[0]))
    except (ValueError, IndexError):
        return ""
    cores = os.cpu_count() or 1
    if worst > cores + 0.5:
        return (f"**The machine was busy (load average up to {worst:.1f} on {cores} cores): wall times are inflated "
                "and noisy; CPU times are the steadier comparison. Re-run on an idle machine for BENCHMARKS.md.**\n")
    return ""


def loadavg() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def peer_versions() -> str:
    parts = []
    for mod in ("numpy", "scipy", "sklearn", "gensim"):
        try:
            m = __import__(mod)
            parts.append(f"{'scikit-learn' if mod == 'sklearn' else mod} {m.__version__}")
        except ImportError:
            pass
    return ", ".join(parts)


def base_args(description: str) -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--runs", type=int, default=3, help="runs per measurement; the median is reported (default 3)")
    ap.add_argument("--zhuti", help="path to the zhuti binary (default: swift build -c release --show-bin-path)/zhuti")
    ap.add_argument("--shared", help="folder holding corpora/ (default $ZHUTI_SHARED, else <repo>/../shared)")
    ap.add_argument("--work", help="scratch folder for temporary homes (the bash wrapper passes a mktemp -d)")
    ap.add_argument("--peers-only", action="store_true", help="run only the Python peers (no zhuti needed)")
    return ap


def work_dir(args: argparse.Namespace) -> Path:
    if args.work:
        p = Path(args.work)
        p.mkdir(parents=True, exist_ok=True)
        return p
    return Path(tempfile.mkdtemp(prefix="zhuti-bench-"))


def start(args: argparse.Namespace, has_peers: bool = True, name: str = "") -> tuple[Path, Path | None, Path]:
    """What every bench script does once its arguments are parsed: check --runs, stop
    cleanly on SIGTERM, find the corpora, the zhuti binary (none with --peers-only) and the
    scratch folder. A script without peers (`has_peers` False) refuses --peers-only."""
    check_runs(args)
    terminate_on_sigterm()
    if args.peers_only and not has_peers:
        die(f"{name} has no peer to run; it needs the zhuti binary")
    shared = shared_dir(args.shared)
    binary = None if args.peers_only else zhuti_binary(args.zhuti, required=True)
    return shared, binary, work_dir(args)


def check_runs(args: argparse.Namespace) -> None:
    if args.runs < 1:
        die("--runs must be at least 1")
