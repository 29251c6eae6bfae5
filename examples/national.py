"""Every regency at once: a national synthetic campaign on a local Dask cluster.

Run it with ``python examples/national.py --documents 50000 --workers 2 --out national_output``
(the ``dask`` extra: ``pip install "adminduk-delivery[dask,plot]"``). It starts a
``dask.distributed.LocalCluster`` with the workers asked for, shares the documents among the
514 regencies in proportion to their villages, runs each regency's campaign inside the
partitions (generation, validation, decisions, packing, a simulation to the end, a summary),
combines the results with a tree reduction, and writes into the output folder:

- ``regencies.csv``: one row per regency (documents, shipments, decisions, received rate);
- ``export_sample.csv``: the records a province would receive for one regency, with a keyed
  pseudonym instead of the NIK;
- ``regencies_map.png``: the regencies' points coloured by received rate (with matplotlib).

Its last line of output is the number of documents summarised. To use a cluster you already
have, pass its scheduler's address with ``--scheduler tcp://host:8786`` instead of
``--workers`` (see docs/national.md).
"""

from __future__ import annotations

import argparse
import csv
import secrets
import sys
import time
from pathlib import Path

from dask.distributed import Client, LocalCluster, as_completed, futures_of

from adminduk_delivery import national, on_dask, regions
from adminduk_delivery.errors import MissingDependency


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=20_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", type=Path, default=Path("national_output"))
    parser.add_argument("--seed", type=int, default=2020)
    parser.add_argument("--scheduler", help="address of an existing Dask scheduler")
    parser.add_argument("--no-simulation", action="store_true",
                        help="summarise the batches as handed over (faster)")  # fmt: skip
    args = parser.parse_args()
    started = time.perf_counter()
    if args.scheduler:
        client = Client(args.scheduler)
        cluster = None
    else:
        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)  # fmt: skip
        client = Client(cluster)
    try:
        # Each worker loads the reference data once and keeps it (and its own startup
        # objects) out of the garbage collector's full collections.
        client.register_plugin(on_dask.prepared_workers())
        bag = on_dask.regencies(args.documents, seed=args.seed)
        # The regencies' results stay on the workers; the table and the national result are
        # computed from them (nothing runs twice).
        results = client.persist(
            on_dask.campaigns(bag, seed=args.seed, simulate=not args.no_simulation)
        )
        # Progress: the partitions as they finish (each holds a few regencies).
        parts = futures_of(results)
        for done, _future in enumerate(as_completed(parts), start=1):
            print(f"\r{done}/{len(parts)} partitions done", end="", file=sys.stderr, flush=True)
        print(file=sys.stderr)
        rows = on_dask.table(results).compute()
        total = on_dask.combined(results).compute()
        # What a province receives from one Dinas: records with a keyed pseudonym, no NIK.
        # The key stays with the data controller; this demonstration makes a fresh one.
        middle = sorted(rows, key=lambda r: (r["documents"], r["regency"]))[len(rows) // 2]
        sample = client.submit(
            national.regency_campaign, middle["regency"], middle["documents"],
            seed=args.seed, simulate=not args.no_simulation, export_key=secrets.token_bytes(32),
        ).result()  # fmt: skip
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    args.out.mkdir(parents=True, exist_ok=True)
    rows.sort(key=lambda r: r["regency"])
    with open(args.out / "regencies.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    draw_map(args.out / "regencies_map.png", rows)
    if sample.export:
        with open(args.out / "export_sample.csv", "w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(sample.export[0]))
            writer.writeheader()
            writer.writerows(sample.export)
    print(f"{total.regencies} regencies, {total.residents:,} residents generated, "
          f"{total.allowed:,} deliveries allowed, {total.shipments:,} shipments, "
          f"{time.perf_counter() - started:.1f} s on "
          f"{f'{args.workers} workers' if not args.scheduler else 'the cluster'}")  # fmt: skip
    print(total.summary.report("en"))
    print(f"lowest received rate: {min(rows, key=lambda r: r['received_rate'] or 0)['name']}")
    print(f"export sample: {sample.name}, {len(sample.export):,} pseudonymised records")
    print(total.summary.total)
    return 0


def draw_map(path: Path, rows: list[dict[str, object]]) -> None:
    """Regencies at their packaged points, coloured by received rate."""
    try:
        from matplotlib.figure import Figure
    except ImportError:
        print("(map skipped: pip install 'adminduk-delivery[plot]' for matplotlib)",
              file=sys.stderr)  # fmt: skip
        return
    points = [(regions.point(str(r["regency"])), r["received_rate"]) for r in rows]
    shown = [(p, rate) for p, rate in points if p is not None and rate is not None]
    figure = Figure(figsize=(10, 4.5), layout="constrained")
    axes = figure.add_subplot()
    dots = axes.scatter([p[1] for p, _r in shown], [p[0] for p, _r in shown],
                        c=[100 * float(r) for _p, r in shown], cmap="RdYlGn", s=14)  # fmt: skip
    figure.colorbar(dots, ax=axes, label="received (%)")
    axes.set_title("Received rate by regency (synthetic national campaign)")
    axes.set_xlabel("longitude")
    axes.set_ylabel("latitude")
    axes.set_aspect("equal", adjustable="datalim")
    figure.savefig(path, dpi=100)


if __name__ == "__main__":
    try:
        raise SystemExit(main())
    except MissingDependency as error:
        print(error, file=sys.stderr)
        raise SystemExit(2) from None
