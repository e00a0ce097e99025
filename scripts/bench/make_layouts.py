"""make_layouts: lay out real articles (People's Daily, January 1998) as the PDF extractions
Zhuti reads, with gold, so the splitter is measured on pages nobody tuned it on.

Three layouts, as in the seeds, each varied widely by a seeded random generator:
  * long  — each file line is a fragment of one column: its printed lines joined by stray
            spaces; stories in columns of different measures, fragments of two or three
            columns interleaved (the extraction switching columns after 1-2, up to 6 or up
            to 12 fragments, page by page), paragraphs broken across fragments; masthead
            with serial imprint (front page) or a 第N版 line; headlines with subtitles,
            bylines, datelines, teasers pointing to other pages, photo captions, jump lines.
  * markdown — `#` masthead, `##` headlines, `####` kickers, sometimes a vertical headline
            (one character per line); bodies as long lines with stray spaces.
  * narrow — hard-wrapped physical lines of a narrow column, blank lines between
            paragraphs, each story's headline and byline printed after its body.

The corpus's notes (`（附图片1张）`) are not printed, and a line of names under a headline is
its author, not its subtitle. The gold is written in the shape of
scripts/bench/segmentation_gold.json: per file, items with kind, title and the 1-based line
numbers holding their text. Standard library only.
Usage: make_layouts.py CORPUS.jsonl OUTDIR [--pages N] [--seed S] [--interleave varied|dense]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

PUNCT_HALF = set("，。、；：？！“”‘’（）《》,.;:?!\"'()")


def width(text: str) -> float:
    return sum(0.5 if (c.isascii() or c in PUNCT_HALF) else 1.0 for c in text)


def wrap(paragraph: str, measure: int, indent: bool) -> list[str]:
    """Printed lines of a paragraph set in `measure` ems (first line indented 2 ems)."""
    lines, line, room = [], "", measure - (2 if indent else 0)
    for c in paragraph:
        if width(line + c) > room and line:
            lines.append(line)
            line, room = "", measure
        line += c
    if line:
        lines.append(line)
    return lines


# The corpus's notes on what the printed page held (`（附图片1张）`): not printed text.
ANNOTATION = re.compile(r"[（(]附[^）)]*[）)]")
# A line of one or more personal names (`颜永盛`, `纪力清 姚昌恬`): the author, not a subtitle.
NAMES = re.compile(r"[\u4e00-\u9fff]{2,4}(\s+[\u4e00-\u9fff]{2,4})*")


def clean_title(title: str) -> str:
    return ANNOTATION.sub("", title).strip()


class Page:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.items: list[dict] = []

    def add(self, text: str, item: int | None) -> None:
        if self.lines:
            self.lines.append("")
        self.lines.append(text)
        if item is not None:
            self.items[item]["lines"].append(str(len(self.lines)))

    def item(self, kind: str, title: str | None, page: int | None) -> int:
        self.items.append({"kind": kind, "title": title, "page": page, "lines": []})
        return len(self.items) - 1


def story_parts(article: dict, rng: random.Random) -> dict:
    lines = [l.strip() for l in (ANNOTATION.sub("", l) for l in article["text"].split("\n")) if l.strip()]
    title = clean_title(article.get("title") or lines[0])
    body = [l for l in lines if clean_title(l) != title]
    subtitle = None
    if body and len(body[0]) <= 30 and not re.search(r"[。！？]$", body[0]) \
            and not re.match(r"(本报|记者|新华社|通讯员|——)", body[0]) and not NAMES.fullmatch(body[0]):
        subtitle = body.pop(0)
    byline = None
    if body and len(body[0]) <= 20 and not re.search(r"[。！？，]", body[0]):
        byline = body.pop(0)
    elif rng.random() < 0.4:
        byline = rng.choice(["□ 记者 ", "本报记者 ", "□ 通讯员 "]) + rng.choice(["王大玲", "李天然 夏雨彬", "周蓉 陈丹", "张立"])
    return {"title": title, "subtitle": subtitle, "byline": byline, "paragraphs": [p for p in body if len(p) > 1]}


# Set by --interleave dense.
DENSE = False


def layout_long(page: Page, stories: list[dict], rng: random.Random, number: int, front: bool) -> None:
    if front:
        page.add(f"中共某某市委机关报 某某日报社出版 1998.1.{rng.randint(1, 31)}", None)
        page.add(f"国内统一连续出版物号: CN42-00{rng.randint(10, 99)} 总第{number}期 邮发代号:37-113", None)
        page_no = 1
        # Teasers: headlines pointing to inside pages.
        for _ in range(rng.randint(0, 2)):
            t = page.item("teaser", None, None)
            page.add(rng.choice(["全国政协会议巡礼", "法治建设新进展", "春运首日见闻", "新年新气象"]), t)
            page.items[t]["title"] = page.lines[-1]
            target = rng.randint(2, 8)
            page.items[t]["page"] = target
            page.add(f"第{target}版", None)
    else:
        page_no = rng.randint(2, 12)
        page.add(f"第{page_no}版", None)
    # A page is set on a grid: most stories share the standard column (17 ems here), a few
    # are set wider (features, commentary) or narrower (briefs), so neighbours often share it.
    grid = rng.choice([[17, 17, 17, 21, 25], [15, 15, 19, 23], [17, 17, 21, 29, 13]])
    # How many fragments of a column the extraction reads before it switches to the next: up to
    # 2 (densely interleaved), 6, or 12 (the seeds' long-line pages switch after 2 to 20 lines,
    # 7 in the middle).
    turn = rng.choice([2, 6, 12])
    if DENSE:
        turn = 2  # the same pages otherwise: the choice above is still drawn
    measures = [rng.choice(grid) for _ in stories]
    columns = []
    for story, measure in zip(stories, measures):
        item = page.item("article", story["title"], page_no)
        printed: list[list[str]] = []  # paragraphs as printed lines
        for p in story["paragraphs"]:
            printed.append(wrap(p, measure, indent=True))
        # Fragments: runs of 1..12 printed lines, possibly breaking paragraphs.
        fragments, current = [], []
        for lines in printed:
            for k, line in enumerate(lines):
                current.append(line)
                if len(current) >= rng.randint(1, 12):
                    fragments.append(current)
                    current = []
            if current and rng.random() < 0.6:
                fragments.append(current)
                current = []
        if current:
            fragments.append(current)
        columns.append((story, item, fragments))
    k = 0
    while k < len(columns):
        group = columns[k:k + (rng.choice([1, 1, 2, 3]) if k + 1 < len(columns) else 1)]
        # Interleave the group's fragments as the extraction reads across columns; each
        # story's headline (and byline) comes where its column starts.
        queues = [list(f) for _, _, f in group]
        for _, item, _ in group:
            page.items[item]["alongside"] = len(group)  # stories interleaved with it, itself included
        started = [False] * len(group)
        while any(queues):
            for g, (story, item, _) in enumerate(group):
                if not queues[g]:
                    continue
                if not started[g]:
                    started[g] = True
                    page.add(story["title"], item)
                    page.items[item]["subtitle"] = story["subtitle"]
                    if story["subtitle"]:
                        page.add(("——" if rng.random() < 0.5 else "") + story["subtitle"], item)
                    if story["byline"]:
                        page.add(story["byline"], item)
                for _ in range(rng.randint(1, turn)):
                    if queues[g]:
                        page.add(" ".join(queues[g].pop(0)), item)
        if rng.random() < 0.3:
            c = page.item("caption", None, page_no)
            page.add(rng.choice(["图为工人在生产线上作业。", "图为群众在活动现场参观。", "本报记者 摄"]) + " （新华社记者摄）", c)
        if rng.random() < 0.3:
            page.add(f"（下转第{rng.randint(2, 8)}版）", None)
        k += len(group)
    page.add("地址:某某市某某路1号 邮编:434000 新闻热线:0716-8225678", None)
    page.add("责任编辑:杨 枫", None)


def layout_markdown(page: Page, stories: list[dict], rng: random.Random) -> None:
    page.add("# 某某区新闻", None)
    page.add(rng.choice(["丁丑年腊月初三", "1998年1月5日 星期一"]), None)
    for story in stories:
        item = page.item("article", story["title"], None)
        if story["subtitle"] and rng.random() < 0.5:
            page.add("#### " + story["subtitle"], item)
            page.items[item]["kicker"] = story["subtitle"]  # printed above the headline
        if rng.random() < 0.2 and len(story["title"]) <= 14:
            for c in story["title"]:
                page.add(c, item)
        else:
            page.add("## " + story["title"], item)
        measure = rng.randint(14, 24)
        for i, p in enumerate(story["paragraphs"]):
            text = " ".join(wrap(p, measure, indent=True))
            if i == 0 and story["byline"] and rng.random() < 0.5:
                text = f"本报讯(通讯员{rng.choice(['王思奇', '雷希雨 易静雯'])})" + text
            page.add(text, item)


def layout_narrow(page: Page, stories: list[dict], rng: random.Random) -> None:
    measure = rng.randint(12, 20)
    for story in stories:
        item = page.item("article", story["title"], None)
        for i, p in enumerate(story["paragraphs"]):
            if page.lines:
                page.lines.append("")
            for line in wrap(p, measure, indent=False):
                page.lines.append(line)
                page.items[item]["lines"].append(str(len(page.lines)))
        page.add(story["title"], item)
        if story["subtitle"] and rng.random() < 0.6:
            page.add(story["subtitle"], item)
            page.items[item]["subtitle"] = story["subtitle"]
        if story["byline"] and rng.random() < 0.5:
            page.add(story["byline"], item)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus")
    ap.add_argument("out")
    ap.add_argument("--pages", type=int, default=60)
    ap.add_argument("--seed", type=int, default=1998)
    ap.add_argument("--interleave", choices=["varied", "dense"], default="varied",
                    help="how long the extraction reads one column: varied page by page (default), or "
                         "dense: always after 1-2 fragments (the generator's only habit before session 10)")
    args = ap.parse_args()
    global DENSE
    DENSE = args.interleave == "dense"
    rng = random.Random(args.seed)
    by_page = defaultdict(list)
    for line in open(args.corpus, encoding="utf-8"):
        a = json.loads(line)
        # Compilations (a column of several dateline-led briefs, 东亚经济传真) hold several
        # stories under one record: the gold could not say how they should split.
        datelines = sum(1 for p in a["text"].split("\n")
                        if re.match(r"(据)?(本报|新华社|中新社)[^，。]{0,14}(电|讯)", unicodedata.normalize("NFKC", p)))
        if 150 <= len(a["text"]) <= 2500 and datelines <= 1:
            by_page[(a["date"], a.get("page"))].append(a)
    groups = [g for g in by_page.values() if len(g) >= 3]
    groups.sort(key=lambda g: g[0]["id"])
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    gold = {"about": "Generated by scripts/bench/make_layouts.py from People's Daily articles.", "issues": []}
    for n in range(args.pages):
        stories: list[dict] = []
        while len(stories) < 2:
            group = rng.choice(groups)
            stories = [story_parts(a, rng) for a in rng.sample(group, min(len(group), rng.randint(3, 6)))]
            stories = [s for s in stories if sum(len(p) for p in s["paragraphs"]) >= 60]
        layout = ["long", "markdown", "narrow"][n % 3]
        nfkc = rng.random() < 0.7
        page = Page()
        if layout == "long":
            layout_long(page, stories, rng, 9000 + n, front=rng.random() < 0.5)
        elif layout == "markdown":
            layout_markdown(page, stories, rng)
        else:
            layout_narrow(page, stories, rng)
        text = "\n".join(page.lines) + "\n"
        if nfkc:
            text = unicodedata.normalize("NFKC", text)
        path = out / f"{n:03d}_{layout}.txt"
        path.write_text(text, encoding="utf-8")
        gold["issues"].append({"file": str(path.resolve()), "layout": layout, "date": None, "date_source": "any",
                               "items": [i for i in page.items if i["lines"]]})
    (out / "gold.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
