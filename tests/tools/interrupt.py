#!/usr/bin/env python3
"""interrupt.py SIGNAL PIDFILE CMD [ARGS...]: Ctrl-C (or kill) a weft command.

Runs CMD with its stdout and stderr passed through, waits until the program
it runs has written its pid to PIDFILE (so the signal arrives while that
program is running), sends SIGNAL (INT, TERM or HUP) to CMD alone, as a
terminal's Ctrl-C reaches weft but not the program in its own process
group, and waits for CMD. Then prints, on stdout:
    exit status N          (or: killed by SIGNAME; after "command still
                           running 30 s after the signal": killed by SIGKILL)
    program stopped        (or: program still running, which is then killed)
Exits 0 unless something could not be done (no pid within 60 s).
"""
import os
import signal
import subprocess
import sys
import time

if len(sys.argv) < 4:
    sys.stderr.write(__doc__)
    sys.exit(2)
sig = getattr(signal, "SIG" + sys.argv[1])
pidfile = sys.argv[2]
try:
    os.remove(pidfile)
except FileNotFoundError:
    pass
proc = subprocess.Popen(sys.argv[3:])
pid = None
deadline = time.time() + 60
while time.time() < deadline and proc.poll() is None:
    try:
        with open(pidfile) as f:
            text = f.read()
        if text.endswith("\n"):
            pid = int(text)
            break
    except FileNotFoundError:
        pass
    time.sleep(0.02)
if pid is None:
    proc.kill()
    proc.wait()
    sys.stderr.write("interrupt.py: the program wrote no pid to %s\n" % pidfile)
    sys.exit(1)
proc.send_signal(sig)
try:
    status = proc.wait(timeout=30)
except subprocess.TimeoutExpired:
    # It ignored the signal (lit's workers ignore SIGINT, and an ignored
    # signal stays ignored across exec unless weft installs a handler).
    print("command still running 30 s after the signal")
    proc.kill()
    status = proc.wait()
sys.stdout.flush()
try:
    os.kill(pid, 0)
    alive = True
except ProcessLookupError:
    alive = False
# A zombie whose parent is gone is reaped by init in a moment.
for _ in range(50):
    if not alive:
        break
    try:
        with open("/proc/%d/stat" % pid) as f:
            alive = f.read().split(") ")[1][0] != "Z"
    except FileNotFoundError:
        alive = False
    if alive:
        time.sleep(0.02)
if status >= 0:
    print("exit status %d" % status)
else:
    print("killed by %s" % signal.Signals(-status).name)
if alive:
    print("program still running")
    os.kill(pid, signal.SIGKILL)
else:
    print("program stopped")
