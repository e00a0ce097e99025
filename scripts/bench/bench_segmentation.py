"""bench-segmentation: how well `zhuti ingest` splits issue files into articles,
against a hand annotation of the five seed issues (scripts/bench/segmentation_gold.json).

The gold assigns every line of each seed file that carries article text (headline,
byline, body) to one item; lines in no item are mastheads, imprints and banners.

Pairwise boundary precision, recall and F1, over characters:
  * the units are the non-space characters of the gold items' lines;
  * two units are a *gold pair* when they belong to the same gold item;
  * each line is located in the articles `zhuti articles --format jsonl` prints
    (kicker, title, subtitle, byline and text, NFKC, spaces removed): every 8-character window of the
    line (whole line when shorter; runs of short lines, such as vertical headlines,
    are joined first) votes for the articles containing it, and the line's characters
    go to the article with most votes; a line found in no article stays alone (its
    characters pair with nothing: text that was dropped);
  * two units are a *predicted pair* when their lines went to the same article;
  * precision = shared pairs / predicted pairs, recall = shared pairs / gold pairs,
    counted from the contingency table (n_ij choose 2), micro-averaged over issues.
Also: headline accuracy (a gold headline is found whole in the matched article's
title, which may add its kicker and subtitle but nothing else), kickers and subtitles
kept apart (where the gold has one: the article's own field holds it, leading dashes
and dots aside), issue date and its
source, page where the gold has one, kind (article, brief, caption, teaser, commentary), boilerplate
lines that leaked into articles, and items merged into or split across articles.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent
GOLD = Path(__file__).resolve().parent / "segmentation_gold.json"
WINDOW = 8
MARKUP = re.compile(r"^\s*#{1,6}\s+")


def norm(text: str | None) -> str:
    return "".join(unicodedata.normalize("NFKC", text or "").split())


def part(text: str | None) -> str:
    """A kicker or subtitle as compared: normalised, without the dashes or dot that mark it."""
    return norm(text).lstrip("-—－―–·")


def line_numbers(ranges: list[str]) -> list[int]:
    out = []
    for r in ranges:
        a, _, b = r.partition("-")
        out += range(int(a), int(b or a) + 1)
    return out


def pairs(n: int) -> int:
    return n * (n - 1) // 2


def locate(chunk: str, articles: list[str]) -> Counter:
    votes: Counter = Counter()
    windows = [chunk] if len(chunk) <= WINDOW else [chunk[i:i + WINDOW] for i in range(0, len(chunk) - WINDOW + 1, 4)]
    for window in windows:
        for index, article in enumerate(articles):
            if window in article:
                votes[index] += 1
    return votes


def score_issue(issue: dict, lines: list[str], articles: list[dict]) -> dict:
    # A markdown export's heading marks (`## `, `#### `) are markup, not text of the article.
    lines = [MARKUP.sub("", line) for line in lines]
    texts = [norm(a.get("kicker")) + norm(a.get("title")) + norm(a.get("subtitle")) + norm(a.get("byline")) + norm(a.get("text"))
             for a in articles]
    owner = {}
    for item_index, item in enumerate(issue["items"]):
        for number in line_numbers(item["lines"]):
            if number <= len(lines) and norm(lines[number - 1]):
                owner[number] = item_index
    # Chunks: a line, or a run of consecutive short lines of one item (vertical headlines).
    chunks: list[tuple[list[int], str]] = []
    for number in sorted(owner):
        text = norm(lines[number - 1])
        if chunks and len(text) < WINDOW and chunks[-1][0][-1] in (number - 1, number - 2) \
                and owner[chunks[-1][0][-1]] == owner[number] and len(norm(lines[chunks[-1][0][-1] - 1])) < WINDOW:
            chunks[-1][0].append(number)
            chunks[-1] = (chunks[-1][0], chunks[-1][1] + text)
        else:
            chunks.append(([number], text))
    cells: Counter = Counter()
    gold_sizes: Counter = Counter()
    pred_sizes: Counter = Counter()
    item_articles: dict[int, Counter] = defaultdict(Counter)
    for numbers, text in chunks:
        votes = locate(text, texts)
        target = votes.most_common(1)[0][0] if votes else ("lost", numbers[0])
        for number in numbers:
            size = len(norm(lines[number - 1]))
            item = owner[number]
            gold_sizes[item] += size
            if isinstance(target, tuple):
                continue  # dropped text: each character alone
            cells[(item, target)] += size
            pred_sizes[target] += size
            item_articles[item][target] += size
    shared = sum(pairs(n) for n in cells.values())
    gold = sum(pairs(n) for n in gold_sizes.values())
    predicted = sum(pairs(n) for n in pred_sizes.values())
    # Boilerplate lines (in no item) whose text landed in an article.
    leaked = [n for n, line in enumerate(lines, 1)
              if n not in owner and len(norm(line)) >= WINDOW and locate(norm(line), texts)]
    titles = pages = page_total = titled = kinds = kind_total = parts = part_total = 0
    details = []
    for item_index, item in enumerate(issue["items"]):
        found = item_articles.get(item_index)
        best = articles[found.most_common(1)[0][0]] if found else None
        if item.get("title"):
            titled += 1
            want = norm(item["title"])
            got = norm(best.get("title")) if best else ""
            allowed = len(norm(item.get("kicker"))) + len(want) + len(norm(item.get("subtitle"))) + 2
            ok = bool(best) and want in got and len(got) <= allowed
            titles += ok
            if not ok:
                details.append(f"title: want {item['title']!r}, got {best.get('title') if best else None!r}")
        for field in ("kicker", "subtitle"):
            if item.get(field):
                part_total += 1
                ok = bool(best) and part(best.get(field)) == part(item[field])
                parts += ok
                if not ok:
                    details.append(f"{field}: want {item[field]!r}, got {best.get(field) if best else None!r}")
        if item.get("kind"):
            kind_total += 1
            kinds += bool(best) and best.get("kind") == item["kind"]
            if best and best.get("kind") != item["kind"]:
                details.append(f"kind: {item.get('title') or '(untitled)'!r} want {item['kind']}, got {best.get('kind')}")
        if item.get("page") is not None:
            page_total += 1
            pages += bool(best) and best.get("page") == item["page"]
    merged = sum(1 for article in set(t for (_, t) in cells) if len({i for (i, t) in cells if t == article}) > 1)
    split = sum(1 for item, found in item_articles.items() if len(found) > 1)
    lost_items = sum(1 for i in range(len(issue["items"])) if i not in item_articles)
    return {"shared": shared, "gold": gold, "predicted": predicted, "titles": titles, "titled": titled,
            "pages": pages, "page_total": page_total, "parts": parts, "part_total": part_total, "kinds": kinds, "kind_total": kind_total, "leaked": leaked, "merged": merged, "split": split,
            "lost": lost_items, "items": len(issue["items"]), "articles": len(articles), "details": details}


def prf(shared: int, gold: int, predicted: int) -> tuple[float, float, float]:
    p = shared / predicted if predicted else 0.0
    r = shared / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def run(zhuti: str, home: str, *args: str) -> str:
    result = subprocess.run([zhuti, *args, "--home", home], capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"bench-segmentation: zhuti {' '.join(args)} failed: {result.stderr.strip()}")
    return result.stdout


def evaluate(zhuti: str, gold: dict) -> list[dict]:
    results = []
    with tempfile.TemporaryDirectory(prefix="zhuti-segmentation.") as home:
        for issue in gold["issues"]:
            path = REPO / issue["file"]
            print(f"bench-segmentation: {path.name}", file=sys.stderr)
            run(zhuti, home, "ingest", str(path), "--quiet")
        articles = [json.loads(l) for l in run(zhuti, home, "articles", "--format", "jsonl").splitlines() if l.strip()]
        issues = {json.loads(l)["source"]: json.loads(l) for l in run(zhuti, home, "issues", "--format", "jsonl").splitlines() if l.strip()}
        for issue in gold["issues"]:
            path = REPO / issue["file"]
            lines = path.read_text(encoding="utf-8").splitlines()
            stored = next((v for k, v in issues.items() if Path(k).name == path.name), {})
            mine = [a for a in articles if a["issue"] == stored.get("id")]
            mine.sort(key=lambda a: a.get("sequence", 0))
            result = score_issue(issue, lines, mine)
            result["file"] = path.name
            result["layout"] = issue.get("layout")
            result["date_ok"] = issue["date_source"] == "any" or stored.get("date") == issue["date"]
            result["source_ok"] = issue["date_source"] == "any" or stored.get("dateSource", "none") == issue["date_source"]
            result["date"] = stored.get("date")
            results.append(result)
    return results


def generated(zhuti: str, pages: int, seed: int, as_json: bool, interleave: str = "varied") -> int:
    """Score the splitter on pages laid out by make_layouts.py from People's Daily."""
    corpus = REPO.parent / "shared" / "corpora" / "peoples-daily-1998-01" / "articles.jsonl"
    if not corpus.exists():
        print(f"bench-segmentation: skipped generated pages: {corpus} is not here", file=sys.stderr)
        return 0
    with tempfile.TemporaryDirectory(prefix="zhuti-layouts.") as out:
        subprocess.run([sys.executable, str(Path(__file__).parent / "make_layouts.py"), str(corpus), out,
                        "--pages", str(pages), "--seed", str(seed), "--interleave", interleave], check=True)
        gold = json.loads((Path(out) / "gold.json").read_text(encoding="utf-8"))
        results = evaluate(zhuti, gold)
    return layout_table(results, f"Generated pages (make_layouts.py, seed {seed}, {interleave} interleaving, People's Daily articles)",
                        as_json)


