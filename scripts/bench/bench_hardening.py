"""bench-hardening: the service under abuse, and the memory of folding articles in.

Flood: People's Daily (3,148 articles) served by `zhuti serve`; three client threads loop
the heaviest request the server accepts (POST /related with a 20,000-character text and
k=100; for an --old binary, which accepts more, the same request) while one client asks
GET /articles/{id}/related?k=10 for distinct ids in turn (each once, so no answer comes
from the cache; each phase on a fresh server), for --seconds or until every id was asked.
Reports that client's p50/p99/max latency and errors, and the same client alone first.

Stalled: 500 connections each send half a request head and nothing more; meanwhile
/health is asked 20 times (latency reported); then the time until the server has closed
all 500 (the default idle timeout is 30 s).

Update memory: a corpus made like make_corpus_100k.py (real PD + Sogou articles and
perturbed copies), the first 45,000 ingested and a model built; then two copies of that
home fold in 300 and 6,000 more with `zhuti update`; peak RSS of each (os.wait4).
"""

from __future__ import annotations

import argparse
import json
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import common as c

BENCH = Path(__file__).resolve().parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(port: int, method: str, path: str, body: bytes | None = None, timeout: float = 120) -> tuple[int, float]:
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=body, method=method,
                                 headers={"Content-Type": "application/json"} if body else {})
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        error.read()
        status = error.code
    except OSError:
        status = 0
    return status, time.perf_counter() - start


