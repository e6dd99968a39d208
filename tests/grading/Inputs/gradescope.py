"""gradescope.py OUT NAME [--replay WEFT]: checks OUT/NAME/results.json
against Gradescope's documented autograder format (top-level and per-test
keys, types, statuses, visibilities, scores that add up) and prints one
line per test: `NAME: weft_status score/max visibility`. With --replay,
runs each test's replay command (in OUT) and prints its exit status and
weft's last line."""
import json, os, subprocess, sys

out, name = sys.argv[1], sys.argv[2]
weft = sys.argv[sys.argv.index("--replay") + 1] if "--replay" in sys.argv else None
r = json.load(open(os.path.join(out, name, "results.json")))
TOP = {"score", "max_score", "execution_time", "output", "output_format",
       "test_output_format", "test_name_format", "visibility",
       "stdout_visibility", "extra_data", "tests", "leaderboard"}
TEST = {"score", "max_score", "status", "name", "name_format", "number",
        "output", "output_format", "tags", "visibility", "extra_data"}
VIS = {"hidden", "after_due_date", "after_published", "visible"}
bad = []
def need(cond, what):
    if not cond:
        bad.append(what)
need(set(r) <= TOP, "unknown top-level keys %s" % sorted(set(r) - TOP))
need(isinstance(r.get("execution_time"), int), "execution_time is not an integer")
need(isinstance(r.get("tests"), list), "no tests list")
total = 0
for t in r.get("tests", []):
    need(set(t) <= TEST, "unknown test keys %s" % sorted(set(t) - TEST))
    need(t.get("status") in ("passed", "failed"), "bad status %r" % t.get("status"))
    need(t.get("visibility") in VIS, "bad visibility %r" % t.get("visibility"))
    need(isinstance(t.get("name"), str) and isinstance(t.get("output"), str),
         "name/output not strings")
    need(0 <= t["score"] <= t["max_score"], "score out of range in %s" % t["name"])
    need((t["status"] == "passed") == (t["score"] == t["max_score"]),
         "status and score disagree in %s" % t["name"])
    total += t["score"]
    trace = t.get("extra_data", {}).get("trace")
    if trace:
        need(os.path.isfile(os.path.join(out, trace)), "missing trace " + trace)
need(abs(total - r["score"]) < 1e-9, "tests add up to %g, score is %g" % (total, r["score"]))
for b in bad:
    print("INVALID: " + b)
print("%s: %g/%g" % (name, r["score"], r["max_score"]))
for t in r["tests"]:
    print("  %s: %s %g/%g %s" % (t["name"], t["extra_data"]["weft_status"],
                                t["score"], t["max_score"], t["visibility"]))
    replay = t["extra_data"].get("replay")
    if weft and replay:
        words = replay.split()
        stdin = None
        if "<" in words:
            stdin = open(os.path.join(out, words[words.index("<") + 1]))
            words = words[:words.index("<")]
        p = subprocess.run([weft] + words[1:], cwd=out, stdin=stdin,
                           capture_output=True, text=True)
        last = (p.stderr.strip().splitlines() or [""])[-1]
        print("    replay: exit %d: %s" % (p.returncode, last))
