#!/usr/bin/env python3
"""eval_ref_cmeie.py GOLD SYSTEM — CMeIE triple P/R/F1 (no alias file) in plain Python,
written for bench/eval.sh."""
import json, sys

def load(path):
    d = {}
    for line in open(path, encoding="utf-8"):
        j = json.loads(line)
        norm = lambda s: s[1:-1] if s.startswith("《") and s.endswith("》") else s
        d[j["text"]] = [(norm(t["subject"].lower()), t["predicate"], norm(t["object"]["@value"].lower()))
                        for t in j["spo_list"]]
    return d

gold, pred = load(sys.argv[1]), load(sys.argv[2])
correct = predicted = golden = rc = 0
for text, g in gold.items():
    p = pred.get(text, [])
    dedup = list(dict.fromkeys(p))
    predicted += len(dedup); golden += len(g)
    correct += sum(t in g for t in dedup)
    rc += sum(t in p for t in g)
P = correct / predicted if predicted else 0.0
R = rc / golden if golden else 0.0
print(["all", correct, predicted, golden, rc, round(P, 4), round(R, 4), round(2 * P * R / (P + R) if P + R else 0, 4)])
