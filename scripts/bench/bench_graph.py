"""bench-graph: time of `zhuti graph --knn 10` on a 100,000-article model.

The corpus comes from make_corpus_100k.py (real People's Daily + Sogou
articles and perturbed repeats); ingest and build are done first and not
timed. Each format is written --runs times; the median wall time and peak RSS
are reported, and the first file of each format is parsed back as XML to
count its nodes and edges (so a fast but broken file cannot pass).
"""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import common as c
from bench_build import BUILD_OPTS

KNN = 10


def count_xml(path: Path) -> tuple[int, int]:
    nodes = edges = 0
    for _, el in ET.iterparse(path, events=("end",)):
        tag = el.tag.rsplit("}", 1)[-1]
        if tag == "node":
            nodes += 1
        elif tag == "edge":
            edges += 1
        if tag in ("node", "edge"):
            el.clear()
    return nodes, edges


def main() -> None:
    ap = c.base_args(__doc__)
    ap.add_argument("--formats", default="graphml,gexf", help="comma list (default graphml,gexf)")
    ap.add_argument("--count", type=int, default=100_000, help="articles in the generated corpus (default 100000)")
    args = ap.parse_args()
    shared, binary, work = c.start(args, has_peers=False, name="bench-graph")
    load_start = c.loadavg()
    formats = [f.strip() for f in args.formats.split(",") if f.strip()]

    corpus = work / "corpus-100k.jsonl"
    make = [sys.executable, str(c.BENCH_DIR / "make_corpus_100k.py"), "--shared", str(shared),
            "--out", str(corpus), "--count", str(args.count)]
    c.log("making the corpus")
    info = json.loads(c.run_measured(make).stdout.strip().splitlines()[-1])
    z = c.Zhuti(binary, work / "home")
    c.log("ingest (not timed)")
    ing = z.run("ingest", str(corpus))
    c.log("build (not timed)")
    b = z.run("build", *BUILD_OPTS)
    commands = [c.shell(make).replace(sys.executable, "python3").replace(str(c.REPO) + "/", ""),
                z.show("ingest", str(corpus)), z.show("build", *BUILD_OPTS)]

    rows = []
    verdicts = []
    for fmt in formats:
        outfile = work / f"graph.{fmt}"
        cmd = ["graph", "--knn", str(KNN), "--format", fmt, "-o", str(outfile)]
        commands.append(z.show(*cmd))
        ms = []
        counted = None
        for r in range(args.runs):
            c.log(f"graph {fmt} run {r + 1}/{args.runs}")
            if outfile.exists():
                outfile.unlink()
            ms.append(z.run(*cmd))
            if not outfile.is_file():
                c.die(f"`zhuti graph --format {fmt}` exited 0 but wrote no {outfile}")
            if counted is None:
                size = outfile.stat().st_size
                if fmt in ("graphml", "gexf"):
                    c.log(f"parsing {fmt} back")
                    try:
                        counted = count_xml(outfile)
                    except ET.ParseError as e:
                        c.die(f"{outfile} is not well-formed XML: {e}")
                else:
                    counted = ("?", "?")
        wall = c.median([m.wall for m in ms])
        verdicts.append(f"{fmt} {'met' if wall < 30 else 'NOT met'}")
        rows.append([f"`graph --knn {KNN} --format {fmt}`", c.fmt_s(wall), c.fmt_s(c.median([m.cpu for m in ms])),
                     c.fmt_mb(c.median([m.peak_rss for m in ms])), c.fmt_mb(size),
                     f"{counted[0]:,}" if isinstance(counted[0], int) else "?",
                     f"{counted[1]:,}" if isinstance(counted[1], int) else "?"])

    print(f"### Graph export on a 100,000-article model ({args.runs} runs, medians)\n")
    print(f"Machine: {c.machine_line()} (load average at start: {load_start}).  ")
    print(c.load_warning(load_start))
    print(f"Zhuti: {c.binary_note(binary)}, model built with `{' '.join(BUILD_OPTS)}`.\n")
    print(f"Corpus: `make_corpus_100k.py` -- the {info['originals']:,} real People's Daily and Sogou articles, then "
          "perturbed repeats (each copy drops a random 10-20% of its sentences and shuffles another 10-20%, new id); "
          f"seed {info['seed']}, {info['articles']:,} articles, {info['characters']:,} characters, sha256 "
          f"`{info['sha256'][:16]}…`. Ingest {c.fmt_s(ing.wall)}, build {c.fmt_s(b.wall)} "
          f"({c.fmt_mb(b.peak_rss)} peak), not part of the figures below.\n")
    print(c.table(["command", "wall", "CPU", "peak RSS", "file size", "nodes", "edges"], rows))
    print(f"\nTarget (under 30 s): **{', '.join(verdicts)}**. Node and edge counts are read back from the first "
          "file of each format with Python's XML parser.\n")
    print("Commands:\n\n```")
    for cmd in dict.fromkeys(commands):
        print(cmd)
    print("```")


if __name__ == "__main__":
    main()
