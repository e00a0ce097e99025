"""Zhuti on Apache Spark: Spark distributes, the `zhuti` binary does the work in each partition.

Python here is glue only: it lists inputs, hands each partition to `zhuti worker <step>` on
stdin, reads what the step writes (JSON lines, NumPy .npy arrays), sums arrays where Spark
must sum them and lets Spark store the datasets. No text, n-gram, TF-IDF, SVD, search or
k-means work is done in Python (docs/spark.md lists the stages).

Usage (through scripts/spark, which installs pyspark and builds zhuti):
  zhuti_spark.py articles --master M --input PATH... --out DIR [--partitions N]
  zhuti_spark.py build    --master M --input PATH... --home DIR [--name NAME] [zhuti build options]
  zhuti_spark.py related  --master M --home DIR [--name NAME] -k K --out PATH
  zhuti_spark.py themes   --master M --home DIR [--name NAME] [--k N|auto] --out PATH
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import threading
import time
from typing import Iterable, Iterator

import model_file

# The Parquet schema of the articles dataset (docs/spark.md).
ARTICLE_FIELDS = [
    ("id", "string", False), ("issue", "string", False), ("source", "string", False),
    ("paper", "string", True), ("date", "string", True),
    ("page", "int", True), ("kicker", "string", True), ("title", "string", False), ("subtitle", "string", True),
    ("byline", "string", True),
    ("text", "string", False), ("continuation", "string", True), ("label", "string", True),
    ("kind", "string", True), ("sequence", "int", False),
]

# `zhuti build` options passed through as written (flag -> takes a value).
BUILD_OPTIONS = {"--ngrams": True, "--dims": True, "--min-df": True, "--max-df": True, "--max-terms": True,
                 "--seed": True, "--power-iterations": True, "--sigma-exponent": True, "--keep-common-component": False}


class WorkerFailed(RuntimeError):
    """A `zhuti worker` step exited non-zero; the message is its one-line error."""


def exit_code(message: str, default: int = 65) -> int:
    """The worker's own exit code (64 bad option, 65 bad input, ...) from its error line."""
    found = re.search(r"\(exit (\d+)\)", message)
    return int(found.group(1)) if found else default


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def worker(zhuti: str, args: list[str], lines: Iterable[str] | None = None) -> Iterator[str]:
    """Runs `zhuti worker ARGS`, streaming `lines` into its stdin, and yields the lines it
    prints; a failing step raises `WorkerFailed` with its one-line error, which fails the
    Spark task (and the job)."""
    process = subprocess.Popen([zhuti, "worker", *args], stdin=subprocess.PIPE if lines is not None else subprocess.DEVNULL,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
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

    threads = [threading.Thread(target=drain, daemon=True)]
    if lines is not None:
        threads.append(threading.Thread(target=feed, daemon=True))
    for t in threads:
        t.start()
    for line in process.stdout:
        if line.strip():
            yield line.rstrip("\n")
    code = process.wait()
    for t in threads:
        t.join()
    if code != 0:
        message = [l for l in "".join(errors).strip().splitlines() if l.strip()]
        raise WorkerFailed(f"zhuti worker {args[0]} failed (exit {code}): {message[-1] if message else 'no message'}")


def run_worker(zhuti: str, args: list[str], lines: Iterable[str] | None = None) -> dict:
    """A step that prints one JSON summary (or nothing)."""
    out = list(worker(zhuti, args, lines))
    return json.loads(out[-1]) if out else {}


def shipped_binary(name: str) -> str:
    """The zhuti binary Spark shipped to this executor."""
    from pyspark import SparkFiles
    path = SparkFiles.get(name)
    os.chmod(path, 0o755)
    return path


def article_lines(rows: Iterable, ids: list[str] | None = None) -> Iterator[str]:
    """Rows with `id` and `text` as the JSON lines worker steps read; records the ids in order."""
    for row in rows:
        if ids is not None:
            ids.append(row["id"])
        yield json.dumps({"id": row["id"], "text": row["text"]}, ensure_ascii=False)


def session(master: str, name: str):
    from pyspark.sql import SparkSession
    # Executors run this interpreter (with numpy and pyarrow) unless the cluster names its own.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = (SparkSession.builder.master(master).appName(name)
             .config("spark.ui.showConsoleProgress", "false")
             .config("spark.sql.session.timeZone", "UTC")
             .config("spark.driver.memory", os.environ.get("ZHUTI_SPARK_DRIVER_MEMORY", "4g"))
             .config("spark.driver.maxResultSize", "0")
             .config("spark.sql.shuffle.partitions", os.environ.get("ZHUTI_SPARK_SHUFFLE_PARTITIONS", "16"))
             .getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def failure(command: str, error: Exception) -> int:
    """One line for a failed command and its exit code: the worker's own (64 bad option, 65 bad
    input, ...) when a step failed, whether here or inside a task (where Spark wraps it)."""
    message = str(error) if isinstance(error, WorkerFailed) else spark_error(error)
    log(f"spark {command}: {message}")
    return exit_code(message, 65 if isinstance(error, WorkerFailed) or "zhuti worker" in message else 70)


def spark_error(error: Exception) -> str:
    """The worker's one-line error out of Spark's wrapped task failure."""
    text = str(error)
    for line in text.splitlines():
        if "WorkerFailed: " in line:
            return line.split("WorkerFailed: ", 1)[1]
    # Otherwise the Python error inside the task, when there is one, says more than Spark's banner.
    causes = [l.strip() for l in text.splitlines() if re.match(r"^\s*[\w.]+(Error|Exception): ", l)]
    if causes:
        return causes[-1]
    return text.strip().splitlines()[0] if text.strip() else repr(error)


class Stages:
    """Wall time of each stage, for the closing line and scripts/bench-spark (which samples
    memory and needs to know when each stage ran: start times are Unix times)."""

    def __init__(self, path: str | None = None) -> None:
        self.stages: list[dict] = []
        self.started = time.monotonic()
        self.wall = time.time()
        self.path = path

    def done(self, name: str, since: float, detail: str = "") -> None:
        seconds = time.monotonic() - since
        self.stages.append({"name": name, "detail": detail, "start": self.wall + (since - self.started), "seconds": seconds})
        log(f"spark: {name}{f' ({detail})' if detail else ''} done in {seconds:.1f} s")
        # Written after every stage, so a run stopped part-way still tells how far it got.
        self.report(self.path)

    def report(self, path: str | None) -> None:
        if path:
            with open(path, "w") as f:
                json.dump({"stages": self.stages, "total": time.monotonic() - self.started}, f, indent=1)


# ---------------------------------------------------------------------------------------------
# Stage 1: articles


def read_articles(spark, zhuti: str, inputs: list[str], out: str, partitions: int) -> int:
    """Issue files and JSONL exports -> the Parquet articles dataset, read and split by the same
    readers as `zhuti ingest`, with the same ids. Returns the number of articles."""
    from pyspark.sql import types as T

    listed = subprocess.run([zhuti, "worker", "files", *inputs], capture_output=True, text=True)
    if listed.returncode != 0:
        raise WorkerFailed(listed.stderr.strip().splitlines()[-1])
    files = [os.path.abspath(f) for f in listed.stdout.splitlines() if f.strip()]
    sc = spark.sparkContext
    binary = os.path.basename(zhuti)
    count = max(1, min(len(files), partitions or sc.defaultParallelism * 2))
    log(f"spark articles: {len(files)} files in {count} partitions")

    def read_partition(paths: Iterator[str]) -> Iterator[tuple]:
        for line in worker(shipped_binary(binary), ["articles"], paths):
            row = json.loads(line)
            yield tuple(row[name] for name, _, _ in ARTICLE_FIELDS)

    kinds = {"string": T.StringType(), "int": T.IntegerType()}
    schema = T.StructType([T.StructField(n, kinds[k], nullable) for n, k, nullable in ARTICLE_FIELDS])
    frame = spark.createDataFrame(sc.parallelize(files, count).mapPartitions(read_partition), schema)
    frame.write.mode("overwrite").parquet(out)
    stored = spark.read.parquet(out)
    repeated = stored.groupBy("id").count().filter("count > 1").limit(3).collect()
    if repeated:
        # `zhuti ingest` refuses a second article with an id already stored; so does this.
        ids = ", ".join(r["id"] for r in repeated)
        raise WorkerFailed(f"article ids repeat across the inputs ({ids}); nothing usable was written")
    return stored.count()


def articles(args: argparse.Namespace) -> int:
    spark = session(args.master, "zhuti articles")
    spark.sparkContext.addFile(args.zhuti)  # shipped to every executor, as a cluster needs
    try:
        count = read_articles(spark, args.zhuti, args.input, args.out, args.partitions)
        log(f"spark articles: {count} articles written to {args.out}")
        return 0
    except Exception as error:
        return failure("articles", error)
    finally:
        spark.stop()


# ---------------------------------------------------------------------------------------------
# Sums over partitions


def ordered_sum(indexed: Iterable) -> "object":
    """The sum of (index, array) pairs in index order, in double precision: the same bits
    whichever task finished first."""
    import numpy as np
    total = None
    for _, array in sorted(indexed, key=lambda pair: pair[0]):
        total = array.astype(np.float64) if total is None else total + array
    return total


def tree_sum(shares, fanout: int = 4):
    """Sums the (partition index, array) pairs of `shares` by a tree Spark runs: each level
    groups `fanout` neighbouring indices and adds them in index order, so the result is
    deterministic and no node holds more than `fanout` arrays."""
    width = shares.getNumPartitions()
    level = shares
    while width > fanout:
        width = (width + fanout - 1) // fanout
        level = (level.map(lambda pair: (pair[0] // fanout, pair))
                 .groupByKey(numPartitions=width)
                 .map(lambda group: (group[0], ordered_sum(group[1]))))
    return ordered_sum(level.collect())


# ---------------------------------------------------------------------------------------------
# Stages 2-5 and 7: the model


def build_options(args: argparse.Namespace) -> list[str]:
    options = []
    for flag, takes_value in BUILD_OPTIONS.items():
        value = getattr(args, flag[2:].replace("-", "_"))
        if takes_value and value is not None:
            options += [flag, str(value)]
        elif not takes_value and value:
            options.append(flag)
    return options


def row_ranges(count: int, parts: int) -> list[tuple[int, int]]:
    parts = max(1, min(parts, count))
    return [(count * p // parts, count * (p + 1) // parts) for p in range(parts)]


def build(args: argparse.Namespace) -> int:
    import numpy as np
    import pyarrow as pa
    from pyspark.sql import functions as F
    from pyspark.sql import types as T

    home = os.path.abspath(args.home)
    work = os.path.join(home, "spark", args.name)
    model_path = os.path.join(home, "models", args.name, "model.zhuti")
    os.makedirs(work, exist_ok=True)
    os.makedirs(os.path.dirname(model_path), exist_ok=True)
    scratch = tempfile.mkdtemp(prefix="zhuti-spark-", dir=work)
    zhuti, binary = args.zhuti, os.path.basename(args.zhuti)
    options = build_options(args)
    try:
        # Absurd options fail here, in a second, not after the articles are read.
        run_worker(zhuti, ["df", *options, "--out", os.path.join(scratch, "check.npy")], [])
    except WorkerFailed as error:
        shutil.rmtree(scratch, ignore_errors=True)
        return failure("build", error)
    spark = session(args.master, "zhuti build")
    sc = spark.sparkContext
    sc.addFile(zhuti)
    stages = Stages(args.timings)
    try:
        # Stage 1: articles, read by the readers of `zhuti ingest`.
        since = time.monotonic()
        articles_path = os.path.join(work, "articles")
        n = read_articles(spark, zhuti, args.input, articles_path, args.partitions)
        if n == 0:
            raise WorkerFailed("the inputs hold no articles")
        # One partition per core, more when a core's share passes 250,000 articles (each
        # worker holds its partition's TF-IDF rows in batches, but its n-gram counts whole).
        parts = args.partitions or max(sc.defaultParallelism, -(-n // 250_000))
        documents = spark.read.parquet(articles_path).select("id", "text").repartition(parts, "id").cache()
        documents.count()
        stages.done("articles", since, f"{n} articles")

        # Stage 2: document frequencies per partition, summed by key; the vocabulary.
        since = time.monotonic()

        def pairs_batch(pairs):
            # Keys are uint64; Spark's longs are signed, so they travel as their bit pattern.
            return pa.RecordBatch.from_arrays([pa.array(pairs[:, 0].view(np.int64)), pa.array(pairs[:, 1].astype(np.int64))],
                                              names=["key", "df"])

        def count_batches(batches: Iterator) -> Iterator:
            rows = (row for batch in batches for row in batch.to_pylist())
            first = next(rows, None)
            if first is None:
                return
            folder = tempfile.mkdtemp(prefix="zhuti-df-")
            try:
                out = os.path.join(folder, "df.npy")
                run_worker(shipped_binary(binary), ["df", *options, "--out", out], article_lines(_chain(first, rows)))
                pairs = np.load(out)
                for start in range(0, len(pairs), 1 << 20):
                    yield pairs_batch(pairs[start:start + (1 << 20)])
            finally:
                shutil.rmtree(folder, ignore_errors=True)

        def keep_batches(batches: Iterator) -> Iterator:
            tables = [np.stack([b.column(0).to_numpy(), b.column(1).to_numpy()], axis=1) for b in batches if b.num_rows]
            if not tables:
                return
            folder = tempfile.mkdtemp(prefix="zhuti-keep-")
            try:
                source, out = os.path.join(folder, "sum.npy"), os.path.join(folder, "kept.npy")
                np.save(source, np.concatenate(tables).view(np.uint64))
                run_worker(shipped_binary(binary), ["keep", *options, "--documents", str(n), "--out", out, source])
                yield pairs_batch(np.load(out))
            finally:
                shutil.rmtree(folder, ignore_errors=True)

        # Counted per partition, summed by key in Spark's own aggregation (Arrow in and out, so
        # the n-grams never become Python objects), pruned where the sums are, then here.
        pair_schema = "key long, df long"
        summed = documents.mapInArrow(count_batches, pair_schema).groupBy("key").agg(F.sum("df").alias("df"))
        candidates = summed.mapInArrow(keep_batches, pair_schema).toArrow()
        union = os.path.join(scratch, "candidates.npy")
        stacked = np.stack([candidates.column("key").to_numpy(), candidates.column("df").to_numpy()], axis=1).astype(np.int64)
        np.save(union, stacked[np.argsort(stacked[:, 0].view(np.uint64), kind="stable")].view(np.uint64).reshape(-1, 2))
        kept_path = os.path.join(scratch, "kept.npy")
        run_worker(zhuti, ["keep", *options, "--documents", str(n), "--out", kept_path, union])
        sc.addFile(kept_path)

        def terms_partition(rows: Iterator) -> Iterator[str]:
            from pyspark import SparkFiles
            yield from worker(shipped_binary(binary), ["terms", *options, "--kept", SparkFiles.get("kept.npy")],
                              article_lines(rows))

        terms_path = os.path.join(scratch, "terms.jsonl")
        with open(terms_path, "w", encoding="utf-8") as f:
            for line in sorted(set(documents.rdd.mapPartitions(terms_partition).collect())):
                f.write(line + "\n")
        basis_path = os.path.join(scratch, "vocabulary.basis")
        plan = run_worker(zhuti, ["vocabulary", *options, "--documents", str(n), "--kept", kept_path,
                                  "--terms", terms_path, "--out", basis_path])
        stages.done("vocabulary", since, f"{plan['terms']} terms")

        # Stage 3: randomized SVD; shares per partition, sums by Spark, small steps here.
        since = time.monotonic()
        sc.addFile(basis_path)
        q_path = os.path.join(scratch, "q-0.npy")
        run_worker(zhuti, ["svd", "start", "--basis", basis_path, "--out", q_path])

        def share_partition(step: str, q_name: str):
            def run(index: int, rows: Iterator):
                from pyspark import SparkFiles
                rows = iter(rows)
                first = next(rows, None)
                if first is None:
                    return
                folder = tempfile.mkdtemp(prefix="zhuti-svd-")
                try:
                    out = os.path.join(folder, "share.npy")
                    run_worker(shipped_binary(binary), ["svd", step, "--basis", SparkFiles.get("vocabulary.basis"),
                                                        "--q", SparkFiles.get(q_name), "--out", out],
                               article_lines(_chain(first, rows)))
                    yield index, np.load(out)
                finally:
                    shutil.rmtree(folder, ignore_errors=True)
            return run

        for iteration in range(plan["rangePasses"]):
            q_name = os.path.basename(q_path)
            sc.addFile(q_path)
            total = tree_sum(documents.rdd.mapPartitionsWithIndex(share_partition("range", q_name)))
            sum_path = os.path.join(scratch, f"range-{iteration}.npy")
            np.save(sum_path, total.astype(np.float32))
            q_path = os.path.join(scratch, f"q-{iteration + 1}.npy")
            run_worker(zhuti, ["svd", "qr", "--basis", basis_path, "--sum", sum_path, "--out", q_path])
            log(f"spark: SVD range pass {iteration + 1}/{plan['rangePasses']}")
        sc.addFile(q_path)
        gram = tree_sum(documents.rdd.mapPartitionsWithIndex(share_partition("gram", os.path.basename(q_path))))
        gram_path = os.path.join(scratch, "gram.npy")
        np.save(gram_path, gram)
        finished_path = os.path.join(scratch, "model.basis")
        run_worker(zhuti, ["svd", "finish", "--basis", basis_path, "--sum", gram_path, "--q", q_path,
                           "--out", finished_path])
        stages.done("svd", since, f"{plan['dimensions']} dimensions, sample {plan['sampleWidth']}")

        # Stage 4: document vectors, projected per partition, to Parquet.
        since = time.monotonic()
        sc.addFile(finished_path)
        k = plan["dimensions"]

        def project_partition(rows: Iterator) -> Iterator[tuple]:
            from pyspark import SparkFiles
            rows = iter(rows)
            first = next(rows, None)
            if first is None:
                return
            folder = tempfile.mkdtemp(prefix="zhuti-project-")
            try:
                out, counts = os.path.join(folder, "vectors.npy"), os.path.join(folder, "counts.npy")
                ids: list[str] = []
                run_worker(shipped_binary(binary), ["project", "--basis", SparkFiles.get("model.basis"), "--out", out,
                                                    "--non-zeros-out", counts], article_lines(_chain(first, rows), ids))
                vectors, nonzeros = np.load(out), np.load(counts)
                for i, id in enumerate(ids):
                    yield id, int(nonzeros[i]), vectors[i].tolist()
            finally:
                shutil.rmtree(folder, ignore_errors=True)

        vector_schema = T.StructType([T.StructField("id", T.StringType(), False),
                                      T.StructField("terms", T.IntegerType(), False),
                                      T.StructField("vector", T.ArrayType(T.FloatType(), False), False)])
        vectors_path = os.path.join(work, "vectors")
        spark.createDataFrame(documents.rdd.mapPartitions(project_partition), vector_schema) \
            .write.mode("overwrite").parquet(vectors_path)
        table = spark.read.parquet(vectors_path).orderBy("id").toArrow()
        ids = table.column("id").to_pylist()
        nonzeros = int(np.asarray(table.column("terms").to_numpy()).sum())
        flat = table.column("vector").combine_chunks().flatten().to_numpy(zero_copy_only=False)
        vectors = np.ascontiguousarray(flat.astype(np.float32).reshape(len(ids), k))
        del table, flat
        ids_path, vectors_npy = os.path.join(scratch, "ids.jsonl"), os.path.join(scratch, "vectors.npy")
        with open(ids_path, "w", encoding="utf-8") as f:
            for id in ids:
                f.write(json.dumps(id, ensure_ascii=False) + "\n")
        np.save(vectors_npy, vectors)
        del vectors
        stages.done("vectors", since, f"{len(ids)} articles")

        # Stage 5: the neighbour lists the model keeps, a range of rows per task; stage 7: the model.
        since = time.monotonic()
        fingerprint = f"spark:{n}:{plan['terms']}"
        unlisted = os.path.join(scratch, "unlisted.zhuti")
        run_worker(zhuti, ["model", "--basis", finished_path, "--ids", ids_path, "--vectors", vectors_npy,
                           "--non-zeros", str(nonzeros), "--fingerprint", fingerprint, "--out", unlisted])
        sc.addFile(unlisted)

        def neighbours_range(bounds: tuple[int, int]) -> tuple[int, "object"]:
            from pyspark import SparkFiles
            folder = tempfile.mkdtemp(prefix="zhuti-neighbours-")
            try:
                out = os.path.join(folder, "lists.npy")
                run_worker(shipped_binary(binary), ["neighbours", "--model", SparkFiles.get("unlisted.zhuti"),
                                                    "--rows", f"{bounds[0]}-{bounds[1]}", "--out", out])
                return bounds[0], np.load(out)
            finally:
                shutil.rmtree(folder, ignore_errors=True)

        ranges = row_ranges(len(ids), parts)
        lists = sc.parallelize(ranges, len(ranges)).map(neighbours_range).collect()
        lists_path = os.path.join(scratch, "neighbours.npy")
        np.save(lists_path, np.concatenate([array for _, array in sorted(lists, key=lambda pair: pair[0])]))
        run_worker(zhuti, ["model", "--basis", finished_path, "--ids", ids_path, "--vectors", vectors_npy,
                           "--neighbours", lists_path, "--non-zeros", str(nonzeros), "--fingerprint", fingerprint,
                           "--out", model_path])
        stages.done("neighbours+model", since, "kept neighbour lists, model file")
        log(f"spark build: model '{args.name}' ({len(ids)} articles, {plan['terms']} terms, {k} dimensions) "
            f"written to {model_path} in {time.monotonic() - stages.started:.1f} s")
        return 0
    except Exception as error:
        return failure("build", error)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
        spark.stop()


def _chain(first, rest: Iterator) -> Iterator:
    yield first
    yield from rest


# ---------------------------------------------------------------------------------------------
# Related articles of every article


RELATED_FIELDS = [("query", "string"), ("rank", "int"), ("id", "string"), ("score", "float"), ("cosine", "float"),
                  ("title", "string"), ("date", "string"), ("issue", "string"), ("paper", "string"),
                  ("page", "int"), ("duplicate", "string")]


def related(args: argparse.Namespace) -> int:
    """Every article's related articles on a model (built by `build` or `zhuti build`), ranked
    by `zhuti worker related` a range of rows per task, reprint flags by `zhuti worker
    reprints` on pairs joined with their texts, headers joined from the articles dataset."""
    from pyspark.sql import functions as F
    from pyspark.sql import types as T

    found = built_model("related", args)
    if isinstance(found, int):
        return found
    work, model_path, articles_path = found
    if not 1 <= args.k <= 1000:
        log(f"spark related: -k {args.k} must be between 1 and 1000")
        return 64
    binary = os.path.basename(args.zhuti)
    scratch = tempfile.mkdtemp(prefix="zhuti-related-")
    spark = session(args.master, "zhuti related")
    sc = spark.sparkContext
    sc.addFile(args.zhuti)
    sc.addFile(model_path)
    model_name = os.path.basename(model_path)
    stages = Stages(args.timings)
    try:
        since = time.monotonic()
        n = model_file.info(model_path)["documentCount"]
        parts = args.partitions or sc.defaultParallelism * 2
        expansion = ["--no-expansion"] if args.no_expansion else []

        def rank_range(bounds: tuple[int, int]) -> Iterator[tuple]:
            from pyspark import SparkFiles
            lines = worker(shipped_binary(binary), ["related", "--model", SparkFiles.get(model_name),
                                                    "--rows", f"{bounds[0]}-{bounds[1]}", "-k", str(args.k), *expansion])
            for offset, line in enumerate(lines):
                row = json.loads(line)
                for rank, result in enumerate(row["results"], start=1):
                    yield bounds[0] + offset, row["id"], rank, result["id"], float(result["score"]), float(result["cosine"])

        ranked_schema = T.StructType([T.StructField("position", T.LongType()), T.StructField("query", T.StringType()),
                                      T.StructField("rank", T.IntegerType()), T.StructField("id", T.StringType()),
                                      T.StructField("score", T.FloatType()), T.StructField("cosine", T.FloatType())])
        ranges = row_ranges(n, parts)
        if args.approximate:
            lines = approximate_lines(sc, args, binary, model_path, model_name, n, ranges, expansion, scratch)
        else:
            lines = sc.parallelize(ranges, len(ranges)).flatMap(rank_range)
        ranked = spark.createDataFrame(lines, ranked_schema).cache()
        ranked.count()
        stages.done("ranking", since, "approximate" if args.approximate else "exact")

        since = time.monotonic()
        articles = spark.read.parquet(articles_path)
        texts = articles.select("id", "text")
        pairs = (ranked.select("query", "id").distinct()
                 .join(texts.withColumnRenamed("id", "query").withColumnRenamed("text", "aText"), "query")
                 .join(texts.withColumnRenamed("text", "bText"), "id"))

        def reprint_partition(rows: Iterator) -> Iterator[tuple]:
            from pyspark import SparkFiles
            lines = (json.dumps({"a": r["query"], "aText": r["aText"], "b": r["id"], "bText": r["bText"]}, ensure_ascii=False)
                     for r in rows)
            for line in worker(shipped_binary(binary), ["reprints", "--model", SparkFiles.get(model_name)], lines):
                verdict = json.loads(line)
                if verdict["duplicate"] is not None:
                    yield verdict["a"], verdict["b"], verdict["duplicate"]

        verdict_schema = T.StructType([T.StructField("query", T.StringType()), T.StructField("id", T.StringType()),
                                       T.StructField("duplicate", T.StringType())])
        # A query's pairs side by side, so the step prepares its text once for all of them.
        pairs = pairs.repartition(parts, "query").sortWithinPartitions("query")
        verdicts = spark.createDataFrame(pairs.rdd.mapPartitions(reprint_partition), verdict_schema)
        headers = articles.select("id", "title", "date", "issue", "paper", "page")
        results = (ranked.join(verdicts, ["query", "id"], "left").join(headers, "id", "left")
                   .select("position", *[name for name, _ in RELATED_FIELDS]))
        if args.out.endswith(".jsonl") or args.out.endswith(".json"):
            titles = articles.select(F.col("id").alias("query"), F.col("title").alias("queryTitle"))
            grouped = (results.groupBy("position", "query")
                       .agg(F.collect_list(F.struct(*[name for name, _ in RELATED_FIELDS if name != "query"])).alias("results"))
                       .join(titles, "query", "left").orderBy("position"))
            # An article with nothing to list (a one-article model) still gets its line, as in the CLI.
            ids = model_file.ids(model_path)
            with open(args.out + ".partial", "w", encoding="utf-8") as f:
                expected = 0
                for row in grouped.toLocalIterator():
                    while expected < row["position"]:
                        f.write(json.dumps(empty_line(ids[expected], articles), ensure_ascii=False, sort_keys=True) + "\n")
                        expected += 1
                    f.write(json.dumps(related_line(row), ensure_ascii=False, sort_keys=True) + "\n")
                    expected += 1
                for position in range(expected, n):
                    f.write(json.dumps(empty_line(ids[position], articles), ensure_ascii=False, sort_keys=True) + "\n")
            os.replace(args.out + ".partial", args.out)
        else:
            results.orderBy("position", "rank").drop("position").write.mode("overwrite").parquet(args.out)
        stages.done("output", since, "reprint flags, headers")
        log(f"spark related: {n} articles, -k {args.k}, written to {args.out} in {time.monotonic() - stages.started:.1f} s")
        return 0
    except Exception as error:
        return failure("related", error)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
        spark.stop()


def built_model(command: str, args: argparse.Namespace):
    """The work folder, model file and articles dataset of `--home`/`--name` (what `build`
    leaves), or exit 66 after one line naming what is missing."""
    home = os.path.abspath(args.home)
    work = os.path.join(home, "spark", args.name)
    model_path = os.path.join(home, "models", args.name, "model.zhuti")
    articles_path = os.path.join(work, "articles")
    for path, what in [(model_path, f"no model '{args.name}' in {home}; build one with `scripts/spark build`"),
                       (articles_path, f"no articles dataset in {work}; build the model with `scripts/spark build`")]:
        if not os.path.exists(path):
            log(f"spark {command}: {what}")
            return 66
    return work, model_path, articles_path


def approximate_lines(sc, args, binary: str, model_path: str, model_name: str, n: int, ranges, expansion: list[str],
                      folder: str):
    """The ranked rows of `related` by IVF (`zhuti worker cells`): cells trained here on a
    sample, every row filed in its cell and its query sent to its probed cells by Spark, each
    cell searched in one task, each query's lists merged in another."""
    from pyspark import SparkFiles

    cells = args.cells or max(1, min(n, int(round(n ** 0.5))))
    centroids = os.path.join(folder, "centroids.npy")
    run_worker(args.zhuti, ["cells", "train", "--model", model_path, "--cells", str(cells), "--seed", "42",
                            "--centroids", centroids])
    sc.addFile(centroids)
    log(f"spark related: {cells} cells, {args.probes} probed per query")
    k = str(args.k)

    def assign(bounds):
        lines = worker(shipped_binary(binary), ["cells", "assign", "--model", SparkFiles.get(model_name), "--centroids",
                                                SparkFiles.get("centroids.npy"), "--rows", f"{bounds[0]}-{bounds[1]}",
                                                "--probes", str(args.probes), *expansion])
        for line in lines:
            row = json.loads(line)
            yield row["home"], ("candidate", row["row"])
            for cell in row["probes"]:
                yield cell, ("query", row["row"])

    def search(groups):
        def requests():
            for cell, members in groups:
                members = list(members)
                yield json.dumps({"cell": cell, "queries": sorted(r for role, r in members if role == "query"),
                                  "candidates": sorted(r for role, r in members if role == "candidate")})
        for line in worker(shipped_binary(binary), ["cells", "search", "--model", SparkFiles.get(model_name), "-k", k,
                                                    *expansion], requests()):
            for entry in json.loads(line)["lists"]:
                yield entry["row"], entry["results"]

    def merge(groups):
        rows: list[int] = []

        def requests():
            for row, lists in groups:
                rows.append(row)
                yield json.dumps({"row": row, "lists": list(lists)})

        # The step answers in the order it is asked, so the i-th line is the i-th row's.
        for i, line in enumerate(worker(shipped_binary(binary), ["cells", "merge", "--model", SparkFiles.get(model_name),
                                                                 "-k", k, *expansion], requests())):
            row = json.loads(line)
            for rank, result in enumerate(row["results"], start=1):
                yield rows[i], row["id"], rank, result["id"], float(result["score"]), float(result["cosine"])

    parts = len(ranges)
    filed = sc.parallelize(ranges, parts).flatMap(assign).groupByKey(numPartitions=parts)
    lists = filed.mapPartitions(search).groupByKey(numPartitions=parts)
    return lists.mapPartitions(merge)


def single(value: float) -> float:
    """A single-precision score written as the CLI writes it: the shortest decimal that reads
    back as the same float32 (0.4864697, not 0.48646968603134155)."""
    import numpy as np
    return float(str(np.float32(value)))


def empty_line(id: str, articles) -> dict:
    """The line of an article with no related article."""
    from pyspark.sql import functions as F
    found = articles.filter(F.col("id") == id).select("title").collect()
    query = {"id": id}
    if found and found[0]["title"] is not None:
        query["title"] = found[0]["title"]
    return {"id": id, "query": query, "results": []}


def related_line(row) -> dict:
    """One line of `zhuti related --all --format jsonl --no-explain`: optional fields left out
    when empty, shared phrases empty."""
    results = []
    for r in sorted(row["results"], key=lambda r: r["rank"]):
        result = {"id": r["id"], "title": r["title"] or "", "issue": r["issue"] or "", "score": single(r["score"]),
                  "cosine": single(r["cosine"]), "shared": []}
        for name in ("date", "paper", "page", "duplicate"):
            if r[name] is not None:
                result[name] = r[name]
        results.append(result)
    query = {"id": row["query"]}
    if row["queryTitle"] is not None:
        query["title"] = row["queryTitle"]
    return {"id": row["query"], "query": query, "results": results}


# ---------------------------------------------------------------------------------------------
# Themes


THEME_FIELDS = [("id", "string"), ("theme", "int"), ("label", "string"), ("score", "float"), ("nearest", "int")]


def themes(args: argparse.Namespace) -> int:
    """Themes of a model's articles: `zhuti worker themes` steps, the driver's on this machine,
    each partition's `share` on its range of rows with its rows' state carried by Spark from
    round to round; the report laid out as `zhuti themes --format json` lays it out."""
    import numpy as np
    from pyspark import StorageLevel
    from pyspark.sql import types as T

    found = built_model("themes", args)
    if isinstance(found, int):
        return found
    work, model_path, articles_path = found
    zhuti, binary = args.zhuti, os.path.basename(args.zhuti)
    scratch = tempfile.mkdtemp(prefix="zhuti-themes-", dir=work)
    spark = session(args.master, "zhuti themes")
    sc = spark.sparkContext
    sc.addFile(zhuti)
    sc.addFile(model_path)
    model_name = os.path.basename(model_path)
    stages = Stages(args.timings)
    try:
        since = time.monotonic()
        state_path = os.path.join(scratch, "state-0.json")
        options = ["--k", str(args.k), "--seed", str(args.seed)] + (["--min-size", str(args.min_size)] if args.min_size else [])
        n = run_worker(zhuti, ["themes", "start", "--model", model_path, *options, "--out", state_path])["documents"]
        parts = args.partitions or sc.defaultParallelism
        ranges = row_ranges(n, parts)

        def share_range(state_name: str):
            def run(item: tuple) -> tuple:
                from pyspark import SparkFiles
                (first, end), packed = item
                folder = tempfile.mkdtemp(prefix="zhuti-themes-")
                try:
                    rows_in, rows_out = os.path.join(folder, "in.npy"), os.path.join(folder, "out.npy")
                    extra = []
                    if packed is not None:
                        with open(rows_in, "wb") as f:
                            f.write(packed)
                        extra = ["--row-state", rows_in]
                    lines = list(worker(shipped_binary(binary), ["themes", "share", "--model", SparkFiles.get(model_name),
                                                                 "--state", SparkFiles.get(state_name),
                                                                 "--rows", f"{first}-{end}", *extra, "--out", rows_out]))
                    with open(rows_out, "rb") as f:
                        return (first, end), f.read(), lines[-1]
                finally:
                    shutil.rmtree(folder, ignore_errors=True)
            return run

        rows = sc.parallelize([(r, None) for r in ranges], len(ranges))
        phase, step = "", 0
        while phase != "done":
            sc.addFile(state_path)
            stepped = rows.map(share_range(os.path.basename(state_path))).persist(StorageLevel.MEMORY_AND_DISK)
            shares = sorted(stepped.map(lambda t: (t[0][0], t[2])).collect())
            shares_path = os.path.join(scratch, f"shares-{step}.jsonl")
            with open(shares_path, "w", encoding="utf-8") as f:
                for _, line in shares:
                    f.write(line + "\n")
            step += 1
            next_state = os.path.join(scratch, f"state-{step}.json")
            phase = run_worker(zhuti, ["themes", "advance", "--state", state_path, "--shares", shares_path,
                                       "--out", next_state])["phase"]
            state_path = next_state
            previous, rows = rows, stepped.map(lambda t: (t[0], t[1]))
            if step % 10 == 0:
                rows.localCheckpoint()  # cuts the lineage that grows with every round
            log(f"spark themes: step {step} -> {phase}")
        packed = sorted(rows.collect())
        all_rows = os.path.join(scratch, "rows.npy")
        np.save(all_rows, np.concatenate([np.load(_npy(blob)) for _, blob in packed]))
        stages.done("clustering", since, f"{step} steps")

        since = time.monotonic()
        ids = model_file.ids(model_path)
        headers = {r["id"]: r for r in spark.read.parquet(articles_path)
                   .select("id", "issue", "date", "paper", "title").toLocalIterator()}
        missing = [id for id in ids if id not in headers]
        if missing:
            raise WorkerFailed(f"the model holds article '{missing[0]}', which is not in {articles_path}")
        articles_jsonl = os.path.join(scratch, "articles.jsonl")
        with open(articles_jsonl, "w", encoding="utf-8") as f:
            for id in ids:
                h = headers[id]
                f.write(json.dumps({"id": id, "issue": h["issue"], "date": h["date"], "paper": h["paper"],
                                    "title": h["title"], "text": ""}, ensure_ascii=False) + "\n")
        wanted = run_worker(zhuti, ["themes", "report", "--state", state_path, "--row-state", all_rows])["labelRows"]
        wanted_ids = {ids[row]: row for row in wanted}
        from pyspark.sql import functions as F
        found = (spark.read.parquet(articles_path).select("id", "text")
                 .filter(F.col("id").isin(list(wanted_ids))).collect())
        texts_path = os.path.join(scratch, "texts.jsonl")
        with open(texts_path, "w", encoding="utf-8") as f:
            for r in sorted(found, key=lambda r: wanted_ids[r["id"]]):
                f.write(json.dumps({"row": wanted_ids[r["id"]], "text": r["text"]}, ensure_ascii=False) + "\n")
        report_path = os.path.join(scratch, "report.json")
        run_worker(zhuti, ["themes", "report", "--state", state_path, "--row-state", all_rows, "--articles", articles_jsonl,
                           "--texts", texts_path, "--out", report_path])
        if args.out.endswith(".json") or args.out.endswith(".jsonl"):
            shutil.copyfile(report_path, args.out + ".partial")
            os.replace(args.out + ".partial", args.out)
        else:
            report = json.load(open(report_path, encoding="utf-8"))
            theme_of, label_of = {}, {}
            for theme in report["themes"]:
                label_of[theme["id"]] = theme["label"]
                for id in theme["articles"]:
                    theme_of[id] = theme["id"]
            states = np.load(all_rows)
            nearest_of = {u["id"]: u.get("nearest") for u in report["unassigned"]}
            rows_out = []
            for row, id in enumerate(ids):
                theme = theme_of.get(id)
                nearest = theme if theme is not None else nearest_of.get(id)
                rows_out.append((id, theme, label_of.get(theme), float(states[row, 1]), nearest))
            schema = T.StructType([T.StructField(name, {"string": T.StringType(), "int": T.IntegerType(),
                                                        "float": T.FloatType()}[kind]) for name, kind in THEME_FIELDS])
            spark.createDataFrame(rows_out, schema).write.mode("overwrite").parquet(args.out)
        stages.done("report", since, "labels, timelines")
        log(f"spark themes: {n} articles written to {args.out} in {time.monotonic() - stages.started:.1f} s")
        return 0
    except Exception as error:
        return failure("themes", error)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
        spark.stop()


def _npy(blob: bytes):
    import io
    return io.BytesIO(blob)


# ---------------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    steps = parser.add_subparsers(dest="step", required=True)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--master", required=True, help="local[2], spark://host:7077 or yarn")
        p.add_argument("--partitions", type=int, default=0, help="partitions (default: twice the default parallelism)")
        p.add_argument("--zhuti", required=True, help="the zhuti binary to run in each partition")
        p.add_argument("--timings", help="write each stage's wall time here (JSON), for scripts/bench-spark")

    a = steps.add_parser("articles", help="issue files and JSONL exports -> Parquet dataset of articles")
    common(a)
    a.add_argument("--input", nargs="+", required=True, help="issue files, folders or JSONL exports")
    a.add_argument("--out", required=True, help="Parquet dataset folder (replaced)")

    b = steps.add_parser("build", help="the model, as zhuti build makes it, into HOME/models/NAME/model.zhuti")
    common(b)
    b.add_argument("--input", nargs="+", required=True, help="issue files, folders or JSONL exports")
    b.add_argument("--home", required=True, help="the Zhuti home the model goes into")
    b.add_argument("--name", default="default", help="model name")
    for flag, takes_value in BUILD_OPTIONS.items():
        if takes_value:
            b.add_argument(flag, help="as for zhuti build")
        else:
            b.add_argument(flag, action="store_true", help="as for zhuti build")

    r = steps.add_parser("related", help="every article's related articles on a model")
    common(r)
    r.add_argument("--home", required=True)
    r.add_argument("--name", default="default")
    r.add_argument("-k", type=int, default=10, help="related articles per article")
    r.add_argument("--out", required=True, help=".jsonl/.json: the CLI's lines; else a Parquet dataset")
    r.add_argument("--no-expansion", action="store_true", help="rank by plain cosine")
    r.add_argument("--approximate", action="store_true",
                   help="IVF: each article compared only within its nearest cells (archives past a few million)")
    r.add_argument("--cells", type=int, default=0, help="IVF cells (default: the square root of the articles)")
    r.add_argument("--probes", type=int, default=8, help="IVF cells each article's query searches")

    t = steps.add_parser("themes", help="themes of a model's articles and their timelines")
    common(t)
    t.add_argument("--home", required=True)
    t.add_argument("--name", default="default")
    t.add_argument("--k", default="auto", help="number of themes, or auto")
    t.add_argument("--min-size", type=int, default=0, help="smallest theme kept (default as zhuti themes)")
    t.add_argument("--seed", type=int, default=42)
    t.add_argument("--out", required=True, help=".json: the CLI's themes --format json; else a Parquet dataset")

    args = parser.parse_args()
    return {"articles": articles, "build": build, "related": related, "themes": themes}[args.step](args)


if __name__ == "__main__":
    sys.exit(main())
