"""The C library's side of `npm run bench -- stats`: repeated getAllDomainStats sweeps.

Prints one JSON object: the per-sweep times in milliseconds and the domain count.
"""
import json
import sys
import time

import libvirt

uri, runs, warmup = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
libvirt.registerErrorHandler(lambda _ctx, _err: None, None)
conn = libvirt.open(uri)
times = []
count = 0
for i in range(warmup + runs):
    t = time.perf_counter()
    res = conn.getAllDomainStats(0, 0)
    dt = (time.perf_counter() - t) * 1000
    count = len(res)
    if i >= warmup:
        times.append(dt)
conn.close()
print(json.dumps({"times": times, "domains": count}))
