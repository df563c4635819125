#!/usr/bin/env python3
"""eval_gen.py OUT N — invented gold/system pairs for `bench/eval.sh`: N documents
per task (conll, nbme, cmeie, i2b2-2014 deid + rf, n2c2-2018 t1 + t2, i2b2-2012), the
system derived from the gold by random drops, shifts and type changes.
Python 3 standard library only; fixed seed, so runs are comparable."""
import json, os, random, sys

out, n = sys.argv[1], int(sys.argv[2])
R = random.Random(20260127)
WORDS = "patient denies chest pain fever cough nausea since monday given aspirin daily".split()
NAMES = ["Ana Lima", "José Núñez", "Priya Raman", "Chloé Lefèvre", "Hana Sato"]
PHI = [("NAME", "PATIENT"), ("NAME", "DOCTOR"), ("DATE", "DATE"), ("LOCATION", "CITY"),
       ("ID", "MEDICALRECORD"), ("CONTACT", "PHONE"), ("AGE", "AGE"), ("PROFESSION", "PROFESSION")]

def w(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)

def text_with_spans(k):
    """A text of filler words with k names at known code-point offsets."""
    parts, spans, pos = [], [], 0
    for i in range(k):
        filler = " ".join(R.choice(WORDS) for _ in range(R.randint(3, 8))) + " "
        name = R.choice(NAMES)
        parts += [filler, name]
        spans.append((pos + len(filler), pos + len(filler) + len(name), name))
        pos += len(filler) + len(name)
    parts.append(" end.\n")
    return "".join(parts), spans

def perturb(items, shift):
    res = []
    for it in items:
        r = R.random()
        if r < 0.1:
            continue
        if r < 0.2:
            it = shift(it)
        res.append(it)
        if R.random() < 0.03:
            res.append(it)
    return res

# conll
g, s = [], []
types = ["PROBLEM", "TEST", "TREATMENT", "DRUG-CLASS"]
for d in range(n):
    for sent in range(10):
        for t in range(R.randint(5, 15)):
            tag = "O" if R.random() < 0.6 else R.choice("BI") + "-" + R.choice(types)
            g.append("%s %s" % (R.choice(WORDS), tag))
            s.append(tag if R.random() < 0.9 else R.choice(["O", "B-TEST", "I-PROBLEM"]))
        g.append(""); s.append("")
w(out + "/conll/gold.txt", "\n".join(g) + "\n")
w(out + "/conll/system.txt", "\n".join(s) + "\n")

# nbme
tr = ["id,case_num,pn_num,feature_num,annotation,location"]
sub = ["id,location"]
for d in range(n):
    for f in range(10):
        k = R.randint(0, 2)
        locs = []
        for _ in range(k):
            a = R.randint(0, 900); locs.append((a, a + R.randint(3, 30)))
        lit = "[" + ", ".join("'%d %d'" % l for l in locs) + "]"
        tr.append('%d_%d,1,%d,%d,"[]","%s"' % (d, f, d, f, lit))
        p = [(a + R.randint(-2, 2), b + R.randint(-2, 2)) for a, b in locs if R.random() < 0.9]
        sub.append("%d_%d,%s" % (d, f, ";".join("%d %d" % x for x in p)))
w(out + "/nbme/gold/train.csv", "\n".join(tr) + "\n")
w(out + "/nbme/system/submission.csv", "\n".join(sub) + "\n")

# cmeie
gl, sl = [], []
for d in range(n):
    text = "句子%d：" % d + "".join(R.choice("头痛发热咳嗽高血压糖尿病阿司匹林") for _ in range(20))
    spo = [{"predicate": R.choice(["临床表现", "药物治疗", "并发症"]), "subject": "病%d" % R.randint(0, 9),
            "subject_type": "疾病", "object": {"@value": R.choice(["头痛", "Insulin", "《阿司匹林》"])},
            "object_type": {"@value": "症状"}} for _ in range(R.randint(1, 6))]
    gl.append(json.dumps({"text": text, "spo_list": spo}, ensure_ascii=False))
    sp = perturb(spo, lambda t: dict(t, predicate="并发症"))
    sl.append(json.dumps({"text": text, "spo_list": sp}, ensure_ascii=False))
