"""Scenario helpers shared by the tests."""

from __future__ import annotations

import datetime as dt

AS_OF = dt.date(2026, 11, 28)

# A real NIK-shaped example used across tests: Cikarang Pusat (321620), a woman born
# 1 July 1990, serial 0003.
NIK_F = "3216204107900003"
NIK_M = "3216200107900003"
KK = "3216201503180007"


def make_number(district: str, when: dt.date, *, plus_40: bool = False, serial: int = 1) -> str:
    """Build a NIK (or, without ``plus_40``, a KK number) from its parts."""
    day = when.day + (40 if plus_40 else 0)
    return f"{district}{day:02d}{when.month:02d}{when.year % 100:02d}{serial:04d}"


def arbitrary_objects():
    """Anything a caller might pass by mistake."""
    from hypothesis import strategies as st

    return st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(allow_nan=True),
        st.binary(max_size=20),
        st.text(max_size=40),
        st.text("0123456789 .-", max_size=24),
        st.lists(st.integers(), max_size=3),
        st.dates(),
    )


def error_of(function, *args, **kwargs):
    """The ValidationError that ``function`` raises, or None when it accepts the input.

    Anything else it raises propagates, failing the test.
    """
    from adminduk_delivery.errors import ValidationError

    try:
        function(*args, **kwargs)
    except ValidationError as exc:
        return exc
    return None


def wib(*args: int):
    """A timestamp in Western Indonesia Time: wib(2020, 3, 20, 9)."""
    import datetime as dt

    return dt.datetime(*args, tzinfo=dt.timezone(dt.timedelta(hours=7), "WIB"))


def make_document(doc_id: str = "B-0001", kind=None, owner: str = NIK_F):
    """A document for the scenario tests."""
    import datetime as dt

    from adminduk_delivery.documents import Document, DocumentKind

    return Document(
        id=doc_id, kind=kind or DocumentKind.KTP_EL, owner_nik=owner,
        issue_date=dt.date(2020, 3, 2),
    )  # fmt: skip


def home():
    """A complete address in Cikarang Pusat, Kabupaten Bekasi."""
    from adminduk_delivery.address import Address

    return Address(village_code="3216202001", street="Jl. Kenanga", house_number="7", rt=1, rw=4)


def check_any_input_meets_our_errors(module, value):
    """The property both identifier modules (``nik``, ``kk``) keep for any value: compact
    and validate raise only ValidationError, is_valid never raises, and an error never
    shows the number's date and serial."""
    error = error_of(module.validate, value)
    if error is not None and error_of(module.compact, value) is None:
        compacted = module.compact(value)
        if len(compacted) == 16:
            assert compacted[6:] not in str(error)
    assert isinstance(module.is_valid(value), bool)
