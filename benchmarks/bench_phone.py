"""Phone parsing speed: adminduk_delivery.phone.parse against phonenumbers itself.

A seeded, realistic mix of how Indonesian numbers are written on forms (mostly mobile, some
Jakarta landlines, with and without +62, 62 or 0, with spaces, dashes, dots and "(0)"). For
each number, phonenumbers does what a user would otherwise write: parse with region ID,
is_valid_number, format_number(E164) and number_type. Both must give the same answers; the
script checks that before timing.
"""

from __future__ import annotations

import argparse
import random
import timeit

import phonenumbers
from _cli import at_least_one

from adminduk_delivery import phone
from adminduk_delivery.errors import ValidationError

OPERATORS = ["811", "812", "813", "821", "822", "852", "853", "851", "855", "856", "857",
             "858", "814", "815", "816", "817", "818", "819", "859", "877", "878", "895",
             "896", "897", "898", "899", "881", "882", "888"]  # fmt: skip


def realistic_mix(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    numbers = []
    for _ in range(count):
        operator = rng.choice(OPERATORS)
        rest = "".join(rng.choice("0123456789") for _ in range(rng.choice([7, 8, 8, 8, 9])))
        shape = rng.random()
        if shape < 0.45:
            numbers.append(f"0{operator}-{rest[:4]}-{rest[4:]}")
        elif shape < 0.60:
            numbers.append(f"+62 {operator} {rest[:4]} {rest[4:]}")
        elif shape < 0.70:
            numbers.append(f"62{operator}{rest}")
        elif shape < 0.80:
            numbers.append(f"0{operator}{rest}")
        elif shape < 0.90:
            numbers.append(f"(021) {rng.randrange(1000, 9999)} {rng.randrange(1000, 9999)}")
        else:
            numbers.append(f"+62 (0){operator} {rest}")
    return numbers


def with_phonenumbers(text: str) -> tuple[str, bool] | None:
    try:
        number = phonenumbers.parse(text, "ID")
    except phonenumbers.NumberParseException:
        return None
    if number.country_code != 62 or not phonenumbers.is_valid_number(number):
        return None
    kind = phonenumbers.number_type(number)
    mobile = kind in (phonenumbers.PhoneNumberType.MOBILE,
                      phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE)  # fmt: skip
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164), mobile


def with_adminduk(text: str) -> tuple[str, bool] | None:
    try:
        number = phone.parse(text)
    except ValidationError:
        return None
    return number.e164, number.is_mobile


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=at_least_one, default=50_000)
    parser.add_argument("--rounds", type=at_least_one, default=5)
    parser.add_argument("--seed", type=int, default=2020)
    args = parser.parse_args()
    numbers = realistic_mix(args.count, args.seed)
    expected = list(map(with_phonenumbers, numbers))
    got = list(map(with_adminduk, numbers))
    mismatches = sum(a != b for a, b in zip(expected, got, strict=True))
    print(f"{len(numbers):,} numbers, {mismatches} disagreements with phonenumbers")

    def best(function: object) -> float:
        run = lambda: list(map(function, numbers))  # type: ignore[call-overload]  # noqa: E731
        return min(timeit.repeat(run, number=1, repeat=args.rounds)) / len(numbers)

    ours, theirs = best(with_adminduk), best(with_phonenumbers)
    print(f"{'phonenumbers parse+validate+format+type':<42} {theirs * 1e6:7.2f} us/number")
    print(f"{'adminduk_delivery phone.parse':<42} {ours * 1e6:7.2f} us/number")
    print(f"ratio: {theirs / ours:.1f}x faster (goal: at least 10x, identical results)")
    return 1 if mismatches else 0


if __name__ == "__main__":
    raise SystemExit(main())