w(out + "/cmeie/gold.jsonl", "\n".join(gl) + "\n")
w(out + "/cmeie/system.jsonl", "\n".join(sl) + "\n")

def deid_xml(text, tags):
    lines = ['<?xml version="1.0" encoding="UTF-8" ?>', "<deIdi2b2>",
             "<TEXT><![CDATA[" + text + "]]></TEXT>", "<TAGS>"]
    for i, (name, typ, a, b) in enumerate(tags):
        lines.append('<%s id="P%d" start="%d" end="%d" text="%s" TYPE="%s" comment="" />'
                     % (name, i, a, b, text[a:b], typ))
    return "\n".join(lines + ["</TAGS>", "</deIdi2b2>", ""])

# i2b2 2014 deid + rf
for d in range(n):
    text, spans = text_with_spans(R.randint(5, 20))
    tags = [PHI[R.randrange(len(PHI))] + (a, b) for a, b, _ in spans]
    sys_tags = perturb(tags, lambda t: (t[0], t[1], t[2], t[3] + R.choice([-2, -1, 1, 3])))
    doc = "%03d-%02d" % (100 + d // 5, d % 5 + 1)
    w(out + "/deid/gold/%s.xml" % doc, deid_xml(text, tags))
    w(out + "/deid/system/%s.xml" % doc, deid_xml(text, sys_tags))
    labels = [("DIABETES", 'time="%s" indicator="mention"' % R.choice(["before DCT", "during DCT"])),
              ("SMOKER", 'status="%s"' % R.choice(["current", "past", "never"])),
              ("MEDICATION", 'time="after DCT" type1="%s" type2=""' % R.choice(["metformin", "statin"])),
              ("CAD", 'time="during DCT" indicator="%s"' % R.choice(["test", "mention", "event"]))]
    def rf(ls):
        body = "\n".join("<%s %s/>" % l for l in ls)
        return ('<?xml version="1.0" encoding="UTF-8" ?>\n<root>\n<TEXT><![CDATA[%s]]></TEXT>\n'
                "<TAGS>\n%s\n</TAGS>\n</root>\n" % (text, body))
    w(out + "/rf/gold/%s.xml" % doc, rf(labels))
    w(out + "/rf/system/%s.xml" % doc, rf(perturb(labels, lambda l: (l[0], l[1].upper()))))

# n2c2 2018 t1 + t2
CRIT = ["ABDOMINAL", "ADVANCED-CAD", "ALCOHOL-ABUSE", "ASP-FOR-MI", "CREATININE", "DIETSUPP-2MOS",
        "DRUG-ABUSE", "ENGLISH", "HBA1C", "KETO-1YR", "MAJOR-DIABETES", "MAKES-DECISIONS", "MI-6MOS"]
ENT = ["Drug", "Strength", "Route", "Frequency", "Dosage", "Reason", "ADE", "Form", "Duration"]
for d in range(n):
    def t1(vals):
        return ('<?xml version="1.0" encoding="UTF-8" ?>\n<PatientMatching>\n<TEXT><![CDATA[note]]></TEXT>\n'
                "<TAGS>\n" + "\n".join('<%s met="%s" />' % cv for cv in vals) + "\n</TAGS>\n</PatientMatching>\n")
    vals = [(c, R.choice(["met", "not met"])) for c in CRIT]
    w(out + "/t1/gold/%d.xml" % d, t1(vals))
    w(out + "/t1/system/%d.xml" % d,
      t1([(c, v if R.random() < 0.8 else R.choice(["met", "not met"])) for c, v in vals]))
    text, spans = text_with_spans(R.randint(5, 25))
    ents = [("T%d" % (i + 1), R.choice(ENT), a, b, t) for i, (a, b, t) in enumerate(spans)]
    rels = [("R%d" % (i + 1), "%s-Drug" % e[1], e[0], ents[0][0]) for i, e in enumerate(ents[1:]) if e[1] != "Drug"]
    def ann(es, rs):
        lines = ["%s\t%s %d %d\t%s" % e for e in es] + ["%s\t%s Arg1:%s Arg2:%s" % r for r in rs]
        return "\n".join(lines) + "\n"
    sys_e = perturb(ents, lambda e: (e[0], e[1], e[2] + 1, e[3], e[4]))
    ids = {e[0] for e in sys_e}
    sys_r = [r for r in perturb(rels, lambda r: r) if r[2] in ids and r[3] in ids]
    w(out + "/t2/gold/%d.ann" % d, ann(ents, rels))
    w(out + "/t2/gold/%d.txt" % d, text)
    w(out + "/t2/system/%d.ann" % d, ann(sys_e, sys_r))

# i2b2 2012 temporal: events and timexes over filler text, TLINKs between neighbours
TL = ["BEFORE", "AFTER", "OVERLAP", "BEFORE_OVERLAP", "SIMULTANEOUS", "DURING", "BEGUN_BY", "ENDED_BY"]
TXV = [("DATE", "2012-01-0%d", "NA"), ("DURATION", "P%dD", "APPROX"), ("FREQUENCY", "RPT%dH", "NA")]
for d in range(n):
    text, spans = text_with_spans(R.randint(20, 60))
    tags = []
    for i, (a, b, t) in enumerate(spans):
        if i % 6 == 5:
            ty, fmt, mod = R.choice(TXV)
            tags.append(("TIMEX3", "T%d" % i, a, b, t, 'type="%s" val="%s" mod="%s"' % (ty, fmt % R.randint(1, 9), mod)))
        else:
            tags.append(("EVENT", "E%d" % i, a, b, t, 'modality="%s" polarity="%s" type="%s"' % (
                R.choice(["FACTUAL", "POSSIBLE"]), R.choice(["POS", "NEG"]), R.choice(["PROBLEM", "TEST", "TREATMENT"]))))
    links = [(tags[i][1], tags[i + R.randint(1, 3)][1], R.choice(TL))
             for i in range(len(tags) - 3) for _ in range(R.randint(0, 2))]
    def x12(ts, ls, prefix):
        body = ['<%s id="%s%s" start="%d" end="%d" text="%s" %s />' % (k, prefix, i, a, b, t, at)
                for k, i, a, b, t, at in ts]
        body += ['<TLINK id="L%d" fromID="%s%s" fromText="x" toID="%s%s" toText="y" type="%s" />'
                 % (j, prefix, f, prefix, to, ty) for j, (f, to, ty) in enumerate(ls)]
        return ('<?xml version="1.0" encoding="UTF-8" ?>\n<ClinicalNarrativeTemporalAnnotation>\n'
                "<TEXT><![CDATA[%s]]></TEXT>\n<TAGS>\n%s\n</TAGS>\n</ClinicalNarrativeTemporalAnnotation>\n"
                % (text, "\n".join(body)))
    def mut(t):
        at = t[5]
        if R.random() < 0.1:
            at = at.replace('"POS"', '"NEG"').replace("P1D", "PT24H").replace('val="P', 'val="P1')
        return t[:5] + (at,)
    sys_t = [mut(t) for t in perturb(tags, lambda t: (t[0], t[1], t[2] + R.choice([1, -1, 3]), t[3], t[4][1:], t[5]))]
    ids = {t[1] for t in sys_t}
    sys_l = [l for l in perturb(links, lambda l: (l[0], l[1], R.choice(TL))) if l[0] in ids and l[1] in ids]
    w(out + "/t12/gold/%d.xml" % d, x12(tags, links, ""))
    w(out + "/t12/system/%d.xml" % d, x12(sys_t, sys_l, "s"))
