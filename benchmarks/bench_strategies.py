"""Generation speed: Hypothesis strategies and the synthetic module.

Goals: 1,000 residents from strategies.residents() in under 2 s; 132,000 residents of
Kabupaten Bekasi from synthetic.population() in under 10 s; a failing property over
strategies.batches() found and shrunk in seconds (it took 43 s when a test author reported
it).
"""

from __future__ import annotations

import contextlib
import time

from hypothesis import HealthCheck, given, settings

from adminduk_delivery import strategies, synthetic
from adminduk_delivery.batches import Batch


def main() -> int:
    drawn = []

    @settings(max_examples=1_000, database=None, suppress_health_check=list(HealthCheck),
              deadline=None)  # fmt: skip
    @given(strategies.residents())
    def collect(resident: object) -> None:
        drawn.append(resident)

    start = time.perf_counter()
    collect()
    hypothesis_s = time.perf_counter() - start
    print(f"strategies.residents(): {len(drawn):,} residents in {hypothesis_s:.2f} s (goal < 2 s)")

    @settings(max_examples=200, database=None, suppress_health_check=list(HealthCheck),
              deadline=None)  # fmt: skip
    @given(strategies.batches())
    def fails(batch: Batch) -> None:
        assert len(batch.shipments) < 3  # false for some batch: Hypothesis finds and shrinks it

    start = time.perf_counter()
    with contextlib.suppress(AssertionError):
        fails()
    shrink_s = time.perf_counter() - start
    print(f"a failing strategies.batches() property found and shrunk in {shrink_s:.1f} s "
          f"(goal: seconds)")  # fmt: skip

    start = time.perf_counter()
    people = synthetic.population(132_000, regency="3216", seed=2020)
    synthetic_s = time.perf_counter() - start
    print(f"synthetic.population(): {len(people.residents):,} residents of Kabupaten Bekasi "
          f"in {synthetic_s:.2f} s (goal < 10 s)")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
