"""National scale, in plain functions a partition can run: every regency's campaign on its
own, results that combine, and records that may leave a Dinas.

The people who fund and audit delivery programmes (a province, the Ditjen Dukcapil) look at
all 514 regencies at once. This module holds the pieces that make that a partitioned job
(see :mod:`adminduk_delivery.on_dask` for Dask, or any engine that maps and reduces):

- :func:`regency_sizes`: how many documents each regency gets in a national synthetic
  campaign (in proportion to its villages: see the function for why);
- :func:`regency_campaign`: one regency's campaign (generation inside the partition,
  validation, decisions, packing, an optional simulation, the summary), seeded from the
  national seed and the regency's code only, so that the result does not depend on how the
  regencies are partitioned;
- :func:`combine`: regencies' results into the national one (an associative merge, for a
  tree reduction);
- :func:`pseudonym` and :func:`export_records`: records for a province or the ministry with a
  keyed pseudonym instead of the NIK (UU 27/2022 PDP).

No I/O, no clock: everything is a function of its arguments.

>>> import datetime as dt
>>> from adminduk_delivery import national
>>> sizes = national.regency_sizes(3_000, regencies=["3216", "3275", "3201"])
>>> sizes
{'3201': 1925, '3216': 827, '3275': 248}
>>> results = [national.regency_campaign(code, n, seed=1) for code, n in sizes.items()]
>>> total = national.combine(results)
>>> total.documents, total.summary.total == total.documents
(3000, True)
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import random
from collections.abc import Iterable
from typing import Any, Final

import attrs

from . import analysis, policy, regions, simulation, synthetic
from ._convert import checked, date_value, flag, tuple_of, whole_number
from .batches import Batch
from .documents import DocumentKind
from .errors import InvalidType, ValidationError
from .policy import Policy

__all__ = [
    "NationalResult",
    "RegencyResult",
    "combine",
    "export_records",
    "pseudonym",
    "regency_campaign",
    "regency_sizes",
]

HANDOVER: Final = dt.date(2020, 3, 20)
"""The default handover day of a national synthetic campaign (Bekasi's, 20 March 2020)."""

REPORT_DAY: Final = dt.date(2020, 6, 30)
"""The default day of the national summary: one day for every regency (summaries of
different days do not merge), the end of the quarter after the handover."""


def regency_sizes(total: int, *, regencies: Iterable[str] | None = None) -> dict[str, int]:
    """Share ``total`` documents among regencies in proportion to their villages.

    No population figure per regency ships with the library (the packaged reference data are
    the Kemendagri region codes, postal codes and points), so the number of villages
    (desa/kelurahan) stands in for a regency's size: it follows population only roughly
    (Java's villages are larger than Papua's), which is enough for a load test and is stated
    wherever the sizes are used. The shares are whole numbers by the largest-remainder
    method, ties by code; they add up to ``total``.

    Args:
        total: the national number of documents.
        regencies: regencies by code or name (default: every current regency).

    Returns:
        Regency code -> documents, by code.

    Raises:
        ValidationError: a code or name that names no current regency (as
            :func:`~adminduk_delivery.regions.resolve` says; code ``level`` for a retired
            one), or a ``total`` out of range.
        InvalidType: arguments of the wrong type.
    """
    total = whole_number(total, field="total", maximum=1_000_000_000)
    codes = (
        regions.codes("regency")
        if regencies is None
        else tuple(sorted(set(tuple_of(regencies, str, field="regencies"))))
    )
    weights = {}
    for written in codes:
        code = regions.resolve(
            written, level=regions.RegionLevel.REGENCY, field="regencies", current=True
        ).code
        weights[code] = sum(len(regions.children(d.code)) for d in regions.children(code))
    whole = sum(weights.values()) or 1
    shares = {code: total * w / whole for code, w in weights.items()}
    sizes = {code: int(share) for code, share in shares.items()}
    left = total - sum(sizes.values())
    for code in sorted(shares, key=lambda c: (-(shares[c] - sizes[c]), c))[:left]:
        sizes[code] += 1
    return dict(sorted(sizes.items()))


@attrs.frozen(kw_only=True)
class RegencyResult:
    """One regency's campaign, small enough to send between processes.

    Attributes:
        regency: the regency's code.
        name: its name.
        documents: documents handed over.
        residents: residents generated.
        valid_niks: residents whose NIK passed validation.
        allowed: delivery requests allowed; ``denied``: refused (by
            :func:`~adminduk_delivery.policy.denial_counts` reason in ``denials``).
        shipments: shipments packed.
        summary: the summary of the batch (on ``as_of``).
        export: the regency's :func:`export_records` (pseudonymised), when asked for.
    """

    regency: str
    name: str
    documents: int
    residents: int
    valid_niks: int
    allowed: int
    denied: int
    denials: dict[str, int]
    shipments: int
    summary: analysis.Summary
    export: tuple[dict[str, Any], ...] = ()

    def record(self) -> dict[str, Any]:
        """One row for a national table (for pandas or a CSV writer).

        Returns:
            ``regency``, ``name``, ``documents``, ``shipments``, ``allowed``, ``denied``,
            ``received`` (delivered or collected), ``received_rate`` (``None`` without
            documents) and ``first_attempt_success_rate``.

        Raises:
            Nothing: the result is already computed.
        """
        received = self.summary.received
        return {
            "regency": self.regency,
            "name": self.name,
            "documents": self.documents,
            "shipments": self.shipments,
            "allowed": self.allowed,
            "denied": self.denied,
            "received": received,
            "received_rate": round(received / self.documents, 4) if self.documents else None,
            "first_attempt_success_rate": self.summary.first_attempt_success_rate,
        }


def _seed(seed: int, regency: str) -> random.Random:
    """The regency's own random stream: a function of the national seed and its code only."""
    return random.Random(f"national:{seed}:{regency}")


def regency_campaign(
    regency: str,
    documents: int,
    *,
    seed: int,
    as_of: dt.date = REPORT_DAY,
    handed_over: dt.date = HANDOVER,
    programme: Policy | None = None,
    simulate: bool = True,
    couriers_per_office: int = 10,
    export_key: bytes | None = None,
) -> RegencyResult:
    """One regency's campaign from generation to summary, for one partition.

    Residents of the regency are generated (about 1.6 per document, so that enough adults
    ask), their NIKs validated, one e-KTP requested each (92% ask for delivery), the requests
    decided under ``programme`` (default: the Bekasi 2020 preset with this regency as its
    area), the allowed ones packed one shipment per household (the first ``documents``),
    optionally simulated to the end, and summarised.

    Args:
        regency: a current regency, by code or name.
        documents: the documents to hand over (0 gives an empty result).
        seed: the national seed; the regency's stream is derived from it and the code only.
        as_of: the summary's day, the same for every regency of a national run (their
            summaries merge only then).
        handed_over: the handover day.
        programme: the delivery policy.
        simulate: run the campaign to its end (else the summary is of the batch as handed
            over: everything open).
        couriers_per_office: couriers per district office in the simulation.
        export_key: with a key, the result carries the regency's :func:`export_records`
            (pseudonyms made with this key).

    Returns:
        The :class:`RegencyResult`.

    Raises:
        ValidationError: a code or name that names no current regency (as
            :func:`~adminduk_delivery.regions.resolve` says), or counts out of range.
        InvalidType: arguments of the wrong type.
    """
    region = regions.get(
        regions.resolve(
            regency, level=regions.RegionLevel.REGENCY, field="regency", current=True
        ).code
    )
    documents = whole_number(documents, field="documents", maximum=10_000_000)
    seed = whole_number(seed, field="seed", maximum=2**63)
    handed_over = date_value(handed_over, field="handed_over")
    simulate = flag(simulate, field="simulate")
    rule = (
        checked(programme, Policy, field="programme")
        if programme is not None
        else attrs.evolve(
            policy.BEKASI_2020, name=f"{region.name}: national campaign", area=(region.code,)
        )
    )
    rng = _seed(seed, region.code)
    people = synthetic.population(
        int(documents * 1.6) + 10, regency=region.code, seed=rng, as_of=handed_over
    )
    residents = len(people.residents)
    adults = [r for r in people.residents if r.age(on=handed_over) >= 17]
    # Only what the rest needs is kept: the households, the children, the requests and the
    # allowed decisions are let go as soon as they are used (Python's garbage collector walks
    # every live object on each full collection, and those were about 30% of a campaign's time
    # at 80,000 documents).
    del people
    valid = sum(_valid(r.nik) for r in adults)
    allowed: set[str] = set()
    refused: list[policy.Decision] = []  # the denials, for their counts
    decided = 0
    for request in synthetic.iter_requests(
        adults, seed=rng, kind=DocumentKind.KTP_EL, delivery_share=0.92,
        requested_between=(handed_over - dt.timedelta(days=365), handed_over),
    ):  # fmt: skip
        decision = policy.delivery_eligibility(request, policy=rule)
        decided += 1
        if decision.allowed:
            allowed.add(request.nik)
        else:
            refused.append(decision)
    recipients = [r for r in adults if r.nik in allowed][:documents]
    del adults
    batch = synthetic.batch(recipients, batch_id=f"NAT-{region.code}", seed=rng, issued=handed_over)
    day = date_value(as_of, field="as_of")
    if simulate and batch.shipments:
        run = simulation.simulate(
            batch, policy=rule, start=handed_over, seed=rng,
            couriers_per_office=couriers_per_office,
        )  # fmt: skip
        batch = run.batch
    summary = analysis.summarize(batch, as_of=day, policy=rule, handed_over=handed_over)
    export = () if export_key is None else tuple(export_records(batch, key=export_key, as_of=day))
    return RegencyResult(
        regency=region.code,
        name=region.name,
        documents=len(batch.documents),
        residents=residents,
        valid_niks=valid,
        allowed=decided - len(refused),
        denied=len(refused),
        denials=policy.denial_counts(refused),
        shipments=len(batch.shipments),
        summary=summary,
        export=export,
    )


def _valid(nik: str) -> bool:
    from . import nik as _nik  # noqa: PLC0415 - the module shadows the argument's name

    return _nik.is_valid(nik)


@attrs.frozen(kw_only=True)
class NationalResult:
    """Regencies' results combined.

    Attributes:
        documents, residents, valid_niks, allowed, denied, shipments: national totals.
        denials: refused requests by reason.
        summary: the merged summary (:func:`~adminduk_delivery.analysis.merge`).
        regencies: how many regencies.
    """

    documents: int
    residents: int
    valid_niks: int
    allowed: int
    denied: int
    denials: dict[str, int]
    shipments: int
    summary: analysis.Summary
    regencies: int


def _as_national(value: RegencyResult | NationalResult) -> NationalResult:
    if isinstance(value, NationalResult):
        return value
    checked(value, RegencyResult, field="results")
    return NationalResult(
        documents=value.documents, residents=value.residents, valid_niks=value.valid_niks,
        allowed=value.allowed, denied=value.denied, denials=dict(value.denials),
        shipments=value.shipments, summary=value.summary, regencies=1,
    )  # fmt: skip


def combine(results: Iterable[RegencyResult | NationalResult]) -> NationalResult:
    """Regencies' results (or already combined ones) into one: counts added, summaries
    merged. Associative, so a tree reduction may combine partial results in any grouping
    and get the same national result.

    Args:
        results: regency results or combined results (at least one).

    Returns:
        The :class:`NationalResult`.

    Raises:
        ValidationError: no results (code ``empty``), or summaries that do not merge.
        InvalidType: something else in ``results``.
    """
    given: object = results
    if isinstance(given, str | bytes) or not isinstance(given, Iterable):
        raise InvalidType("results is a collection of results", field="results")
    parts = [_as_national(r) for r in results]
    if not parts:
        raise ValidationError("combine needs at least one result", field="results", code="empty")
    denials: dict[str, int] = {}
    for part in parts:
        for reason, n in part.denials.items():
            denials[reason] = denials.get(reason, 0) + n
    return NationalResult(
        documents=sum(p.documents for p in parts),
        residents=sum(p.residents for p in parts),
        valid_niks=sum(p.valid_niks for p in parts),
        allowed=sum(p.allowed for p in parts),
        denied=sum(p.denied for p in parts),
        denials=dict(sorted(denials.items())),
        shipments=sum(p.shipments for p in parts),
        summary=analysis.merge([p.summary for p in parts]),
        regencies=sum(p.regencies for p in parts),
    )


# --------------------------------------------------------------------------------------------
# Records that may leave a Dinas


def pseudonym(value: str, *, key: bytes) -> str:
    """A keyed pseudonym of a NIK or KK number: HMAC-SHA256 over its canonical digits,
    hex, 32 characters. The same number and key give the same pseudonym everywhere (so
    partitions and datasets join on it); without the key it cannot be reversed or checked
    against a guess, which a plain hash of a 16-digit number could (UU 27/2022 PDP).

    Args:
        value: the NIK or KK number (16 digits; separators removed).
        key: the secret key, at least 16 bytes, kept by the data controller.

    Returns:
        The pseudonym.

    Raises:
        ValidationError: a value that is not 16 digits, or a key shorter than 16 bytes
            (codes ``format`` and ``key``; the value is not echoed).
        InvalidType: arguments of the wrong type.

    >>> pseudonym("3216 2041 0790 0003", key=b"a key of the Dinas, 32 bytes long")
    '503f0ff15d3c17b3582c6777926a2392'
    """
    if not isinstance(key, bytes):
        raise InvalidType("key is bytes", field="key")
    if len(key) < 16:
        raise ValidationError("key has at least 16 bytes", field="key", code="key")
    if not isinstance(value, str):
        raise InvalidType("value is a string", field="value")
    digits = "".join(value.split()).replace(".", "").replace("-", "")
    if len(digits) != 16 or not (digits.isascii() and digits.isdigit()):
        raise ValidationError("a NIK or KK number has 16 digits", field="value", code="format")
    return hmac.new(key, digits.encode("ascii"), hashlib.sha256).hexdigest()[:32]


def export_records(batch: Batch, *, key: bytes, as_of: dt.date) -> list[dict[str, Any]]:
    """One record per listed document with only what a national analysis needs: the owner's
    pseudonym (never the NIK), the document kind, the regency, district and village codes,
    the state and bucket on ``as_of``, and the attempts.

    Args:
        batch: the batch.
        key: the pseudonym key (see :func:`pseudonym`).
        as_of: the day of the states.

    Returns:
        The records, in the handover list's order.

    Raises:
        ValidationError: a short key.
        InvalidType: arguments of the wrong type.
    """
    batch = checked(batch, Batch, field="batch")
    standing = batch.until(date_value(as_of, field="as_of"))
    report = standing.reconcile()
    carriers = {s.tracking_number: s for s in standing.shipments}
    rows = []
    for document, state in zip(standing.documents, report.documents, strict=True):
        shipment = carriers.get(state.tracking_number) if state.tracking_number else None
        village = shipment.address.village_code if shipment else ""
        rows.append(
            {
                "owner": pseudonym(document.owner_nik, key=key),
                "kind": document.kind.value,
                "regency": village[:4],
                "district": village[:6],
                "village": village,
                "state": state.state,
                "bucket": state.bucket.value,
                "attempts": shipment.attempts if shipment else 0,
            }
        )
    return rows
