"""Delivery addresses: the value object, a parser for messy address text, and deliverability.

Deliveries go to the address on the application or the Kartu Keluarga, never to the region
digits of a NIK (those say where the NIK was first issued). An :class:`Address` is anchored on a
current Kemendagri village code; the district, regency and province follow from it.

:func:`parse` reads the strings that forms and spreadsheets hold:

>>> from adminduk_delivery import address
>>> parsed = address.parse(
...     "Jl. Melati No. 12 RT 003/RW 005, Desa Sukamaju, Kec. Tambelang, Kab. Bekasi 17621"
... )
>>> parsed.status.value, parsed.confidence
('resolved', 1.0)
>>> a = parsed.address
>>> a.village_code, a.street, a.house_number, a.rt, a.rw, a.postal_code
('3216042002', 'Jl. Melati', '12', '003', '005', '17621')
>>> print(a.to_text())
Jl. Melati No. 12, RT 003/RW 005, Desa Sukamaju, Kec. Tambelang, Kabupaten Bekasi, Jawa Barat 17621

A village name shared by many districts is resolved only when the other parts agree; otherwise
the result says ambiguous and lists the candidates:

>>> parsed = address.parse("Sidomulyo RT 1 RW 2")
>>> parsed.status.value, parsed.address is None, len(parsed.candidates) > 50
('ambiguous', True, True)
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable
from typing import Final, NamedTuple

import attrs

from . import _address_reading as _reading
from . import regions as _regions
from ._convert import checked, flag, neighbourhood
from ._convert import postal_code as _canonical_postal_code
from .errors import InvalidType, UnknownRegion, ValidationError

__all__ = [
    "RT_RW_SHAPES",
    "Address",
    "Deliverability",
    "ParseStatus",
    "ParsedAddress",
    "check_deliverable",
    "parse",
]

_SPACES: Final = re.compile(r"\s+")


# --------------------------------------------------------------------------------------------
# The value object


def _clean_text(value: object) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InvalidType(f"expected a string, got {type(value).__name__}", field="address")
    if "  " in value or not value.isprintable():
        value = _SPACES.sub(" ", value)
    return value.strip(" ,")


def _rt(value: object) -> str | None:
    return neighbourhood(value, field="rt")


def _rw(value: object) -> str | None:
    return neighbourhood(value, field="rw")


def _optional_text(value: object) -> str | None:
    return _clean_text(value) or None


def _village_code(value: object) -> str:
    if type(value) is str and len(value) == 10 and _regions.exists(value, include_retired=False):
        return value  # the common case: a compact, current village code
    code = _regions.compact(value)
    region = _regions.get(code)
    if region.level is not _regions.RegionLevel.VILLAGE:
        raise ValidationError(
            f"{code} is a {region.level.value} code, an address needs a village",
            field="village_code",
            code="level",
        )
    if region.retired:
        raise UnknownRegion(
            f"village {code} is retired; use a current code"
            + (
                f" (successors: {', '.join(region.successor_codes)})"
                if region.successor_codes
                else ""
            ),
            field="village_code",
        )
    return code


def _postal_code(value: object) -> str | None:
    if value is None or (isinstance(value, str) and not value):
        return None
    return _canonical_postal_code(value)


@attrs.frozen(kw_only=True)
class Address:
    """A delivery address, anchored on a current village code.

    Attributes:
        village_code: the 10-digit Kemendagri code of the desa/kelurahan (dots allowed on input).
        street: jalan/gang/blok/perumahan text, e.g. ``"Jl. Melati"`` (may be empty).
        house_number: as written, e.g. ``"12"``, ``"12A"``, ``"5/3"`` (may be empty).
        rt, rw: canonical 3-digit strings (``"003"``); given as ``3``, ``"3"`` or ``"003"``.
        dusun: the hamlet, where addresses use one.
        postal_code: five digits. A code other than the village's packaged code is kept (Pos
            Indonesia sometimes uses several per village) and flagged by
            :attr:`postal_code_matches`.

    Raises:
        ValidationError: on construction, for an unknown or retired village code, an RT/RW
            outside 1-999 or a malformed postal code.
    """

    village_code: str = attrs.field(converter=_village_code)
    street: str = attrs.field(default="", converter=_clean_text)
    house_number: str = attrs.field(default="", converter=_clean_text)
    rt: str | None = attrs.field(default=None, converter=_rt)
    rw: str | None = attrs.field(default=None, converter=_rw)
    dusun: str | None = attrs.field(default=None, converter=_optional_text)
    postal_code: str | None = attrs.field(default=None, converter=_postal_code)

    @property
    def district_code(self) -> str:
        """The 6-digit kecamatan code."""
        return self.village_code[:6]

    @property
    def regency_code(self) -> str:
        """The 4-digit kabupaten/kota code."""
        return self.village_code[:4]

    @property
    def province_code(self) -> str:
        """The 2-digit province code."""
        return self.village_code[:2]

    @property
    def village(self) -> _regions.Region:
        """The village as a :class:`~adminduk_delivery.regions.Region`."""
        return _regions.get(self.village_code)

    @property
    def path(self) -> tuple[_regions.Region, ...]:
        """Province, regency, district and village."""
        return (*_regions.ancestors(self.village_code), self.village)

    @property
    def known_postal_code(self) -> str:
        """The village's postal code in the packaged data."""
        return _regions.postal_code(self.village_code)

    @property
    def postal_code_matches(self) -> bool | None:
        """Whether the given postal code is the village's packaged one (``None``: none given)."""
        if self.postal_code is None:
            return None
        return self.postal_code == self.known_postal_code

    def to_text(self, *, local_names: bool = False) -> str:
        """One line, the way a courier's manifest prints it.

        Args:
            local_names: call the village and the district what they are called there
                (:attr:`~adminduk_delivery.regions.Region.level_name`, in full: "Kampung
                Waena, Distrik Heram" in Papua, "Gampong ..." in Aceh, "Kalurahan ...,
                Kapanewon ..." in Yogyakarta, else "Desa"/"Kelurahan" and "Kecamatan")
                instead of the usual ``Desa``/``Kel.`` and ``Kec.``. :func:`parse` reads
                both.

        Returns:
            Street and number, RT/RW, dusun, village, district, regency, province and postal
            code, as far as the address has them.

        Raises:
            InvalidType: ``local_names`` is not ``True`` or ``False``.

        >>> Address(village_code="3216202001", rt=1, rw=4).to_text()
        'RT 001/RW 004, Desa Cicau, Kec. Cikarang Pusat, Kabupaten Bekasi, Jawa Barat 17531'
        >>> Address(village_code="9171052005").to_text(local_names=True)
        'Kampung Waena, Distrik Heram, Kota Jayapura, Papua 99328'
        """
        local = flag(local_names, field="local_names")
        province, regency, district, village = self.path
        parts = []
        number = f"No. {self.house_number}" if self.house_number else ""
        street = f"{self.street} {number}".strip()
        if street:
            parts.append(street)
        rt_rw = [f"{name} {value}" for name, value in (("RT", self.rt), ("RW", self.rw)) if value]
        if rt_rw:
            parts.append("/".join(rt_rw))
        if self.dusun:
            parts.append(f"Dusun {self.dusun}")
        if local:
            village_word, district_word = village.level_name, district.level_name
        else:
            village_word = "Kel." if village.kind == "kelurahan" else "Desa"
            district_word = "Kec."
        parts += [
            f"{village_word} {village.name}",
            f"{district_word} {district.name}",
            regency.name,
        ]
        postal = self.postal_code or self.known_postal_code
        parts.append(f"{province.name} {postal}")
        return ", ".join(parts)


