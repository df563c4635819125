#!/usr/bin/env python3
"""eval_ref_i2b2_2014.py phi|cr GOLD SYSTEM — the i2b2 2014 evaluate.py computation
(42 phi blocks or the cr block; micro and macro) in plain Python 3, written for
bench/eval.sh (not the official script, which is Python 2 only)."""
import os, re, statistics, sys
import xml.etree.ElementTree as ET

mode, gdir, sdir = sys.argv[1:4]
HIPAA = [("NAME", "PATIENT"), ("LOCATION", "STREET"), ("LOCATION", "CITY"), ("LOCATION", "ZIP"),
         ("LOCATION", "ORGANIZATION"), ("AGE", ""), ("DATE", "DATE"), ("CONTACT", "PHONE"),
         ("CONTACT", "FAX"), ("CONTACT", "EMAIL"), ("CONTACT", "URL"), ("CONTACT", "IPADDR"),
         ("ID", "SSN"), ("ID", "MEDICALRECORD"), ("ID", "HEALTHPLAN"), ("ID", "ACCOUNT"),
         ("ID", "LICENSE"), ("ID", "VEHICLE"), ("ID", "DEVICE"), ("ID", "BIOID"), ("ID", "IDNUM ")]
TOK = re.compile(r"[a-zA-Z0-9]+")

def load(path):
    root = ET.parse(path).getroot()
    return root.find("TEXT").text or "", [t for t in root.find("TAGS")]

def hipaa(t):
    return any(t.tag.startswith(n) and t.get("TYPE", "").startswith(ty) for n, ty in HIPAA)

def keys(text, tags, kind):
    out = []
    for t in tags:
        a, b, ty = int(t.get("start")), int(t.get("end")), t.get("TYPE", "")
        if kind in ("token", "btoken"):
            s = text[a:b]
            toks = [(a + m.start(), a + m.end()) for m in TOK.finditer(s)] or [(a + len(s), a + len(s))]
            ks = [(x, y) if kind == "btoken" else (t.tag, ty, x, y) for x, y in toks]
        else:
            ks = [(a, b) if kind == "bstrict" else (t.tag.upper(), a, b, ty.upper())]
        for k in ks:
            if kind == "relaxed":
                if not any(o[0] == k[0] and o[1] == k[1] and o[3] == k[3] and abs(o[2] - k[2]) <= 2 for o in out):
                    out.append(k)
            elif k not in out:
                out.append(k)
    return out

def cr_keys(tags):
    ks = set()
    for t in tags:
        n, g = t.tag.lower(), lambda k: (t.get(k) or "").lower()
        v = tuple(sorted((g("type1"), g("type2")))) if n == "medication" else g("status" if n == "smoker" else "indicator")
        ks.add((n, g("time"), v))
    return ks

ids = sorted(set(os.listdir(gdir)) & set(os.listdir(sdir)))
docs = [(load(os.path.join(gdir, f)), load(os.path.join(sdir, f))) for f in ids]
views = [("Token", "token", None), ("Strict", "strict", None), ("Relaxed", "relaxed", None)]
if mode == "cr":
    views = [("", "cr", None)]
else:
    views += [("HIPPA Token", "token", "H"), ("HIPAA Strict", "strict", "H"), ("HIPAA Relaxed", "relaxed", "H"),
              ("Binary Token", "btoken", None), ("Binary Strict", "bstrict", None),
              ("Binary HIPPA Token", "btoken", "H"), ("Binary HIPAA Strict", "bstrict", "H")]
    for c in ["CONTACT", "NAME", "DATE", "AGE", "PROFESSION", "ID", "OTHER", "LOCATION"]:
        views += [(c + " Token", "token", c), (c + " Strict", "strict", c),
                  (c + " HIPPA Token", "token", c + "H"), (c + " Binary HIPAA Strict", "strict", c + "H")]
for label, kind, filt in views:
    P, R, TP, FP, FN = [], [], 0, 0, 0
    for (gt, gtags), (st, stags) in docs:
        if kind == "cr":
            G, S = cr_keys(gtags), cr_keys(stags)
            tp = len(G & S); fp = len(S) - tp; fn = len(G) - tp
        else:
            keep = lambda t: ((filt is None) or (filt == "H" and hipaa(t)) or
                              (filt and filt != "H" and t.tag.startswith(filt.rstrip("H")) and (not filt.endswith("H") or hipaa(t))))
            G, S = keys(gt, [t for t in gtags if keep(t)], kind), keys(st, [t for t in stags if keep(t)], kind)
            eq = (lambda x, y: x[0] == y[0] and x[1] == y[1] and x[3] == y[3] and abs(x[2] - y[2]) <= 2) if kind == "relaxed" else (lambda x, y: x == y)
            small, large = (S, G) if len(S) <= len(G) else (G, S)
            tp = sum(any(eq(x, y) for y in large) for x in small)
            fp = sum(not any(eq(x, y) for y in G) for x in S)
            fn = sum(not any(eq(x, y) for y in S) for x in G)
        TP, FP, FN = TP + tp, FP + fp, FN + fn
        P.append(tp / (tp + fp) if tp + fp else 0.0); R.append(tp / (tp + fn) if tp + fn else 0.0)
    mp, mr = statistics.fmean(P), statistics.fmean(R)
    up = TP / (TP + FP) if TP + FP else 0.0; ur = TP / (TP + FN) if TP + FN else 0.0
    print("%s (%d) P %.4f (%.2f) %.4f R %.4f (%.2f) %.4f" % (label, len(docs), mp, statistics.pstdev(P), up,
                                                              mr, statistics.pstdev(R), ur))
