# The same three programs in CPython's multiprocessing (the second column
# of bench/processes/run.sh): N 64-byte strings through a Pipe and a Queue
# from a child to its parent, M Process start+join. Prints "name seconds".
import multiprocessing as mp
import sys
import time

VALUE = "x" * 64

def send_all(conn, n):
    for _ in range(n):
        conn.send(VALUE)

def put_all(q, n):
    for _ in range(n):
        q.put(VALUE)

def nothing():
    pass

if __name__ == "__main__":
    mp.set_start_method("fork")
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100000
    m = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    a, b = mp.Pipe()
    t = time.monotonic()
    p = mp.Process(target=send_all, args=(b, n)); p.start()
    for _ in range(n):
        a.recv()
    p.join()
    print("pipe", "%.4f" % (time.monotonic() - t))
    q = mp.Queue()
    t = time.monotonic()
    p = mp.Process(target=put_all, args=(q, n)); p.start()
    for _ in range(n):
        q.get()
    p.join()
    print("queue", "%.4f" % (time.monotonic() - t))
    t = time.monotonic()
    for _ in range(m):
        p = mp.Process(target=nothing); p.start(); p.join()
    print("process", "%.4f" % (time.monotonic() - t))
