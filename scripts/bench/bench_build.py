"""bench-build: time and peak memory of `zhuti build` vs scikit-learn and gensim LSA.

For each corpus the articles are ingested into a temporary Zhuti home first
(not timed); then `zhuti build` and each peer run --runs times, each run in
its own process, and the medians are reported. Prints Markdown to stdout.
"""

from __future__ import annotations

import sys

import common as c

BUILD_OPTS = ["--dims", "200", "--ngrams", "1-3", "--min-df", "2"]


def main() -> None:
    ap = c.base_args(__doc__)
    ap.add_argument("--corpora", default="pd,sogou", help="comma list of pd, sogou (default both)")
    ap.add_argument("--no-gensim", action="store_true", help="skip the gensim peer")
    ap.add_argument("--text", choices=["nfkc", "raw"], default="nfkc", help="text the peers see (default nfkc)")
    args = ap.parse_args()
    shared, binary, work = c.start(args)
    names = {"pd": ("People's Daily 1998-01", c.PD), "sogou": ("Sogou reduced", c.SOGOU)}
    chosen = [s.strip() for s in args.corpora.split(",") if s.strip()]
    for s in chosen:
        if s not in names:
            c.die(f"unknown corpus {s!r} in --corpora (use pd, sogou)")

    load_start = c.loadavg()
    commands: list[str] = []
    sections: list[str] = []
    for key in chosen:
        title, rel = names[key]
        corpus = c.corpus_path(shared, rel)
        results: dict[str, list[c.Measured]] = {}
        info = ""

        if binary:
            z = c.Zhuti(binary, work / f"home-{key}")
            c.log(f"{key}: ingest (not timed)")
            ing = z.run("ingest", str(corpus))
            info = f"ingest took {c.fmt_s(ing.wall)} (not part of the build figure). "
            commands.append(z.show("ingest", str(corpus)) + "   # once, not timed")
            build = ["build", "--name", "bench", *BUILD_OPTS]
            commands.append(z.show(*build))
            results["zhuti"] = []
            for r in range(args.runs):
                c.log(f"{key}: zhuti build run {r + 1}/{args.runs}")
                results["zhuti"].append(z.run(*build))
                done(results["zhuti"][-1])

        peers = [("scikit-learn", "build-sklearn")]
        if not args.no_gensim:
            peers.append(("gensim", "build-gensim"))
        for label, task in peers:
            pargs = ["--corpus", str(corpus), "--dims", "200", "--text", args.text]
            commands.append(c.shell(c.peer_cmd(task, *pargs)).replace(sys.executable, "python3")
                            .replace(str(c.REPO) + "/", ""))
            results[label] = []
            for r in range(args.runs):
                c.log(f"{key}: {label} run {r + 1}/{args.runs}")
                results[label].append(c.run_peer(task, *pargs))
                done(results[label][-1])

        sections.append(render(title, corpus, results, info, args.runs))

    print(f"### Model build: `zhuti build` vs scikit-learn and gensim ({args.runs} runs, medians)\n")
    print(f"Machine: {c.machine_line()} (load average at start: {load_start}).  ")
    print(f"Peers: {c.peer_versions()}.  ")
    if binary:
        print(f"Zhuti: {c.binary_note(binary)}, options `{' '.join(BUILD_OPTS)}` (plus its defaults, e.g. max-df 0.5).")
    else:
        print("Zhuti: not run (--peers-only).")
    print()
    print(c.load_warning(load_start))
    for s in sections:
        print(s)
    print("Commands (each run in its own process; peak RSS is the process's maximum resident set from wait4, "
          "the figure `/usr/bin/time -v` prints):\n")
    print("```")
    for cmd in dict.fromkeys(commands):
        print(cmd)
    print("```\n")
    print("Notes: *wall* is the whole process (for the peers including interpreter start, imports and reading the "
          "JSONL); *fit* is the peers' own in-process time for vectorising + SVD + document vectors, without start-up "
          "and loading. The ratios compare Zhuti's whole-process wall time with the peers' *fit* time, which favours "
          "the peers. CPU is user + system time of the process (less disturbed by other load on the machine than wall "
          f"time). Peers see the JSONL `text` folded with Unicode {args.text.upper()}; scikit-learn lowercases, and the "
          "gensim path lowercases and collapses whitespace exactly as scikit-learn's char analyzer does. gensim: "
          "`Dictionary` of char 1-3 grams (prune_at=None, filter_extremes(no_below=2, no_above=1.0, keep_n=None)), "
          "`TfidfModel` with 1+ln(tf) and scikit-learn's smoothed idf, L2-normalised, streamed into `LsiModel(num_topics=200, dtype=float32, random_seed=0)` (otherwise defaults: one pass, 2 power iterations). "
          "scikit-learn is the issue's target peer: Zhuti should be at least 10x faster with at most a quarter of its peak memory.")


def done(m: c.Measured) -> None:
    fit = f", fit {c.fmt_s(m.extra['fit_seconds'])}" if m.extra.get("fit_seconds") else ""
    c.log(f"  wall {c.fmt_s(m.wall)}{fit}, CPU {c.fmt_s(m.cpu)}, peak RSS {c.fmt_mb(m.peak_rss)}")


def render(title: str, corpus, results: dict, info: str, runs: int) -> str:
    med = {k: (c.median([m.wall for m in v]), c.median([m.cpu for m in v]), c.median([m.peak_rss for m in v]))
           for k, v in results.items()}
    fit = {k: c.median([m.extra["fit_seconds"] for m in v]) for k, v in results.items() if v and v[0].extra}
    docs = next((v[0].extra["docs"] for v in results.values() if v and v[0].extra.get("docs")), None)
    z = med.get("zhuti")
    rows = []
    for k, (wall, cpu, rss) in med.items():
        f = fit.get(k)
        if k == "zhuti":
            rows.append([f"**Zhuti** `zhuti build`", c.fmt_s(wall), "—", c.fmt_s(cpu), c.fmt_mb(rss), "—", "—"])
        else:
            terms = results[k][0].extra.get("terms")
            rows.append([f"{k} ({terms:,} terms)", c.fmt_s(wall), c.fmt_s(f), c.fmt_s(cpu), c.fmt_mb(rss),
                         c.ratio(f, z[0] if z else None), c.ratio(rss, z[2] if z else None)])
    head = ["tool", "wall", "fit", "CPU", "peak RSS", "Zhuti faster by", "Zhuti leaner by"]
    out = [f"**{title}** (`{corpus}`{f', {docs:,} articles' if docs else ''}). {info}\n",
           c.table(head, rows), ""]
    sk = med.get("scikit-learn")
    if z and sk:
        speed, mem, cpu = fit["scikit-learn"] / z[0], sk[2] / z[2], sk[1] / z[1]
        ok = "met" if speed >= 10 and mem >= 4 else "NOT met"
        out.append(f"Target vs scikit-learn (>= 10x faster, <= 1/4 memory): **{ok}** "
                   f"({speed:.1f}x faster by wall time, {cpu:.1f}x less CPU time, {mem:.1f}x less memory).\n")
    return "\n".join(out)


if __name__ == "__main__":
    main()