# --------------------------------------------------------------------------------------------
# Deliverability


@attrs.frozen(kw_only=True)
class Deliverability:
    """What a courier still needs before an address can go on a route.

    Attributes:
        missing: the names of the missing fields, in a fixed order: ``house_number``, ``rt``,
            ``rw``, ``phone``.
        notes: other observations, e.g. ``"postal_code_mismatch"``.
    """

    missing: tuple[str, ...]
    notes: tuple[str, ...] = ()

    @property
    def is_complete(self) -> bool:
        """Nothing a courier needs is missing."""
        return not self.missing


def check_deliverable(address: Address, *, phone: object = None) -> Deliverability:
    """Say which fields a courier needs are missing, as data (never an exception).

    Args:
        address: the delivery address.
        phone: the resident's phone number: a :class:`~adminduk_delivery.phone.PhoneNumber`,
            a text that :func:`adminduk_delivery.phone.parse_all` reads (one number or
            several: "0812-3456-7890 / 0857-1234-5678"), or ``None``. A text that is not a
            valid Indonesian number counts as missing.

    Returns:
        The :class:`Deliverability`: the missing fields a courier needs (``house_number``,
        ``rt``, ``rw``, ``phone``) and notes that do not stop a delivery
        (``postal_code_mismatch``, ``no_street``).

    Raises:
        InvalidType: ``address`` is not an :class:`Address` (field ``address``); a missing or
            bad field is reported in the result, never raised.

    >>> a = Address(village_code="3216202001", street="Jl. Kenanga", rt=1, rw=4)
    >>> check_deliverable(a, phone="0812-3456-7890")
    Deliverability(missing=('house_number',), notes=())
    """
    address = checked(address, Address, field="address")
    from . import phone as _phone  # noqa: PLC0415 - keeps phonenumbers out of the import

    missing = []
    if not address.house_number:
        missing.append("house_number")
    if address.rt is None:
        missing.append("rt")
    if address.rw is None:
        missing.append("rw")
    if not isinstance(phone, _phone.PhoneNumber):
        try:
            _phone.parse_all(phone)  # type: ignore[arg-type]
        except ValidationError:
            missing.append("phone")
    notes = []
    if address.postal_code_matches is False:
        notes.append("postal_code_mismatch")
    if not address.street:
        notes.append("no_street")
    return Deliverability(missing=tuple(missing), notes=tuple(notes))


