"""bench-spark: wall time and peak memory of each stage of `scripts/spark build` (and related)
at 100,000 and 1,000,000 articles, for local[1] and local[2], beside single-machine
`zhuti build` on the same corpus; recall@10 and time of the approximate neighbours against
the exact ones at the largest size both finish. Runs in the order below and reports as far as
it gets within --budget seconds (default an hour): a run that would pass the budget is
stopped and reported as such.

Corpora are generated as scripts/bench/make_corpus_100k.py generates them (perturbed copies of
People's Daily and Sogou articles), so they measure speed and memory, not quality.

Memory is the peak resident set of the whole process tree (JVM, Python workers and every
zhuti worker at once), sampled every 0.25 s, within each stage's time span.

Usage: bench_spark.py --shared DIR --work DIR [--sizes 100000,1000000] [--budget 3600]
Prints Markdown on stdout, progress on stderr.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def log(message: str) -> None:
    print(f"bench-spark: {message}", file=sys.stderr, flush=True)


def tree_rss(root: int) -> int:
    """Resident kilobytes of `root` and all its descendants."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            parent = int(fields[1])
            rss[int(entry)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE") // 1024
            children.setdefault(parent, []).append(int(entry))
        except (OSError, IndexError, ValueError):
            continue
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total


class Run:
    """A command whose process tree's memory is sampled; stopped at `deadline`."""

    def __init__(self, command: list[str], deadline: float, log_path: Path):
        self.command = command
        self.samples: list[tuple[float, int]] = []
        self.started = time.time()
        with open(log_path, "w") as out:
            self.process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, cwd=REPO, start_new_session=True)
            stop = threading.Event()
            sampler = threading.Thread(target=self.sample, args=(stop,), daemon=True)
            sampler.start()
            try:
                self.code = self.process.wait(timeout=max(1.0, deadline - time.time()))
                self.timed_out = False
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGTERM)
                try:
                    self.process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    os.killpg(self.process.pid, signal.SIGKILL)
                    self.process.wait()
                self.code, self.timed_out = None, True
            stop.set()
            sampler.join()
        self.seconds = time.time() - self.started

    def sample(self, stop: threading.Event) -> None:
        while not stop.is_set():
            self.samples.append((time.time(), tree_rss(self.process.pid)))
            stop.wait(0.25)

    def peak_mb(self, start: float | None = None, end: float | None = None) -> float:
        kb = [rss for t, rss in self.samples if (start is None or t >= start) and (end is None or t <= end)]
        return max(kb, default=0) / 1024


def zhuti_binary() -> str:
    out = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=REPO, capture_output=True, text=True,
                         check=True).stdout.strip()
    return os.path.join(out, "zhuti")


