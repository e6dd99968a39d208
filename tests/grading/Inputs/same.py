"""same.py A B FILE...: A/FILE and B/FILE are identical for every FILE,
but for results.json's execution_time. Prints `same` or the first
difference."""
import re, sys

a, b = sys.argv[1], sys.argv[2]
for f in sys.argv[3:]:
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
print("same")
