"""National scale on Dask: documents per second with one and two workers.

Every regency's campaign (generation inside the partitions, validation, decisions, packing
and the summary, no simulation) for ``--documents`` documents shared among the 514
regencies, on a ``LocalCluster`` of one worker and then of two (one thread each, separate
processes). Reports the wall time, documents per second per worker, the speed-up, each
worker's peak memory (its largest resident set), and checks that the combined summary is
identical to a single-process run of the same regencies (``--check``).

Goals (on this 2-core machine): 10,000,000 documents in under 5 minutes with two workers;
at least 1.7x faster with two workers than with one; peak memory per worker under 2 GB; the
combined summary identical to a single-process run (checked at 1,000,000).
"""

from __future__ import annotations

import argparse
import resource
import time

from _cli import at_least_one
from dask.distributed import Client, LocalCluster

from adminduk_delivery import national, on_dask


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(documents: int, workers: int, seed: int) -> tuple[float, national.NationalResult, float]:
    with (
        LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                     dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):  # fmt: skip
        started = time.perf_counter()
        # Each worker loads the reference data and freezes its startup objects (timed: the
        # first task would otherwise load the data).
        client.register_plugin(on_dask.prepared_workers())
        bag = on_dask.regencies(documents, seed=seed, npartitions=64)
        result = on_dask.combined(on_dask.campaigns(bag, seed=seed, simulate=False)).compute()
        seconds = time.perf_counter() - started
        memory = max(client.run(peak_mb).values())
    return seconds, result, memory


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=at_least_one, default=1_000_000)
    parser.add_argument("--seed", type=int, default=2020)
    parser.add_argument("--workers", type=at_least_one, nargs="+", default=[1, 2],
                        help="the worker counts to time")  # fmt: skip
    parser.add_argument("--check", action="store_true",
                        help="compare with a single-process run (no Dask)")  # fmt: skip
    args = parser.parse_args()
    timings = {}
    result = None
    for workers in args.workers:
        seconds, result, memory = run(args.documents, workers, args.seed)
        timings[workers] = seconds
        print(f"{workers} worker(s): {result.documents:,} documents in {seconds:.1f} s, "
              f"{result.documents / seconds / workers:,.0f} documents/s per worker, "
              f"peak {memory:,.0f} MB per worker")  # fmt: skip
    if 1 in timings and 2 in timings:
        print(f"speed-up with two workers: {timings[1] / timings[2]:.2f}x (goal 1.7x)")
    if args.check and result is not None:
        started = time.perf_counter()
        sizes = national.regency_sizes(args.documents)
        alone = national.combine(
            national.regency_campaign(code, n, seed=args.seed, simulate=False)
            for code, n in sizes.items()
        )
        print(f"one process, no Dask: {time.perf_counter() - started:.1f} s; combined summary "
              f"identical: {alone == result}")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
