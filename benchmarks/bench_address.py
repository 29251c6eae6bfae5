"""Address parsing throughput and accuracy on a seeded, messy, Bekasi-sized workload.

132,000 address strings for residents of Kabupaten Bekasi (3216), written the ways forms and
spreadsheets write them: prefixes spelled out, abbreviated or missing, RT/RW in every common
shape, postal codes or not, upper or lower case, commas or none, a typo now and then. Each is
parsed with the regency hint a Dinas would pass. Reported: addresses per second, time for the
whole set (goal: under 5 s on one core), and how many resolved to the village they were
written for.
"""

from __future__ import annotations

import argparse
import random
import time

from _cli import at_least_one

from adminduk_delivery import address, regions

STREETS = ["Melati", "Mawar", "Kenanga", "Anggrek", "Flamboyan", "Cempaka", "Raya", "Pahlawan",
           "Merdeka", "Siliwangi", "Kartini", "Teratai", "Dahlia", "Nusantara"]  # fmt: skip


def _typo(rng: random.Random, word: str) -> str:
    if len(word) < 6:
        return word
    i = rng.randrange(1, len(word) - 1)
    return word[:i] + word[i + 1 :]


def messy_addresses(count: int, seed: int, regency: str) -> list[tuple[str, str]]:
    """(text, village code) pairs."""
    rng = random.Random(seed)
    villages = [r for d in regions.children(regency) for r in regions.children(d.code)]
    out = []
    for _ in range(count):
        village = rng.choice(villages)
        _province, regency_region, district = regions.ancestors(village.code)
        street = rng.choice(["Jl.", "Jl", "Jln.", "Jalan", "Gg.", "Gang", "Perum. Griya"])
        street += f" {rng.choice(STREETS)}"
        number = rng.choice([f"No. {rng.randrange(1, 200)}", f"no {rng.randrange(1, 200)}", ""])
        rt, rw = rng.randrange(1, 20), rng.randrange(1, 15)
        rt_rw = rng.choice([f"RT {rt:03d}/RW {rw:03d}", f"RT.{rt}/RW.{rw}", f"RT {rt} RW {rw}",
                            f"rt{rt:02d}rw{rw:02d}", f"{rt:03d}/{rw:03d}"])  # fmt: skip
        village_name = village.name if rng.random() > 0.05 else _typo(rng, village.name)
        village_part = rng.choice(["Desa ", "Ds. ", "Kel. ", ""]) + village_name
        district_part = rng.choice(["Kec. ", "Kecamatan ", ""]) + district.name
        regency_part = rng.choice([regency_region.name, "Kab. Bekasi", "Bekasi", ""])
        postal = regions.postal_code(village.code) if rng.random() < 0.5 else ""
        parts = [f"{street} {number}".strip(), rt_rw, village_part, district_part, regency_part]
        text = (", " if rng.random() < 0.7 else " ").join(p for p in parts if p)
        if postal:
            text += f" {postal}"
        if rng.random() < 0.3:
            text = text.upper() if rng.random() < 0.5 else text.lower()
        out.append((text, village.code))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=at_least_one, default=132_000)
    parser.add_argument("--seed", type=int, default=2020)
    parser.add_argument("--regency", default="3216")
    args = parser.parse_args()
    workload = messy_addresses(args.count, args.seed, args.regency)
    address.parse("Desa Cicau", regency=args.regency)  # load the tables outside the timing

    start = time.perf_counter()
    results = [address.parse(text, regency=args.regency) for text, _code in workload]
    elapsed = time.perf_counter() - start

    right = sum(
        r.address is not None and r.address.village_code == code
        for r, (_text, code) in zip(results, workload, strict=True)
    )
    wrong = sum(
        r.address is not None and r.address.village_code != code
        for r, (_text, code) in zip(results, workload, strict=True)
    )
    unresolved = len(results) - right - wrong
    print(f"{len(workload):,} messy addresses of regency {args.regency}")
    print(f"time {elapsed:.2f} s ({len(workload) / elapsed:,.0f} per second; goal: under 5 s)")
    print(f"resolved to the right village {right:,} ({right / len(workload):.2%}), "
          f"to another village {wrong:,}, unresolved {unresolved:,}")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
