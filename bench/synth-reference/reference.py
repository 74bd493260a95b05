"""The Python reference for `agora synth` (issue 4): what people build for this today.

Campaigns: datasketch MinHash (128 permutations) over word 3-gram shingles, MinHashLSH at a
Jaccard threshold of 0.5, and union-find over each LSH bucket (each member joined to the
bucket's first when their estimated Jaccard reaches the threshold), as text-dedup does. Themes: per question, TF-IDF over the distinct texts (one per campaign,
every other answer) and scikit-learn's MiniBatchKMeans; k is --themes K when given, else the k
in 2..12 with the best silhouette on a sample (the labels are never read). Quotes: LexRank
(cosine graph of the sentences' TF-IDF vectors, threshold 0.1, power iteration) over a
theme's sentences, the top five quoted verbatim with the answer each comes from.

Writes the JSON shape of `agora synth` (documents, distinct, campaigns, themes) plus the seconds
each stage took under "timing".
"""

import argparse
import csv
import json
import re
import sys
import time
from collections import defaultdict

import numpy as np
from datasketch import MinHash, MinHashLSH
from sklearn.cluster import MiniBatchKMeans
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import silhouette_score

NUM_PERM = 128
THRESHOLD = 0.5
QUOTES = 5
# LexRank over at most this many sentences per theme (the graph is quadratic).
LEXRANK_SENTENCES = 2000
WORD = re.compile(r"\w+")
SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s+|(?<=[。！？])|\n+")


def read(path, id_column, text_column, question_column, group_column):
    csv.field_size_limit(sys.maxsize)
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    if rows:
        for column in (id_column, text_column):
            if column not in rows[0]:
                sys.exit(f"{path}: no column {column!r} (columns: {', '.join(rows[0])})")
    return [
        {
            "id": r[id_column],
            "text": r[text_column],
            "question": r.get(question_column, ""),
            "group": r.get(group_column, ""),
        }
        for r in rows
    ]


def shingles(text):
    words = WORD.findall(text.lower())
    if len(words) < 3:
        return {" ".join(words)} if words else {""}
    return {" ".join(words[i : i + 3]) for i in range(len(words) - 2)}


