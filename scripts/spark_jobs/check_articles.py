"""check-spark: the articles dataset Spark writes (scripts/spark articles) must hold exactly the
articles `zhuti ingest` stores from the same input — same ids, titles, texts, pages, kinds, dates —
and a bad input must stop the job with the worker's one-line error naming the file.
Usage: check_articles.py ZHUTI DATASET HOME   (HOME: a library `zhuti ingest` filled from the input)
"""

import json
import subprocess
import sys

from pyspark.sql import SparkSession

FIELDS = ["id", "issue", "paper", "date", "page", "kicker", "title", "subtitle", "byline", "text", "continuation", "label", "kind", "sequence"]


def main() -> int:
    zhuti, dataset, home = sys.argv[1:4]
    listed = subprocess.run([zhuti, "articles", "--home", home, "--format", "jsonl"], capture_output=True, text=True, check=True)
    single = {a["id"]: a for a in map(json.loads, listed.stdout.splitlines())}
    spark = (SparkSession.builder.master("local[1]").appName("check-spark")
             .config("spark.ui.showConsoleProgress", "false").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    try:
        rows = [r.asDict() for r in spark.read.parquet(dataset).collect()]
    finally:
        spark.stop()
    spread = {r["id"]: r for r in rows}
    problems = []
    if len(rows) != len(spread):
        problems.append(f"{len(rows) - len(spread)} repeated ids in the dataset")
    if set(spread) != set(single):
        problems.append(f"ids differ: only in Spark {sorted(set(spread) - set(single))[:3]}, only in zhuti ingest {sorted(set(single) - set(spread))[:3]}")
    for key in sorted(set(spread) & set(single)):
        for field in FIELDS:
            if spread[key][field] != single[key].get(field):
                problems.append(f"{key}: {field} {spread[key][field]!r:.60} != {single[key].get(field)!r:.60}")
                break
    for p in problems[:10]:
        print(f"check-spark: {p}", file=sys.stderr)
    if problems:
        return 1
    print(f"check-spark: {len(rows)} articles, identical to zhuti ingest's", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
