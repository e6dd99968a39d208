#!/usr/bin/env python3
"""readme-usage.py README WEFT SRCROOT WORKDIR: run the README's usage lines.

Takes the indented command lines of README's "## Using it" section, with
`build/bin/weft` replaced by WEFT and paths under samples/ by SRCROOT's, and
runs each in WORKDIR with sh, twice over (a command that works once but not
after a second run, like a glob over earlier traces, fails). Prints each
command's exit status and its `weft: error:` lines; exits 1 if any command
printed one or exited with 2 (weft's usage error) or 126-127 (not run).
"""
import re
import subprocess
import sys

readme, weft, srcroot, workdir = sys.argv[1:5]
text = open(readme, encoding="utf-8").read()
section = text.split("## Using it", 1)[1].split("\n## ", 1)[0]
commands = []
for line in section.splitlines():
    if not line.startswith("    ") or not line.strip():
        continue
    cmd = re.sub(r"\s+#.*$", "", line.strip())
    cmd = cmd.replace("build/bin/weft", weft)
    cmd = re.sub(r"(?<![\w/])samples/", srcroot + "/samples/", cmd)
    commands.append(cmd)
if not commands:
    sys.exit("readme-usage: no command lines under '## Using it'")
bad = False
for round in (1, 2):
    for cmd in commands:
        p = subprocess.run(["sh", "-c", cmd], cwd=workdir, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True, errors="replace")
        errors = [l for l in p.stdout.splitlines() if l.startswith("weft: error:")]
        print("round %d: exit %d: %s" % (round, p.returncode, cmd))
        for l in errors:
            print("  " + l)
        if errors or p.returncode in (2, 126, 127):
            bad = True
sys.exit(1 if bad else 0)