def layout_table(results: list[dict], heading: str, as_json: bool) -> int:
    """Pairwise P/R/F1 and the other counts by layout, pooled over the issues scored."""
    rows = {}
    for layout in ("long", "markdown", "narrow", None):
        chosen = [x for x in results if layout is None or x["layout"] == layout]
        if layout and not chosen:
            continue
        t = {k: sum(x[k] for x in chosen) for k in ("shared", "gold", "predicted", "titles", "titled", "pages", "page_total", "parts", "part_total",
                                                    "kinds", "kind_total", "items", "articles")}
        rows[layout or "all"] = (len(chosen), t, prf(t["shared"], t["gold"], t["predicted"]))
    if as_json:
        print(json.dumps({name: {"pages": n, "precision": p, "recall": r, "f1": f, **t}
                          for name, (n, t, (p, r, f)) in rows.items()}, ensure_ascii=False, indent=1))
        return 0
    print(f"{heading}:\n")
    print("| layout | pages | items (gold) | articles (zhuti) | pairwise P | R | F1 | headlines right | kickers, subtitles apart | pages right | kinds right |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, (n, t, (p, r, f)) in rows.items():
        bold = "**" if name == "all" else ""
        print(f"| {bold}{name}{bold} | {n} | {t['items']} | {t['articles']} | {p:.3f} | {r:.3f} | {bold}{f:.3f}{bold} | "
              f"{t['titles']} of {t['titled']} | {t['parts']} of {t['part_total']} | {t['pages']} of {t['page_total']} | {t['kinds']} of {t['kind_total']} |")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--zhuti", default=None, help="binary (default: release build, else debug build)")
    ap.add_argument("--format", choices=["text", "json"], default="text")
    ap.add_argument("--details", action="store_true", help="list wrong headlines and leaked lines")
    ap.add_argument("--generated", type=int, metavar="PAGES", default=0,
                    help="score PAGES pages generated from People's Daily (../shared) instead of the seeds")
    ap.add_argument("--seed", type=int, default=1998, help="generator seed (with --generated)")
    ap.add_argument("--interleave", choices=["varied", "dense"], default="varied",
                    help="with --generated: how long the extraction reads one column before the next "
                         "(make_layouts.py --interleave)")
    ap.add_argument("--gold", type=Path, default=None, metavar="FILE",
                    help="score against another annotation in the shape of segmentation_gold.json (a page's "
                         "`layout` groups the table), e.g. pages another make_layouts.py wrote")
    ap.add_argument("--min-f1", type=float, default=None,
                    help="exit 1 when the seeds' pairwise F1 is below this (scripts/test uses it as a gate)")
    args = ap.parse_args()
    zhuti = args.zhuti or next((str(p) for p in (REPO / ".build/release/zhuti", REPO / ".build/debug/zhuti") if p.exists()), None)
    if not zhuti:
        sys.exit("bench-segmentation: no zhuti binary; run `swift build -c release --product zhuti`")
    if args.generated:
        return generated(zhuti, args.generated, args.seed, args.format == "json", args.interleave)
    if args.gold:
        try:
            annotation = json.loads(args.gold.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            sys.exit(f"bench-segmentation: {args.gold}: {error}")
        return layout_table(evaluate(zhuti, annotation), f"Pages annotated in {args.gold}", args.format == "json")
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    results = evaluate(zhuti, gold)
    total = {k: sum(r[k] for r in results) for k in ("shared", "gold", "predicted", "titles", "titled", "pages",
                                                      "page_total", "parts", "part_total", "kinds", "kind_total", "merged", "split", "lost",
                                                      "items", "articles")}
    p, r, f = prf(total["shared"], total["gold"], total["predicted"])
    if args.min_f1 is not None and f < args.min_f1:
        print(f"bench-segmentation: pairwise F1 {f:.3f} on the seeds is below {args.min_f1}", file=sys.stderr)
        return 1
    if args.format == "json":
        print(json.dumps({"precision": p, "recall": r, "f1": f, "issues": [
            {**{k: v for k, v in x.items() if k != "details"}, "f1": prf(x["shared"], x["gold"], x["predicted"])[2]}
            for x in results], **total}, ensure_ascii=False, indent=1))
        return 0
    print("| seed | items (gold) | articles (zhuti) | pairwise P | R | F1 | headlines right | kickers, subtitles apart | pages right | kinds right | date | merged / split / lost | boilerplate lines in articles |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---:|")
    for x in results:
        xp, xr, xf = prf(x["shared"], x["gold"], x["predicted"])
        date = ("right" if x["date_ok"] and x["source_ok"] else f"wrong ({x['date']})")
        print(f"| {x['file'][:3]} | {x['items']} | {x['articles']} | {xp:.3f} | {xr:.3f} | {xf:.3f} | "
              f"{x['titles']} of {x['titled']} | {x['parts']} of {x['part_total']} | {x['pages']} of {x['page_total']} | {x['kinds']} of {x['kind_total']} | {date} | "
              f"{x['merged']} / {x['split']} / {x['lost']} | {len(x['leaked'])} |")
    print(f"| **all** | {total['items']} | {total['articles']} | {p:.3f} | {r:.3f} | **{f:.3f}** | "
          f"{total['titles']} of {total['titled']} | {total['parts']} of {total['part_total']} | {total['pages']} of {total['page_total']} | {total['kinds']} of {total['kind_total']} | "
          f"{sum(x['date_ok'] and x['source_ok'] for x in results)} of {len(results)} | "
          f"{total['merged']} / {total['split']} / {total['lost']} | {sum(len(x['leaked']) for x in results)} |")
    if args.details:
        for x in results:
            for d in x["details"]:
                print(f"  {x['file'][:3]} {d}")
            if x["leaked"]:
                print(f"  {x['file'][:3]} boilerplate lines found in articles: {x['leaked']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
