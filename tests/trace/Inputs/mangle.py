"""mangle.py IN OUT ACTION: copy a trace, damaging it on the way.

ACTION: truncate-record (cut 5 bytes into the last record), bad-magic,
bad-version, short (keep 12 bytes), bad-kind (last record's kind = 231),
hole (zero an event record inside a block), scribble-linked (overwrite
bytes 4..11 of an event record of a block that has a block-link, keeping its
kind: a multi-byte corruption only a checksum sees), scribble-open (the same
in the stream's last block, which has no link: covered by a check record),
as-version-2 (say version 2, the format without checksums, and scribble as
scribble-linked: read without verification).
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
elif action in ("scribble-linked", "scribble-open", "as-version-2"):
    # Walk the blocks: (first record offset, size, link offset or None).
    blocks, off = [], HEADER
    while off + REC <= len(data):
        if data[off] == 6:  # block
            size = struct.unpack_from("<I", data, off + 12)[0]
            end = min(off + size * REC, len(data))
            link = next((o for o in range(off, end, REC) if data[o] == 7), None)
            blocks.append((off, end, link))
            off = end
        else:
            off += REC
    linked = action != "scribble-open"
    want = [b for b in blocks if (b[2] is not None) == linked]
    first, end, link = want[-1]
    stop = link if link is not None else end
    events = [o for o in range(first, stop, REC) if data[o] >= 9]
    off = events[len(events) // 2]
    data[off + 4:off + 12] = bytes(b ^ 0x5a for b in data[off + 4:off + 12])
    if action == "as-version-2":
        struct.pack_into("<H", data, 8, 2)
    print("scribbled the record at byte", off)
else:
    sys.exit("unknown action " + action)
open(dst, "wb").write(bytes(data))
