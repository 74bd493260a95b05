"""red-dwarf's Pol.is pipeline on a Pol.is export, written as the groups agora opinion writes.

    reference.py --comments comments.csv --votes votes.csv --out result.json

--votes takes a votes.csv (latest vote per participant and comment counts) or a
participants-votes.csv matrix, as agora opinion does. The JSON has "groups" (id, members) and
"seconds" (the pipeline alone, after the files are read).
"""
import argparse
import csv
import json
import time

from reddwarf.implementations.polis import run_pipeline


def read_votes(path):
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        if "participant" in header:
            pid = header.index("participant")
            columns = [(i, int(h)) for i, h in enumerate(header) if h.strip().lstrip("-").isdigit()]
            for row in reader:
                for i, tid in columns:
                    if i < len(row) and row[i] != "":
                        yield {"participant_id": int(row[pid]), "statement_id": tid,
                               "vote": int(row[i]), "modified": 0}
        else:
            at, tid, pid, vote = (header.index(c) for c in ("timestamp", "comment-id", "voter-id", "vote"))
            for row in reader:
                yield {"participant_id": int(row[pid]), "statement_id": int(row[tid]),
                       "vote": int(row[vote]), "modified": int(row[at])}


def read_excluded(path):
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        out, meta = [], []
        for row in reader:
            if row.get("moderated", "").strip() == "-1":
                out.append(int(row["comment-id"]))
            if row.get("is-meta", "").strip().lower() in ("1", "true"):
                meta.append(int(row["comment-id"]))
        return out, meta


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--comments", required=True)
    parser.add_argument("--votes", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    votes = list(read_votes(args.votes))
    mod_out, meta = read_excluded(args.comments)
    start = time.perf_counter()
    result = run_pipeline(votes=votes, mod_out_statement_ids=mod_out + meta,
                          meta_statement_ids=meta, random_state=args.seed)
    seconds = time.perf_counter() - start
    labels = result.participants_df["cluster_id"]
    groups = {}
    for pid, label in labels.items():
        if label is not None and str(label) != "<NA>":
            groups.setdefault(int(label), []).append(int(pid))
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump({"groups": [{"id": g, "members": sorted(m)} for g, m in sorted(groups.items())],
                   "participants": int(len(labels)), "seconds": seconds}, f)


if __name__ == "__main__":
    main()
