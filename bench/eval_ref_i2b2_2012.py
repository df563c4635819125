#!/usr/bin/env python3
"""eval_ref_i2b2_2012.py GOLD SYSTEM [-exact|-partialCredit] — our plain-Python computation
of the i2b2 2012 evaluation as `clinkit eval i2b2-2012` reproduces it (docs/eval.md): EVENT and
TIMEX3 spans and attributes, TLINKs over a point-algebra time graph; prints the aggregated
scores. Written for bench/eval.sh (the official script cannot be shipped)."""
import os, re, sys

ATTR = re.compile(r'(\w+)="([^"]*)"')
PT = {"BEFORE": [("xe", "<", "ys")], "AFTER": [("ye", "<", "xs")], "IBEFORE": [("xe", "=", "ys")],
      "IAFTER": [("ye", "=", "xs")], "BEGINS": [("xs", "=", "ys"), ("xe", "<", "ye")],
      "BEGUN_BY": [("xs", "=", "ys"), ("ye", "<", "xe")], "ENDS": [("xe", "=", "ye"), ("ys", "<", "xs")],
      "ENDED_BY": [("xe", "=", "ye"), ("xs", "<", "ys")], "INCLUDES": [("xs", "<", "ys"), ("ye", "<", "xe")],
      "IS_INCLUDED": [("ys", "<", "xs"), ("xe", "<", "ye")]}
for k in ("SIMULTANEOUS", "IDENTITY", "DURING", "DURING_INV"):
    PT[k] = [("xs", "=", "ys"), ("xe", "=", "ye")]
INV = {"BEFORE": "AFTER", "AFTER": "BEFORE", "IBEFORE": "IAFTER", "IAFTER": "IBEFORE", "BEGINS": "BEGUN_BY",
       "BEGUN_BY": "BEGINS", "ENDS": "ENDED_BY", "ENDED_BY": "ENDS", "INCLUDES": "IS_INCLUDED",
       "IS_INCLUDED": "INCLUDES", "DURING": "DURING_INV", "DURING_INV": "DURING"}

def parse(path):
    ev, tx, tl = [], [], []
    for line in open(path, encoding="utf-8"):
        line = line.strip()
        for k, lst in (("<EVENT ", ev), ("<TIMEX3 ", tx), ("<TLINK ", tl)):
            if line.startswith(k):
                d = dict(ATTR.findall(line))
                if k != "<TLINK ":
                    d["s"], d["e"] = int(d["start"]), int(d["end"])
                lst.append(d)
    return ev, tx, tl

PUNCT = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
def toks(t):
    return [w for w in t.split() if not all(c in PUNCT for c in w)]

def credit(a, b, mode):
    ok = a["e"] >= b["s"] + 1 if a["s"] <= b["s"] else b["e"] > a["s"] + 1
    if not ok: return 0
    if mode == "overlap": return 1
    same = toks(a["text"]) == toks(b["text"])
    return 1 if same else (0 if mode == "exact" else 0.5)

def first(a, lst, mode):
    for i, b in enumerate(lst):
        c = credit(a, b, mode)
        if c: return i, c
    return None, 0

def dur(v):
    m = re.match(r"^R?P(T?)(\d+(?:\.\d+)?)([SHDWYM])$", v)
    if not m: return None
    t, x, u = m.group(1), float(m.group(2)), m.group(3)
    mult = {"S": 1, "H": 3600, "D": 86400, "W": 604800, "Y": 31536000}.get(u, 60 if t else 2592000)
    return x, x * mult, (u + t)

def val_eq(g, s):
    if g["val"] == s["val"]: return True
    if g["type"] not in ("DURATION", "FREQUENCY") or (g["val"][:1] == "R") != (s["val"][:1] == "R"): return False
    a, b = dur(g["val"]), dur(s["val"])
    if not a or not b: return False
    if a[1] == b[1]: return True
    return g["mod"] not in ("", "NA") and a[2] == b[2] and abs(a[0] - b[0]) <= 2

def spans(G, S, mode, attrs, acc):
    acc["g"] += len(G); acc["s"] += len(S)
    m = []
    for g in G:
        i, c = first(g, S, mode)
        m.append(i)
        if i is not None:
            acc["r"] += c
            for a in attrs:
                acc[a] += val_eq(g, S[i]) if a == "val" else g[a] == S[i][a]
    for s in S:
        acc["p"] += first(s, G, mode)[1]
    return m

