# Writes a C++ function with an N-arm else-if chain (default 6000): deep
# enough that clang 19 overflows its stack parsing it. Generated at test
# time so no huge file is committed.
import sys

n = int(sys.argv[2]) if len(sys.argv) > 2 else 6000
with open(sys.argv[1], "w") as f:
    f.write("int pick(int x) {\n  int r = 0;\n  if (x == 0)\n    r = 0;\n")
    for i in range(1, n):
        f.write(f"  else if (x == {i})\n    r = {i};\n")
    f.write("  return r;\n}\n")
