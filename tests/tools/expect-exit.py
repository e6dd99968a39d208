#!/usr/bin/env python3
"""expect-exit.py N CMD [ARGS...]: run CMD, exit 0 iff it exits with status N.

Its stdout and stderr pass through unchanged, so it composes with FileCheck:
    RUN: %expect-exit 66 %t 2>&1 | FileCheck %s
A negative N means "killed by signal -N".
"""
import subprocess
import sys

if len(sys.argv) < 3:
    sys.stderr.write("usage: expect-exit.py N CMD [ARGS...]\n")
    sys.exit(2)
want = int(sys.argv[1])
try:
    got = subprocess.call(sys.argv[2:])
except OSError as e:
    sys.stderr.write("expect-exit: cannot run %s: %s\n" % (sys.argv[2], e))
    sys.exit(2)
if got != want:
    sys.stderr.write("expect-exit: %s exited with %d, expected %d\n"
                     % (sys.argv[2], got, want))
    sys.exit(1)
