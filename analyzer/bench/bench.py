#!/usr/bin/env python3
"""analyzer/bench/bench.py - analysis time per translation unit vs parsing.

For every sample (samples/**/*.cpp) and for generated programs of growing
size (N functions, N/4 thread starts, locks and shared globals), measures
  parse:   clang++-19 -fsyntax-only (the same flags weft analyze uses)
  analyze: weft analyze FILE
(best of --repeat runs; CPU time of the process, user + sys, or wall time
with --clock wall) and prints the ratio. The target is
analyze <= 1.5 x parse. Not part of the test suite (timing is noisy).

  analyzer/bench/bench.py --weft build-analyzer/bin/weft [--repeat 3]
                          [--sizes 50,100,200,400,800] [--no-samples]
                          [--arms 1000,2000,4000,8000,16000]
                          [--clock cpu|wall]

--arms: one function of N else-if arms under a lock_guard (issue 14 item
3: analysis time must stay near-linear in the branches of one function).
clang itself recurses down the else-if chain, so both run with an
unlimited stack (ulimit -s unlimited; weft's workers have a large stack of
their own); clang's name lookup through N nested scopes is itself
superlinear, which the ratio factors out.
"""
import argparse
import glob
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


CLOCK = "cpu"


def best(cmd, repeat):
    """Best of `repeat` runs: CPU time (user + sys of the child; what the
    tool costs, steady on a shared machine) or wall time (--clock wall)."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, _, ru = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t
        times.append(ru.ru_utime + ru.ru_stime if CLOCK == "cpu" else wall)
    return min(times)


def generate(n, path):
    """A program with n worker functions, n/4 threads, 8 locks, n/2 globals;
    every worker calls two helpers, takes two locks in order, updates
    globals (half of them locked)."""
    locks = 8
    globs = max(2, n // 2)
    out = ["#include <mutex>", "#include <thread>", "#include <vector>", ""]
    out += [f"std::mutex m{i};" for i in range(locks)]
    out += [f"long g{i};" for i in range(globs)]
    for i in range(n):
        a, b = i % locks, (i + 1) % locks
        lo, hi = min(a, b), max(a, b)
        out += [
            f"static void helper{i}(long *p, int k) {{",
            f"  for (int j = 0; j < k; ++j)",
            f"    *p += j;",
            f"}}",
            f"void worker{i}(int k) {{",
            f"  {{",
            f"    std::lock_guard<std::mutex> a(m{lo});",
            f"    std::lock_guard<std::mutex> b(m{hi});",
            f"    g{i % globs} += k;",
            f"    helper{i}(&g{(i + 1) % globs}, k);",
            f"  }}",
            f"  if (k > 3)",
            f"    helper{(i + 1) % n if (i + 1) % n < i else i}(&g{(i * 7) % globs}, k);",
            f"}}",
        ]
    out += ["int main() {", "  std::vector<std::thread> ts;"]
    for i in range(0, n, 4):
        out.append(f"  ts.emplace_back(worker{i}, {i % 10});")
    out += ["  for (auto &t : ts)", "    t.join();", "  return static_cast<int>(g0);", "}"]
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")


def generate_arms(n, path):
    """One function with n else-if arms under one lock_guard."""
    with open(path, "w") as f:
        f.write("#include <mutex>\nstd::mutex m;\nint g;\nint f(int x) {\n"
                "  std::lock_guard<std::mutex> l(m);\n  if (x == 0) g = 0;\n")
        for i in range(1, n):
            f.write(f"  else if (x == {i}) g = {i};\n")
        f.write("  return g;\n}\n")


def unlimited_stack():
    import resource
    resource.setrlimit(resource.RLIMIT_STACK,
                       (resource.RLIM_INFINITY, resource.RLIM_INFINITY))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--weft", default=os.path.join(ROOT, "build-analyzer/bin/weft"))
    ap.add_argument("--clang", default="clang++-19")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--sizes", default="50,100,200,400,800")
    ap.add_argument("--no-samples", action="store_true")
    ap.add_argument("--arms", default="",
                    help="else-if arm counts for the one-function case")
    ap.add_argument("--clock", choices=["cpu", "wall"], default="cpu")
    args = ap.parse_args()
    global CLOCK
    CLOCK = args.clock
    inc = os.path.join(ROOT, "runtime/include")
    rows = []

    def measure(name, src):
        parse = best([args.clang, "-std=c++20", "-fsyntax-only", "-w", "-isystem", inc, src],
                     args.repeat)
        ana = best([args.weft, "analyze", src], args.repeat)
        rows.append((name, parse, ana))
        print(f"{name:40s} parse {parse*1000:8.0f} ms  analyze {ana*1000:8.0f} ms  "
              f"ratio {ana/parse:5.2f}", flush=True)

    if not args.no_samples:
        for src in sorted(glob.glob(os.path.join(ROOT, "samples/*/*.cpp"))):
            measure(os.path.relpath(src, ROOT), src)
    with tempfile.TemporaryDirectory() as d:
        for n in [int(x) for x in args.sizes.split(",") if x]:
            p = os.path.join(d, f"gen{n}.cpp")
            generate(n, p)
            measure(f"generated: {n} functions, {(n + 3)//4} threads", p)
        arms = [int(x) for x in args.arms.split(",") if x]
        if arms:
            unlimited_stack()  # inherited by both children
        for n in arms:
            p = os.path.join(d, f"arms{n}.cpp")
            generate_arms(n, p)
            measure(f"one function, {n} else-if arms", p)
    tot_p = sum(r[1] for r in rows)
    tot_a = sum(r[2] for r in rows)
    worst = max(rows, key=lambda r: r[2] / r[1])
    print(f"\ntotal parse {tot_p:.2f} s, analyze {tot_a:.2f} s, ratio {tot_a/tot_p:.2f}; "
          f"worst {worst[0]} {worst[2]/worst[1]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
