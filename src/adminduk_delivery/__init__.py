"""adminduk-delivery: the delivery logic of Indonesian population documents, with no I/O.

The package validates identifiers (NIK, KK number, phone and tracking numbers), Kemendagri
region codes and addresses; see the documentation for the module map. Importing it reads no
data: the reference tables load on first use.

>>> import adminduk_delivery as ad
>>> ad.nik.is_valid("3216204107900003")
True
>>> ad.regions.get("3216").name
'Kabupaten Bekasi'
"""

from . import address, errors, kk, nik, phone, regions, tracking
from .address import Address, ParsedAddress, ParseStatus
from .errors import (
    AdmindukError,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
    InvalidType,
    UnknownRegion,
    ValidationError,
)
from .kk import KKInfo
from .nik import NIKInfo, Sex
from .phone import PhoneKind, PhoneNumber
from .regions import Region, RegionLevel, RegionMatch
from .tracking import TrackingKind, TrackingNumber

__version__ = "0.1.0"

__all__ = [
    "Address",
    "AdmindukError",
    "InvalidComponent",
    "InvalidFormat",
    "InvalidLength",
    "InvalidType",
    "KKInfo",
    "NIKInfo",
    "ParseStatus",
    "ParsedAddress",
    "PhoneKind",
    "PhoneNumber",
    "Region",
    "RegionLevel",
    "RegionMatch",
    "Sex",
    "TrackingKind",
    "TrackingNumber",
    "UnknownRegion",
    "ValidationError",
    "__version__",
    "address",
    "errors",
    "kk",
    "nik",
    "phone",
    "regions",
    "tracking",
]
