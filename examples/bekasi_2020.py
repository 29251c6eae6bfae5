"""The Kabupaten Bekasi 2020 campaign, end to end, on synthetic data.

On 20 March 2020 Kabupaten Bekasi handed 132,000 e-KTP to PT Pos Indonesia for delivery to
residents' homes, free of charge. This script replays such a campaign on a reproducible
synthetic population of the regency's 23 districts:

1. generate the residents (seeded: the same data on every machine);
2. validate their NIKs, addresses and phone numbers;
3. decide which requests may be delivered under the Bekasi 2020 preset policy;
4. pack the handover batch (one shipment per household address);
5. dispatch the deliveries over working days: each post office's couriers a route each per
   day, so that every household has a day;
6. simulate the campaign day by day to the last item;
7. reconcile the batch: every document in exactly one state;
8. summarise: a short report here, and four plots (PNG, Indonesian labels by default) in
   the folder given with ``--out`` (default ``./bekasi_2020_output`` in the current
   directory) when matplotlib is installed (``pip install "adminduk-delivery[plot]"``).

Run: ``python examples/bekasi_2020.py`` (about a minute; ``--documents 13200`` for a quick run).
The long steps show tqdm progress bars when tqdm is installed (the ``examples`` extra), else a
counter on the step's line; the library itself prints nothing and reports through callbacks.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from adminduk_delivery import (
    address,
    analysis,
    dispatch,
    nik,
    plots,
    policy,
    regions,
    simulation,
    synthetic,
)
from adminduk_delivery.documents import DocumentKind
from adminduk_delivery.errors import MissingDependency
from adminduk_delivery.labels import Language, label
from adminduk_delivery.shipments import FailureReason

try:
    from tqdm import tqdm
except ImportError:  # the examples extra brings tqdm; without it, a counter on the line
    tqdm = None

HANDOVER = dt.date(2020, 3, 20)


class Progress:
    """Numbered steps with their durations on stderr, and a progress bar (or a counter) within
    long steps, fed by the library's progress callbacks."""

    def __init__(self, steps: int) -> None:
        self.steps = steps
        self.step = 0
        self.text = ""
        self.started = time.perf_counter()
        self.bar: Any = None

    def __call__(self, text: str) -> None:
        self.finish()
        self.step += 1
        self.text = text
        self.started = time.perf_counter()
        print(f"[{self.step}/{self.steps}] {text} ...", end="", file=sys.stderr, flush=True)

    def counter(self, unit: str, total: int | None = None) -> Callable[[int], None]:
        """A callback for a long step, given how many ``unit``s are done."""
        if tqdm is not None:
            print("\r", end="", file=sys.stderr)
            self.bar = tqdm(total=total, unit=unit, desc=f"[{self.step}/{self.steps}] {self.text}",
                            file=sys.stderr, leave=False)  # fmt: skip

            def advance(done: int) -> None:
                self.bar.update(done - self.bar.n)

            return advance

        def count(done: int) -> None:
            of = f" of {total}" if total else ""
            line = f"\r[{self.step}/{self.steps}] {self.text} ... {unit} {done}{of}"
            print(line, end="", file=sys.stderr, flush=True)

        return count

    def finish(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None
            print(f"\r[{self.step}/{self.steps}] {self.text} ...", end="", file=sys.stderr)
        if self.step:
            print(f" {time.perf_counter() - self.started:.1f} s", file=sys.stderr, flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=132_000)
    parser.add_argument("--seed", type=int, default=2020)
    parser.add_argument("--couriers", type=int, default=10, help="couriers per post office")
    parser.add_argument("--no-plots", action="store_true")
    parser.add_argument(
        "--out",
        type=Path,
        default=Path("bekasi_2020_output"),
        help="folder for the plots (default: ./bekasi_2020_output)",
    )
    parser.add_argument(
        "--language", choices=("id", "en"), default="id", help="language of the plots' labels"
    )
    args = parser.parse_args()
    progress = Progress(8)
    bekasi = policy.BEKASI_2020

    progress(f"generating residents of {regions.get('3216').name}")
    people = synthetic.population(int(args.documents * 1.6) + 100, regency="3216",
                                  seed=args.seed, as_of=HANDOVER)  # fmt: skip
    adults = [r for r in people.residents if r.age(on=HANDOVER) >= 17]

    progress("validating NIKs, addresses and phone numbers")
    valid_niks = sum(nik.is_valid(r.nik) for r in adults)
    missing = [
        address.check_deliverable(r.address, phone=r.phone).missing
        for r in adults
        if r.address is not None
    ]
    incomplete = Counter(field for fields in missing for field in fields)
    with_gaps = sum(1 for fields in missing if fields)

    progress("deciding delivery eligibility under the Bekasi 2020 policy")
    requests = synthetic.requests(adults, seed=args.seed, kind=DocumentKind.KTP_EL,
                                  delivery_share=0.92)  # fmt: skip
    decisions = [policy.delivery_eligibility(q, policy=bekasi) for q in requests]
    eligible = {q.nik for q, d in zip(requests, decisions, strict=True) if d.allowed}
    denials = policy.denial_counts(decisions)  # each refused request once, under its reason

    progress("packing the handover batch")
    recipients = [r for r in adults if r.nik in eligible][: args.documents]
    batch = synthetic.batch(recipients, batch_id="BKS-2020-03-20", seed=args.seed)

    progress("dispatching the deliveries over working days")
    schedule = dispatch.dispatch(batch, start=HANDOVER, capacity=150, couriers=args.couriers)
    day_one = schedule.days[0].plan
    routes_per_office = Counter(r.office for r in day_one.routes)

    progress("simulating the campaign day by day")

    days_done = progress.counter("day")

    def each_day(n: int, day: dt.date) -> None:
        days_done(n)

    run = simulation.simulate(batch, policy=bekasi, start=HANDOVER, seed=args.seed,
                              couriers_per_office=args.couriers, progress=each_day)  # fmt: skip

    progress("reconciling the batch")
    reconciliation = run.batch.reconcile()
    assert reconciliation.balanced, "every document is in exactly one state"

    progress("summarising, and what a forecast said on the fifth working day")
    as_of = run.finished or run.days[-1].day
    summary = analysis.summarize(run.batch, as_of=as_of, policy=bekasi, handed_over=HANDOVER)
    fifth = run.days[min(4, len(run.days) - 1)].day
    runs_done = progress.counter("run", total=5)
    said = simulation.forecast_completion(run.batch.until(fifth), policy=bekasi, start=fifth,
                                          runs=5, seed=args.seed,
                                          couriers_per_office=args.couriers,
                                          progress=lambda n, _runs: runs_done(n))  # fmt: skip
    progress.finish()

    print()
    print(f"Kabupaten Bekasi, handover of {HANDOVER:%d %B %Y}: {len(adults):,} adult residents")
    gaps = ", ".join(f"{k} {v:,}" for k, v in incomplete.most_common())
    print(f"  valid NIKs {valid_niks:,}; residents missing something a courier needs: "
          f"{with_gaps:,} ({gaps})")  # fmt: skip
    why = ", ".join(f"{k} {v:,}" for k, v in denials.items())
    print(f"  delivery allowed for {len(eligible):,}; denied for "
          f"{len(requests) - len(eligible):,} ({why})")  # fmt: skip
    print(f"  handed over {reconciliation.total:,} documents in {len(batch.shipments):,} shipments")
    print(f"  first day: {len(day_one.routes):,} routes of at most 150 items from "
          f"{len(routes_per_office)} post offices ({args.couriers} couriers each); every "
          f"household has its day by {schedule.last_day:%d %B} ({len(schedule.days)} working "
          f"days, {len(schedule.unscheduled)} unscheduled)")  # fmt: skip
    print(f"  campaign finished {as_of:%d %B %Y} after {len(run.days)} working days "
          f"with {args.couriers} couriers per office")  # fmt: skip
    print(f"  delivered {reconciliation.delivered:,}, collected at the post office "
          f"{reconciliation.collected:,}, returned {reconciliation.returned:,}, "
          f"still open {reconciliation.open:,}")  # fmt: skip
    sla = summary.sla
    not_received = reconciliation.returned + reconciliation.open
    print(f"  first-attempt success {summary.first_attempt_success_rate:.1%}; SLA "
          f"{sla['working_days']} working days (due {sla['due']}): {sla['on_time']:,} received "
          f"on time, {sla['late']:,} received late, {not_received:,} never received "
          f"(returned or open); the last item finished {as_of:%d %B}")  # fmt: skip
    print(f"  on {fifth:%d %B} a forecast of 5 runs said done between {said.p10:%d %B} and "
          f"{said.p90:%d %B} (P50 {said.p50:%d %B})")  # fmt: skip
    print("  failure reasons: " + ", ".join(
        f"{label(FailureReason(r['reason']))} {r['failures']:,}"
        for r in summary.failure_reasons[:5]))  # fmt: skip
    worst = min(summary.by_district, key=lambda r: r["received_rate"] or 0)
    print(f"  lowest received rate: {worst['name']} ({worst['received_rate']:.1%})")
    print(f"  cost to the Dinas: Rp {summary.cost_to_dinas:,} (free programme)")

    if not args.no_plots:
        language: Language = "en" if args.language == "en" else "id"
        draw(args.out, run, summary, bekasi, said, language=language)
    return 0


def draw(out: Path, run: simulation.Simulation, summary: analysis.Summary,
         programme: policy.Policy, said: simulation.CompletionForecast, *,
         language: Language) -> None:  # fmt: skip
    """The four plots, as PNG files in ``out`` (the library only returns figures)."""
    try:
        figures = {
            "received_per_day": plots.received_per_day(
                run.batch, policy=programme, handed_over=HANDOVER, forecast=said,
                language=language),
            "received_by_district": plots.received_by_district(summary, language=language),
            "failure_reasons_by_district": plots.failure_reasons_by_district(
                run.batch, language=language),
            "village_map": plots.village_map(summary, language=language),
        }  # fmt: skip
    except MissingDependency:
        print("\n(plots skipped: pip install 'adminduk-delivery[plot]' for matplotlib)")
        return
    out.mkdir(parents=True, exist_ok=True)
    for name, figure in figures.items():
        figure.savefig(out / f"bekasi_2020_{name}.png", dpi=100)
    print(f"\nplots written to {out}: " + ", ".join(f"bekasi_2020_{n}.png" for n in figures))


if __name__ == "__main__":
    raise SystemExit(main())
