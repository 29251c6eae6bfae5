"""Completion forecasts and plots at campaign scale.

The main example's campaign (Kabupaten Bekasi, 132,000 e-KTP, 10 couriers per office) is
simulated once; then a 20-run completion forecast is timed from the handover and from the
fifth working day (the batch as it stood then), and each plot of ``adminduk_delivery.plots``
is timed on the finished batch (building the figure and rendering it to PNG in memory).

Goals: a 20-run completion forecast for 132,000 documents under 60 s on one core; each plot
under 2 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import time

from _cli import at_least_one

from adminduk_delivery import analysis, plots, policy, simulation, synthetic

HANDOVER = dt.date(2020, 3, 20)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=at_least_one, default=132_000)
    parser.add_argument("--runs", type=at_least_one, default=20)
    args = parser.parse_args()
    bekasi = policy.BEKASI_2020
    people = synthetic.population(int(args.documents * 1.6) + 100, regency="3216", seed=2020,
                                  as_of=HANDOVER)  # fmt: skip
    adults = [r for r in people.residents if r.age(on=HANDOVER) >= 17][: args.documents]
    batch = synthetic.batch(adults, seed=2020)
    started = time.perf_counter()
    run = simulation.simulate(batch, policy=bekasi, start=HANDOVER, seed=2020,
                              couriers_per_office=10)  # fmt: skip
    one = time.perf_counter() - started
    print(f"{len(batch.documents):,} documents: one simulation {one:.1f} s, finished "
          f"{run.finished}")  # fmt: skip
    fifth = run.days[4].day
    cases = (("handover", batch, HANDOVER), ("fifth working day", run.batch.until(fifth), fifth))
    for label, standing, start in cases:
        started = time.perf_counter()
        found = simulation.forecast_completion(
            standing, policy=bekasi, start=start, runs=args.runs, seed=1, couriers_per_office=10
        )
        seconds = time.perf_counter() - started
        print(f"  {args.runs}-run forecast from the {label} ({start}): {seconds:.1f} s "
              f"(goal 60 s); P10 {found.p10}, P50 {found.p50}, P90 {found.p90}")  # fmt: skip
    summary = analysis.summarize(run.batch, as_of=run.finished or run.days[-1].day,
                                 policy=bekasi, handed_over=HANDOVER)  # fmt: skip
    drawings = {
        "received_per_day": lambda: plots.received_per_day(run.batch, policy=bekasi,
                                                           handed_over=HANDOVER),
        "received_by_district": lambda: plots.received_by_district(summary),
        "failure_reasons_by_district": lambda: plots.failure_reasons_by_district(run.batch),
        "village_map": lambda: plots.village_map(summary),
    }  # fmt: skip
    for name, draw in drawings.items():
        started = time.perf_counter()
        draw().savefig(io.BytesIO(), format="png", dpi=100)
        print(f"  plot {name}: {time.perf_counter() - started:.2f} s (goal 2 s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