def campaigns(answers, seed):
    """Groups of two answers or more whose MinHash Jaccard reaches THRESHOLD, by union-find."""
    sets = [[s.encode("utf-8") for s in shingles(a["text"])] for a in answers]
    hashes = MinHash.bulk(sets, num_perm=NUM_PERM, seed=seed)
    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    with lsh.insertion_session() as session:
        for i, m in enumerate(hashes):
            session.insert(i, m)
    parent = list(range(len(answers)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # Union within each LSH bucket (as text-dedup does), each member checked against the
    # bucket's first by estimated Jaccard: linear in the buckets' sizes, where querying every
    # answer would be quadratic in a campaign's size.
    for table in lsh.hashtables:
        for key in table.keys():
            bucket = sorted(table.get(key))
            first = bucket[0]
            for j in bucket[1:]:
                if (
                    answers[first]["question"] == answers[j]["question"]
                    and find(first) != find(j)
                    and hashes[first].jaccard(hashes[j]) >= THRESHOLD
                ):
                    parent[find(j)] = find(first)
    groups = defaultdict(list)
    for i in range(len(answers)):
        groups[find(i)].append(i)
    found = sorted((g for g in groups.values() if len(g) >= 2), key=lambda g: (-len(g), g[0]))
    return found


def choose_k(matrix, seed, low=2, high=12):
    sample = min(matrix.shape[0], 5000)
    best = (-2.0, low)
    for k in range(low, min(high, matrix.shape[0] - 1) + 1):
        labels = MiniBatchKMeans(n_clusters=k, random_state=seed, n_init=3, batch_size=4096).fit_predict(matrix)
        if len(set(labels)) < 2:
            continue
        score = silhouette_score(matrix, labels, sample_size=sample, random_state=seed)
        best = max(best, (score, k))
    return best[1]


def themes(answers, found, themes_k, seed):
    """Per question: k-means over the distinct texts; campaign members take their campaign's theme."""
    representative = list(range(len(answers)))
    for group in found:
        for i in group:
            representative[i] = group[0]
    by_question = defaultdict(list)
    for i, a in enumerate(answers):
        if representative[i] == i:
            by_question[a["question"]].append(i)
    label = [None] * len(answers)
    out = []
    for question, distinct in by_question.items():
        texts = [answers[i]["text"] for i in distinct]
        vectorizer = TfidfVectorizer(sublinear_tf=True, min_df=2, max_df=0.5, token_pattern=r"(?u)\b\w\w+\b")
        try:
            matrix = vectorizer.fit_transform(texts)
        except ValueError:  # too few texts or words
            matrix = None
        if matrix is None or matrix.shape[0] < 3:
            assignments = np.zeros(len(distinct), dtype=int)
            terms = np.array([])
            centres = None
        else:
            k = themes_k or choose_k(matrix, seed)
            k = max(1, min(k, matrix.shape[0]))
            model = MiniBatchKMeans(n_clusters=k, random_state=seed, n_init=3, batch_size=4096).fit(matrix)
            assignments = model.labels_
            terms = vectorizer.get_feature_names_out()
            centres = model.cluster_centers_
        base = len(out)
        for c in sorted(set(assignments.tolist())):
            keyphrases = [] if centres is None else [terms[t] for t in np.argsort(-centres[c])[:5]]
            out.append({"id": f"t{base + c + 1}", "question": question, "label": ", ".join(keyphrases),
                        "keyphrases": keyphrases, "members": [], "distinct_members": []})
        for i, c in zip(distinct, assignments.tolist()):
            label[i] = base + c
            out[base + c]["distinct_members"].append(i)
    for i in range(len(answers)):
        t = label[representative[i]]
        out[t]["members"].append(i)
    out = [t for t in out if t["members"]]
    for n, t in enumerate(out):
        t["id"] = f"t{n + 1}"
    return out


def lexrank(sentences, threshold=0.1, damping=0.85, iterations=50):
    """Centrality of each sentence in the cosine-similarity graph (Erkan and Radev, 2004)."""
    matrix = TfidfVectorizer(token_pattern=r"(?u)\b\w+\b").fit_transform(sentences)
    similarity = (matrix @ matrix.T).toarray()
    graph = (similarity >= threshold).astype(float)
    degree = graph.sum(axis=1, keepdims=True)
    transition = graph / np.maximum(degree, 1.0)
    n = len(sentences)
    scores = np.full(n, 1.0 / n)
    for _ in range(iterations):
        scores = (1 - damping) / n + damping * transition.T @ scores
    return scores


def quotes(answers, theme, seed):
    rng = np.random.default_rng(seed)
    sentences, owners = [], []
    for i in theme["distinct_members"]:
        for s in SENTENCE_END.split(answers[i]["text"]):
            s = s.strip()
            if len(s) >= 20:
                sentences.append(s)
                owners.append(i)
    if not sentences:
        return []
    if len(sentences) > LEXRANK_SENTENCES:
        keep = np.sort(rng.choice(len(sentences), LEXRANK_SENTENCES, replace=False))
        sentences = [sentences[k] for k in keep]
        owners = [owners[k] for k in keep]
    try:
        scores = lexrank(sentences)
    except ValueError:
        return []
    chosen, seen = [], set()
    for k in np.argsort(-scores, kind="stable"):
        if sentences[k] in seen:
            continue
        seen.add(sentences[k])
        chosen.append({"submission": answers[owners[k]]["id"], "text": sentences[k]})
        if len(chosen) == QUOTES:
            break
    return chosen


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("csv")
    p.add_argument("--out", required=True)
    p.add_argument("--themes", type=int, default=None, help="themes per question (default: by silhouette)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--id-column", default="id")
    p.add_argument("--text-column", default="text")
    p.add_argument("--question-column", default="question")
    p.add_argument("--group-column", default="stakeholder_group")
    args = p.parse_args()

    timing = {}
    start = time.perf_counter()
    answers = read(args.csv, args.id_column, args.text_column, args.question_column, args.group_column)
    timing["reading"] = time.perf_counter() - start

    t = time.perf_counter()
    found = campaigns(answers, args.seed)
    timing["campaigns"] = time.perf_counter() - t

    t = time.perf_counter()
    theme_list = themes(answers, found, args.themes, args.seed)
    timing["themes"] = time.perf_counter() - t

    t = time.perf_counter()
    for theme in theme_list:
        theme["quotes"] = quotes(answers, theme, args.seed)
    timing["quotes"] = time.perf_counter() - t
    timing["total"] = time.perf_counter() - start

    in_campaigns = sum(len(g) for g in found)
    result = {
        "documents": len(answers),
        "distinct": len(answers) - in_campaigns + len(found),
        "campaigns": [
            {"id": f"c{n + 1}", "size": len(g), "template": answers[g[0]]["text"],
             "members": [answers[i]["id"] for i in g]}
            for n, g in enumerate(found)
        ],
        "themes": [
            {"id": th["id"], "question": th["question"], "label": th["label"], "keyphrases": th["keyphrases"],
             "weight": len(th["members"]), "members": [answers[i]["id"] for i in th["members"]],
             "by_group": dict(sorted(_count(answers[i]["group"] for i in th["members"]).items())),
             "quotes": th["quotes"]}
            for th in theme_list
        ],
        "timing": timing,
    }
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(result, f, ensure_ascii=False)
    print(" ".join(f"{k} {v:.1f}s" for k, v in timing.items()), file=sys.stderr)


def _count(values):
    counts = defaultdict(int)
    for v in values:
        counts[v] += 1
    return counts


if __name__ == "__main__":
    main()
