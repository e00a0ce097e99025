"""bench-related: quality and speed of related articles.

1. precision@10 on the Sogou sample (neighbours sharing the query's label,
   the query itself excluded), `zhuti related --all` vs scikit-learn LSA
   (char 1-3 TF-IDF, sublinear tf, min_df 2, TruncatedSVD 200, L2-normalised,
   exact cosine, brute force).
   Then query expansion: every setting of a grid on the even-numbered queries, the
   odd-numbered ones and all; the setting best on the even half is judged on the odd half.
2. Wall time of `zhuti related --all -k 10` over the People's Daily month
   (median of --runs), with scikit-learn's brute-force all-kNN time for scale.
3. A 100,000-article model (make_corpus_100k.py): the CLI single-query time
   and, when the binary has it, the in-process figure from
   `zhuti bench-query --model NAME --queries 1000`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import common as c
from bench_build import BUILD_OPTS

K = 10
TEXT_NAMES = {"raw": "raw text", "nfkc": "NFKC-folded text"}


def texts(choice: str) -> list[str]:
    """Peer text variants: the raw JSONL text (what the issue's reference
    figures used) and the NFKC-folded text (closest to what Zhuti analyses)."""
    return ["raw", "nfkc"] if choice == "both" else [choice]


def labels_from(z: c.Zhuti, corpus: Path) -> tuple[dict, str]:
    """Article labels as Zhuti stored them; the corpus file's by id if Zhuti's
    `articles` output carries none (then the report says so)."""
    arts = c.jsonl(z.run("articles", "--format", "jsonl").stdout)
    got = {a["id"]: a.get("label") for a in arts if "id" in a}
    if got and all(v is not None for v in got.values()):
        return got, "Labels from `zhuti articles --format jsonl`"
    src = {}
    with corpus.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                r = json.loads(line)
                src[str(r["id"])] = r.get("label")
    return ({i: src.get(i) for i in got} if got else src,
            "Labels from the corpus JSONL by id (`zhuti articles` printed no `label`)")


def precision_of(rows: list[dict], labels: dict, keep=lambda position: True) -> tuple[float, int, int]:
    """precision@K of `related --all` lines (the query itself dropped if listed), over the
    lines whose position `keep` admits; returns (p, queries, queries short of K results)."""
    hits = total = short = queries = 0
    for position, row in enumerate(rows):
        q = row.get("id")
        if q not in labels:
            c.die(f"related --all printed an unknown query id {q!r}")
        if not keep(position):
            continue
        res = [r["id"] for r in row.get("results", []) if r.get("id") != q][:K]
        short += len(res) < K
        hits += sum(labels.get(r) == labels[q] for r in res)
        total += K  # a missing neighbour counts as a miss
        queries += 1
    return hits / total, queries, short


def zhuti_precision(z: c.Zhuti, labels: dict, *extra: str) -> tuple[float, int, str, list[str]]:
    """precision@K over every query; returns (p, queries, note, commands)."""
    note = ""
    cmd = ["related", "--all", "-k", str(K), "--format", "jsonl", *extra]
    rows = c.jsonl(z.run(*cmd).stdout)
    if any(any(r.get("id") == row.get("id") for r in row.get("results", [])) for row in rows):
        # The query came back among its own neighbours: ask for one more and drop it.
        cmd = ["related", "--all", "-k", str(K + 1), "--format", "jsonl", *extra]
        rows = c.jsonl(z.run(*cmd).stdout)
        note = f"`related` listed each query among its own results, so k={K + 1} was asked and the query dropped. "
    p, queries, short = precision_of(rows, labels)
    if len(rows) != len(labels):
        note += f"`related --all` printed {len(rows)} queries for {len(labels)} articles. "
    if short:
        note += f"{short} queries had fewer than {K} results (missing ones count as misses). "
    return p, queries, note, [z.show(*cmd)]


EXPANSION_GRID = [(n, w) for n in (1, 2, 3, 5, 10, 20) for w in (0.25, 0.5, 1.0, 2.0)]


def expansion_section(z: c.Zhuti, labels: dict, commands: list[str]) -> str:
    """Query expansion settings, chosen on half the queries and judged on the other half:
    precision@K on the even-numbered and the odd-numbered queries (document order) for
    plain cosine and every grid setting; the setting best on the even half is reported on
    the odd half, beside the default's."""
    c.log(f"sogou: query expansion grid ({len(EXPANSION_GRID)} settings)")
    base = ["related", "--all", "-k", str(K), "--format", "jsonl", "--no-explain"]
    def halves(*extra: str) -> tuple[float, float, float]:
        rows = c.jsonl(z.run(*base, *extra).stdout)
        return (precision_of(rows, labels, lambda i: i % 2 == 0)[0], precision_of(rows, labels, lambda i: i % 2 == 1)[0],
                precision_of(rows, labels)[0])
    plain = halves("--no-expansion")
    grid = {(n, w): halves("--expansion-neighbours", str(n), "--expansion-weight", str(w)) for n, w in EXPANSION_GRID}
    commands.append(z.show(*base, "--no-expansion"))
    commands.append(z.show(*base, "--expansion-neighbours", "N", "--expansion-weight", "W") + "   # every N, W of the grid")
    # On a tie, the smaller change to the query: fewer neighbours, then the lower weight.
    chosen = max(grid, key=lambda key: (grid[key][0], -key[0], -key[1]))
    default = (3, 1.0)
    rows = [["plain cosine (`--no-expansion`)", f"{plain[0]:.4f}", f"{plain[1]:.4f}", f"{plain[2]:.4f}"]]
    for key in sorted(grid):
        mark = " **(default)**" if key == default else ""
        mark += " (best on even)" if key == chosen else ""
        rows.append([f"{key[0]} neighbours, weight {key[1]:g}{mark}", *(f"{v:.4f}" for v in grid[key])])
    lowest = min(v[2] for v in grid.values())
    out = [f"**Query expansion** (`related` moves each query towards the mean of its nearest articles; "
           f"precision@{K} on Sogou over the even-numbered queries, the odd-numbered ones and all, one model)\n",
           c.table(["ranking", "even queries", "odd queries", "all"], rows), "",
           f"Chosen on the even queries: {chosen[0]} neighbours, weight {chosen[1]:g}; on the odd queries it gives "
           f"{grid[chosen][1]:.4f} against {plain[1]:.4f} for plain cosine ({grid[chosen][1] - plain[1]:+.4f}). "
           f"The default ({default[0]} neighbours, weight {default[1]:g}) gives {grid[default][1]:.4f} on the odd queries "
           f"and {grid[default][2]:.4f} on all. Lowest setting of the grid on all queries: {lowest:.4f} "
           f"(plain cosine {plain[2]:.4f}).\n"]
    return "\n".join(out)


