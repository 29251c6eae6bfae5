"""adminduk-delivery: the delivery logic of Indonesian population documents, with no I/O.

Identifiers (NIK, KK number, phone and tracking numbers), Kemendagri regions, addresses,
residents, documents, shipments with their lifecycle, batches, working days and delivery
policy; see the documentation for the module map.

Importing the package is cheap: submodules and the names re-exported here load on first use,
and the reference tables on the first lookup. Serialization
(:mod:`adminduk_delivery.serialization`, cattrs) and the Hypothesis strategies
(:mod:`adminduk_delivery.strategies`, the ``testing`` extra) are imported on their own.

>>> import adminduk_delivery as ad
>>> ad.nik.is_valid("3216204107900003")
True
>>> ad.regions.get("3216").name
'Kabupaten Bekasi'
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .errors import (
    AdmindukError,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
    InvalidType,
    MissingDependency,
    TransitionError,
    UnknownRegion,
    ValidationError,
)

if TYPE_CHECKING:
    from . import (
        address,
        analysis,
        batches,
        couriers,
        dispatch,
        documents,
        errors,
        intake,
        kk,
        nik,
        phone,
        policy,
        regions,
        residents,
        routing,
        shipments,
        simulation,
        solvers,
        synthetic,
        tracking,
        workdays,
    )
    from .address import Address, ParsedAddress, ParseStatus
    from .batches import Batch, Reconciliation, TrackedEvent
    from .dispatch import Dispatch
    from .documents import CollectionPoint, Document, DocumentKind, DocumentRequest, Fulfilment
    from .intake import Intake
    from .kk import KKInfo
    from .nik import NIKInfo, Sex
    from .phone import PhoneKind, PhoneNumber
    from .policy import Decision, Finding, Policy
    from .regions import Region, RegionLevel, RegionMatch
    from .residents import Household, Resident
    from .shipments import FailureReason, Shipment, ShipmentEvent, ShipmentStatus
    from .tracking import TrackingKind, TrackingNumber
    from .workdays import WorkCalendar

__version__ = "0.1.0"

_SUBMODULES = frozenset(
    {
        "address", "analysis", "batches", "couriers", "dispatch", "documents", "errors", "intake",
        "kk", "labels", "nik", "phone",
        "policy", "regions", "residents", "routing", "shipments", "simulation", "solvers",
        "synthetic", "tracking", "workdays",
    }
)  # fmt: skip
_EXPORTS = {
    "Address": "address", "ParsedAddress": "address", "ParseStatus": "address",
    "Batch": "batches", "Reconciliation": "batches", "TrackedEvent": "batches",
    "Document": "documents", "DocumentKind": "documents", "DocumentRequest": "documents",
    "Fulfilment": "documents", "CollectionPoint": "documents", "Dispatch": "dispatch",
    "Intake": "intake", "KKInfo": "kk", "NIKInfo": "nik", "Sex": "nik",
    "PhoneKind": "phone", "PhoneNumber": "phone",
    "Decision": "policy", "Finding": "policy", "Policy": "policy",
    "Region": "regions", "RegionLevel": "regions", "RegionMatch": "regions",
    "Household": "residents", "Resident": "residents",
    "FailureReason": "shipments", "Shipment": "shipments", "ShipmentEvent": "shipments",
    "ShipmentStatus": "shipments", "TrackingKind": "tracking", "TrackingNumber": "tracking",
    "WorkCalendar": "workdays",
}  # fmt: skip

__all__ = [
    "Address",
    "AdmindukError",
    "Batch",
    "CollectionPoint",
    "Decision",
    "Dispatch",
    "Document",
    "DocumentKind",
    "DocumentRequest",
    "FailureReason",
    "Finding",
    "Fulfilment",
    "Household",
    "Intake",
    "InvalidComponent",
    "InvalidFormat",
    "InvalidLength",
    "InvalidType",
    "KKInfo",
    "MissingDependency",
    "NIKInfo",
    "ParseStatus",
    "ParsedAddress",
    "PhoneKind",
    "PhoneNumber",
    "Policy",
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
    "WorkCalendar",
    "__version__",
    "address",
    "analysis",
    "batches",
    "couriers",
    "dispatch",
    "documents",
    "errors",
    "intake",
    "kk",
    "labels",
    "nik",
    "phone",
    "policy",
    "regions",
    "residents",
    "routing",
    "shipments",
    "simulation",
    "solvers",
    "synthetic",
    "tracking",
    "workdays",
]


def __getattr__(name: str) -> Any:
    if name in _SUBMODULES:
        return importlib.import_module(f".{name}", __name__)
    module = _EXPORTS.get(name)
    if module is not None:
        value = getattr(importlib.import_module(f".{module}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
