"""Validate and decode a handful of NIKs and KK numbers, as a Dinas clerk's screen would.

Run it with ``python examples/decode_niks.py``. All numbers here are synthetic: they follow the
rules but belong to nobody.
"""

from __future__ import annotations

import datetime as dt

from adminduk_delivery import kk, nik, regions
from adminduk_delivery.errors import ValidationError

AS_OF = dt.date(2026, 11, 28)

SAMPLES = [
    "3216204107900003",  # a woman from Cikarang Pusat, Kabupaten Bekasi
    "3275 0315 0885 0001",  # a man from Kota Bekasi, written with spaces
    "9101011212000042",  # a code retired in the Papua reorganisation: still a valid NIK
    "3216203207900003",  # day 32: no such birth day
    "3299200107900003",  # regency 3299 does not exist
    "32162041079O0003",  # a letter O typed for a zero
]


def describe(number: str) -> str:
    try:
        info = nik.parse(number, as_of=AS_OF)
    except ValidationError as error:
        return f"rejected  [{error.code}] {error.message}"
    assert info.region is not None
    path = ", ".join(r.name for r in (info.region, *reversed(regions.ancestors(info.region.code))))
    retired = " (retired code)" if info.region.retired else ""
    return (
        f"{nik.mask(number)}  {info.sex.value:<6}  born {info.birth_date:%d %b %Y}  "
        f"registered in {path}{retired}"
    )


def main() -> None:
    print(f"NIKs checked on {AS_OF:%d %B %Y}\n")
    for number in SAMPLES:
        print(f"- {describe(number)}")
    household = "3216201503180007"
    info = kk.parse(household, as_of=AS_OF)
    print(
        f"\nKK {kk.mask(household)} was issued on {info.issue_date:%d %B %Y} "
        f"in {info.region.name if info.region else info.district_code}."
    )
    print("\nNIK region digits show where a number was first registered, not where its holder")
    print("lives now: deliveries always use the address on the application or the KK.")


if __name__ == "__main__":
    main()
