"""same.py A B FILE...: A/FILE and B/FILE are identical for every FILE (a
glob pattern, relative to A, that must match; B must have the same
matches), but for results.json's execution_time. Prints `same` and the
number of files, or the first difference."""
import glob, os, re, sys

a, b = sys.argv[1], sys.argv[2]
files = []
for pattern in sys.argv[3:]:
    found = sorted(os.path.relpath(p, a) for p in glob.glob(os.path.join(a, pattern)))
    other = sorted(os.path.relpath(p, b) for p in glob.glob(os.path.join(b, pattern)))
    if not found or found != other:
        print("%s matches %s in %s but %s in %s" % (pattern, found, a, other, b))
        sys.exit(1)
    files += found
for f in files:
    ta, tb = (re.sub(r'"execution_time": \d+', '"execution_time": N',
                     open("%s/%s" % (d, f), encoding="utf-8").read())
              for d in (a, b))
    if ta != tb:
        la, lb = ta.splitlines(), tb.splitlines()
        n = next((i for i in range(min(len(la), len(lb))) if la[i] != lb[i]),
                 min(len(la), len(lb)))
        print("%s differs at line %d:\n  %s\n  %s" % (
            f, n + 1, la[n] if n < len(la) else "(end)", lb[n] if n < len(lb) else "(end)"))
        sys.exit(1)
print("same (%d files)" % len(files))
