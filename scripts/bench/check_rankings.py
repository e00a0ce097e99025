"""scripts/check-rankings: rankings that do not depend on the BLAS or the search path."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
from pathlib import Path

import common
from common import Zhuti, log

REFERENCE_BLAS = "/usr/lib/x86_64-linux-gnu/blas"


def blas_core(binary: Path) -> str:
    """What OpenBLAS says it runs on (OPENBLAS_VERBOSE only reports; it changes nothing)."""
    out = subprocess.run([str(binary), "--help"], env={**os.environ, "OPENBLAS_VERBOSE": "2"},
                         capture_output=True, text=True)
    cores = [line for line in (out.stdout + out.stderr).splitlines() if line.startswith("Core:")]
    return cores[0] if cores else "no OpenBLAS core reported (not OpenBLAS?)"


def rows(text: str) -> dict[str, list[tuple[str, float]]]:
    table = {}
    for line in text.splitlines():
        obj = json.loads(line)
        table[obj["id"]] = [(r["id"], r["score"]) for r in obj["results"]]
    return table


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--work", required=True)
    ap.add_argument("--shared")
    ap.add_argument("--zhuti")
    ap.add_argument("-k", type=int, default=10)
    args = ap.parse_args()
    common.terminate_on_sigterm()
    if not (Path(REFERENCE_BLAS) / "libblas.so.3").exists():
        common.die(f"no reference BLAS at {REFERENCE_BLAS} (apt-get install libblas3)")
    corpus = common.corpus_path(common.shared_dir(args.shared), common.PD)
    binary = common.zhuti_binary(args.zhuti, required=True)
    zhuti = Zhuti(binary, Path(args.work) / "home")
    log("this machine:", blas_core(binary))
    common.run_measured(zhuti.cmd("ingest", str(corpus)), env=zhuti.env)
    common.run_measured(zhuti.cmd("build", "--quiet"), env=zhuti.env)
    ids = [json.loads(line)["id"] for line in
           common.run_measured(zhuti.cmd("articles", "--format", "jsonl"), env=zhuti.env).stdout.splitlines()]
    k = str(args.k)
    blases = {"machine BLAS": {}, "reference BLAS": {"LD_LIBRARY_PATH": REFERENCE_BLAS}}
    tables, singles = {}, {}
    for name, env in blases.items():
        log(f"{name}: related --all -k {k}")
        tables[name] = common.run_measured(zhuti.cmd("related", "--all", "-k", k, "--format", "jsonl"),
                                           env={**zhuti.env, **env}).stdout
        log(f"{name}: related ID -k {k} for {len(ids)} ids")
        singles[name] = common.run_measured(zhuti.cmd("related", *ids, "-k", k, "--format", "jsonl"),
                                            env={**zhuti.env, **env}).stdout
    failures = 0
    same_all = tables["machine BLAS"] == tables["reference BLAS"]
    print(f"articles: {len(ids)}; this machine: {blas_core(binary)}")
    print(f"related --all -k {k}, machine BLAS vs reference BLAS: "
          f"{'byte-identical' if same_all else 'DIFFERENT'} ({len(tables['machine BLAS'])} bytes)")
    failures += not same_all
    for name in blases:
        table, single = rows(tables[name]), rows(singles[name])
        equal = sum(1 for i in ids if table.get(i) == single.get(i))
        print(f"{name}: related ID -k {k} equals the row of related --all for {equal}/{len(ids)} articles")
        failures += equal != len(ids)
    raise SystemExit(1 if failures else 0)


if __name__ == "__main__":
    main()
