"""The peers Zhuti is measured against: scikit-learn and gensim LSA.

One task per invocation, so the caller can measure each in its own process
(wall time and peak RSS of the whole process, as a user running it pays).
Each task prints exactly one JSON object on its last stdout line.

Input text: the JSONL `text` field, folded with Unicode NFKC (full-width
letters, digits and punctuation become their ASCII forms, as Zhuti's
normalised text does) unless --text raw is given. scikit-learn lowercases by
default; the gensim path lowercases too and collapses whitespace runs to one
space exactly as scikit-learn's `analyzer='char'` does, so both see the same
character n-grams. Loading and normalising the JSONL are not timed (Zhuti's
build likewise starts from an already ingested library); `fit_seconds` covers
vectorising + SVD + the document vectors.

Tasks:
  build-sklearn   --corpus F [--dims 200]
  build-gensim    --corpus F [--dims 200]
  related-sklearn --corpus F [--dims 200] [--k 10] [--analyzer char|zhuti-rule]
                                                     precision@k if labelled, all-kNN time
  themes-sklearn  --corpus F [--dims 200] [--clusters 9]  NMI / ARI against the labels
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import time
import unicodedata


def load(path: str, mode: str) -> tuple[list[str], list[str], list[str | None]]:
    ids, texts, labels = [], [], []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as e:
                sys.exit(f"{path}:{n}: malformed JSON: {e}")
            text = row.get("text") or ""
            if mode == "nfkc":
                text = unicodedata.normalize("NFKC", text)
            ids.append(str(row.get("id", n)))
            texts.append(text)
            labels.append(row.get("label"))
    return ids, texts, labels


def zhuti_rule_ngrams(text: str) -> list[str]:
    """Zhuti's tokenisation rule (issue 3), for a reference row: 1-3-grams of units inside
    runs between punctuation, symbols, spaces and line breaks; a run of Latin letters or
    digits is one unit; lowercased like scikit-learn's own analyzer."""
    runs: list[list[str]] = []
    run: list[str] = []
    latin = ""
    for ch in text.lower():
        if unicodedata.category(ch)[0] in "PSZC" or ch.isspace():
            if latin:
                run.append(latin)
                latin = ""
            if run:
                runs.append(run)
                run = []
        elif ch.isascii() and ch.isalnum():
            latin += ch
        else:
            if latin:
                run.append(latin)
                latin = ""
            run.append(ch)
    if latin:
        run.append(latin)
    if run:
        runs.append(run)
    grams = []
    for units in runs:
        for n in (1, 2, 3):
            grams.extend("\x1f".join(units[i:i + n]) for i in range(len(units) - n + 1))
    return grams


def sklearn_lsa(texts: list[str], dims: int, analyzer: str = "char"):
    """TfidfVectorizer(char 1-3, sublinear tf, min_df 2, float32) + TruncatedSVD(dims); with
    analyzer "zhuti-rule" the n-grams follow Zhuti's tokenisation rule instead.
    Returns (doc vectors, timings, vocabulary size)."""
    import numpy as np
    from sklearn.decomposition import TruncatedSVD
    from sklearn.feature_extraction.text import TfidfVectorizer

    t0 = time.perf_counter()
    if analyzer == "zhuti-rule":
        vec = TfidfVectorizer(analyzer=zhuti_rule_ngrams, sublinear_tf=True, min_df=2, dtype=np.float32)
    else:
        vec = TfidfVectorizer(analyzer="char", ngram_range=(1, 3), sublinear_tf=True, min_df=2, dtype=np.float32)
    X = vec.fit_transform(texts)
    t1 = time.perf_counter()
    svd = TruncatedSVD(n_components=dims, random_state=0)
    Z = svd.fit_transform(X)
    t2 = time.perf_counter()
    return Z, {"vectorize_seconds": t1 - t0, "svd_seconds": t2 - t1, "fit_seconds": t2 - t0}, X.shape[1]


_WHITE = re.compile(r"\s\s+")


class CharNgramCorpus:
    """Streams each document's character 1-3 grams (scikit-learn's 'char'
    analyzer: lowercase, whitespace runs -> one space, n-grams across
    everything), re-generated on every pass as gensim's streamed corpora are."""

    def __init__(self, texts: list[str]):
        self.texts = texts

    @staticmethod
    def grams(text: str) -> list[str]:
        t = _WHITE.sub(" ", text.lower())
        out = []
        for n in (1, 2, 3):
            out.extend(t[i:i + n] for i in range(len(t) - n + 1))
        return out

    def __iter__(self):
        for t in self.texts:
            yield self.grams(t)

    def __len__(self):
        return len(self.texts)


class BowCorpus:
    def __init__(self, grams: CharNgramCorpus, dictionary):
        self.grams, self.dictionary = grams, dictionary

    def __iter__(self):
        for g in self.grams:
            yield self.dictionary.doc2bow(g)

    def __len__(self):
        return len(self.grams)


