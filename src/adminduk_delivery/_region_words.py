"""The words Indonesian region names and addresses are written with: the words that name a
level before a name, and numbers in words. Shared by :mod:`~adminduk_delivery.regions` (names,
prefixes, keys), the address reader and the strategies (which write what these read)."""

from __future__ import annotations

from typing import Final

LEVEL_WORDS: Final = (
    ("province", r"prov(?:insi)?|propinsi"),
    ("kabupaten", r"kab(?:upaten)?(?:\.?\s*adm(?:inistrasi)?)?"),
    ("kota", r"kota(?:\s+adm(?:inistrasi)?)?"),
    ("district", r"kec(?:amatan)?|distrik|kapanewon|kemantren"),
    ("village", r"kel(?:urahan)?|kalurahan|desa|ds"),
)
"""The words that name a level before a name, as regular expressions by prefix: the one
table of them, for :func:`~adminduk_delivery.regions.split_prefix` and
:func:`~adminduk_delivery.regions.search` and for the labels of the address parser. Beside
the usual words and abbreviations: *propinsi*, the older spelling; *Adm.*/*Administrasi*
after Kab./Kota, Jakarta's; *distrik*, a kecamatan in Papua (UU No. 21 Tahun 2001 on Papua's
special autonomy, Pasal 1); *kapanewon* and *kemantren*, a kecamatan in a kabupaten and in
the kota of Yogyakarta, and *kalurahan*, a desa there (Peraturan Gubernur DIY No. 25 Tahun
2019)."""


def level_word_groups(*extra: tuple[str, str]) -> str:
    """:data:`LEVEL_WORDS` (and ``extra``) as one alternation of named groups, each word
    whole: followed by no letter or digit, then an optional dot."""
    words = "|".join(f"(?P<{group}>{pattern})" for group, pattern in (*LEVEL_WORDS, *extra))
    return rf"(?:{words})(?![\w])\.?"


DIGITS: Final = ("nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan",
                  "sembilan")  # fmt: skip
"""The digits' words, 0 to 9."""
ROMAN: Final = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8}
"""The Roman numerals region names are written with ("Ilir Barat II"), lower-cased, to their
values."""


def spelled(number: int, joint: str = "") -> str:
    """A number from 0 to 999 in Indonesian words, joined by ``joint``: 26 is
    ``duapuluhenam`` (the registry writes ``Dua-puluh-enam``)."""
    if number < 10:
        return DIGITS[number]
    if number < 20:
        special = {10: "sepuluh", 11: "sebelas"}.get(number)
        return special or f"{DIGITS[number - 10]}{joint}belas"
    if number < 100:
        tens, ones = divmod(number, 10)
        return f"{DIGITS[tens]}{joint}puluh" + (f"{joint}{DIGITS[ones]}" if ones else "")
    hundreds, rest = divmod(number, 100)
    head = "seratus" if hundreds == 1 else f"{DIGITS[hundreds]}{joint}ratus"
    return head + (f"{joint}{spelled(rest, joint)}" if rest else "")
