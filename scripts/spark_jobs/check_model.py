"""Checks of the Spark front end against the single machine (scripts/check-spark). Each check
prints one line with its figure and exits 1 when the figure misses the issue's target.

  check_model.py sigma SPARK_MODEL SINGLE_MODEL [--top 50] [--tolerance 0.01]
  check_model.py vectors SPARK_MODEL SINGLE_MODEL [--min-cosine 0.999]
  check_model.py related SPARK_JSONL CLI_JSONL [--min-equal 0.99]
  check_model.py precision SPARK_JSONL SINGLE_JSONL --labels CORPUS_JSONL [--tolerance 0.01]
  check_model.py themes SPARK_JSON CLI_JSON                     (the same report)
  check_model.py nmi THEMES_JSON --labels CORPUS_JSONL [--min-nmi 0.5]
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter

import numpy as np

import model_file


def lines(path: str) -> dict:
    return {row["id"]: row for row in map(json.loads, open(path, encoding="utf-8"))}


def labels_of(path: str) -> dict:
    return {row["id"]: row.get("label") for row in map(json.loads, open(path, encoding="utf-8"))}


def precision(rows: dict, labels: dict, k: int = 10) -> float:
    """Share of each article's k related articles that carry its label, averaged."""
    scored = [sum(labels.get(r["id"]) == labels[q] for r in row["results"][:k]) / k
              for q, row in rows.items() if labels.get(q) is not None]
    return sum(scored) / len(scored)


def nmi(report: dict, labels: dict) -> float:
    """Normalised mutual information (arithmetic mean of the entropies) between the labels and
    the themes; an unassigned article counts in its nearest theme's own 'unassigned' group."""
    predicted = {}
    for theme in report["themes"]:
        for id in theme["articles"]:
            predicted[id] = theme["id"]
    for u in report["unassigned"]:
        predicted[u["id"]] = ("unassigned", u.get("nearest"))
    ids = [id for id in labels if labels[id] is not None and id in predicted]
    n = len(ids)
    a, b = Counter(labels[i] for i in ids), Counter(predicted[i] for i in ids)
    joint = Counter((labels[i], predicted[i]) for i in ids)
    mutual = sum(c / n * math.log(c * n / (a[x] * b[y])) for (x, y), c in joint.items())
    entropy = lambda counts: -sum(c / n * math.log(c / n) for c in counts.values())
    return mutual / ((entropy(a) + entropy(b)) / 2)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("check", choices=["sigma", "vectors", "related", "precision", "themes", "nmi"])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--top", type=int, default=50)
    parser.add_argument("--tolerance", type=float, default=0.01)
    parser.add_argument("--min-cosine", type=float, default=0.999)
    parser.add_argument("--min-equal", type=float, default=0.99)
    parser.add_argument("--min-nmi", type=float, default=0.5)
    parser.add_argument("--labels")
    args = parser.parse_args()
    ok = True
    if args.check == "sigma":
        spark, single = (model_file.singular_values(p) for p in args.paths)
        top = min(args.top, len(spark), len(single))
        worst = float(np.max(np.abs(spark[:top] / single[:top] - 1)))
        ok = worst <= args.tolerance
        print(f"singular values: top {top} within {worst:.2e} (relative) of zhuti build's (target {args.tolerance})")
    elif args.check == "vectors":
        a, b = args.paths
        position = {id: i for i, id in enumerate(model_file.ids(b))}
        order = [position[id] for id in model_file.ids(a)]
        cosines = np.sum(model_file.vectors(a) * model_file.vectors(b)[order], axis=1)
        ok = float(cosines.min()) >= args.min_cosine
        print(f"document vectors: lowest cosine with zhuti build's {cosines.min():.6f} (target {args.min_cosine})")
    elif args.check == "related":
        spark, cli = (lines(p) for p in args.paths)
        equal = sum(spark.get(q) == row for q, row in cli.items()) / len(cli)
        ok = equal >= args.min_equal and len(spark) == len(cli)
        print(f"related: {equal:.2%} of {len(cli)} articles' lines equal zhuti related --all's (target {args.min_equal:.0%})")
    elif args.check == "precision":
        labels = labels_of(args.labels)
        spark, single = (precision(lines(p), labels) for p in args.paths)
        ok = abs(spark - single) <= args.tolerance
        print(f"precision@10: Spark model {spark:.4f}, zhuti build's {single:.4f} (target: within {args.tolerance})")
    elif args.check == "themes":
        spark, cli = (json.load(open(p, encoding="utf-8")) for p in args.paths)
        ok = spark == cli
        print(f"themes: {len(spark['themes'])} themes, report {'equal to' if ok else 'DIFFERENT from'} zhuti themes --format json")
    elif args.check == "nmi":
        score = nmi(json.load(open(args.paths[0], encoding="utf-8")), labels_of(args.labels))
        ok = score >= args.min_nmi
        print(f"themes: NMI {score:.4f} against the labels (target {args.min_nmi})")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
