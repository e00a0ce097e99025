"""Make a 100,000-article JSONL corpus for scale benchmarks from the real corpora.

How (so the figures measured on it can be stated honestly):

* Sources: every article of `peoples-daily-1998-01/articles.jsonl` (3,148) and
  `sogou-reduced/articles.jsonl` (5,400), in file order: 8,548 real articles.
* Copy 0 is every article unchanged (its own id, title, date, label).
* Copies 1, 2, ... are perturbed repeats, made until there are exactly
  --count (default 100,000) articles; the last copy is partial (11 full
  copies + part of a 12th for the default count). Each perturbed copy:
    - splits the text into sentences (after 。！？!?； or a line break; an
      article with fewer than 4 sentences is split into clauses at ，、,
      as well, so short briefs change too);
    - drops a random 10-20% of those units (at least one when there are two
      or more, never all);
    - shuffles a further random 10-20% of the remaining units among their
      own positions (so word order inside sentences is real, paragraph order
      is not); a text that is a single unit (no punctuation at all) stays
      as it is -- about 0.1% of copies;
    - gets a new id `<original id>-cNN` (NN = copy number) and an `issue`
      `pd-<date>-cNN` or `sogou-<label code>-cNN`, so copies form issues of
      realistic size (one People's Daily day, or 600 Sogou articles of one
      category) instead of one giant issue. Copy 0 gets `pd-<date>-c00` /
      `sogou-<code>-c00` too, for uniformity.
  Titles, dates, pages and labels are kept.
* Deterministic: one random.Random(--seed, default 100000) drives everything,
  so the same inputs give a byte-identical file (its sha256 is printed).

What this corpus is and is not: its vocabulary and n-gram statistics are
those of real Chinese news text, and its size (articles, characters, matrix
non-zeros) is that of a 100,000-article archive; but it holds many
near-duplicate families (each real article and its perturbed copies), so
neighbour lists are dominated by the article's own copies. Use it for speed
and memory, not for quality figures.

Usage: make_corpus_100k.py --shared DIR --out FILE [--count N] [--seed S]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
from pathlib import Path

SENTENCE_END = re.compile(r"(?<=[。！？!?；;])|(?<=\n)")
CLAUSE_END = re.compile(r"(?<=[。！？!?；;，、,])|(?<=\n)")


def units(text: str) -> list[str]:
    parts = [p for p in SENTENCE_END.split(text) if p]
    if len(parts) < 4:
        parts = [p for p in CLAUSE_END.split(text) if p]
    return parts


def perturb(text: str, rng: random.Random) -> str:
    parts = units(text)
    n = len(parts)
    if n >= 2:
        drop = max(1, round(n * rng.uniform(0.10, 0.20)))
        drop = min(drop, n - 1)
        gone = set(rng.sample(range(n), drop))
        parts = [p for i, p in enumerate(parts) if i not in gone]
    n = len(parts)
    if n >= 2:
        m = max(2, round(n * rng.uniform(0.10, 0.20)))
        m = min(m, n)
        pos = sorted(rng.sample(range(n), m))
        moved = [parts[i] for i in pos]
        rng.shuffle(moved)
        if moved == [parts[i] for i in pos]:
            moved = moved[1:] + moved[:1]   # a shuffle that changed nothing: rotate instead
        for i, p in zip(pos, moved):
            parts[i] = p
    out = "".join(parts)
    # A unit that ended a paragraph may now sit last; keep the text tidy.
    return out.strip("\n")


def read(path: Path, source: str) -> list[dict]:
    rows = []
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as e:
                sys.exit(f"{path}:{n}: malformed JSON: {e}")
            if source == "pd":
                group = f"pd-{row.get('date', 'undated')}"
            else:
                group = f"sogou-{row.get('label_code') or row.get('label') or 'unlabelled'}"
            keep = {k: row[k] for k in ("id", "date", "page", "title", "label") if row.get(k) is not None}
            keep["text"] = row.get("text") or ""
            keep["_group"] = group
            rows.append(keep)
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", required=True, help="folder holding corpora/")
    ap.add_argument("--out", required=True)
    ap.add_argument("--count", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=100_000)
    a = ap.parse_args()
    if a.count < 1:
        sys.exit("--count must be at least 1")

    base = Path(a.shared) / "corpora"
    originals = (read(base / "peoples-daily-1998-01" / "articles.jsonl", "pd")
                 + read(base / "sogou-reduced" / "articles.jsonl", "sogou"))
    rng = random.Random(a.seed)
    out = Path(a.out)
    tmp = out.with_name(out.name + ".tmp")
    digest = hashlib.sha256()
    written = chars = 0
    with tmp.open("w", encoding="utf-8") as f:
        copy = 0
        while written < a.count:
            for row in originals:
                if written >= a.count:
                    break
                rec = {k: v for k, v in row.items() if k != "_group"}
                if copy:
                    rec["id"] = f"{row['id']}-c{copy:02d}"
                    rec["text"] = perturb(row["text"], rng)
                rec["issue"] = f"{row['_group']}-c{copy:02d}"
                line = json.dumps(rec, ensure_ascii=False) + "\n"
                f.write(line)
                digest.update(line.encode("utf-8"))
                written += 1
                chars += len(rec["text"])
            copy += 1
    tmp.replace(out)
    print(json.dumps({"path": str(out), "articles": written, "originals": len(originals), "copies": copy,
                      "characters": chars, "seed": a.seed, "sha256": digest.hexdigest()}))


if __name__ == "__main__":
    main()
