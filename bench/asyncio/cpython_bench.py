# CPython's column of bench/asyncio: the same two operations in asyncio.
import asyncio, sys, time

N = int(sys.argv[1]) if len(sys.argv) > 1 else 200000


async def ready():
    ev = asyncio.Event()
    ev.set()
    t0 = time.perf_counter()
    for _ in range(N):
        await ev.wait()
    return (time.perf_counter() - t0) / N * 1e9


async def pinger(n):
    for _ in range(n):
        await asyncio.sleep(0)


async def pingpong():
    t0 = time.perf_counter()
    await asyncio.gather(pinger(N // 2), pinger(N // 2))
    return (time.perf_counter() - t0) / N * 1e9


r = min(asyncio.run(ready()) for _ in range(5))
p = min(asyncio.run(pingpong()) for _ in range(5))
print(f"cpython await of a set Event:       {r:8.2f} ns")
print(f"cpython sleep(0) ping-pong, per switch: {p:6.2f} ns")
