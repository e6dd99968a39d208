"""mangle.py IN OUT ACTION: copy a trace, damaging it on the way.

ACTION: truncate-record (cut 5 bytes into the last record), bad-magic,
bad-version, short (keep 12 bytes), bad-kind (last record's kind = 231),
hole (zero an event record inside a block).
"""
import struct
import sys

src, dst, action = sys.argv[1:4]
data = bytearray(open(src, "rb").read())
HEADER, REC = 512, 16
if action == "truncate-record":
    data = data[:len(data) - REC + 5]
elif action == "bad-magic":
    data[0:8] = b"NOTATRCE"
elif action == "bad-version":
    struct.pack_into("<H", data, 8, 7)
elif action == "short":
    data = data[:12]
elif action == "bad-kind":
    data[len(data) - REC] = 231
elif action == "hole":
    # The last event record (kind 9 and up: not a name, block or clock)
    # with a written record right after it, so the zeros are inside the
    # written part of a block, not read as its unused tail. (Which records
    # come last depends on how the threads ran.)
    inside = [o for o in range(HEADER, len(data) - 2 * REC + 1, REC)
              if data[o] >= 9 and data[o + REC]]
    off = inside[-1]
    data[off:off + REC] = bytes(REC)
else:
    sys.exit("unknown action " + action)
open(dst, "wb").write(bytes(data))
