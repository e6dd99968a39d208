"""on-tty.py CMD...: runs CMD with its stderr on a pseudo-terminal (stdout as
is) and prints what it wrote there, carriage returns and escapes shown as
\\r and \\e."""
import os, pty, subprocess, sys

master, slave = pty.openpty()
p = subprocess.Popen(sys.argv[1:], stderr=slave)
os.close(slave)
data = b""
while True:
    try:
        chunk = os.read(master, 4096)
    except OSError:
        break
    if not chunk:
        break
    data += chunk
p.wait()
text = data.decode(errors="replace").replace("\r", "\\r").replace("\x1b", "\\e")
print(text)
sys.exit(p.returncode)
