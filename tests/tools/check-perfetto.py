#!/usr/bin/env python3
"""check-perfetto.py FILE: checks the structure of a `weft trace export
--format=perfetto` file and prints a summary for FileCheck.

Fails (exit 1, a line saying what) unless:
  - the file is one JSON object with a traceEvents array;
  - every track (pid, tid) that has events is named (thread_name metadata),
    and so is every process (pid) that has a named track (process_name);
  - complete slices ("X") have ts >= 0 and dur >= 0 and, on each track in
    time order (longest first among those that start together; the format
    does not ask for file order, and weft writes a slice when it ends), nest
    (a slice that starts inside another ends inside it);
  - every flow id has exactly one start ("s") and one end ("f"), the end not
    earlier than the start, each bound to a slice starting at its ts on its
    track (what the viewers draw the arrow between), on different tracks;
  - async slices ("b"/"e") pair up by (cat, id), each "e" not before its "b".
The summary: the tracks' names, slice counts per category and name, flow
counts per name, and the findings (one line each, sorted).
"""
import collections
import decimal
import json
import sys


def fail(msg):
    print("check-perfetto: " + msg)
    sys.exit(1)


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        try:
            doc = json.load(f, parse_float=decimal.Decimal)
        except ValueError as e:
            fail("not JSON: %s" % e)
    if not isinstance(doc, dict) or not isinstance(doc.get("traceEvents"), list):
        fail("no traceEvents array")
    names = {}
    processes = {}
    slices = collections.defaultdict(list)
    flows = collections.defaultdict(dict)
    asyncs = {}
    findings = []
    for ev in doc["traceEvents"]:
        ph = ev.get("ph")
        track = (ev.get("pid"), ev.get("tid"))
        if ph == "M":
            if ev.get("name") == "thread_name":
                names[track] = ev["args"]["name"]
            elif ev.get("name") == "process_name":
                processes[ev.get("pid")] = ev["args"]["name"]
            continue
        if ph in ("X", "s", "f") and track not in names:
            fail("event on unnamed track %r: %r" % (track, ev))
        if ph == "X":
            if ev["ts"] < 0 or ev["dur"] < 0:
                fail("negative time: %r" % ev)
            slices[track].append(ev)
        elif ph in ("s", "f"):
            if ph in flows[ev["id"]]:
                fail("flow %s has two %r events" % (ev["id"], ph))
            flows[ev["id"]][ph] = ev
        elif ph in ("b", "e"):
            key = (ev["cat"], ev["id"])
            if ph == "b":
                if key in asyncs:
                    fail("async slice %r opened twice" % (key,))
                asyncs[key] = ev
            else:
                if key not in asyncs:
                    fail("async slice %r ends without a beginning" % (key,))
                if ev["ts"] < asyncs[key]["ts"]:
                    fail("async slice %r ends before it begins" % (key,))
                del asyncs[key]
        elif ph == "i":
            findings.append(ev["args"]["rule"] + ": " + ev["args"]["message"])
        else:
            fail("unexpected phase %r" % ph)
    if asyncs:
        fail("async slices never closed: %r" % sorted(asyncs))
    starts = collections.defaultdict(set)
    for track, evs in slices.items():
        stack = []  # ends of the open slices that have a length
        last = -1.0
        evs = sorted(evs, key=lambda ev: (ev["ts"], -ev["dur"]))
        for ev in evs:
            ts, dur = ev["ts"], ev["dur"]
            end = ts + dur
            if ts < last:
                fail("slices out of order on %s: %r" % (names[track], ev))
            last = ts
            # Close the slices that ended before this one starts (one that
            # ends where a slice with a length starts is its sibling; an
            # operation of no length at a slice's end is still inside it).
            while stack and (stack[-1] < ts or (stack[-1] == ts and dur > 0)):
                stack.pop()
            if stack and end > stack[-1]:
                fail("slice %r on %s ends after its parent (at %s)" % (ev["name"], names[track], stack[-1]))
            if dur > 0:
                stack.append(end)
            starts[track].add(ts)
    per_name = collections.Counter()
    for f in flows.values():
        if set(f) != {"s", "f"}:
            fail("flow without both ends: %r" % f)
        s, e = f["s"], f["f"]
        if e["ts"] < s["ts"]:
            fail("flow %r goes back in time" % s)
        for end in (s, e):
            if end["ts"] not in starts[(end["pid"], end["tid"])]:
                fail("flow end bound to no slice: %r" % end)
        if (s["pid"], s["tid"]) == (e["pid"], e["tid"]):
            fail("flow within one track: %r" % s)
        per_name[s["name"]] += 1
    for pid, _ in names:
        if pid not in processes:
            fail("tracks of pid %r in no named process" % pid)
    if len(processes) > 1:
        # Which tracks each process groups (pids differ between runs: the
        # processes are named).
        for pid in sorted(processes, key=lambda p: processes[p]):
            tracks = sorted(n for (p, _), n in names.items() if p == pid)
            print("process %s: %s" % (processes[pid].split(" (pid")[0], ", ".join(tracks)))
    print("tracks: " + ", ".join(sorted(names.values())))
    cats = collections.Counter()
    for evs in slices.values():
        for ev in evs:
            cats[ev["cat"]] += 1
            if ev["cat"] == "blocked":
                print("blocked: %s: %s" % (names[(ev["pid"], ev["tid"])], ev["name"]))
    for cat in sorted(cats):
        print("slices %s = %d" % (cat, cats[cat]))
    for name in sorted(per_name):
        print("flows %s = %d" % (name, per_name[name]))
    for line in sorted(findings):
        print("finding " + line)
    print("ok")


main()
