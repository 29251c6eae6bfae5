"""What "consistent like real data" means, defined once for the Hypothesis strategies and the
synthetic data generator (:mod:`adminduk_delivery.strategies`,
:mod:`adminduk_delivery.synthetic`).

- A resident's NIK encodes the recorded sex and birth date, and the district where the NIK
  was first registered (by default the district of the resident's household).
- Household members share the KK number and the KK address; the KK number is issued by the
  district of the address.
- An address's postal code, when present, is its village's.
- Names, streets and operator prefixes come from the small pools below.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from .nik import Sex

__all__ = [
    "FIRST_NAMES",
    "LAST_NAMES",
    "OPERATOR_PREFIXES",
    "STREETS",
    "kk_number_for",
    "nik_for",
    "years_before",
]

FIRST_NAMES: Final = (
    "Siti", "Budi", "Dewi", "Agus", "Nur", "Eko", "Putri", "Wahyu", "Sri", "Ahmad", "Rina",
    "Dedi", "Yanti", "Asep", "Euis", "Ujang", "Neneng", "Iwan", "Lina", "Hendra",
)  # fmt: skip
LAST_NAMES: Final = (
    "Aminah", "Santoso", "Lestari", "Rahmat", "Hidayah", "Mulyani", "Saputra", "Wijaya",
    "Kurniawan", "Suryani", "Nurhayati", "Setiawan", "Permana", "Gunawan", "Rohmah",
)  # fmt: skip
STREETS: Final = (
    "Jl. Melati", "Jl. Mawar", "Gg. Kenanga", "Jl. Raya", "Perum. Griya Asri", "Jl. Anggrek",
    "Gg. Flamboyan", "Kp. Cibogo", "Jl. Pahlawan", "Jl. Merdeka",
)  # fmt: skip
OPERATOR_PREFIXES: Final = (
    "811", "812", "813", "821", "822", "852", "853", "857", "858", "877", "878", "881", "895",
    "896",
)  # fmt: skip


def nik_for(district: str, born: dt.date, sex: Sex, serial: int) -> str:
    """The NIK of a resident first registered in ``district``."""
    day = born.day + (40 if sex is Sex.FEMALE else 0)
    return f"{district}{day:02d}{born.month:02d}{born.year % 100:02d}{serial:04d}"


def kk_number_for(district: str, issued: dt.date, serial: int) -> str:
    """The number of a Kartu Keluarga issued in ``district``."""
    return f"{district}{issued.day:02d}{issued.month:02d}{issued.year % 100:02d}{serial:04d}"


def years_before(day: dt.date, years: int) -> dt.date:
    """The same day ``years`` years earlier (28 February for a 29 February that is gone)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)