# --------------------------------------------------------------------------------------------
# Parsing


class ParseStatus(enum.Enum):
    """How far :func:`parse` got."""

    RESOLVED = "resolved"
    """One village fits: :attr:`ParsedAddress.address` is set."""
    AMBIGUOUS = "ambiguous"
    """Several villages fit equally well: see :attr:`ParsedAddress.candidates`."""
    NOT_FOUND = "not_found"
    """No village fits."""


_STATUS: Final = {status.value: status for status in ParseStatus}


@attrs.frozen(kw_only=True)
class ParsedAddress:
    """The result of :func:`parse`.

    Attributes:
        address: the structured address, or ``None`` when ambiguous or not found.
        status: resolved, ambiguous or not found.
        confidence: 0.0-1.0; 1.0 when every part agrees exactly, lower for typos, missing
            corroboration or mismatched postal codes, 0.0 when nothing was found.
        candidates: the village codes considered, best first.
        warnings: ``"code: explanation"`` strings; :attr:`warning_codes` gives the codes.
        street, house_number, rt, rw, postal_code, dusun: what was read from the text, also
            when no village could be chosen.
    """

    address: Address | None
    status: ParseStatus
    confidence: float
    candidates: tuple[str, ...]
    warnings: tuple[str, ...]
    street: str = ""
    house_number: str = ""
    rt: str | None = None
    rw: str | None = None
    postal_code: str | None = None
    dusun: str | None = None

    @property
    def warning_codes(self) -> tuple[str, ...]:
        """The stable codes of :attr:`warnings` (the text before the colon)."""
        return tuple(w.split(":", 1)[0] for w in self.warnings)


class RtRwShape(NamedTuple):
    """One way forms write RT and RW, with a real example.

    Attributes:
        name: a short name for the shape.
        write: ``(rt, rw) -> text``, for the strategies and tests.
        example: an example as it was written.
        source: where the example comes from.
    """

    name: str
    write: Callable[[int, int], str]
    example: str
    source: str


_SCHOOLS: Final = (
    "school addresses typed by operators in Kabupaten Bekasi, Kota Bekasi and Depok "
    "(public school registry data), as quoted in the project's real-input issue"
)
_FORMS: Final = "the library's own rendering, the shape of Dukcapil printouts"

