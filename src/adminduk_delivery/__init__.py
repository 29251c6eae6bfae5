"""adminduk-delivery: the delivery logic of Indonesian population documents, with no I/O.

Identifiers (NIK, KK number, phone and tracking numbers), Kemendagri regions, addresses,
residents, documents, shipments with their lifecycle, and batches; see the documentation for
the module map. Importing it reads no data: the reference tables load on first use.
Serialization (:mod:`adminduk_delivery.serialization`, cattrs) and the Hypothesis strategies
(:mod:`adminduk_delivery.strategies`, the ``testing`` extra) are imported on their own.

>>> import adminduk_delivery as ad
>>> ad.nik.is_valid("3216204107900003")
True
>>> ad.regions.get("3216").name
'Kabupaten Bekasi'
"""

from . import (
    address,
    batches,
    couriers,
    documents,
    errors,
    kk,
    nik,
    phone,
    regions,
    residents,
    shipments,
    tracking,
)
from .address import Address, ParsedAddress, ParseStatus
from .batches import Batch, Reconciliation, TrackedEvent
from .documents import Document, DocumentKind, DocumentRequest, Fulfilment
from .errors import (
    AdmindukError,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
    InvalidType,
    TransitionError,
    UnknownRegion,
    ValidationError,
)
from .kk import KKInfo
from .nik import NIKInfo, Sex
from .phone import PhoneKind, PhoneNumber
from .regions import Region, RegionLevel, RegionMatch
from .residents import Household, Resident
from .shipments import FailureReason, Shipment, ShipmentEvent, ShipmentStatus
from .tracking import TrackingKind, TrackingNumber

__version__ = "0.1.0"

__all__ = [
    "Address",
    "AdmindukError",
    "Batch",
    "Document",
    "DocumentKind",
    "DocumentRequest",
    "FailureReason",
    "Fulfilment",
    "Household",
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
    "Reconciliation",
    "Region",
    "RegionLevel",
    "RegionMatch",
    "Resident",
    "Sex",
    "Shipment",
    "ShipmentEvent",
    "ShipmentStatus",
    "TrackedEvent",
    "TrackingKind",
    "TrackingNumber",
    "TransitionError",
    "UnknownRegion",
    "ValidationError",
    "__version__",
    "address",
    "batches",
    "couriers",
    "documents",
    "errors",
    "kk",
    "nik",
    "phone",
    "regions",
    "residents",
    "shipments",
    "tracking",
]
