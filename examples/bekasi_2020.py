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
8. summarise: a short report here, and plots (PNG) next to this script when matplotlib is
   installed (``pip install "adminduk-delivery[examples]"``).

Run: ``python examples/bekasi_2020.py`` (about a minute; ``--documents 13200`` for a quick run).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from collections import Counter
from pathlib import Path

from adminduk_delivery import (
    address,
    analysis,
    dispatch,
    nik,
    policy,
    regions,
    simulation,
    synthetic,
)
from adminduk_delivery.documents import DocumentKind

HANDOVER = dt.date(2020, 3, 20)
HERE = Path(__file__).resolve().parent


class Progress:
    """Numbered steps with their durations, on stderr."""

    def __init__(self, steps: int) -> None:
        self.steps = steps
        self.step = 0
        self.started = time.perf_counter()

    def __call__(self, text: str) -> None:
        self.finish()
        self.step += 1
        self.started = time.perf_counter()
        print(f"[{self.step}/{self.steps}] {text} ...", end="", file=sys.stderr, flush=True)

    def finish(self) -> None:
        if self.step:
            print(f" {time.perf_counter() - self.started:.1f} s", file=sys.stderr, flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=132_000)
    parser.add_argument("--seed", type=int, default=2020)
    parser.add_argument("--couriers", type=int, default=10, help="couriers per post office")
    parser.add_argument("--no-plots", action="store_true")
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
    run = simulation.simulate(batch, policy=bekasi, start=HANDOVER, seed=args.seed,
                              couriers_per_office=args.couriers)  # fmt: skip

    progress("reconciling the batch")
    reconciliation = run.batch.reconcile()
    assert reconciliation.balanced, "every document is in exactly one state"

    progress("summarising")
    as_of = run.finished or run.days[-1].day
    summary = analysis.summarize(run.batch, as_of=as_of, policy=bekasi, handed_over=HANDOVER)
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
    print(f"  first-attempt success {summary.first_attempt_success_rate:.1%}; "
          f"SLA {summary.sla['working_days']} working days (due {summary.sla['due']}): "
          f"{summary.sla['on_time']:,} on time, {summary.sla['late']:,} late")  # fmt: skip
    print("  failure reasons: " + ", ".join(
        f"{r['reason']} {r['failures']:,}" for r in summary.failure_reasons[:5]))  # fmt: skip
    worst = min(summary.by_district, key=lambda r: r["received_rate"] or 0)
    print(f"  lowest received rate: {worst['name']} ({worst['received_rate']:.1%})")
    print(f"  cost to the Dinas: Rp {summary.cost_to_dinas:,} (free programme)")

    if not args.no_plots:
        plot(run, summary)
    return 0


def plot(run: simulation.Simulation, summary: analysis.Summary) -> None:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("\n(plots skipped: pip install 'adminduk-delivery[examples]' for matplotlib)")
        return
    days = [d.day for d in run.days]
    fig, ax = plt.subplots(figsize=(8, 4))
    ax.bar(days, [d.delivered for d in run.days], label="delivered")
    ax.bar(days, [d.failed for d in run.days], bottom=[d.delivered for d in run.days],
           label="failed attempts")  # fmt: skip
    ax.set_title("Kabupaten Bekasi 2020: deliveries per working day (simulated)")
    ax.set_ylabel("shipments")
    ax.legend()
    fig.autofmt_xdate()
    fig.tight_layout()
    fig.savefig(HERE / "bekasi_deliveries_per_day.png", dpi=100)
    plt.close(fig)

    rows = sorted(summary.by_district, key=lambda r: r["received_rate"] or 0)
    fig, ax = plt.subplots(figsize=(8, 6))
    ax.barh([r["name"] for r in rows], [100 * (r["received_rate"] or 0) for r in rows])
    ax.set_xlabel("documents received (%)")
    ax.set_title("Received by district")
    fig.tight_layout()
    fig.savefig(HERE / "bekasi_success_by_district.png", dpi=100)
    plt.close(fig)

    reasons = summary.failure_reasons
    fig, ax = plt.subplots(figsize=(8, 4))
    ax.barh([r["reason"] for r in reasons][::-1], [r["failures"] for r in reasons][::-1])
    ax.set_xlabel("failed attempts")
    ax.set_title("Why attempts failed")
    fig.tight_layout()
    fig.savefig(HERE / "bekasi_failure_reasons.png", dpi=100)
    plt.close(fig)
    print(f"\nplots written to {HERE}: bekasi_deliveries_per_day.png, "
          "bekasi_success_by_district.png, bekasi_failure_reasons.png")  # fmt: skip


if __name__ == "__main__":
    raise SystemExit(main())