def main() -> None:
    ap = c.base_args(__doc__)
    ap.add_argument("--skip-100k", action="store_true", help="skip the 100,000-article section")
    ap.add_argument("--skip-expansion", action="store_true", help="skip the query-expansion grid on Sogou")
    ap.add_argument("--text", choices=["both", "nfkc", "raw"], default="both",
                    help="text the peer sees for precision: raw JSONL text, NFKC-folded, or both rows (default)")
    ap.add_argument("--count", type=int, default=100_000, help="articles in the generated corpus (default 100000)")
    ap.add_argument("--single-queries", type=int, default=20,
                    help="CLI single-query runs on the 100k model (each a new process; default 20)")
    args = ap.parse_args()
    shared, binary, work = c.start(args)
    sogou = c.corpus_path(shared, c.SOGOU)
    pd = c.corpus_path(shared, c.PD)
    load_start = c.loadavg()
    commands: list[str] = []
    out: list[str] = []

    # ---- 1. precision@10 on Sogou
    peers = []
    for text in texts(args.text):
        c.log(f"sogou: scikit-learn LSA precision@10 ({text} text)")
        pargs = ["--corpus", str(sogou), "--dims", "200", "--k", str(K), "--text", text]
        commands.append(peer_show("related-sklearn", pargs))
        peers.append((text, c.run_peer("related-sklearn", *pargs).extra))
    best = max(p[1]["precision_at_k"] for p in peers)
    # A reference, not a peer: scikit-learn's pipeline on Zhuti's tokenisation rule (n-grams
    # never cross punctuation, issue 3), to show what the rule itself costs on this metric.
    c.log("sogou: scikit-learn LSA precision@10 with Zhuti's tokenisation rule (reference)")
    rargs = ["--corpus", str(sogou), "--dims", "200", "--k", str(K), "--text", "nfkc", "--analyzer", "zhuti-rule"]
    commands.append(peer_show("related-sklearn", rargs))
    reference = c.run_peer("related-sklearn", *rargs).extra
    rows = []
    z_p = None
    note = ""
    if binary:
        z = c.Zhuti(binary, work / "home-sogou")
        c.log("sogou: zhuti ingest + build (not timed)")
        z.run("ingest", str(sogou))
        z.run("build", *BUILD_OPTS)
        commands += [z.show("ingest", str(sogou)), z.show("build", *BUILD_OPTS)]
        labels, lnote = labels_from(z, sogou)
        commands.append(z.show("articles", "--format", "jsonl"))
        z_p, nq, note, cmds = zhuti_precision(z, labels)
        commands += cmds
        note = lnote + ". " + note
        rows.append(["**Zhuti** `related --all` (query expansion, the default)", f"{z_p:.3f}", f"{nq:,}", f"{z_p - best:+.3f}"])
        plain_p, plain_nq, _, cmds = zhuti_precision(z, labels, "--no-expansion")
        commands += cmds
        rows.append(["Zhuti `related --all --no-expansion` (plain cosine)", f"{plain_p:.3f}", f"{plain_nq:,}",
                     f"{plain_p - best:+.3f}"])
    for text, sk in peers:
        rows.append([f"scikit-learn LSA, {TEXT_NAMES[text]} ({sk['terms']:,} terms)", f"{sk['precision_at_k']:.3f}",
                     f"{sk['docs']:,}", "—"])
    rows.append([f"reference: scikit-learn LSA on Zhuti's tokenisation rule, NFKC text ({reference['terms']:,} terms)",
                 f"{reference['precision_at_k']:.3f}", f"{reference['docs']:,}", "(not a peer)"])
    sk = peers[0][1]
    out.append(f"**precision@{K} on Sogou** (`{sogou}`, {sk['docs']:,} labelled articles; a neighbour is a hit when "
               "it has the query's label; the query itself is excluded; quality is deterministic, so computed once; "
               "Zhuti is compared with the better peer row)\n")
    out.append(c.table(["system", f"precision@{K}", "queries", "Zhuti minus best peer"], rows))
    out.append("")
    if z_p is not None:
        verdict = "met" if z_p >= best else "NOT met"
        out.append(f"Target (at least scikit-learn's): **{verdict}**. {note}\n")
        if not args.skip_expansion:
            out.append(expansion_section(z, labels, commands))

    # ---- 2. related --all latency on People's Daily
    c.log("pd: scikit-learn all-kNN time")
    pargs = ["--corpus", str(pd), "--dims", "200", "--k", str(K), "--text", texts(args.text)[0]]
    commands.append(peer_show("related-sklearn", pargs))
    sk_pd = c.run_peer("related-sklearn", *pargs).extra
    rows = []
    if binary:
        z = c.Zhuti(binary, work / "home-pd")
        c.log("pd: zhuti ingest + build (not timed)")
        z.run("ingest", str(pd))
        z.run("build", *BUILD_OPTS)
        commands += [z.show("ingest", str(pd)), z.show("build", *BUILD_OPTS)]
        cmd = ["related", "--all", "-k", str(K), "--format", "jsonl"]
        commands.append(z.show(*cmd) + " > /dev/null")
        ms = []
        for r in range(args.runs):
            c.log(f"pd: zhuti related --all run {r + 1}/{args.runs}")
            ms.append(z.run(*cmd))
        wall = c.median([m.wall for m in ms])
        n = len(c.jsonl(ms[0].stdout))
        ok = "met" if wall < 1.0 else "NOT met"
        rows.append([f"**Zhuti** `related --all -k {K}` (whole command: start, model load, search, JSONL)",
                     c.fmt_s(wall), c.fmt_mb(c.median([m.peak_rss for m in ms])), f"{n:,}"])
    rows.append([f"scikit-learn: exact cosine top-{K} of the 200-d vectors already in memory (search only)",
                 c.fmt_s(sk_pd["all_knn_seconds"]), "—", f"{sk_pd['docs']:,}"])
    out.append(f"**`related --all` on People's Daily** (`{pd}`; median of {args.runs} runs)\n")
    out.append(c.table(["what", "wall", "peak RSS", "queries"], rows))
    out.append("")
    if binary:
        out.append(f"Target (under 1 s): **{ok}**.\n")

    # ---- 3. 100,000 articles
    if binary and not args.skip_100k:
        out.append(section_100k(binary, shared, work, args, commands))
    elif not args.skip_100k:
        out.append("**100,000-article model**: not run (--peers-only).\n")

    print(f"### Related articles: quality and latency\n")
    print(f"Machine: {c.machine_line()} (load average at start: {load_start}).  ")
    print(c.load_warning(load_start))
    print(f"Peers: {c.peer_versions()}.  ")
    print(f"Zhuti: {c.binary_note(binary)}, built with `{' '.join(BUILD_OPTS)}`.\n" if binary
          else "Zhuti: not run (--peers-only).\n")
    print("\n".join(out))
    print("Commands:\n\n```")
    for cmd in dict.fromkeys(commands):
        print(cmd)
    print("```\n")
    print(f"Peer text: {', '.join(TEXT_NAMES[t] for t in texts(args.text))} (scikit-learn lowercases either way); "
          "scikit-learn: `TfidfVectorizer(analyzer='char', ngram_range=(1,3), sublinear_tf=True, min_df=2, "
          "dtype=float32)`, `TruncatedSVD(200, random_state=0)`, rows L2-normalised, exact cosine, ties by row.")


