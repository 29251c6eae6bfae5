"""The hook that Hypothesis calls through this package's ``hypothesis`` entry point.

It registers a strategy for every public model so that ``st.from_type(Resident)`` works. It
lives apart from :mod:`adminduk_delivery.strategies` and imports that module only when a
strategy is first drawn: Hypothesis runs entry points while it is being imported, possibly
because :mod:`adminduk_delivery.strategies` itself is importing it.
"""

from __future__ import annotations

import importlib
from typing import Any


def _lazy(name: str) -> Any:
    from hypothesis import strategies as st  # noqa: PLC0415 - Hypothesis is importing us

    def build() -> Any:
        module = importlib.import_module("adminduk_delivery.strategies")
        return getattr(module, name)()

    return st.deferred(build)


def _hypothesis_setup_hook() -> None:
    """Register a deferred strategy for every public model (nothing is built until drawn)."""
    from hypothesis import strategies as st  # noqa: PLC0415 - as above

    from .address import Address  # noqa: PLC0415
    from .batches import Batch  # noqa: PLC0415
    from .documents import Document, DocumentRequest  # noqa: PLC0415
    from .phone import PhoneNumber  # noqa: PLC0415
    from .policy import Policy  # noqa: PLC0415
    from .residents import Household, Resident  # noqa: PLC0415
    from .routing import Stop  # noqa: PLC0415
    from .shipments import Recipient, Shipment  # noqa: PLC0415

    for cls, name in (
        (Address, "addresses"),
        (PhoneNumber, "phone_numbers"),
        (Resident, "residents"),
        (Household, "households"),
        (Document, "documents"),
        (DocumentRequest, "document_requests"),
        (Recipient, "recipients"),
        (Shipment, "shipments"),
        (Batch, "batches"),
        (Policy, "policies"),
        (Stop, "stops"),
    ):
        st.register_type_strategy(cls, _lazy(name))
