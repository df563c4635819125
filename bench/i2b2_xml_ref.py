#!/usr/bin/env python3
"""i2b2_xml_ref.py DIR — the Python reference for bench/i2b2_xml.sh: read
every DIR/*.xml with xml.etree.ElementTree (expat in C) and collect every
tag's start/end/TYPE; prints "docs bytes tags seconds" (best of 3 runs)."""
import glob
import sys
import time
import xml.etree.ElementTree as ET


def run(files):
    tags = 0
    for f in files:
        root = ET.parse(f).getroot()
        text = root.find("TEXT").text
        for t in root.find("TAGS"):
            tags += 1
            (int(t.get("start")), int(t.get("end")), t.get("TYPE"), len(text))
    return tags


files = sorted(glob.glob(sys.argv[1] + "/*.xml"))
size = sum(len(open(f, "rb").read()) for f in files)
times = []
for _ in range(3):
    t0 = time.process_time(); tags = run(files); times.append(time.process_time() - t0)
print(len(files), size, tags, min(times))
