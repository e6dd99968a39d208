"""prepare.py OUT ASSIGNMENT -- CMD...: writes the hostile submissions of
Inputs/hostile into OUT (with @PORT@ and @ASSIGNMENT@ filled in), listens on
@PORT@ (127.0.0.1), runs CMD (where the argument @SUBS@ becomes the
submissions' files), then prints how many connections came."""
import os, shutil, socket, subprocess, sys, threading

out, assignment = sys.argv[1], os.path.abspath(sys.argv[2])
cmd = sys.argv[sys.argv.index("--") + 1:]
here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "hostile")
listener = socket.socket()
listener.bind(("127.0.0.1", 0))
listener.listen(8)
port = listener.getsockname()[1]
os.makedirs(out, exist_ok=True)
for name in sorted(os.listdir(here)):
    text = open(os.path.join(here, name)).read()
    text = text.replace("@PORT@", str(port)).replace("@ASSIGNMENT@", assignment)
    open(os.path.join(out, name), "w").write(text)
connections = []
def accept():
    while True:
        try:
            c, _ = listener.accept()
        except OSError:
            return
        connections.append(c)
threading.Thread(target=accept, daemon=True).start()
subs = [os.path.join(out, n) for n in sorted(os.listdir(out))]
cmd = [a for c in cmd for a in (subs if c == "@SUBS@" else [c])]
status = subprocess.call(cmd)
listener.close()
print("prepare.py: %d connection(s) to the test's port; exit status %d" % (len(connections), status))
sys.exit(0)