def lines_of(path: Path) -> dict:
    return {row["id"]: row for row in map(json.loads, open(path, encoding="utf-8"))}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--budget", type=float, default=3600)
    parser.add_argument("--masters", default="local[1],local[2]")
    args = parser.parse_args()
    work = Path(args.work)
    deadline = time.time() + args.budget
    binary = zhuti_binary()
    sizes = [int(s) for s in args.sizes.split(",")]
    # The most parallel first: at a size too large for the hour it shows how far a cluster's
    # stages get; related runs on its model.
    masters = sorted(args.masters.split(","), key=lambda m: m != "local[2]")
    out: list[str] = []
    spark_rows: list[str] = []
    single_rows: list[str] = []
    notes: list[str] = []
    exact_related: dict[int, tuple[Path, float]] = {}
    approx_rows: list[str] = []
    stopped = False

    def remaining() -> float:
        return deadline - time.time()

    for size in sizes:
        if remaining() < 60:
            notes.append(f"{size:,} articles: not started, the hour was spent")
            stopped = True
            break
        corpus = work / f"corpus-{size}.jsonl"
        home = work / f"single-{size}"
        log(f"{size:,}: generating the corpus")
        subprocess.run([sys.executable, str(REPO / "scripts/bench/make_corpus_100k.py"), "--shared", args.shared,
                        "--out", str(corpus), "--count", str(size)], check=True, stdout=subprocess.DEVNULL)
        for master in masters:
            if stopped or remaining() < 60:
                spark_rows.append(f"| {size:,} | {master} | not run: the hour was spent | | | | | |")
                stopped = True
                continue
            spark_home = work / f"spark-{size}-{master.strip('local[]')}"
            timings = work / f"timings-{size}-{master}.json"
            log(f"{size:,}: scripts/spark build --master {master}")
            run = Run([str(REPO / "scripts/spark"), "build", "--master", master, "--input", str(corpus),
                       "--home", str(spark_home), "--timings", str(timings)], deadline, work / f"spark-{size}-{master}.log")
            # Stages finished so far (the driver writes the timings after each one).
            report = json.load(open(timings)) if timings.exists() else {"stages": []}
            cells = []
            for stage in report["stages"]:
                peak = run.peak_mb(stage["start"], stage["start"] + stage["seconds"])
                cells.append(f"{stage['seconds']:.0f} s, {peak:,.0f} MB")
            if run.timed_out or run.code != 0:
                tail = open(work / f"spark-{size}-{master}.log", errors="replace").read().strip().splitlines()[-1:]
                cells.append("stopped at the hour" if run.timed_out else "failed: " + " ".join(tail))
                stopped = stopped or run.timed_out
            cells += [""] * (5 - len(cells))
            spark_rows.append(f"| {size:,} | {master} | " + " | ".join(cells[:5]) + f" | {run.seconds:.0f} s, {run.peak_mb():,.0f} MB |")
            if run.timed_out or run.code != 0:
                continue
            # Related articles on the local[2] model: exact, then approximate, side by side.
            if master == masters[0] and remaining() > 120:
                for mode in ("exact", "approximate"):
                    if remaining() < 60:
                        break
                    related = work / f"related-{size}-{mode}.jsonl"
                    log(f"{size:,}: scripts/spark related ({mode})")
                    extra = ["--approximate"] if mode == "approximate" else []
                    r = Run([str(REPO / "scripts/spark"), "related", "--master", master, "--home", str(spark_home), "-k", "10",
                             "--out", str(related), *extra], deadline, work / f"related-{size}-{mode}.log")
                    if r.timed_out or r.code != 0:
                        approx_rows.append(f"| {size:,} | {mode} | {'stopped at the hour' if r.timed_out else 'failed'} after {r.seconds:.0f} s | | |")
                        break
                    if mode == "exact":
                        exact_related[size] = (related, r.seconds)
                        approx_rows.append(f"| {size:,} | exact | {r.seconds:.0f} s | {r.peak_mb():,.0f} MB | 1 (reference) |")
                    else:
                        exact = lines_of(exact_related[size][0])
                        approximate = lines_of(related)
                        recall = sum(len({x["id"] for x in approximate.get(q, {"results": []})["results"]} &
                                         {x["id"] for x in row["results"]}) / max(1, len(row["results"]))
                                     for q, row in exact.items()) / len(exact)
                        approx_rows.append(f"| {size:,} | approximate (IVF, √n cells, 8 probes) | {r.seconds:.0f} s | "
                                           f"{r.peak_mb():,.0f} MB | {recall:.4f} |")
        if remaining() < 60:
            single_rows.append(f"| {size:,} | `zhuti build` | not run: the hour was spent | | |")
            stopped = True
        else:
            # Single machine: ingest, then build (the build is the figure beside Spark's).
            log(f"{size:,}: zhuti ingest + build")
            ingest = Run([binary, "ingest", "--home", str(home), str(corpus), "--quiet"], deadline, work / f"ingest-{size}.log")
            build = Run([binary, "build", "--home", str(home), "--quiet"], deadline, work / f"build-{size}.log") \
                if not ingest.timed_out else None
            if build is None or build.timed_out:
                single_rows.append(f"| {size:,} | `zhuti ingest` then `zhuti build` | stopped at the hour after {ingest.seconds + (build.seconds if build else 0):.0f} s | | |")
                stopped = True
            else:
                single_rows.append(f"| {size:,} | `zhuti ingest` then `zhuti build` | {ingest.seconds:.0f} s + {build.seconds:.0f} s "
                                   f"| {ingest.peak_mb():,.0f} MB / {build.peak_mb():,.0f} MB | |")
        # The corpus and homes of a size are not needed once it is measured.
        subprocess.run(["rm", "-rf", str(corpus), str(home), *[str(p) for p in work.glob(f"spark-{size}-*") if p.is_dir()]])
    stage_names = "articles | vocabulary | SVD | vectors | neighbour lists + model"
    out.append("**Spark build, per stage** (wall time, peak resident memory of the whole process tree: "
               "JVM, Python workers, zhuti workers)\n")
    out.append(f"| articles | master | {stage_names} | whole run |")
    out.append("|---|---|---|---|---|---|---|---|")
    out += spark_rows
    out.append("\n**Single machine, same corpus**\n")
    out.append("| articles | command | wall time | peak memory | |")
    out.append("|---|---|---|---|---|")
    out += single_rows
    out.append("\n**Related articles (k=10) on the local[2] model: exact vs approximate**\n")
    out.append("| articles | search | wall time (whole `scripts/spark related`) | peak memory | recall@10 vs exact |")
    out.append("|---|---|---|---|---|")
    out += approx_rows or ["| | not reached within the hour | | | |"]
    if notes:
        out.append("\n" + "; ".join(notes) + ".")
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