def gensim_lsa(texts: list[str], dims: int):
    import numpy as np
    from gensim import matutils
    from gensim.corpora import Dictionary
    from gensim.models import LsiModel, TfidfModel

    t0 = time.perf_counter()
    grams = CharNgramCorpus(texts)
    # prune_at=None: the default (2,000,000) would silently drop n-grams
    # mid-scan and break min_df semantics on Sogou's vocabulary.
    dictionary = Dictionary(grams, prune_at=None)
    raw_terms = len(dictionary)
    dictionary.filter_extremes(no_below=2, no_above=1.0, keep_n=None)
    t1 = time.perf_counter()
    # Same weighting as scikit-learn: sublinear tf (1 + ln tf), smoothed idf
    # ln((1 + N) / (1 + df)) + 1, L2-normalised rows.
    tfidf = TfidfModel(dictionary=dictionary,
                       wlocal=lambda tf: 1.0 + np.log(tf),
                       wglobal=lambda df, n: math.log((1.0 + n) / (1.0 + df)) + 1.0,
                       normalize=True)
    bows = BowCorpus(grams, dictionary)
    # float32 like scikit-learn's and Zhuti's matrices; seeded for repeatability.
    lsi = LsiModel(tfidf[bows], id2word=dictionary, num_topics=dims, dtype=np.float32, random_seed=0)
    t2 = time.perf_counter()
    Z = matutils.corpus2dense(lsi[tfidf[bows]], num_terms=dims, num_docs=len(texts)).T
    t3 = time.perf_counter()
    return Z, {"dictionary_seconds": t1 - t0, "lsi_seconds": t2 - t1, "docvec_seconds": t3 - t2,
               "fit_seconds": t3 - t0, "raw_terms": raw_terms}, len(dictionary)


def all_knn(Z, k: int, block: int = 2048):
    """Exact cosine k nearest neighbours of every row, itself excluded,
    ties broken by row index (brute force, blocks of queries)."""
    import numpy as np
    from sklearn.preprocessing import normalize

    U = normalize(Z.astype(np.float32, copy=False))
    n = U.shape[0]
    out = np.empty((n, k), dtype=np.int64)
    for s in range(0, n, block):
        e = min(n, s + block)
        sims = U[s:e] @ U.T
        sims[np.arange(e - s), np.arange(s, e)] = -np.inf
        part = np.argpartition(-sims, k, axis=1)[:, :k]
        for r in range(e - s):
            cand = part[r]
            order = np.lexsort((cand, -sims[r, cand]))
            out[s + r] = cand[order]
    return out


def precision_at_k(neighbours, labels: list) -> float:
    hits = total = 0
    for q, row in enumerate(neighbours):
        for j in row:
            hits += labels[j] == labels[q]
            total += 1
    return hits / total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("task", choices=["build-sklearn", "build-gensim", "related-sklearn", "themes-sklearn"])
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--dims", type=int, default=200)
    ap.add_argument("--k", type=int, default=10)
    ap.add_argument("--clusters", type=int, default=9)
    ap.add_argument("--text", choices=["nfkc", "raw"], default="nfkc")
    ap.add_argument("--analyzer", choices=["char", "zhuti-rule"], default="char",
                    help="scikit-learn's char analyzer (the peer), or Zhuti's tokenisation rule (a reference)")
    a = ap.parse_args()

    ids, texts, labels = load(a.corpus, a.text)
    res: dict = {"task": a.task, "docs": len(texts), "chars": sum(map(len, texts)), "text": a.text}

    if a.task == "build-gensim":
        Z, t, terms = gensim_lsa(texts, a.dims)
    else:
        Z, t, terms = sklearn_lsa(texts, a.dims, a.analyzer)
    res.update(t)
    res["terms"] = terms
    res["dims"] = int(Z.shape[1])

    if a.task == "related-sklearn":
        t0 = time.perf_counter()
        nb = all_knn(Z, a.k)
        res["all_knn_seconds"] = time.perf_counter() - t0
        if all(l is not None for l in labels):
            res["precision_at_k"] = precision_at_k(nb, labels)
            res["k"] = a.k
    elif a.task == "themes-sklearn":
        from sklearn.cluster import KMeans
        from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score
        from sklearn.preprocessing import Normalizer

        if any(l is None for l in labels):
            sys.exit(f"{a.corpus}: themes-sklearn needs a label on every article")
        t0 = time.perf_counter()
        U = Normalizer(copy=False).fit_transform(Z)
        assign = KMeans(n_clusters=a.clusters, n_init=10, random_state=0).fit_predict(U)
        res["kmeans_seconds"] = time.perf_counter() - t0
        res["nmi"] = normalized_mutual_info_score(labels, assign)
        res["ari"] = adjusted_rand_score(labels, assign)
        res["clusters"] = a.clusters
    print(json.dumps(res), flush=True)


if __name__ == "__main__":
    main()
