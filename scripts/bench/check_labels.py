"""Are theme and topic labels whole terms? An outside segmenter (jieba) judges.

Usage: check_labels.py ZHUTI HOME NAME [--min-share 0.9] [--topics]

Reads `zhuti themes --format json` (and `zhuti topics --format json` with --topics) of the
library in HOME and the articles' texts (`zhuti articles --format jsonl`). A label phrase
(each part of a label joined with "·") is a whole term when
  1. it is 2-10 Han characters;
  2. in the articles, jieba's segmentation (search mode: its words and the dictionary words
     inside them) of the text around it starts a word where the phrase starts and ends one
     where it ends, in at least half of its occurrences (up to 20 looked at): it is not cut
     from inside words (项目建, 力推进);
  3. jieba's part-of-speech tags of the phrase show no adverb (d), pronoun (r) or particle
     (u*) anywhere, and no conjunction (c), adjective (a), numeral (m) or particle at the
     end: it is not a clause (会议还研究了其他事项) or a dangling fragment (重要论述和). A final
     年 after words is a campaign year (干部素质提升年), not a numeral.
Prints every phrase that fails and why, the share of whole terms, and exits 1 when the
share is below --min-share. jieba is used here only, never in the product.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys

import jieba
import jieba.posseg as posseg

jieba.setLogLevel(60)

HAN = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+$")
CLAUSE_TAGS = ("d", "r", "u")
DANGLING_END = ("c", "a", "m", "u")


def run_json(zhuti: str, home: str, *args: str) -> str:
    result = subprocess.run([zhuti, *args, "--home", home], capture_output=True, text=True, check=True)
    return result.stdout


def boundaries(text: str) -> tuple[set[int], set[int]]:
    """Where jieba's words start and end, in search mode: the words of its default cut
    and the dictionary words inside them (亿美元 also yields 美元), so a phrase is judged
    by word edges, not by the granularity of jieba's dictionary."""
    starts, ends = set(), set()
    for _word, start, end in jieba.tokenize(text, mode="search"):
        starts.add(start)
        ends.add(end)
    return starts, ends


def verdict(phrase: str, texts: list[str]) -> str | None:
    """None for a whole term, else the reason it is not one."""
    if not (2 <= len(phrase) <= 10) or not HAN.match(phrase):
        return "not 2-10 Han characters"
    looked = aligned = 0
    for text in texts:
        for match in re.finditer(re.escape(phrase), text):
            # The clause around the occurrence, as jieba would see it in the article.
            start = max(0, match.start() - 30)
            end = min(len(text), match.end() + 30)
            window = text[start:end]
            starts, ends = boundaries(window)
            looked += 1
            if match.start() - start in starts and match.end() - start in ends:
                aligned += 1
            if looked == 20:
                break
        if looked == 20:
            break
    if looked == 0:
        return "not found verbatim in the articles"
    if 2 * aligned < looked:
        return f"cut from inside words ({looked - aligned} of {looked} occurrences)"
    tags = [(pair.word, pair.flag) for pair in posseg.cut(phrase)]
    inside = [f"{word}/{flag}" for word, flag in tags if flag.startswith(CLAUSE_TAGS)]
    if inside:
        return "a clause: " + " ".join(inside)
    word, flag = tags[-1]
    # A campaign year (干部素质提升年, 作风建设年): jieba tags the final 年 as a numeral, but
    # after words it names the year-long campaign, it does not count anything.
    if word == "年" and len(tags) >= 2 and not tags[-2][1].startswith("m"):
        return None
    # Dangling: something hangs off the end of a phrase of words (重要论述和, 会议第一次);
    # a one-word label (贫困/a) is a word, not a fragment.
    if len(tags) >= 2 and flag.startswith(DANGLING_END) and not flag.startswith(("ad", "an")):
        return f"dangling end: {word}/{flag}"
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("zhuti")
    parser.add_argument("home")
    parser.add_argument("name", help="what the library is, for the report")
    parser.add_argument("--min-share", type=float, default=0.9)
    parser.add_argument("--topics", action="store_true", help="also judge `zhuti topics` (reported, not asserted)")
    args = parser.parse_args()

    articles = [json.loads(line) for line in run_json(args.zhuti, args.home, "articles", "--format", "jsonl").splitlines() if line.strip()]
    texts = [(a.get("title") or "") + "\n" + (a.get("text") or "") for a in articles]
    report = json.loads(run_json(args.zhuti, args.home, "themes", "--format", "json", "--quiet"))
    phrases = [part for theme in report["themes"] for part in theme["label"].split("·") if part]
    failures = [(phrase, reason) for phrase in phrases if (reason := verdict(phrase, texts))]
    share = 1 - len(failures) / len(phrases) if phrases else 0.0
    for phrase, reason in failures:
        print(f"  {args.name}: {phrase}: {reason}")
    print(f"{args.name}: {len(phrases) - len(failures)} of {len(phrases)} theme label phrases are whole terms "
          f"({share:.1%}; {len(report['themes'])} themes)")
    ok = bool(phrases) and share >= args.min_share
    if args.topics:
        # The first 20 dimensions' terms (what a reader looks at), both ends.
        topics = json.loads(run_json(args.zhuti, args.home, "topics", "--format", "json", "--limit", "20"))
        words = [term for topic in topics for side in ("positive", "negative") for term in topic[side]]
        bad = [(w, r) for w in words if (r := verdict(w, texts))]
        topic_share = 1 - len(bad) / len(words) if words else 0.0
        for word, reason in bad[:15]:
            print(f"  {args.name} topics: {word}: {reason}")
        print(f"{args.name}: {len(words) - len(bad)} of {len(words)} topic terms (20 dimensions) are whole terms "
              f"({topic_share:.1%})")
        ok = ok and bool(words) and topic_share >= args.min_share
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
