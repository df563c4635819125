#!/usr/bin/env python3
"""eval_ref_nbme.py TRAIN_CSV SUBMISSION_CSV — NBME character-level micro F1 in plain
Python (pure lists instead of numpy/sklearn; written for bench/eval.sh)."""
import ast, csv, sys

pred = {row["id"]: row["location"] for row in csv.DictReader(open(sys.argv[2], encoding="utf-8"))}
tp = fp = fn = rows = 0
for row in csv.DictReader(open(sys.argv[1], encoding="utf-8")):
    rows += 1
    locs = ast.literal_eval(row["location"])
    truth = [list(map(int, s.split())) for s in ";".join(locs).split(";")] if locs else []
    p = pred.get(row["id"], "")
    spans = [list(map(int, s.split())) for s in p.split(";")] if p else []
    if not truth and not spans:
        continue
    n = max([x for s in truth + spans for x in s] + [0])
    t, s = [0] * n, [0] * n
    for a, b in truth:
        t[a:b] = [1] * len(t[a:b])
    for a, b in spans:
        s[a:b] = [1] * len(s[a:b])
    for x, y in zip(t, s):
        tp += x and y; fp += y and not x; fn += x and not y
P = tp / (tp + fp) if tp + fp else 0.0
R = tp / (tp + fn) if tp + fn else 0.0
print("rows = %d\nspan_micro_f1 = %r" % (rows, 2 * P * R / (P + R) if P + R else 0.0))
