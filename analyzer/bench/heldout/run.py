#!/usr/bin/env python3
"""Scores `weft analyze` on a held-out batch of labelled programs.

Labels come from the file name: race-* (a data race), clean-* (race-free),
deadlock-* (a lock-order deadlock), lockclean-* (no lock-order deadlock).
Each file is analyzed on its own; the score says how many racy programs got
a data-race finding, how many deadlock programs a lock-order-inversion
finding, and how many clean programs got any warning (and which rule).

usage: run.py [--weft build-analyzer/bin/weft] [-v] BATCH_DIR
"""
import argparse
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[3]


def rules_of(weft, path):
    out = subprocess.run([weft, "analyze", str(path), "--format=text"],
                         capture_output=True, text=True)
    text = out.stdout + out.stderr
    if "error:" in text:
        return None, text
    return sorted(set(re.findall(r"warning: .*\[([a-z-]+)\]$", text, re.M))), text


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--weft", default=str(ROOT / "build-analyzer/bin/weft"))
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("batch")
    a = ap.parse_args()
    score = {"race": [0, 0], "clean": [0, 0], "deadlock": [0, 0],
             "lockclean": [0, 0]}
    want = {"race": "data-race", "deadlock": "lock-order-inversion"}
    for f in sorted(pathlib.Path(a.batch).iterdir()):
        if f.suffix not in (".c", ".cpp"):
            continue
        label = f.name.split("-")[0]
        rules, text = rules_of(a.weft, f)
        if rules is None:
            print(f"{f.name:45} INPUT ERROR\n{text}")
            continue
        score[label][1] += 1
        if label in want:
            ok = want[label] in rules
            score[label][0] += ok
            verdict = "found" if ok else "MISSED"
        else:
            bad = bool(rules)
            score[label][0] += bad
            verdict = "FLAGGED" if bad else "quiet"
        print(f"{f.name:45} {verdict:8} {' '.join(rules)}")
        if a.verbose and verdict in ("MISSED", "FLAGGED"):
            print(text)
    print()
    print(f"races found        {score['race'][0]}/{score['race'][1]}")
    print(f"clean flagged      {score['clean'][0]}/{score['clean'][1]}")
    print(f"deadlocks found    {score['deadlock'][0]}/{score['deadlock'][1]}")
    print(f"lock-clean flagged {score['lockclean'][0]}/{score['lockclean'][1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
