"""Scores synthesis JSON files (`agora synth`'s or the reference's) against a corpus written by
`agora gen consultation`, with the same metrics for both:

- campaigns: pairwise precision, recall and F1 against the `campaign` column (answers in no
  campaign are singletons), from contingency counts;
- themes: normalised mutual information (scikit-learn's, arithmetic mean) against the `theme`
  column; an answer in no theme counts as a theme of its own;
- quotes: the share whose text appears verbatim in the answer they cite.

    score.py CORPUS.csv NAME=RESULT.json[@SECONDS[@PEAK_KB]] ...

prints one Markdown row per result (and the speed of each against the last, when seconds are
given), then the scores as JSON on the last line.
"""

import csv
import json
import sys
from collections import Counter

from sklearn.metrics import normalized_mutual_info_score


def pairs(counts):
    return sum(n * (n - 1) // 2 for n in counts.values())


def pairwise(truth, predicted):
    both = Counter((t, p) for t, p in zip(truth, predicted) if t is not None and p is not None)
    common = pairs(both)
    truth_pairs = pairs(Counter(t for t in truth if t is not None))
    predicted_pairs = pairs(Counter(p for p in predicted if p is not None))
    precision = common / predicted_pairs if predicted_pairs else 1.0
    recall = common / truth_pairs if truth_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def score(rows, result):
    index = {r["id"]: n for n, r in enumerate(rows)}
    campaign = [None] * len(rows)
    for c in result["campaigns"]:
        for member in c["members"]:
            campaign[index[member]] = c["id"]
    theme = [f"none:{r['id']}" for r in rows]
    for t in result["themes"]:
        for member in t["members"]:
            theme[index[member]] = t["id"]
    precision, recall, f1 = pairwise([r["campaign"] or None for r in rows], campaign)
    nmi = normalized_mutual_info_score([r["theme"] for r in rows], theme)
    quotes = [q for t in result["themes"] for q in t.get("quotes", [])]
    verbatim = sum(1 for q in quotes if q["submission"] in index and q["text"] in rows[index[q["submission"]]]["text"])
    return {
        "campaign_precision": precision,
        "campaign_recall": recall,
        "campaign_f1": f1,
        "theme_nmi": nmi,
        "themes": len(result["themes"]),
        "quotes": len(quotes),
        "quotes_verbatim": verbatim / len(quotes) if quotes else 1.0,
    }


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    csv.field_size_limit(sys.maxsize)
    with open(sys.argv[1], newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    results = []
    for arg in sys.argv[2:]:
        name, _, rest = arg.partition("=")
        path, *measures = rest.split("@")
        with open(path, encoding="utf-8") as f:
            result = json.load(f)
        if result.get("documents") != len(rows):
            sys.exit(f"{path}: {result.get('documents')} documents, the corpus has {len(rows)}")
        s = score(rows, result)
        s["name"] = name
        if measures:
            s["seconds"] = float(measures[0])
        if len(measures) > 1:
            s["peak_mib"] = int(measures[1]) / 1024
        results.append(s)
    reference = results[-1].get("seconds")
    print("| Pipeline | Wall | Peak memory | Speed vs " + results[-1]["name"] + " | Campaign P / R / F1 | Theme NMI | Themes | Quotes verbatim |")
    print("|---|---|---|---|---|---|---|---|")
    for s in results:
        wall = f"{s['seconds']:.1f} s" if "seconds" in s else "–"
        peak = f"{s['peak_mib']:.0f} MiB" if "peak_mib" in s else "–"
        ratio = f"{reference / s['seconds']:.1f}×" if reference and s.get("seconds") else "–"
        print(
            f"| {s['name']} | {wall} | {peak} | {ratio} | {s['campaign_precision']:.3f} / {s['campaign_recall']:.3f} / "
            f"{s['campaign_f1']:.3f} | {s['theme_nmi']:.3f} | {s['themes']} | {100 * s['quotes_verbatim']:.1f}% of {s['quotes']} |"
        )
    print(json.dumps(results))


if __name__ == "__main__":
    main()
