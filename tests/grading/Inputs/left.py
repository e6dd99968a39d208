"""left.py DIR: prints how many processes run a command that names DIR."""
import os, sys

needle = sys.argv[1].encode()
left = 0
for p in os.listdir("/proc"):
    if not p.isdigit() or int(p) == os.getpid():
        continue
    try:
        left += needle in open("/proc/%s/cmdline" % p, "rb").read()
    except OSError:
        pass  # it ended meanwhile
print("left running: %d" % left)
