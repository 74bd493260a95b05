"""Scores opinion-map results against the true groups: the adjusted Rand index over the
participants both place in a group, and seconds.

    score.py TRUTH NAME=RESULT.json@SECONDS ...

TRUTH is a Pol.is participants-votes.csv (its group-id column: the groups Pol.is made) or a
planted.csv (participant,group) from agora-opinion's synthetic-csv example.
"""
import csv
import json
import sys

from sklearn.metrics import adjusted_rand_score


def truth(path):
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        key = "group-id" if "group-id" in reader.fieldnames else "group"
        return {int(r["participant"]): int(r[key]) for r in reader if r[key].strip() != ""}


def main():
    true = truth(sys.argv[1])
    for arg in sys.argv[2:]:
        name, rest = arg.split("=", 1)
        path, _, seconds = rest.partition("@")
        with open(path, encoding="utf-8") as f:
            result = json.load(f)
        ours = {p: g["id"] for g in result["groups"] for p in g["members"]}
        both = sorted(set(ours) & set(true))
        ari = adjusted_rand_score([true[p] for p in both], [ours[p] for p in both])
        inner = result.get("seconds")
        inner = f" (pipeline {inner:.3f} s)" if inner is not None else ""
        print(f"{name}: groups {len(result['groups'])}, scored {len(both)}, ARI {ari:.3f}, "
              f"wall {seconds} s{inner}")


if __name__ == "__main__":
    main()
