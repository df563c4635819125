#!/usr/bin/env python3
"""gen_i2b2.py OUT N — write N invented i2b2-2014-sized notes twice:
OUT/xml/NNN-01.xml (i2b2 2014 de-id XML) and OUT/brat/NNN-01.txt + .ann.
About 6,000 characters and 25 PHI tags per note, like the real corpus.
Deterministic (fixed seed); the words are invented filler."""
import os
import random
import sys
from xml.sax.saxutils import escape

WORDS = ("patient seen today for follow up of diabetes and hypertension with "
         "stable renal function no chest pain reported blood pressure is well "
         "controlled on current regimen plan to continue metformin and recheck "
         "labs in three months discussed diet exercise and weight loss").split()
PHI = [("DATE", "DATE", ["2091-02-02", "03/14/2090", "May 2089"]),
       ("NAME", "PATIENT", ["Bo Quinn", "Renée Ōkubo", "Ann Vo"]),
       ("NAME", "DOCTOR", ["Dr. Lee", "Sam Roe"]),
       ("LOCATION", "HOSPITAL", ["Ridgecrest Hospital", "Elm Clinic"]),
       ("AGE", "AGE", ["58", "72"]),
       ("ID", "MEDICALRECORD", ["4418027", "88-1902"]),
       ("CONTACT", "PHONE", ["(555) 201-3344"])]


def note(rng):
    text, tags = "\n\n\nRecord date: ", []
    tags.append(("DATE", len(text), "2090-07-13", "DATE"))
    text += "2090-07-13\n\n"
    while len(text) < 6000:
        line = " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 14)))
        text += line[0].upper() + line[1:]
        if len(tags) < 25 and rng.random() < 0.5:
            cat, typ, vals = rng.choice(PHI)
            v = rng.choice(vals)
            text += " " + ("& " if rng.random() < 0.1 else "")
            tags.append((cat, len(text), v, typ))
            text += v
        text += ".\n"
    return text, tags


def main():
    out, n = sys.argv[1], int(sys.argv[2])
    rng = random.Random(2014)
    os.makedirs(os.path.join(out, "xml"), exist_ok=True)
    os.makedirs(os.path.join(out, "brat"), exist_ok=True)
    for i in range(n):
        text, tags = note(rng)
        stem = "%03d-01" % (100 + i)
        x = ['<?xml version="1.0" encoding="UTF-8" ?>\n<deIdi2b2>\n<TEXT><![CDATA[',
             text, ']]></TEXT>\n<TAGS>\n']
        a = []
        for k, (cat, s, v, typ) in enumerate(tags):
            e = s + len(v)
            x.append('<%s id="P%d" start="%d" end="%d" text="%s" TYPE="%s" comment="" />\n'
                     % (cat, k, s, e, escape(v, {'"': "&quot;"}), typ))
            a.append("T%d\t%s %d %d\t%s\n" % (k + 1, typ, s, e, v))
        x.append("</TAGS>\n</deIdi2b2>\n")
        with open(os.path.join(out, "xml", stem + ".xml"), "w", encoding="utf-8") as f:
            f.write("".join(x))
        with open(os.path.join(out, "brat", stem + ".txt"), "w", encoding="utf-8") as f:
            f.write(text)
        with open(os.path.join(out, "brat", stem + ".ann"), "w", encoding="utf-8") as f:
            f.write("".join(a))


if __name__ == "__main__":
    main()