class Graph:
    def __init__(self): self.adj, self.used = {}, set()
    def reach(self, a, b):
        seen, st, found = {(a, False)}, [(a, False)], a == b
        while st:
            n, strict = st.pop()
            for m, e in self.adj.get(n, ()):
                k = (m, strict or e)
                if m == b:
                    if k[1]: return 2
                    found = True
                if k not in seen: seen.add(k); st.append(k)
        return 1 if found else 0
    def holds(self, a, op, b):
        return self.reach(a, b) == 2 if op == "<" else a == b or (self.reach(a, b) == 1 and self.reach(b, a) == 1)
    def ok(self, a, op, b):
        return self.reach(b, a) == 0 if op == "<" else self.reach(a, b) != 2 and self.reach(b, a) != 2
    def use(self, x):
        if x not in self.used:
            self.used.add(x); self.adj.setdefault((x, 0), []).append(((x, 1), True))
    def pts(self, x, y, rel):
        m = {"xs": (x, 0), "xe": (x, 1), "ys": (y, 0), "ye": (y, 1)}
        return [(m[a], op, m[b]) for a, op, b in PT[rel]]
    def add(self, x, y, rel):
        self.use(x); self.use(y)
        rel = "SIMULTANEOUS" if rel == "BEFORE_SIMULTANEOUS" else rel
        if rel not in PT: return -2
        p = self.pts(x, y, rel)
        if all(self.holds(*q) for q in p): return 0
        if not all(self.ok(*q) for q in p): return -1
        for a, op, b in p:
            self.adj.setdefault(a, []).append((b, op == "<"))
            if op == "=": self.adj.setdefault(b, []).append((a, False))
        return 1
    def entails(self, x, y, rel):
        return rel in PT and x in self.used and y in self.used and all(self.holds(*q) for q in self.pts(x, y, rel))

def side(links):
    out, g = [], Graph()
    for x, y, r in links:
        r = r.replace("OVERLAP", "SIMULTANEOUS")
        if (x, y, r) not in out and g.add(x, y, r) != 0:
            out.append((x, y, r))
    return out, g

def verified(A, B, Bg):
    n = 0
    for x, y, r in A:
        ex = next(((u[2] if u[0] == x else INV.get(u[2], u[2])) for u in B
                   if (u[0], u[1]) in ((x, y), (y, x))), None)
        n += (x, y, r) in B or (ex is not None and r in ex) or Bg.entails(x, y, r)
    return n

def main():
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    mode = "exact" if "-exact" in sys.argv else "partialCredit" if "-partialCredit" in sys.argv else "overlap"
    E = dict.fromkeys("gsrp", 0); E.update(modality=0, polarity=0, type=0)
    T = dict.fromkeys("gsrp", 0); T.update(type=0, val=0, mod=0)
    L = dict.fromkeys("gsrp", 0)
    for f in sorted(x for x in os.listdir(args[0]) if x.endswith(".xml")):
        gev, gtx, gtl = parse(os.path.join(args[0], f))
        sev, stx, stl = parse(os.path.join(args[1], f))
        ge = spans(gev, sev, mode, ["modality", "polarity", "type"], E)
        gt = spans(gtx, stx, mode, ["type", "val", "mod"], T)
        se = [first(s, gev, mode)[0] for s in sev]
        st = [first(s, gtx, mode)[0] for s in stx]
        gid = {t["id"]: ("e", i) for i, t in enumerate(gev)}; gid.update({t["id"]: ("t", i) for i, t in enumerate(gtx)})
        sid = {t["id"]: ("e", i) for i, t in enumerate(sev)}; sid.update({t["id"]: ("t", i) for i, t in enumerate(stx)})
        gm = lambda k: k in gid and (ge if gid[k][0] == "e" else gt)[gid[k][1]] is not None
        def s2g(k):
            if k not in sid: return None
            kind, i = sid[k]
            j = (se if kind == "e" else st)[i]
            return None if j is None else (kind, j)
        gl = [(gid[l["fromID"]], gid[l["toID"]], l["type"]) for l in gtl if gm(l["fromID"]) and gm(l["toID"])]
        sl = [(s2g(l["fromID"]), s2g(l["toID"]), l["type"]) for l in stl]
        sl = [l for l in sl if l[0] and l[1]]
        gl, gg = side(gl); sl, sg = side(sl)
        L["g"] += len(gl); L["s"] += len(sl); L["r"] += verified(gl, sl, sg); L["p"] += verified(sl, gl, gg)
    for name, c, attrs in (("EVENT", E, ["type", "polarity", "modality"]), ("TIMEX3", T, ["type", "val", "mod"]), ("TLINK", L, [])):
        p = c["p"] / c["s"] if c["s"] else 0; r = c["r"] / c["g"] if c["g"] else 0
        f = 2 * p * r / (p + r) if p + r else 0
        print("%s P %.4f R %.4f F %.4f %s" % (name, p, r, f, " ".join("%s %.4f" % (a, c[a] / c["g"] if c["g"] else 0) for a in attrs)))

main()
