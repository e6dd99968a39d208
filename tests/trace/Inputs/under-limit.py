#!/usr/bin/env python3
"""under-limit.py MARGIN_MB BASE_CMD... -- CMD...

Runs CMD with its address space limited (RLIMIT_AS, as `ulimit -v` does) to
what BASE_CMD needs plus MARGIN_MB: the smallest limit, found by bisection
to 1 MB, under which BASE_CMD exits 0. BASE_CMD is the same tool on a tiny
input, so the margin is what CMD may use beyond the program's own code and
libraries (which differ between builds). Exits with CMD's status; prints
"under-limit: CMD failed (status N)" when it is not 0.
"""
import resource
import subprocess
import sys


def run(cmd, limit_bytes):
    def cap():
        resource.setrlimit(resource.RLIMIT_AS, (limit_bytes, limit_bytes))
    return subprocess.run(cmd, preexec_fn=cap, stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL).returncode


def main():
    margin = int(sys.argv[1])
    rest = sys.argv[2:]
    split = rest.index("--")
    base, cmd = rest[:split], rest[split + 1:]
    mb = 1 << 20
    lo, hi = 1, 64
    while run(base, hi * mb) != 0:  # find a limit that is enough
        lo, hi = hi, hi * 2
        if hi > (1 << 16):
            print("under-limit: %s fails even with 64 GB" % base[0])
            return 2
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if run(base, mid * mb) == 0:
            hi = mid
        else:
            lo = mid
    limit = (hi + margin) * mb
    status = subprocess.run(
        cmd, preexec_fn=lambda: resource.setrlimit(
            resource.RLIMIT_AS, (limit, limit))).returncode
    if status != 0:
        print("under-limit: %s failed (status %d) under %d MB"
              % (" ".join(cmd[:3]), status, hi + margin))
    return status


sys.exit(main())