def serve(binary: Path, home: Path) -> tuple[subprocess.Popen, int]:
    port = free_port()
    proc = subprocess.Popen([str(binary), "serve", "--port", str(port)], env={**__import__("os").environ, "ZHUTI_HOME": str(home)},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(600):
        if request(port, "GET", "/health", timeout=2)[0] == 200:
            return proc, port
        time.sleep(0.1)
    proc.kill()
    c.die("server did not start")


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def flood(binary: Path, home: Path, ids: list[str], text: str, seconds: float) -> dict:
    # Each phase on a fresh server and each id asked once: every answer is computed, none
    # comes from the response cache.
    def ordinary(port: int, duration: float) -> tuple[list[float], int]:
        latencies, errors = [], 0
        end = time.perf_counter() + duration
        for id in ids:
            if time.perf_counter() >= end:
                break
            status, elapsed = request(port, "GET", f"/articles/{id}/related?k=10")
            latencies.append(elapsed)
            errors += status != 200
        return latencies, errors
    proc, port = serve(binary, home)
    try:
        alone, alone_errors = ordinary(port, seconds)
    finally:
        stop(proc)
    proc, port = serve(binary, home)
    try:
        stop_flag = threading.Event()
        heavy = json.dumps({"text": text, "k": 100}).encode()
        heavy_statuses: list[int] = []

        def flooder() -> None:
            while not stop_flag.is_set():
                heavy_statuses.append(request(port, "POST", "/related", heavy, timeout=300)[0])
        threads = [threading.Thread(target=flooder, daemon=True) for _ in range(3)]
        for t in threads:
            t.start()
        time.sleep(2)  # the flood is under way
        flooded, flooded_errors = ordinary(port, seconds)
        stop_flag.set()
        for t in threads:
            t.join(timeout=600)
        return {
            "alone": alone, "alone_errors": alone_errors, "flooded": flooded, "flooded_errors": flooded_errors,
            "heavy": len(heavy_statuses), "heavy_statuses": sorted(set(heavy_statuses)),
        }
    finally:
        stop(proc)


def stalled(binary: Path, home: Path, count: int = 500) -> dict:
    proc, port = serve(binary, home)
    sockets = []
    try:
        for _ in range(count):
            s = socket.create_connection(("127.0.0.1", port))
            s.sendall(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
            sockets.append(s)
        opened = time.perf_counter()
        health = [request(port, "GET", "/health", timeout=60) for _ in range(20)]
        closed_after = None
        deadline = opened + 90
        open_sockets = list(sockets)
        while open_sockets and time.perf_counter() < deadline:
            still = []
            for s in open_sockets:
                s.settimeout(0.01)
                try:
                    if s.recv(1) == b"":
                        continue
                except socket.timeout:
                    still.append(s)
                    continue
                except OSError:
                    continue
            open_sockets = still
            time.sleep(0.2)
        closed_after = time.perf_counter() - opened if not open_sockets else None
        return {"health": [h[1] for h in health], "health_ok": sum(h[0] == 200 for h in health),
                "closed_after": closed_after, "still_open": len(open_sockets)}
    finally:
        for s in sockets:
            s.close()
        stop(proc)


def update_memory(binary: Path, work: Path, corpus: Path) -> dict:
    lines = corpus.read_text(encoding="utf-8").splitlines()
    base, extra = lines[:45_000], lines[45_000:]
    (work / "base.jsonl").write_text("\n".join(base) + "\n", encoding="utf-8")
    (work / "new-300.jsonl").write_text("\n".join(extra[:300]) + "\n", encoding="utf-8")
    (work / "new-6000.jsonl").write_text("\n".join(extra[:6000]) + "\n", encoding="utf-8")
    home = work / f"home-45k-{binary.parent.name}-{abs(hash(str(binary))) % 10000}"
    zhuti = c.Zhuti(binary, home)
    c.log("update memory: ingest 45,000 and build")
    c.run_measured(zhuti.cmd("ingest", str(work / "base.jsonl")), env=zhuti.env)
    c.run_measured(zhuti.cmd("build", "--quiet"), env=zhuti.env)
    result = {}
    for count in (300, 6000):
        copy = home.with_name(home.name + f"-{count}")
        shutil.copytree(home, copy)
        z = c.Zhuti(binary, copy)
        c.run_measured(z.cmd("ingest", str(work / f"new-{count}.jsonl")), env=z.env)
        m = c.run_measured(z.cmd("update"), env=z.env)
        result[count] = (m.peak_rss, m.wall)
        shutil.rmtree(copy)
    shutil.rmtree(home)
    return result


def main() -> None:
    ap = c.base_args(__doc__)
    ap.add_argument("--old", help="another zhuti binary to measure the same way (e.g. the previous session's)")
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--skip-update", action="store_true")
    args = ap.parse_args()
    shared, binary, work = c.start(args, has_peers=False, name="bench-hardening")
    binaries = [("this build", binary)] + ([("old", Path(args.old))] if args.old else [])
    pd = c.corpus_path(shared, c.PD)
    records = [json.loads(line) for line in pd.read_text(encoding="utf-8").splitlines()]
    text = "".join(r["text"] for r in records)[:20_000]
    out = [f"## Session 4 — issue 13: a service that holds — `scripts/bench-hardening`", "", c.machine_line(), ""]
    for name, b in binaries:
        home = work / f"home-pd-{name.replace(' ', '-')}"
        z = c.Zhuti(b, home)
        c.run_measured(z.cmd("ingest", str(pd)), env=z.env)
        c.run_measured(z.cmd("build", "--quiet"), env=z.env)
        ids = [json.loads(l)["id"] for l in c.run_measured(z.cmd("articles", "--format", "jsonl"), env=z.env).stdout.splitlines()]
        c.log(f"{name}: flood")
        f = flood(b, home, ids, text, args.seconds)
        ms = lambda xs, p: f"{percentile(xs, p) * 1000:.1f} ms"
        out.append(f"**Flood ({name}, `{b}`)**: GET /articles/{{id}}/related?k=10 over distinct ids.")
        out.append("")
        out.append(c.table(["", "requests", "p50", "p99", "max", "errors"], [
            ["alone", str(len(f["alone"])), ms(f["alone"], 50), ms(f["alone"], 99), ms(f["alone"], 100), str(f["alone_errors"])],
            ["while 3 clients loop POST /related (20,000 chars, k=100)", str(len(f["flooded"])), ms(f["flooded"], 50),
             ms(f["flooded"], 99), ms(f["flooded"], 100), str(f["flooded_errors"])],
        ]))
        out.append("")
        out.append(f"Heavy requests answered during the flood: {f['heavy']} (statuses {f['heavy_statuses']}).")
        out.append("")
        c.log(f"{name}: stalled connections")
        s = stalled(b, home)
        out.append(f"**Stalled connections ({name})**: 500 connections send half a request head and stop. "
                   f"/health meanwhile: {s['health_ok']}/20 answered, median {statistics.median(s['health']) * 1000:.1f} ms, "
                   f"max {max(s['health']) * 1000:.1f} ms; the 500 were "
                   + (f"all closed by the server {s['closed_after']:.1f} s after opening." if s["closed_after"] is not None
                      else f"not all closed within 90 s ({s['still_open']} still open)."))
        out.append("")
    if not args.skip_update:
        corpus = work / "corpus-51k.jsonl"
        c.run_measured([sys.executable, str(BENCH / "make_corpus_100k.py"), "--shared", str(shared), "--out", str(corpus),
                        "--count", "51000"])
        rows = []
        for name, b in binaries:
            c.log(f"{name}: update memory")
            r = update_memory(b, work, corpus)
            rows.append([name, c.fmt_mb(r[300][0]), c.fmt_s(r[300][1]), c.fmt_mb(r[6000][0]), c.fmt_s(r[6000][1]),
                         c.fmt_mb(r[6000][0] - r[300][0])])
        out.append("**Update memory**: `zhuti update` folding new articles into a 45,000-article model "
                   "(corpus made by `make_corpus_100k.py --count 51000`), peak RSS:")
        out.append("")
        out.append(c.table(["binary", "fold 300: peak", "time", "fold 6,000: peak", "time", "difference"], rows))
        out.append("")
    print("\n".join(out))


if __name__ == "__main__":
    main()
