#!/usr/bin/env python3
"""Adds or updates translations in a pair of .ja.resx / .zh-Hans.resx files (created when missing).

Usage: eng/i18n.py <resource base path> <tsv file or ->
  base path: e.g. src/FastTrack.Web/Resources/Pages/Catalogue/Index  (for Pages/Catalogue/Index.cshtml)
             or   src/FastTrack.Web/Resources/SharedResource
  input: lines of  English<TAB>Japanese<TAB>Chinese  (the English text is the key, as IViewLocalizer uses it)
"""
import sys, os
import xml.etree.ElementTree as ET

HEADER = """<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
</root>
"""

def load(path):
    if not os.path.exists(path):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(HEADER)
    return ET.parse(path)

def put(tree, key, value):
    root = tree.getroot()
    for d in root.findall("data"):
        if d.get("name") == key:
            d.find("value").text = value
            return
    d = ET.SubElement(root, "data", {"name": key, "xml:space": "preserve"})
    ET.SubElement(d, "value").text = value

def main():
    base = sys.argv[1]
    src = sys.stdin if len(sys.argv) < 3 or sys.argv[2] == "-" else open(sys.argv[2], encoding="utf-8")
    ja, zh = load(base + ".ja.resx"), load(base + ".zh-Hans.resx")
    n = 0
    for line in src:
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3:
            sys.exit(f"need 3 tab-separated columns: {line!r}")
        put(ja, parts[0], parts[1]); put(zh, parts[0], parts[2]); n += 1
    for t, p in ((ja, base + ".ja.resx"), (zh, base + ".zh-Hans.resx")):
        ET.indent(t, "  ")
        t.write(p, encoding="utf-8", xml_declaration=True)
    print(f"{n} strings -> {base}.{{ja,zh-Hans}}.resx")

main()
