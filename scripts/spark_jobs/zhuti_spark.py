"""Zhuti on Apache Spark: Spark distributes, the `zhuti` binary does the work in each partition.

Python here is glue only: it lists inputs, hands each partition to `zhuti worker <step>` on
stdin, reads the JSON lines it prints, and lets Spark store them. No text, n-gram or matrix
work is done in Python (see docs/spark.md for the stages and what is still to come).

Usage (through scripts/spark, which installs pyspark and builds zhuti):
  zhuti_spark.py articles --master MASTER --input PATH... --out DIR [--partitions N] [--zhuti BIN]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import threading
from typing import Iterable, Iterator

# The Parquet schema of the articles dataset (docs/spark.md).
ARTICLE_FIELDS = [
    ("id", "string", False), ("issue", "string", False), ("source", "string", False),
    ("paper", "string", True), ("date", "string", True),
    ("page", "int", True), ("title", "string", False), ("byline", "string", True),
    ("text", "string", False), ("continuation", "string", True), ("label", "string", True),
    ("kind", "string", True), ("sequence", "int", False),
]


def worker_lines(zhuti: str, step: str, lines: Iterable[str]) -> Iterator[dict]:
    """Streams `lines` into `zhuti worker STEP` and yields the objects it prints; a failing
    worker raises with its one-line error, which fails the Spark task (and the job)."""
    process = subprocess.Popen([zhuti, "worker", step], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, encoding="utf-8")
    errors: list[str] = []

    def feed() -> None:
        try:
            for line in lines:
                process.stdin.write(line + "\n")
        except BrokenPipeError:
            pass
        finally:
            try:
                process.stdin.close()
            except BrokenPipeError:
                pass

    def drain() -> None:
        errors.append(process.stderr.read())

    threads = [threading.Thread(target=feed, daemon=True), threading.Thread(target=drain, daemon=True)]
    for t in threads:
        t.start()
    for line in process.stdout:
        if line.strip():
            yield json.loads(line)
    code = process.wait()
    for t in threads:
        t.join()
    if code != 0:
        message = "".join(errors).strip().splitlines()
        raise RuntimeError(f"zhuti worker {step} failed (exit {code}): {message[-1] if message else 'no message'}")


def session(master: str, name: str):
    from pyspark.sql import SparkSession
    return (SparkSession.builder.master(master).appName(name)
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.session.timeZone", "UTC")
            .getOrCreate())


def articles(args: argparse.Namespace) -> int:
    """Stage 1: issue files and JSONL exports -> a Parquet dataset of articles, read and split
    by the same readers as `zhuti ingest`, with the same ids."""
    from pyspark import SparkFiles
    from pyspark.sql import types as T

    listed = subprocess.run([args.zhuti, "worker", "files", *args.input], capture_output=True, text=True)
    if listed.returncode != 0:
        print(listed.stderr.strip().splitlines()[-1], file=sys.stderr)
        return listed.returncode
    files = [os.path.abspath(f) for f in listed.stdout.splitlines() if f.strip()]
    spark = session(args.master, "zhuti articles")
    spark.sparkContext.setLogLevel("ERROR")
    try:
        sc = spark.sparkContext
        sc.addFile(args.zhuti)  # shipped to every executor, as a cluster needs
        binary = os.path.basename(args.zhuti)
        partitions = max(1, min(len(files), args.partitions or sc.defaultParallelism * 2))
        print(f"spark articles: {len(files)} files in {partitions} partitions on {args.master}", file=sys.stderr)

        def read_partition(paths: Iterator[str]) -> Iterator[tuple]:
            zhuti = SparkFiles.get(binary)
            os.chmod(zhuti, 0o755)
            for row in worker_lines(zhuti, "articles", paths):
                yield tuple(row[name] for name, _, _ in ARTICLE_FIELDS)

        kinds = {"string": T.StringType(), "int": T.IntegerType()}
        schema = T.StructType([T.StructField(n, kinds[k], nullable) for n, k, nullable in ARTICLE_FIELDS])
        frame = spark.createDataFrame(sc.parallelize(files, partitions).mapPartitions(read_partition), schema)
        try:
            frame.write.mode("overwrite").parquet(args.out)
        except Exception as error:  # a worker's failure arrives wrapped in Spark's task error
            lines = [l for l in str(error).splitlines() if l.startswith("RuntimeError: zhuti worker")]
            print(f"spark articles: {lines[0][len('RuntimeError: '):] if lines else str(error).splitlines()[0]}", file=sys.stderr)
            return 65
        stored = spark.read.parquet(args.out)
        count = stored.count()
        repeated = stored.groupBy("id").count().filter("count > 1").limit(3).collect()
        if repeated:
            # `zhuti ingest` refuses a second article with an id already stored; so does this.
            ids = ", ".join(r["id"] for r in repeated)
            print(f"spark articles: article ids repeat across the inputs ({ids}); nothing usable was written", file=sys.stderr)
            return 65
        print(f"spark articles: {count} articles from {len(files)} files written to {args.out}", file=sys.stderr)
        return 0
    finally:
        spark.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    steps = parser.add_subparsers(dest="step", required=True)
    a = steps.add_parser("articles", help="issue files and JSONL exports -> Parquet dataset of articles")
    a.add_argument("--master", required=True, help="local[2], spark://host:7077 or yarn")
    a.add_argument("--input", nargs="+", required=True, help="issue files, folders or JSONL exports")
    a.add_argument("--out", required=True, help="Parquet dataset folder (replaced)")
    a.add_argument("--partitions", type=int, default=0, help="partitions (default: twice the default parallelism)")
    a.add_argument("--zhuti", required=True, help="the zhuti binary to run in each partition")
    args = parser.parse_args()
    return {"articles": articles}[args.step](args)


if __name__ == "__main__":
    sys.exit(main())
