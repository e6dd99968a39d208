#!/usr/bin/env python3
"""check-report.py json|sarif FILE [--rules a,b,...] [--count N]

Validates a weft report against its contract and prints one line per finding
("RULE FILE:LINE") so FileCheck can check them. Exits 1 with a message on the
first violation. The JSON contract (docs/cli.md): an object with `findings`,
each with rule, severity, message, file, line, column, related (list of
{file, line, column, message}, each with a file), notes (list of strings);
`errors` a list of {file, message}.
SARIF: 2.1.0, one run, every rule of report/Rules.def declared with short and
full descriptions and help, results with ruleId/ruleIndex/level/message,
physical locations, related locations (each with a uri), and
partialFingerprints.
"""
import json
import os
import sys


def fail(msg):
    print("check-report: " + msg, file=sys.stderr)
    sys.exit(1)


def rules_def():
    here = os.path.dirname(os.path.abspath(__file__))
    ids = []
    with open(os.path.join(here, "..", "..", "report", "Rules.def")) as f:
        for line in f:
            if line.startswith("WEFT_RULE("):
                ids.append(line.split(",")[1].strip().strip('"'))
    return ids


def need(obj, key, typ, where):
    if key not in obj:
        fail("%s: missing '%s'" % (where, key))
    if not isinstance(obj[key], typ):
        fail("%s: '%s' is %s, expected %s" % (where, key, type(obj[key]).__name__, typ))
    return obj[key]


def check_json(doc):
    need(doc, "findings", list, "report")
    need(doc, "errors", list, "report")
    known = set(rules_def())
    for i, f in enumerate(doc["findings"]):
        w = "findings[%d]" % i
        rule = need(f, "rule", str, w)
        if rule not in known:
            fail("%s: unknown rule %s" % (w, rule))
        if need(f, "severity", str, w) not in ("note", "warning", "error"):
            fail(w + ": bad severity")
        need(f, "message", str, w)
        need(f, "file", str, w)
        need(f, "line", int, w)
        need(f, "column", int, w)
        for j, r in enumerate(need(f, "related", list, w)):
            rw = "%s.related[%d]" % (w, j)
            for k, t in (("file", str), ("line", int), ("column", int), ("message", str)):
                need(r, k, t, rw)
            if not r["file"]:
                fail(rw + ": a related location without a file (belongs in 'notes')")
        for j, n in enumerate(need(f, "notes", list, w)):
            if not isinstance(n, str):
                fail("%s.notes[%d] is not a string" % (w, j))
        print("%s %s:%d" % (rule, os.path.basename(f["file"]), f["line"]))
    for i, e in enumerate(doc["errors"]):
        need(e, "file", str, "errors[%d]" % i)
        need(e, "message", str, "errors[%d]" % i)
        print("error %s" % os.path.basename(e["file"]))


def check_sarif(doc):
    if doc.get("version") != "2.1.0":
        fail("version is not 2.1.0")
    if "$schema" not in doc:
        fail("no $schema")
    runs = need(doc, "runs", list, "sarif")
    if len(runs) != 1:
        fail("expected one run")
    run = runs[0]
    driver = need(need(run, "tool", dict, "run"), "driver", dict, "tool")
    need(driver, "name", str, "driver")
    rules = need(driver, "rules", list, "driver")
    ids = [r.get("id") for r in rules]
    if ids != rules_def():
        fail("rules declared %s, Rules.def has %s" % (ids, rules_def()))
    for r in rules:
        w = "rule " + r["id"]
        need(need(r, "shortDescription", dict, w), "text", str, w)
        need(need(r, "fullDescription", dict, w), "text", str, w)
        need(need(r, "help", dict, w), "text", str, w)
    for i, res in enumerate(need(run, "results", list, "run")):
        w = "results[%d]" % i
        rule = need(res, "ruleId", str, w)
        if ids[need(res, "ruleIndex", int, w)] != rule:
            fail(w + ": ruleIndex does not match ruleId")
        if need(res, "level", str, w) not in ("note", "warning", "error"):
            fail(w + ": bad level")
        need(need(res, "message", dict, w), "text", str, w)
        loc = need(res, "locations", list, w)[0]
        phys = need(loc, "physicalLocation", dict, w)
        uri = need(need(phys, "artifactLocation", dict, w), "uri", str, w)
        line = need(need(phys, "region", dict, w), "startLine", int, w)
        fps = need(res, "partialFingerprints", dict, w)
        if not fps:
            fail(w + ": empty partialFingerprints")
        for j, rel in enumerate(res.get("relatedLocations", [])):
            rw = "%s.relatedLocations[%d]" % (w, j)
            rphys = need(rel, "physicalLocation", dict, rw)
            if not need(need(rphys, "artifactLocation", dict, rw), "uri", str, rw):
                fail(rw + ": empty uri (a note that is not a place belongs in properties.notes)")
            need(need(rel, "message", dict, w), "text", str, w)
        print("%s %s:%d" % (rule, os.path.basename(uri), line))


def main():
    if len(sys.argv) < 3 or sys.argv[1] not in ("json", "sarif"):
        fail("usage: check-report.py json|sarif FILE")
    try:
        with open(sys.argv[2]) as f:
            doc = json.load(f)
    except (OSError, ValueError) as e:
        fail("cannot read %s: %s" % (sys.argv[2], e))
    (check_json if sys.argv[1] == "json" else check_sarif)(doc)


main()
