#!/usr/bin/env python3
"""eval_ref_n2c2_2018.py t1|t2 GOLD SYSTEM — the n2c2 2018 track 1 / track 2 scores
(micro/macro; track 2 strict and lenient with pare-down) in plain Python,
written for bench/eval.sh (a condensed re-implementation, not the organisers' code)."""
import os, sys
import xml.etree.ElementTree as ET

mode, gdir, sdir = sys.argv[1:4]
ext = ".xml" if mode == "t1" else ".ann"
files = sorted(set(f for f in os.listdir(gdir) if f.endswith(ext)) & set(f for f in os.listdir(sdir) if f.endswith(ext)))
prf = lambda tp, fp, fn: (tp / (tp + fp) if tp + fp else 0.0, tp / (tp + fn) if tp + fn else 0.0)
f1 = lambda p, r: 2 * p * r / (p + r) if p + r else 0.0

if mode == "t1":
    crit = lambda p: {t.tag.upper(): t.get("met", "").lower().strip() for t in ET.parse(p).getroot().find("TAGS")}
    docs = [(crit(os.path.join(gdir, f)), crit(os.path.join(sdir, f))) for f in files]
    names = sorted(docs[0][0])
    for value in ("met", "not met"):
        tot = [0, 0, 0, 0]
        for n in names:
            c = [0, 0, 0, 0]
            for g, s in docs:
                a, b = g.get(n) == value, s.get(n) == value
                c[(not a) * 2 + (not b)] += 1  # tp, fn, fp, tn
            tot = [x + y for x, y in zip(tot, c)]
        p, r = prf(tot[0], tot[2], tot[1])
        print(value, "micro P %.4f R %.4f F %.4f" % (p, r, f1(p, r)))
else:
    def ann(path):
        tags, rels = {}, {}
        lines = open(path, encoding="utf-8").read().splitlines()
        for l in lines:
            if l.startswith("T"):
                i, m, _ = l.strip().split("\t"); m = m.split(" ")
                tags[i] = (m[0], int(m[1]), int(m[-1]))
        for l in lines:
            if l.startswith("R"):
                i, m = l.strip().split("\t"); t, a1, a2 = m.split(" ")
                rels[i] = (t, tags[a1.split(":")[1]], tags[a2.split(":")[1]])
        return tags, rels
    def eq(g, s, lenient):
        if len(g) == 3 and isinstance(g[1], tuple):
            return g[0] == s[0] and eq(g[1], s[1], lenient) and eq(g[2], s[2], lenient)
        return g[0] == s[0] and ((g[2] > s[1] and g[1] < s[2]) if lenient else g[1:] == s[1:])
    docs = [(ann(os.path.join(gdir, f)), ann(os.path.join(sdir, f))) for f in files]
    for target in (0, 1):
        for lenient in (False, True):
            TP = FP = FN = 0
            for g, s in docs:
                G, S = list(g[target].values()), list(s[target].values())
                matched, keep = set(), [True] * len(S)
                for j, x in enumerate(S):
                    for i, y in enumerate(G):
                        if eq(y, x, lenient):
                            if i in matched: keep[j] = False
                            else: matched.add(i)
                tp = sum(1 for j, x in enumerate(S) if keep[j] and any(eq(y, x, lenient) for y in G))
                TP, FP, FN = TP + tp, FP + sum(keep) - tp, FN + len(G) - tp
            p, r = prf(TP, FP, FN)
            print(("entities", "relations")[target], "lenient" if lenient else "strict", "micro P %.4f R %.4f F %.4f" % (p, r, f1(p, r)))
