"""The whole intake pipeline at campaign scale, and how it grows.

For each size (13,200, 132,000 and, with --large, 1,320,000 documents), from raw text as a
Dinas exports it (NIK strings, address strings, phone strings), timed on one core:

  validate NIKs -> parse addresses (regency hint) -> parse phone numbers -> decide delivery
  eligibility under the Bekasi 2020 preset -> plan the first day's routes,

and the campaign simulation to the last item. Each size runs in a fresh interpreter, so that
peak memory (max RSS) is its own. The generated input is moved out of the cyclic garbage
collector's way with gc.freeze(), as a batch job that loads its data once should do: without
it, each collection rescans the whole half-gigabyte of input and the pipeline takes about
40% longer. Goals: 132,000 documents through the pipeline in under 10 s
with a peak under 1 GB; the simulation to completion in under 60 s.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

PROBE = r"""
import datetime as dt, json, resource, sys, time
from adminduk_delivery import address, nik, phone, policy, routing, simulation, synthetic
from adminduk_delivery.documents import DocumentKind, DocumentRequest, Fulfilment

n = int(sys.argv[1])
handover = dt.date(2020, 3, 20)
people = synthetic.population(int(n * 1.6) + 10, regency="3216", seed=2020, as_of=handover)
adults = [r for r in people.residents if r.age(on=handover) >= 17][:n]
rows = [(r.nik, r.address.to_text(), r.phone.national if r.phone else "") for r in adults]
timings = {}
import gc
gc.freeze()  # the generated input is long-lived: keep the collector from rescanning it

t = time.perf_counter()
valid = [nik.is_valid(row[0]) for row in rows]
timings["nik"] = time.perf_counter() - t

t = time.perf_counter()
parsed = [address.parse(row[1], regency="3216") for row in rows]
timings["address"] = time.perf_counter() - t

t = time.perf_counter()
phones = [phone.is_valid(row[2]) if row[2] else False for row in rows]
timings["phone"] = time.perf_counter() - t

t = time.perf_counter()
decisions = [
    policy.delivery_eligibility(
        DocumentRequest(id=f"R{i}", nik=row[0], kind=DocumentKind.KTP_EL,
                        fulfilment=Fulfilment.DELIVER, requested_on=handover, address=p.address),
        policy=policy.BEKASI_2020,
    )
    for i, (row, p) in enumerate(zip(rows, parsed)) if p.address is not None
]
timings["eligibility"] = time.perf_counter() - t

t = time.perf_counter()
batch = synthetic.batch(adults, seed=2020)
timings["(batch, not counted)"] = time.perf_counter() - t
t = time.perf_counter()
plan = routing.plan(routing.stops_from_shipments(batch.shipments), capacity=150)
timings["routes"] = time.perf_counter() - t
pipeline = sum(v for k, v in timings.items() if not k.startswith("("))
rss_pipeline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

t = time.perf_counter()
run = simulation.simulate(batch, policy=policy.BEKASI_2020, start=handover, seed=1,
                          couriers_per_office=10)
timings["simulation"] = time.perf_counter() - t
print(json.dumps({"n": n, "timings": timings, "pipeline": pipeline,
                  "rss_mb": rss_pipeline,
                  "resolved": sum(p.address is not None for p in parsed),
                  "allowed": sum(d.allowed for d in decisions), "routes": len(plan.routes),
                  "finished": str(run.finished)}))
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--large", action="store_true", help="also 1,320,000 documents")
    args = parser.parse_args()
    sizes = [13_200, 132_000] + ([1_320_000] if args.large else [])
    previous = None
    for n in sizes:
        out = subprocess.run([sys.executable, "-c", PROBE, str(n)], check=True,
                             capture_output=True, text=True).stdout  # fmt: skip
        result = json.loads(out)
        steps = ", ".join(f"{k} {v:.2f} s" for k, v in result["timings"].items())
        growth = (
            "" if previous is None else f" ({result['pipeline'] / previous:.1f}x the last size)"
        )
        print(f"{n:>9,} documents: pipeline {result['pipeline']:.2f} s{growth}, "
              f"peak {result['rss_mb']:.0f} MB; {steps}")  # fmt: skip
        print(f"           {result['resolved']:,} addresses resolved, {result['allowed']:,} "
              f"deliveries allowed, {result['routes']:,} routes on day one, campaign "
              f"finished {result['finished']}")  # fmt: skip
        previous = result["pipeline"]
    print("Goals: 132,000 through the pipeline in under 10 s and 1 GB; the simulation in 60 s.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
