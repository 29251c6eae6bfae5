"""Import time, cold load time and memory of the packaged tables, each in a fresh interpreter."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys

PROBE = r"""
import json, resource, time
t0 = time.perf_counter()
import adminduk_delivery
t1 = time.perf_counter()
rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
from adminduk_delivery import regions, nik
regions.get("3216")
nik.is_valid("3216204107900003")
t2 = time.perf_counter()
rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
regions.search("bekasi")
t3 = time.perf_counter()
rss2 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"import": t1 - t0, "load": t2 - t1, "search_index": t3 - t2,
                  "load_mb": (rss1 - rss0) / 1024, "index_mb": (rss2 - rss1) / 1024}))
"""


def main() -> int:
    runs = [
        json.loads(
            subprocess.run(
                [sys.executable, "-c", PROBE], check=True, capture_output=True, text=True
            ).stdout
        )
        for _ in range(7)
    ]
    med = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
    print("median of 7 fresh interpreters")
    print(f"import adminduk_delivery   {med['import'] * 1000:7.1f} ms   (goal < 100 ms)")
    print(f"first lookup (cold load)   {med['load'] * 1000:7.1f} ms   (goal < 300 ms)")
    print(f"  extra memory             {med['load_mb']:7.1f} MB   (goal < 60 MB)")
    print(f"first name search (index)  {med['search_index'] * 1000:7.1f} ms")
    print(f"  extra memory             {med['index_mb']:7.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
