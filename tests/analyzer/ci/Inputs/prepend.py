# Inserts N comment lines at the top of each FILE (moving all its code
# down, renaming nothing): prepend.py N FILE...
import sys

n = int(sys.argv[1])
for path in sys.argv[2:]:
    with open(path) as f:
        text = f.read()
    with open(path, "w") as f:
        f.write("// an unrelated edit\n" * n + text)
