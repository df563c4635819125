#!/usr/bin/env python3
"""eval_ref_conll.py GOLD SYSTEM — the conlleval chunk P/R/F1 computation in plain
Python (written for bench/eval.sh, not the official script): the reference that
clinkit's `eval conll` is timed against."""
import sys
from collections import Counter

def end_of(pt, t, ptype, typ):
    return ((pt, t) in {("B", "B"), ("B", "O"), ("I", "B"), ("I", "O"), ("E", "E"), ("E", "I"), ("E", "O")}
            or (pt not in ("O", ".") and ptype != typ) or pt in ("[", "]"))

def start_of(pt, t, ptype, typ):
    return ((pt, t) in {("B", "B"), ("I", "B"), ("O", "B"), ("O", "I"), ("E", "E"), ("E", "I"), ("O", "E")}
            or (t not in ("O", ".") and ptype != typ) or t in ("[", "]"))

def split(tag):
    p, _, t = tag.partition("-")
    return p, t

fc, fg, cc = Counter(), Counter(), Counter()
lc, lct, lg, lgt, inc, tokens, ok = "O", "", "O", "", False, 0, 0
for gl, sl in zip(open(sys.argv[1], encoding="utf-8"), open(sys.argv[2], encoding="utf-8")):
    f = (gl.rstrip("\n") + " " + sl.rstrip("\n")).split(" ")
    while f and not f[-1]:
        f.pop()
    boundary = not f or f[0] == "-X-"
    if boundary:
        f = ["-X-", "O", "O"]
    c, ct = split(f[-2]); g, gt = split(f[-1])
    if boundary:
        g = "O"
    ec, eg = end_of(lc, c, lct, ct), end_of(lg, g, lgt, gt)
    sc, sg = start_of(lc, c, lct, ct), start_of(lg, g, lgt, gt)
    if inc:
        if ec and eg and lgt == lct:
            inc = False; cc[lct] += 1
        elif ec != eg or gt != ct:
            inc = False
    if sc and sg and gt == ct:
        inc = True
    if sc: fc[ct] += 1
    if sg: fg[gt] += 1
    if not boundary:
        ok += (c == g and gt == ct); tokens += 1
    lc, lct, lg, lgt = c, ct, g, gt
if inc:
    cc[lct] += 1
C, G, F = sum(cc.values()), sum(fc.values()), sum(fg.values())
p = 100 * C / F if F else 0; r = 100 * C / G if G else 0
print("processed %d tokens; precision %.2f recall %.2f FB1 %.2f" % (tokens, p, r, 2 * p * r / (p + r) if p + r else 0))