RT_RW_SHAPES: Final[tuple[RtRwShape, ...]] = (
    RtRwShape("labelled, padded", lambda t, w: f"RT {t:03d}/RW {w:03d}", "RT 003/RW 005", _FORMS),
    RtRwShape("dotted", lambda t, w: f"RT.{t}/RW.{w}", "RT.14/RW.1", _SCHOOLS),
    RtRwShape("spaced", lambda t, w: f"RT {t} RW {w}", "RT 3 RW 5", _SCHOOLS),
    RtRwShape("dotted, spaced", lambda t, w: f"RT. {t:03d} RW. {w:03d}", "RT. 003 RW. 005",
              _SCHOOLS),
    RtRwShape("glued", lambda t, w: f"rt{t:02d}rw{w:02d}", "rt03rw05", _SCHOOLS),
    RtRwShape("colon", lambda t, w: f"RT:{t}, RW:{w}", "RT:3, RW:5", _SCHOOLS),
    RtRwShape("joint label", lambda t, w: f"RT/RW {t:03d}/{w:03d}", "RT/RW 003/005", _SCHOOLS),
    RtRwShape("RT label, slash", lambda t, w: f"RT {t:02d}/{w:02d}", "RT 04/14", _SCHOOLS),
    RtRwShape("RT label, dot, slash", lambda t, w: f"Rt.{t:03d}/{w:03d}", "Rt.011/010",
              _SCHOOLS),
    RtRwShape("RT label, spaced slash", lambda t, w: f"RT {t:03d} / {w:03d}", "RT 004 / 014",
              _SCHOOLS),
    RtRwShape("RW first", lambda t, w: f"RW {w} RT {t}", "RW 5 RT 3", _SCHOOLS),
    RtRwShape("bare, padded", lambda t, w: f"{t:03d}/{w:03d}", "003/005", _SCHOOLS),
)  # fmt: skip
"""Every RT/RW shape the parser reads, each with an example and its source. The strategies
write every shape (``strategies.messy_address_texts``), and a test parses each back."""


def parse(text: str, *, regency: str | None = None, district: str | None = None) -> ParsedAddress:
    """Read a messy address string into a structured :class:`Address`.

    Handles the usual prefixes in any case and spacing (Jl./Jln./Jalan, Gg./Gang, Blok,
    No./Nomor, Perum./Perumahan, Kp./Kampung, Dusun, Desa/Ds., Kelurahan/Kel., Kecamatan/Kec.,
    Kabupaten/Kab., Kota, Provinsi/Prov.), RT/RW in every common shape (``RT 003/RW 005``,
    ``RT.14/RW.1``, ``RT 3 RW 5``, ``rt03rw05``, ``003/005``), a postal code anywhere, and names
    that differ from the registry in case, spacing, punctuation or one typo.

    The village is chosen only when the other parts of the address agree: a village name shared
    by many districts stays ambiguous unless a district, regency, postal code or hint singles
    one out. Missing pieces (no district, no regency) are filled from the registry when that is
    unambiguous. Kabupaten Bekasi (3216) and Kota Bekasi (3275) are told apart by their prefix.

    Args:
        text: the address as written.
        regency: a regency code or name that the address must lie in (a Dinas knows its own).
        district: a district code or name, likewise.

    Returns:
        A :class:`ParsedAddress`; never raises for any text.

    Raises:
        ValidationError: only for a bad hint, or when ``text`` is not a string.
    """
    if not isinstance(text, str):
        raise InvalidType(f"an address is a string, got {type(text).__name__}", field="text")
    for hint, name in ((regency, "regency"), (district, "district")):
        if hint is not None and not isinstance(hint, str):
            raise InvalidType(f"a {name} hint is a code or a name", field=name)
    regency_code = (
        None
        if regency is None
        else _reading.resolve_hint(regency, _regions.RegionLevel.REGENCY, None)
    )
    district_code = (
        None
        if district is None
        else _reading.resolve_hint(district, _regions.RegionLevel.DISTRICT, regency_code)
    )
    scope_code = district_code or regency_code
    scope = (scope_code,) if scope_code else None
    (code, status, confidence, candidates, warnings, street, house_number, rt, rw, postal,
     dusun) = _reading.read(text, scope)  # fmt: skip
    address = None
    if code is not None:
        address = Address(
            village_code=code, street=street, house_number=house_number, rt=rt, rw=rw,
            dusun=dusun, postal_code=postal,
        )  # fmt: skip
    return ParsedAddress(
        address=address, status=_STATUS[status], confidence=confidence, candidates=candidates,
        warnings=warnings, street=street, house_number=house_number, rt=rt, rw=rw,
        postal_code=postal, dusun=dusun,
    )  # fmt: skip