def peer_show(task: str, pargs: list[str]) -> str:
    return c.shell(c.peer_cmd(task, *pargs)).replace(sys.executable, "python3").replace(str(c.REPO) + "/", "")


def section_100k(binary: Path, shared: Path, work: Path, args, commands: list[str]) -> str:
    corpus = work / "corpus-100k.jsonl"
    make = [sys.executable, str(c.BENCH_DIR / "make_corpus_100k.py"), "--shared", str(shared), "--out", str(corpus),
            "--count", str(args.count)]
    c.log("100k: making the corpus")
    info = json.loads(c.run_measured(make).stdout.strip().splitlines()[-1])
    commands.append(c.shell(make).replace(sys.executable, "python3").replace(str(c.REPO) + "/", ""))
    z = c.Zhuti(binary, work / "home-100k")
    c.log("100k: ingest (not timed)")
    ing = z.run("ingest", str(corpus))
    c.log("100k: build")
    b = z.run("build", "--name", "big", *BUILD_OPTS)
    commands += [z.show("ingest", str(corpus)), z.show("build", "--name", "big", *BUILD_OPTS)]
    lines = [f"**100,000-article model** (`make_corpus_100k.py`: the {info['originals']:,} real People's Daily and "
             f"Sogou articles, then perturbed repeats -- each copy drops a random 10-20% of its sentences and "
             f"shuffles another 10-20%, new id; seed {info['seed']}, {info['articles']:,} articles, "
             f"{info['characters']:,} characters, sha256 `{info['sha256'][:16]}…`). "
             f"Ingest {c.fmt_s(ing.wall)}, build {c.fmt_s(b.wall)} / {c.fmt_mb(b.peak_rss)} peak (one run each).\n"]

    # Single queries through the CLI: each a new process, so this includes
    # start-up and opening the model; the in-process figure is bench-query's.
    ids = []
    with corpus.open(encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i % max(1, info["articles"] // max(1, args.single_queries)) == 0:
                ids.append(json.loads(line)["id"])
    ids = ids[:args.single_queries]
    walls = []
    for q in ids:
        walls.append(z.run("related", q, "--model", "big", "-k", str(K), "--format", "json").wall)
    commands.append(z.show("related", "<id>", "--model", "big", "-k", str(K), "--format", "json")
                    + f"   # {len(ids)} ids spread over the corpus")
    rows = [[f"`zhuti related ID -k {K}` (new process each: start-up + model open + query)",
             c.fmt_s(c.median(walls)), c.fmt_s(min(walls)), c.fmt_s(max(walls)), str(len(walls))]]
    lines.append(c.table(["what", "median", "min", "max", "queries"], rows))
    lines.append("")

    if z.has_command("bench-query"):
        c.log("100k: zhuti bench-query")
        cmd = ["bench-query", "--model", "big", "--queries", "1000"]
        m = z.run(*cmd)
        commands.append(z.show(*cmd))
        lines.append(f"In-process single-query latency (`{z.show(*cmd)}`; target: median under 2 ms):\n")
        lines.append("```\n" + m.stdout.rstrip() + "\n```\n")
    else:
        lines.append("In-process single-query latency: `zhuti bench-query` is not in this binary yet; "
                     "re-run when it is (target: median under 2 ms).\n")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
