"""Delivery policy: rules as data, decisions that explain themselves, and presets.

Programmes differ per regency, so a :class:`Policy` is a frozen object a Dinas builds or loads
(:func:`adminduk_delivery.serialization.from_dict` reads a hand-written JSON file) rather than
code. The decisions are pure functions of their inputs and return a :class:`Decision`: allowed
or not, plus **every** rule that was evaluated, each as a :class:`Finding` with its id, its
outcome (passed, failed, or not applicable), its message in Indonesian and English, and the
facts behind the message as data.

Rules are :class:`Rule` objects with readable ids; they compose with ``&`` (all must pass),
``|`` (one must pass) and ``~`` (must fail), with the semantics of the rule algebra described
in :class:`Rule`: a decision is allowed exactly when none of its decisive findings failed.

>>> import datetime as dt
>>> from adminduk_delivery import policy
>>> from adminduk_delivery.address import Address
>>> from adminduk_delivery.documents import DocumentKind, DocumentRequest, Fulfilment
>>> request = DocumentRequest(
...     id="R-1", nik="3216204107900003", kind=DocumentKind.SURAT_PINDAH,
...     fulfilment=Fulfilment.DELIVER, requested_on=dt.date(2020, 3, 10),
...     address=Address(village_code="3216202001", house_number="7", rt=1, rw=4),
... )
>>> decision = policy.delivery_eligibility(request, policy=policy.BEKASI_2020)
>>> decision.allowed
False
>>> [f.rule_id for f in decision.denials]
['document_deliverable']
>>> print(decision.denials[0].message_id)
Surat Keterangan Pindah (SKPWNI) tidak dikirim dalam program ini (diambil di loket)
"""

from __future__ import annotations

import datetime as dt
import enum
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, Final, TypeVar

import attrs

from . import nik as _nik
from ._convert import (
    as_int,
    boolean,
    checked,
    date_value,
    enum_member,
    flag,
    frozenset_of,
    instance_validator,
    reported_as,
    slot_setters,
    text,
    tuple_of,
    whole_number,
)
from ._rules import DataValue, Finding, Outcome, Rule
from .address import Address
from .documents import Document, DocumentKind, DocumentRequest, Fulfilment
from .errors import InvalidType, ValidationError
from .labels import label
from .residents import Household, Resident
from .shipments import (
    FailureReason,
    Proof,
    Recipient,
    RecipientKind,
    Shipment,
    ShipmentStatus,
    require_distinct,
)
from .workdays import WorkCalendar

__all__ = [
    "BEKASI_2020",
    "DELIVERY_ELIGIBILITY",
    "HOLD",
    "OWNER_ONLY_TWO_ATTEMPTS",
    "PRIORITY_RULES",
    "RECIPIENT_ELIGIBILITY",
    "RETRY",
    "AfterFailure",
    "DataValue",
    "Decision",
    "DoorContext",
    "FeeKind",
    "FeeRule",
    "Finding",
    "NextAction",
    "NextStep",
    "Outcome",
    "Policy",
    "Priority",
    "PriorityContext",
    "RecipientRule",
    "RequestContext",
    "ReturnTo",
    "Rule",
    "StepContext",
    "batch_cost",
    "deactivation_list",
    "delivery_eligibility",
    "denial_counts",
    "next_step",
    "priority",
    "recipient_eligibility",
]

C = TypeVar("C")


# --------------------------------------------------------------------------------------------
# Decisions


def _findings(value: Iterable[Finding]) -> tuple[Finding, ...]:
    return tuple_of(value, Finding, field="findings")


def _text(value: object) -> str:
    return text(value, field="text")


@attrs.frozen(kw_only=True)
class Decision:
    """An explained answer, fit for an audit trail (it holds no full NIK).

    Attributes:
        decision: which decision this is (``"delivery_eligibility"``, ...).
        allowed: the answer: true exactly when no decisive finding failed.
        findings: every rule evaluated, in evaluation order.
        subject: what was decided on: a request id or a tracking number (empty when the
            caller gave documents without either).
        policy: the name of the policy applied.

    Raises:
        ValidationError: ``allowed`` contradicts the findings (code ``inconsistent``), as in
            a hand-edited audit file.
    """

    decision: str = attrs.field(converter=_text)
    allowed: bool = attrs.field(validator=boolean)
    findings: tuple[Finding, ...] = attrs.field(converter=_findings)
    subject: str = attrs.field(default="", converter=_text)
    policy: str = attrs.field(default="", converter=_text)

    def __attrs_post_init__(self) -> None:
        if self.allowed == any(f.failed and f.decisive for f in self.findings):
            raise ValidationError(
                "allowed must be true exactly when no decisive finding failed",
                field="allowed",
                code="inconsistent",
            )

    @property
    def denials(self) -> tuple[Finding, ...]:
        """The decisive findings that failed: at least one when not allowed, none when
        allowed."""
        return tuple(f for f in self.findings if f.failed and f.decisive)

    @property
    def reason(self) -> Finding | None:
        """The first denial: the one a report counts the decision under (``None`` when
        allowed)."""
        return next((f for f in self.findings if f.failed and f.decisive), None)

    def explain(self, language: str = "en") -> str:
        """One line per finding: ``[ok]``, ``[NO]`` (a decisive failure), ``[--]`` (a failure
        that did not decide) or ``[n/a]``, the rule id and the message.

        Args:
            language: ``"en"`` or ``"id"``.

        Returns:
            The lines, joined with newlines.

        Raises:
            ValidationError: another language (code ``choice``).
        """
        return "\n".join(f"[{f.mark()}] {f.rule_id}: {f.message(language)}" for f in self.findings)


def _decide(name: str, rule: Rule[C], context: C, *, subject: str, policy: Policy) -> Decision:
    if not isinstance(rule, Rule):
        raise InvalidType(f"rule is a Rule, got {type(rule).__name__}", field="rule")
    ok, findings = rule.evaluate(context)
    # The rule algebra guarantees what Decision's checks would verify (findings are Finding
    # objects; allowed exactly without a decisive denial), and a decision is the hot path of
    # a campaign: build it without re-checking, through the class's own slots.
    decision = _new(Decision)
    _set_decision(decision, name)
    _set_allowed(decision, ok)
    _set_findings(decision, findings)
    _set_subject(decision, subject)
    _set_policy(decision, policy.name)
    return decision


_new: Final = object.__new__


_set_decision, _set_allowed, _set_findings, _set_subject, _set_policy = slot_setters(
    Decision, "decision", "allowed", "findings", "subject", "policy"
)


def denial_counts(decisions: Iterable[Decision]) -> dict[str, int]:
    """How many decisions were denied, each counted once, under its first denial's rule.

    A request refused for two reasons is one refused request: reports add these counts up to
    the number of denials, and never tell a Dinas head that every collect request also had an
    address outside the regency.

    Args:
        decisions: decisions of any kind.

    Returns:
        ``{rule_id: denied decisions}``, most frequent first (ties by rule id).

    Raises:
        InvalidType: something that is not a :class:`Decision`.

    >>> from adminduk_delivery import policy
    >>> policy.denial_counts([])
    {}
    """
    counts: Counter[str] = Counter()
    for decision in tuple_of(decisions, Decision, field="decisions"):
        if decision.reason is not None:
            counts[decision.reason.rule_id] += 1
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


# --------------------------------------------------------------------------------------------
# The policy object


class RecipientRule(enum.Enum):
    """Who may receive a shipment at the door."""

    OWNER_ONLY = "owner_only"
    HOUSEHOLD = "household"
    """The owner, or a member of the same KK of at least the minimum age."""


class AfterFailure(enum.Enum):
    """What happens when the attempts are used up (or a terminal reason ends them)."""

    HOLD_AT_POST_OFFICE = "hold_at_post_office"
    RETURN = "return"


class ReturnTo(enum.Enum):
    """Where undeliverable documents go back to."""

    ISSUER = "issuer"
    """The Dinas Dukcapil."""
    DISTRICT_OFFICE = "district_office"
    """The kecamatan office of the address."""


class FeeKind(enum.Enum):
    """Who pays for a delivery, and how."""

    FREE = "free"
    FLAT_PER_ITEM = "flat_per_item"
    """A flat fee per item, paid by the Dinas."""
    CASH_ON_DELIVERY = "cash_on_delivery"
    """Paid by the resident at the door."""


def _fee_kind(value: object) -> FeeKind:
    return enum_member(value, FeeKind, field="kind")


def _recipient_rule(value: object) -> RecipientRule:
    return enum_member(value, RecipientRule, field="recipients")


def _after_failure(value: object) -> AfterFailure:
    return enum_member(value, AfterFailure, field="after_failure")


def _return_to(value: object) -> ReturnTo:
    return enum_member(value, ReturnTo, field="return_to")


_MAX_AMOUNT: Final = 1_000_000_000


def _items(value: object) -> int:
    return whole_number(value, field="items", maximum=2**63)


@attrs.frozen(kw_only=True)
class FeeRule:
    """The fee rule of a programme. Amounts are whole rupiah."""

    kind: FeeKind = attrs.field(default=FeeKind.FREE, converter=_fee_kind)
    amount: int = attrs.field(default=0, converter=as_int)

    def __attrs_post_init__(self) -> None:
        whole_number(self.amount, field="amount", maximum=_MAX_AMOUNT)
        if self.kind is FeeKind.FREE and self.amount:
            raise ValidationError("a free programme has no amount", field="amount", code="range")

    def resident_pays(self, items: int) -> int:
        """What the resident pays at the door.

        Args:
            items: the documents handed over.

        Returns:
            Rupiah: the amount per item for cash on delivery, else 0.

        Raises:
            InvalidType: ``items`` is not a whole number.
            ValidationError: ``items`` is negative (code ``range``).
        """
        return self.amount * _items(items) if self.kind is FeeKind.CASH_ON_DELIVERY else 0

    def dinas_pays(self, items: int) -> int:
        """What the Dinas pays the courier.

        Args:
            items: the documents delivered.

        Returns:
            Rupiah: the amount per item for a flat fee, else 0.

        Raises:
            InvalidType: ``items`` is not a whole number.
            ValidationError: ``items`` is negative (code ``range``).
        """
        return self.amount * _items(items) if self.kind is FeeKind.FLAT_PER_ITEM else 0


def _kinds(value: Iterable[DocumentKind]) -> frozenset[DocumentKind]:
    return frozenset_of(value, DocumentKind, field="deliverable_kinds")


def _region_code(value: object) -> str:
    from . import regions  # noqa: PLC0415 - regions is loaded by address anyway

    if not isinstance(value, str):
        raise InvalidType("a region code is a string", field="area")
    return regions.get(value).code


def _area(value: Iterable[str]) -> tuple[str, ...]:
    codes = tuple_of(value, str, field="area")
    if not codes:
        raise ValidationError("a programme serves at least one region", field="area", code="empty")
    return tuple(sorted({reported_as("area", _region_code, code) for code in codes}))


def _office_areas(value: Iterable[str]) -> tuple[str, ...]:
    codes = tuple_of(value, str, field="village_office_areas")
    return tuple(
        sorted({reported_as("village_office_areas", _region_code, code) for code in codes})
    )


def _proofs(value: Iterable[Proof]) -> frozenset[Proof]:
    return frozenset_of(value, Proof, field="required_proofs")


def _sources(value: Iterable[str]) -> tuple[str, ...]:
    return tuple_of(value, str, field="sources")


def _assumptions(value: Iterable[str]) -> tuple[str, ...]:
    return tuple_of(value, str, field="assumptions")


def _address_fields(value: Iterable[str]) -> frozenset[str]:
    fields = frozenset_of(value, str, field="required_address_fields")
    unknown = fields - {"house_number", "rt", "rw"}
    if unknown:
        raise ValidationError(
            "the address fields a policy can require are house_number, rt and rw",
            field="required_address_fields",
            code="choice",
        )
    return fields


_MAX_COUNT: Final = 10_000


def _non_negative(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    whole_number(value, field=attribute.name, maximum=_MAX_COUNT)


def _name(value: object) -> str:
    if not isinstance(value, str):
        raise InvalidType(f"name is a string, got {type(value).__name__}", field="name")
    if not value.strip():
        raise ValidationError("a policy has a name", field="name", code="empty")
    return value.strip()


@attrs.frozen(kw_only=True)
class Policy:
    """A delivery programme's rules, as data.

    Attributes:
        name: the programme's name.
        area: region codes (regency, district or village) the programme serves.
        deliverable_kinds: document kinds that may be delivered.
        required_address_fields: fields a delivery address must have (``house_number``,
            ``rt``, ``rw``; see :func:`~adminduk_delivery.address.check_deliverable`).
        require_phone: whether a phone number is needed to deliver.
        recipients: owner only, or the household.
        min_recipient_age: the youngest household member who may receive.
        village_official_fallback: whether a village official may receive when nobody else can.
        village_office_areas: regions of the area (regency, district or village codes) whose
            documents a village official receives for the residents, whoever else could:
            water and island villages that the courier serves at the village office (Ogan
            Komering Ilir's programme with Pos Indonesia, 2021: "untuk wilayah perairan kita
            antar ke kepala desa").
        required_proofs: proofs every delivery needs.
        max_attempts: delivery attempts before the after-failure step.
        after_failure: hold at the post office, or return.
        hold_working_days: how long a held item waits before it is returned.
        return_to: where returned items go.
        fee: the fee rule.
        sla_working_days: the target, in working days from handover to delivery.
        calendar: the working-day calendar of the couriers.
        elderly_age: the age from which residents are prioritised.
        sources: where the values come from.
        assumptions: which values are assumptions rather than sourced.
    """

    name: str = attrs.field(converter=_name)
    area: tuple[str, ...] = attrs.field(converter=_area)
    deliverable_kinds: frozenset[DocumentKind] = attrs.field(converter=_kinds)
    required_address_fields: frozenset[str] = attrs.field(
        default=frozenset({"rt", "rw"}), converter=_address_fields
    )
    require_phone: bool = attrs.field(default=False, validator=boolean)
    recipients: RecipientRule = attrs.field(
        default=RecipientRule.HOUSEHOLD, converter=_recipient_rule
    )
    min_recipient_age: int = attrs.field(default=17, converter=as_int, validator=_non_negative)
    village_official_fallback: bool = attrs.field(default=False, validator=boolean)
    village_office_areas: tuple[str, ...] = attrs.field(default=(), converter=_office_areas)
    required_proofs: frozenset[Proof] = attrs.field(
        default=frozenset({Proof.ID_SHOWN}), converter=_proofs
    )
    max_attempts: int = attrs.field(default=2, converter=as_int, validator=_non_negative)
    after_failure: AfterFailure = attrs.field(
        default=AfterFailure.HOLD_AT_POST_OFFICE,
        converter=_after_failure,
    )
    hold_working_days: int = attrs.field(default=7, converter=as_int, validator=_non_negative)
    return_to: ReturnTo = attrs.field(default=ReturnTo.ISSUER, converter=_return_to)
    fee: FeeRule = attrs.field(factory=FeeRule, validator=instance_validator(FeeRule))
    sla_working_days: int = attrs.field(default=14, converter=as_int, validator=_non_negative)
    calendar: WorkCalendar = attrs.field(
        factory=WorkCalendar, validator=instance_validator(WorkCalendar)
    )
    elderly_age: int = attrs.field(default=60, converter=as_int, validator=_non_negative)
    sources: tuple[str, ...] = attrs.field(default=(), converter=_sources)
    assumptions: tuple[str, ...] = attrs.field(default=(), converter=_assumptions)

    def __attrs_post_init__(self) -> None:
        if self.max_attempts < 1:
            raise ValidationError("at least one attempt", field="max_attempts", code="range")
        outside = [c for c in self.village_office_areas if not c.startswith(self.area)]
        if outside:
            raise ValidationError(
                f"village office areas lie in the programme's area; {outside[0]} does not",
                field="village_office_areas",
                code="outside_area",
            )

    def covers(self, address: Address) -> bool:
        """Whether an address lies in the programme's area.

        Args:
            address: the address.

        Returns:
            Whether its village is inside one of the area's regions.

        Raises:
            InvalidType: ``address`` is not an :class:`~adminduk_delivery.address.Address`.
        """
        return checked(address, Address, field="address").village_code.startswith(self.area)

    def village_office_serves(self, address: Address) -> bool:
        """Whether an address lies in the policy's village-office areas, where a village
        official receives for the residents (:attr:`village_office_areas`).

        Args:
            address: the address.

        Returns:
            Whether its village is inside one of those areas (never, without any).

        Raises:
            InvalidType: ``address`` is not an :class:`~adminduk_delivery.address.Address`.
        """
        village = checked(address, Address, field="address").village_code
        return bool(self.village_office_areas) and village.startswith(self.village_office_areas)

    def deadline(self, handed_over: dt.date) -> dt.date:
        """The SLA due date for a handover day.

        Args:
            handed_over: the day of the handover to the courier.

        Returns:
            The working day ``sla_working_days`` after it, on the policy's calendar.

        Raises:
            InvalidType: ``handed_over`` is not a date.
            ValidationError: no such working day within 20 years (code ``range``).
        """
        return self.calendar.deadline(handed_over, self.sla_working_days)


# --------------------------------------------------------------------------------------------
# Decision 1: may this request be delivered?


def _deactivated_nik(value: object) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    return reported_as("deactivated_niks", lambda v: _nik.validate(v, regions="none"), value)


_last_deactivated: tuple[frozenset[object], frozenset[str]] | None = None
"""The last frozenset :func:`deactivation_list` read, with its canonical form: one
reference, read and replaced whole, so that a thread never pairs one list with another's
canonical form (the free-threaded build has no lock between two reads)."""


def deactivation_list(niks: Iterable[str | int]) -> frozenset[str]:
    """A deactivation list in canonical form: spaces, dots and dashes removed, integers read
    as digits, every entry checked.

    :func:`delivery_eligibility` does this itself; a caller deciding many requests against a
    long list builds it once and passes the result.

    Args:
        niks: NIKs as text or integers (a collection, not one string).

    Returns:
        The canonical NIKs.

    Raises:
        InvalidType: ``niks`` is one string (not a collection of NIKs) or not iterable.
        ValidationError: an entry that is not a NIK (``field="deactivated_niks"``, the NIK
            validator's code; the entry is not echoed).

    >>> from adminduk_delivery import policy
    >>> sorted(policy.deactivation_list(["3216 2041 0790 0003", 3216200107900003]))
    ['3216200107900003', '3216204107900003']
    """
    global _last_deactivated  # noqa: PLW0603 - a one-entry cache, replaced whole
    if isinstance(niks, str | bytes):
        raise InvalidType(
            "deactivated_niks is a collection of NIKs, not one string", field="deactivated_niks"
        )
    if isinstance(niks, frozenset):
        # A frozenset cannot change: the last one's canonical form is kept (with the set
        # itself, so that its id is not reused) for the next of many decisions.
        last = _last_deactivated
        if last is not None and last[0] is niks:
            return last[1]
        canonical = frozenset(_deactivated_nik(v) for v in niks)
        _last_deactivated = (niks, canonical)
        return canonical
    try:
        items = list(niks)
    except TypeError:
        raise InvalidType(
            "deactivated_niks is a collection of NIKs", field="deactivated_niks"
        ) from None
    return frozenset(_deactivated_nik(v) for v in items)


@attrs.frozen(slots=True)
class RequestContext:
    """What the delivery-eligibility rules look at (for rules of your own).

    Attributes:
        request: the request.
        policy: the programme.
        deactivated: canonical deactivated NIKs (see :func:`deactivation_list`).
    """

    request: DocumentRequest
    policy: Policy
    deactivated: frozenset[str] = frozenset()


def _missing(ctx: RequestContext) -> tuple[str, ...]:
    """The policy's required address fields that the request's address lacks (in the order of
    :func:`~adminduk_delivery.address.check_deliverable`)."""
    address = ctx.request.address
    required = ctx.policy.required_address_fields
    if address is None:
        return tuple(sorted(required))
    if address.house_number and address.rt and address.rw:
        return ()
    return tuple(
        field
        for field, value in (("house_number", address.house_number), ("rt", address.rt),
                             ("rw", address.rw))
        if field in required and not value
    )  # fmt: skip


_DELIVER: Final = Fulfilment.DELIVER  # read once: an enum member off its class is slow


def _delivers(ctx: RequestContext) -> bool:
    return ctx.request.fulfilment is _DELIVER


_COLLECTS: Final = (
    "tidak berlaku: penduduk tidak memilih dikirim",
    "not applicable: not a delivery",
)

_R_KIND: Final[Rule[RequestContext]] = Rule(
    "document_deliverable",
    lambda c: c.request.kind in c.policy.deliverable_kinds,
    applies=_delivers,
    not_applicable=_COLLECTS,
    passed=lambda c: (
        f"{label(c.request.kind)} dapat dikirim",
        f"{label(c.request.kind, 'en')} may be delivered",
    ),
    failed=lambda c: (
        f"{label(c.request.kind)} tidak dikirim dalam program ini (diambil di loket)",
        f"{label(c.request.kind, 'en')} is not delivered in this programme (collect it)",
    ),
    data=lambda c: {"kind": c.request.kind.value},
    key=lambda c: c.request.kind,
)
_R_CHOICE: Final[Rule[RequestContext]] = Rule(
    "resident_chose_delivery",
    _delivers,
    passed=("penduduk memilih dikirim", "the resident chose delivery"),
    failed=lambda c: (
        f"penduduk memilih {label(c.request.fulfilment)}",
        f"the resident chose {label(c.request.fulfilment, 'en')}",
    ),
    data=lambda c: {"fulfilment": c.request.fulfilment.value},
    key=lambda c: c.request.fulfilment,
)
_R_AREA: Final[Rule[RequestContext]] = Rule(
    "address_in_area",
    lambda c: c.request.address is not None and c.policy.covers(c.request.address),
    applies=_delivers,
    not_applicable=_COLLECTS,
    passed=("alamat di wilayah program", "the address is in the programme's area"),
    failed=("alamat di luar wilayah program", "the address is outside the area"),
)
_R_COMPLETE: Final[Rule[RequestContext]] = Rule(
    "address_complete",
    lambda c: not _missing(c),
    applies=_delivers,
    not_applicable=_COLLECTS,
    passed=("alamat lengkap", "the address is complete"),
    failed=lambda c: (
        f"alamat kurang: {', '.join(_missing(c))}",
        f"the address lacks: {', '.join(_missing(c))}",
    ),
    data=lambda c: {"missing": _missing(c)},
    key=_missing,
)
_R_NIK: Final[Rule[RequestContext]] = Rule(
    "nik_active",
    lambda c: c.request.nik not in c.deactivated,
    passed=("NIK aktif", "the NIK is active"),
    failed=("NIK dinonaktifkan", "the NIK is deactivated"),
    data=lambda c: {"matched": _nik.mask(c.request.nik)} if c.request.nik in c.deactivated else {},
    key=lambda c: _nik.mask(c.request.nik) if c.request.nik in c.deactivated else None,
)

DELIVERY_ELIGIBILITY: Final = _R_KIND & _R_CHOICE & _R_AREA & _R_COMPLETE & _R_NIK
"""The rule behind :func:`delivery_eligibility`: a :class:`RequestContext` rule."""


def delivery_eligibility(
    request: DocumentRequest,
    *,
    policy: Policy,
    deactivated_niks: Iterable[str | int] = (),
    rule: Rule[RequestContext] = DELIVERY_ELIGIBILITY,
) -> Decision:
    """May this request be fulfilled by delivery?

    Rules: ``document_deliverable`` (the kind is delivered in this programme),
    ``resident_chose_delivery``, ``address_in_area``, ``address_complete`` (the policy's
    required fields; the missing ones in the finding's ``data``), ``nik_active`` (not in
    ``deactivated_niks``; the matched entry, masked, in ``data``). A request the resident
    chose to collect or self-print is refused once, for that choice: the document and
    address rules do not apply to it.

    Args:
        request: the request.
        policy: the programme.
        deactivated_niks: NIKs that may not receive documents (text or integers, in any
            common notation; see :func:`deactivation_list`).
        rule: the rule to apply: :data:`DELIVERY_ELIGIBILITY` combined with rules of your
            own, if you like.

    Returns:
        The decision, with the request's id as its subject.

    Raises:
        InvalidType: a request, policy or rule of the wrong type, or ``deactivated_niks``
            given as one string.
        ValidationError: an entry of ``deactivated_niks`` that is not a NIK.
    """
    # The checks of `checked`, written out: this is the hot path of a campaign's decisions.
    if type(request) is not DocumentRequest and not isinstance(request, DocumentRequest):
        raise InvalidType(f"request is a DocumentRequest, got {type(request).__name__}",
                          field="request")  # fmt: skip
    if type(policy) is not Policy and not isinstance(policy, Policy):
        raise InvalidType(f"policy is a Policy, got {type(policy).__name__}", field="policy")
    # The default, no list, without a call; anything else is read (a pandas Series too,
    # whose truth is an error).
    no_list = type(deactivated_niks) is tuple and not deactivated_niks
    deactivated = _NOBODY if no_list else deactivation_list(deactivated_niks)
    context = _new(RequestContext)  # RequestContext(request, policy, deactivated), unchecked
    _set_request(context, request)
    _set_context_policy(context, policy)
    _set_deactivated(context, deactivated)
    return _decide("delivery_eligibility", rule, context, subject=request.id, policy=policy)


_NOBODY: Final[frozenset[str]] = frozenset()
_set_request, _set_context_policy, _set_deactivated = slot_setters(
    RequestContext, "request", "policy", "deactivated"
)


# --------------------------------------------------------------------------------------------
# Decision 2: may this person receive it?


@attrs.frozen(slots=True)
class DoorContext:
    """What the recipient rules look at (for rules of your own).

    Attributes:
        documents: the documents handed over.
        recipient: who is at the door.
        household: the owners' household, when known.
        on: the day of the handover (for ages).
        policy: the programme.
        nobody_else: whether nobody else can receive (for the village-official fallback).
        address: where the documents go, when known (for the village-office areas).
    """

    documents: tuple[Document, ...]
    recipient: Recipient
    household: Household | None
    on: dt.date
    policy: Policy
    nobody_else: bool
    address: Address | None = None


def _owners(ctx: DoorContext) -> set[str]:
    return {d.owner_nik for d in ctx.documents}


def _is_owner(ctx: DoorContext) -> bool:
    return ctx.recipient.kind is RecipientKind.OWNER and (
        ctx.recipient.nik is None or ctx.recipient.nik in _owners(ctx)
    )


def _member(ctx: DoorContext) -> Resident | None:
    if ctx.household is None or ctx.recipient.nik is None:
        return None
    return ctx.household.member(ctx.recipient.nik)


def _eligible_member(ctx: DoorContext) -> bool:
    member = _member(ctx)
    return (
        ctx.recipient.kind is RecipientKind.HOUSEHOLD_MEMBER
        and member is not None
        and member.age(on=ctx.on) >= ctx.policy.min_recipient_age
        and ctx.household is not None
        and all(ctx.household.member(o) is not None for o in _owners(ctx))
    )


def _official(ctx: DoorContext) -> bool:
    return ctx.recipient.kind is RecipientKind.VILLAGE_OFFICIAL and ctx.nobody_else


def _in_office_area(ctx: DoorContext) -> bool:
    return ctx.address is not None and ctx.policy.village_office_serves(ctx.address)


def _office_area_failed(ctx: DoorContext) -> tuple[str, str]:
    if _in_office_area(ctx):
        return ("penerima bukan aparat desa", "the recipient is not a village official")
    return (
        "alamat di luar wilayah antar ke kantor desa",
        "the address is outside the village-office areas",
    )


def _missing_proofs(ctx: DoorContext) -> tuple[str, ...]:
    return tuple(sorted(p.value for p in ctx.policy.required_proofs - ctx.recipient.proofs))


def _missing_proof_labels(ctx: DoorContext, language: str) -> str:
    missing = ctx.policy.required_proofs - ctx.recipient.proofs
    return ", ".join(label(p, "en" if language == "en" else "id") for p in
                     sorted(missing, key=lambda p: p.value))  # fmt: skip


def _needs_old_card(ctx: DoorContext) -> bool:
    return any(d.needs_old_card_surrendered for d in ctx.documents)


_R_OWNER: Final[Rule[DoorContext]] = Rule(
    "recipient_is_owner",
    _is_owner,
    passed=("penerima adalah pemilik dokumen", "the recipient owns the documents"),
    failed=("penerima bukan pemilik dokumen", "the recipient is not the owner"),
    data=lambda c: {"recipient": c.recipient.kind.value},
)
_R_MEMBER: Final[Rule[DoorContext]] = Rule(
    "recipient_is_adult_household_member",
    _eligible_member,
    applies=lambda c: c.policy.recipients is RecipientRule.HOUSEHOLD,
    not_applicable=(
        "program hanya menyerahkan kepada pemilik",
        "the programme hands over to the owner only",
    ),
    passed=lambda c: (
        f"anggota KK berusia minimal {c.policy.min_recipient_age} tahun",
        f"a household member aged {c.policy.min_recipient_age} or more",
    ),
    failed=("bukan anggota KK yang berhak menerima", "not a household member who may receive"),
    data=lambda c: {"min_age": c.policy.min_recipient_age},
)
_R_OFFICIAL: Final[Rule[DoorContext]] = Rule(
    "village_official_fallback",
    _official,
    applies=lambda c: c.policy.village_official_fallback,
    not_applicable=(
        "program tidak menyerahkan kepada aparat desa",
        "the programme does not hand over to village officials",
    ),
    passed=("aparat desa sebagai penerima pengganti", "a village official as fallback"),
    failed=("aparat desa tidak dapat menerima di sini", "a village official may not receive here"),
)
_R_OFFICE_AREA: Final[Rule[DoorContext]] = Rule(
    "village_office_area",
    lambda c: c.recipient.kind is RecipientKind.VILLAGE_OFFICIAL and _in_office_area(c),
    applies=lambda c: bool(c.policy.village_office_areas) and c.address is not None,
    not_applicable=lambda c: (
        ("alamat pengiriman tidak diketahui", "the delivery address is not known")
        if c.policy.village_office_areas
        else (
            "program tidak mengantar ke kantor desa",
            "the programme delivers to no village office",
        )
    ),
    passed=(
        "aparat desa menerima di wilayah antar ke kantor desa",
        "a village official receives in a village-office area",
    ),
    failed=_office_area_failed,
    data=lambda c: {"village": c.address.village_code if c.address is not None else None},
)
_R_PROOF: Final[Rule[DoorContext]] = Rule(
    "proof_taken",
    lambda c: c.policy.required_proofs <= c.recipient.proofs,
    passed=("bukti penyerahan lengkap", "the required proof was taken"),
    failed=lambda c: (
        "bukti kurang: " + _missing_proof_labels(c, "id"),
        "proof missing: " + _missing_proof_labels(c, "en"),
    ),
    data=lambda c: {"missing": _missing_proofs(c)},
)
_R_OLD_CARD: Final[Rule[DoorContext]] = Rule(
    "old_card_surrendered",
    lambda c: Proof.OLD_CARD_SURRENDERED in c.recipient.proofs,
    applies=_needs_old_card,
    not_applicable=("tidak ada kartu pengganti", "no replacement card"),
    passed=("KTP lama diserahkan", "the old card was surrendered"),
    failed=("KTP lama belum diserahkan", "the old card was not surrendered"),
)

RECIPIENT_ELIGIBILITY: Final = (
    (_R_OWNER | _R_MEMBER | _R_OFFICIAL | _R_OFFICE_AREA) & _R_PROOF & _R_OLD_CARD
)
"""The rule behind :func:`recipient_eligibility`: a :class:`DoorContext` rule."""


def recipient_eligibility(
    shipment: Shipment | Sequence[Document],
    recipient: Recipient,
    *,
    policy: Policy,
    on: dt.date,
    household: Household | None = None,
    nobody_else: bool = False,
    address: Address | None = None,
    rule: Rule[DoorContext] = RECIPIENT_ELIGIBILITY,
) -> Decision:
    """May ``recipient`` receive these documents at the door?

    Rules: one of ``recipient_is_owner``, ``recipient_is_adult_household_member`` (where the
    policy allows the household; the member must be on the owners' KK and old enough on
    ``on``), ``village_official_fallback`` (where the policy allows it and ``nobody_else``
    can receive) or ``village_office_area`` (a village official, where the delivery address
    lies in the policy's :attr:`~Policy.village_office_areas`); and ``proof_taken`` (the
    policy's proofs; the missing ones in ``data``) and ``old_card_surrendered`` (for
    replacement cards). A rule the policy does not use is reported as not applicable.

    Args:
        shipment: the shipment, or the documents handed over.
        recipient: who is at the door.
        policy: the programme.
        on: the day of the handover.
        household: the owners' household, for a household member.
        nobody_else: whether nobody else can receive.
        address: where the documents go, when ``shipment`` is a list of documents (a
            shipment's own address is used otherwise).
        rule: the rule to apply (:data:`RECIPIENT_ELIGIBILITY` or your combination).

    Returns:
        The decision, with the shipment's tracking number as its subject.

    Raises:
        InvalidType: arguments of the wrong type (``nobody_else`` not a ``bool``), or no
            documents.
        ValidationError: an ``address`` other than the shipment's own (code ``conflict``).
    """
    documents = tuple_of(
        shipment.documents if isinstance(shipment, Shipment) else shipment,
        Document,
        field="shipment",
    )
    if not documents:
        raise InvalidType("a shipment or a non-empty list of documents", field="shipment")
    recipient = checked(recipient, Recipient, field="recipient")
    policy = checked(policy, Policy, field="policy")
    on = date_value(on, field="on")
    if household is not None:
        household = checked(household, Household, field="household")
    nobody_else = flag(nobody_else, field="nobody_else")
    if address is not None:
        address = checked(address, Address, field="address")
    if isinstance(shipment, Shipment):
        if address is not None and address != shipment.address:
            raise ValidationError(
                "address is the shipment's own, or left out", field="address", code="conflict"
            )
        address = shipment.address
    context = DoorContext(documents, recipient, household, on, policy, nobody_else, address)
    subject = shipment.tracking_number if isinstance(shipment, Shipment) else ""
    return _decide("recipient_eligibility", rule, context, subject=subject, policy=policy)


# --------------------------------------------------------------------------------------------
# Decision 3: what next after a failed attempt?


class NextAction(enum.Enum):
    """The next step for a shipment after a failed attempt."""

    RETRY = "retry"
    HOLD_AT_POST_OFFICE = "hold_at_post_office"
    RETURN = "return"
    NONE = "none"
    """Nothing to decide: the shipment is not after a failure (or already finished)."""


def _action(value: object) -> NextAction:
    return enum_member(value, NextAction, field="action")


def _optional_date(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        date_value(value, field=attribute.name)


def _optional_return_to(value: object) -> ReturnTo | None:
    return None if value is None else enum_member(value, ReturnTo, field="return_to")


@attrs.frozen(kw_only=True)
class NextStep:
    """What to do next with a shipment, by when, and why (an audit record: no NIK in it).

    Attributes:
        action: retry, hold, return, or none.
        due: the day the action is due (a working day of the policy's calendar).
        return_to: where a return goes.
        findings: the rules applied, with their messages and data.
        subject: the shipment's tracking number.
        as_of: the day the step was decided on.
        policy: the name of the policy applied.

    Raises:
        ValidationError: a return without ``return_to``, or ``return_to`` on another action.
    """

    action: NextAction = attrs.field(converter=_action)
    due: dt.date | None = attrs.field(validator=_optional_date)
    return_to: ReturnTo | None = attrs.field(converter=_optional_return_to)
    findings: tuple[Finding, ...] = attrs.field(converter=_findings)
    subject: str = attrs.field(default="", converter=_text)
    as_of: dt.date | None = attrs.field(default=None, validator=_optional_date)
    policy: str = attrs.field(default="", converter=_text)

    def __attrs_post_init__(self) -> None:
        if (self.action is NextAction.RETURN) != (self.return_to is not None):
            raise ValidationError(
                "return_to is given exactly for a return", field="return_to", code="inconsistent"
            )


@attrs.frozen(slots=True)
class StepContext:
    """What the next-step rules look at.

    Attributes:
        shipment: the shipment, with its history.
        policy: the programme.
        as_of: today.
    """

    shipment: Shipment
    policy: Policy
    as_of: dt.date

    @property
    def last(self) -> ShipmentStatus:
        """The shipment's status."""
        return self.shipment.status

    @property
    def held_until(self) -> dt.date:
        """The last day of the current hold (counted from the latest hold, since an item can
        be held, re-attempted and held again)."""
        held_on = self.shipment.events[-1].at.date()
        return self.policy.calendar.add_working_days(held_on, self.policy.hold_working_days)

    @property
    def reason(self) -> FailureReason:
        """The reason of the last failed attempt."""
        failed = self.shipment.failed_attempts
        reason = failed[-1].reason if failed else None
        return reason if reason is not None else FailureReason.RECIPIENT_ABSENT


def _attempt_text(c: StepContext) -> tuple[str, str]:
    attempts, most = c.shipment.attempts, c.policy.max_attempts
    return f"percobaan {attempts} dari {most}", f"attempt {attempts} of {most}"


_R_HOLD: Final[Rule[StepContext]] = Rule(
    "hold_period",
    lambda c: c.as_of <= c.held_until,
    applies=lambda c: c.last is ShipmentStatus.HELD_FOR_PICKUP,
    passed=lambda c: (
        f"disimpan di kantor pos sampai {c.held_until.isoformat()}",
        f"held at the post office until {c.held_until.isoformat()}",
    ),
    failed=lambda c: (
        f"masa simpan di kantor pos berakhir {c.held_until.isoformat()}",
        f"the hold at the post office ended on {c.held_until.isoformat()}",
    ),
    not_applicable=("tidak disimpan di kantor pos", "not held at the post office"),
    data=lambda c: {"held_until": c.held_until.isoformat()},
    # The findings depend on the hold's last day alone: remembered by it (a simulation asks
    # daily about every held item).
    key=lambda c: c.held_until,
)
_AFTER_ATTEMPT: Final = (
    "tidak ada kegagalan antar untuk ditindaklanjuti",
    "no failed attempt to act on",
)


def _after_attempt(c: StepContext) -> bool:
    return c.last is ShipmentStatus.ATTEMPT_FAILED


_R_TERMINAL: Final[Rule[StepContext]] = Rule(
    "terminal_reason",
    lambda c: not c.reason.terminal,
    applies=_after_attempt,
    not_applicable=_AFTER_ATTEMPT,
    passed=lambda c: (f"alasan: {label(c.reason)}", f"reason: {label(c.reason, 'en')}"),
    failed=lambda c: (
        f"alasan: {label(c.reason)} (tidak diantar ulang)",
        f"reason: {label(c.reason, 'en')} (no further attempts)",
    ),
    data=lambda c: {"reason": c.reason.value},
    key=lambda c: c.reason,  # the findings depend on the reason alone: remembered by it
)
_R_ATTEMPTS: Final[Rule[StepContext]] = Rule(
    "attempts_remaining",
    lambda c: c.shipment.attempts < c.policy.max_attempts,
    applies=_after_attempt,
    not_applicable=_AFTER_ATTEMPT,
    passed=_attempt_text,
    failed=_attempt_text,
    data=lambda c: {"attempts": c.shipment.attempts, "max_attempts": c.policy.max_attempts},
    key=lambda c: (c.shipment.attempts, c.policy.max_attempts),
)
_R_POLICY_HOLDS: Final[Rule[StepContext]] = Rule(
    "after_failure",
    lambda c: c.policy.after_failure is AfterFailure.HOLD_AT_POST_OFFICE,
    applies=_after_attempt,
    not_applicable=_AFTER_ATTEMPT,
    passed=("program menyimpan di kantor pos untuk diambil", "the programme holds for pickup"),
    failed=("program mengembalikan dokumen", "the programme returns the documents"),
)
_R_REASON_HOLDABLE: Final[Rule[StepContext]] = Rule(
    "reason_holdable",
    lambda c: c.reason.properties.holdable,
    applies=_after_attempt,
    not_applicable=_AFTER_ATTEMPT,
    passed=lambda c: (
        f"{label(c.reason)}: dapat diambil di kantor pos",
        f"{label(c.reason, 'en')}: may be collected at the post office",
    ),
    failed=lambda c: (
        f"{label(c.reason)}: tidak akan diambil, dikembalikan",
        f"{label(c.reason, 'en')}: nobody will collect it, returned",
    ),
    data=lambda c: {"reason": c.reason.value},
    key=lambda c: c.reason,
)

RETRY: Final = _R_TERMINAL & _R_ATTEMPTS
"""After a failed attempt: retry while attempts remain and the reason is not terminal."""
HOLD: Final = _R_POLICY_HOLDS & _R_REASON_HOLDABLE
"""When no retry: hold at the post office where the policy and the reason allow it."""


def next_step(shipment: Shipment, *, policy: Policy, as_of: dt.date) -> NextStep:
    """After a failed attempt: retry on the next working day while attempts remain, hold at
    the post office for the policy's working days, then return; a terminal reason (moved,
    deceased, refused, ...) skips the remaining attempts, and a reason nobody will collect
    for (moved, deceased, damaged, ...) skips the hold.

    The rules are :data:`RETRY` (``terminal_reason`` and ``attempts_remaining``), then
    :data:`HOLD` (``after_failure`` and ``reason_holdable``); for a held item,
    ``hold_period``, counted from its latest hold.

    Args:
        shipment: the shipment, with its history.
        policy: the programme.
        as_of: today, for a held item whose hold may have run out.

    Returns:
        The step: what, by when (the next working day after the failure, or after ``as_of``
        for an expired hold), where to, and the findings.

    Raises:
        InvalidType: arguments of the wrong type.
    """
    shipment = checked(shipment, Shipment, field="shipment")
    policy = checked(policy, Policy, field="policy")
    as_of = date_value(as_of, field="as_of")
    context = StepContext(shipment, policy, as_of)
    calendar = policy.calendar

    def step(action: NextAction, due: dt.date | None, findings: tuple[Finding, ...]) -> NextStep:
        return NextStep(
            action=action,
            due=due,
            return_to=policy.return_to if action is NextAction.RETURN else None,
            findings=findings,
            subject=shipment.tracking_number,
            as_of=as_of,
            policy=policy.name,
        )

    if context.last is ShipmentStatus.HELD_FOR_PICKUP:
        holding, findings = _R_HOLD.evaluate(context)
        if holding:
            return step(NextAction.NONE, context.held_until, findings)
        return step(NextAction.RETURN, calendar.add_working_days(as_of, 1), findings)
    retry, findings = RETRY.evaluate(context)
    if not _after_attempt(context):
        return step(NextAction.NONE, None, findings)
    next_day = calendar.add_working_days(shipment.events[-1].at.date(), 1)
    if retry:
        return step(NextAction.RETRY, next_day, findings)
    hold, more = HOLD.evaluate(context)
    action = NextAction.HOLD_AT_POST_OFFICE if hold else NextAction.RETURN
    return step(action, next_day, findings + more)


# --------------------------------------------------------------------------------------------
# Fees and priorities


def batch_cost(shipments: Iterable[Shipment], *, policy: Policy) -> int:
    """What the Dinas pays the courier for these shipments.

    Args:
        shipments: the shipments; withdrawn items are not charged.
        policy: the programme, whose fee rule applies.

    Returns:
        Rupiah: items x flat fee; zero for a free or cash-on-delivery programme.

    Raises:
        InvalidType: something that is not a shipment, or a policy of the wrong type.
        ValidationError: a tracking number twice (code ``duplicate``: it would be charged
            twice).
    """
    policy = checked(policy, Policy, field="policy")
    items = sum(
        len(s.documents)
        for s in require_distinct(shipments)
        if s.status is not ShipmentStatus.WITHDRAWN
    )
    return policy.fee.dinas_pays(items)


@attrs.frozen(kw_only=True)
class Priority:
    """How urgently a resident's document should go out, and why.

    Attributes:
        score: higher first; the number of priority rules that hold.
        findings: every priority rule, held, not held or not applicable.
    """

    score: int = attrs.field(converter=as_int, validator=_non_negative)
    findings: tuple[Finding, ...] = attrs.field(converter=_findings)


@attrs.frozen(slots=True)
class PriorityContext:
    """What the priority rules look at.

    Attributes:
        resident: the document's owner.
        document: the document.
        policy: the programme.
        as_of: today.
        suket_expires: when the owner's Suket expires, if they hold one.
    """

    resident: Resident
    document: Document
    policy: Policy
    as_of: dt.date
    suket_expires: dt.date | None

    @property
    def age(self) -> int:
        """The resident's age on ``as_of``."""
        return self.resident.age(on=self.as_of)


def _is_card(c: PriorityContext) -> bool:
    return c.document.kind is DocumentKind.KTP_EL


PRIORITY_RULES: Final[tuple[Rule[PriorityContext], ...]] = (
    Rule(
        "expired_suket",
        lambda c: c.suket_expires is not None and c.suket_expires < c.as_of,
        applies=lambda c: _is_card(c) and c.suket_expires is not None,
        not_applicable=("tidak memegang Suket", "no Suket"),
        passed=(
            "Suket sudah habis masa berlaku, KTP-el belum diterima",
            "the Suket has expired and the card is not yet delivered",
        ),
        failed=("Suket masih berlaku", "the Suket is still valid"),
    ),
    Rule(
        "elderly",
        lambda c: c.age >= c.policy.elderly_age,
        passed=lambda c: (
            f"lansia ({c.policy.elderly_age}+)",
            f"elderly ({c.policy.elderly_age}+)",
        ),
        failed=lambda c: (
            f"belum lansia (di bawah {c.policy.elderly_age})",
            f"not elderly (under {c.policy.elderly_age})",
        ),
    ),
    Rule(
        "disabled",
        lambda c: c.resident.disabled,
        passed=("penyandang disabilitas", "has a disability"),
        failed=("tidak tercatat sebagai penyandang disabilitas", "no disability recorded"),
    ),
    Rule(
        "first_ktp_at_17",
        lambda c: not c.document.replaces_card and c.age == 17,
        applies=_is_card,
        not_applicable=("bukan KTP-el", "not a KTP-el"),
        passed=("KTP-el pertama (17 tahun)", "first KTP-el at 17"),
        failed=("bukan KTP-el pertama di usia 17", "not a first KTP-el at 17"),
    ),
)
"""The priority rules, each scored on its own: an expired Suket with the card not yet
delivered, elderly, disabled, a first KTP-el at 17."""


def priority(
    resident: Resident,
    document: Document,
    *,
    policy: Policy,
    as_of: dt.date,
    suket_expires: dt.date | None = None,
) -> Priority:
    """How urgently a document should go out: one point per :data:`PRIORITY_RULES` rule that
    holds.

    Args:
        resident: the document's owner.
        document: the document.
        policy: the programme (its ``elderly_age``).
        as_of: today.
        suket_expires: when the owner's Suket expires, if they hold one.

    Returns:
        The score and every rule's finding.

    Raises:
        InvalidType: arguments of the wrong type.
    """
    resident = checked(resident, Resident, field="resident")
    document = checked(document, Document, field="document")
    policy = checked(policy, Policy, field="policy")
    as_of = date_value(as_of, field="as_of")
    if suket_expires is not None:
        suket_expires = date_value(suket_expires, field="suket_expires")
    context = PriorityContext(resident, document, policy, as_of, suket_expires)
    findings = tuple(f for rule in PRIORITY_RULES for f in rule.evaluate(context)[1])
    return Priority(score=sum(f.passed for f in findings), findings=findings)


# --------------------------------------------------------------------------------------------
# Presets

_ALL_BUT_MOVING: Final = frozenset(DocumentKind) - {DocumentKind.SURAT_PINDAH}


def _bekasi_2020() -> Policy:
    return Policy(
        name="Kabupaten Bekasi 2020: dokumen Adminduk diantar PT Pos Indonesia",
        area=("3216",),
        deliverable_kinds=_ALL_BUT_MOVING,
        required_address_fields=frozenset({"rt", "rw"}),
        recipients=RecipientRule.HOUSEHOLD,
        min_recipient_age=17,
        required_proofs=frozenset({Proof.ID_SHOWN, Proof.PHOTO}),
        max_attempts=2,
        after_failure=AfterFailure.HOLD_AT_POST_OFFICE,
        hold_working_days=7,
        return_to=ReturnTo.ISSUER,
        fee=FeeRule(kind=FeeKind.FREE),
        sla_working_days=14,
        calendar=WorkCalendar(weekdays=frozenset(range(6))),
        sources=(
            "Programme announced in March 2020 by the Dinas Dukcapil of Kabupaten Bekasi with "
            "PT Pos Indonesia: population documents delivered free of charge; the resident "
            "chooses delivery or pickup on the request form; e-KTP and other population "
            "documents; 132,000 e-KTP handed to Pos on 20 March 2020 for residents holding a "
            "Suket, which the card supersedes on delivery.",
        ),
        assumptions=(
            "surat pindah is collect-only (the old card must be surrendered at the Dinas)",
            "recipients: the owner or a household member aged 17 or more, with ID shown and a "
            "photo",
            "two attempts, then seven working days at the post office, then back to the Dinas",
            "an SLA of 14 working days; couriers work Monday to Saturday",
            "RT and RW are required on the address",
        ),
    )


def _owner_only_two_attempts() -> Policy:
    from . import regions  # noqa: PLC0415 - presets are built on first use

    return Policy(
        name="Owner only, two attempts, then held at the post office",
        area=regions.codes("province"),
        deliverable_kinds=frozenset(DocumentKind),
        required_address_fields=frozenset({"house_number", "rt", "rw"}),
        require_phone=True,
        recipients=RecipientRule.OWNER_ONLY,
        required_proofs=frozenset({Proof.ID_SHOWN, Proof.SIGNATURE}),
        max_attempts=2,
        after_failure=AfterFailure.HOLD_AT_POST_OFFICE,
        hold_working_days=10,
        return_to=ReturnTo.ISSUER,
        fee=FeeRule(kind=FeeKind.FLAT_PER_ITEM, amount=10_000),
        sla_working_days=10,
        sources=(
            "The strict pattern of programmes such as Kabupaten Banjarnegara's: two delivery "
            "attempts, then pickup at the post office.",
        ),
        assumptions=(
            "the whole country as its area (narrow it with attrs.evolve(policy, area=...))",
            "a flat fee of Rp 10,000 per item paid by the Dinas",
            "ten working days at the post office before return",
        ),
    )


_PRESETS: Final[dict[str, Callable[[], Policy]]] = {
    "BEKASI_2020": _bekasi_2020,
    "OWNER_ONLY_TWO_ATTEMPTS": _owner_only_two_attempts,
}
_BUILT: dict[str, Policy] = {}

if TYPE_CHECKING:
    BEKASI_2020: Policy
    """The Kabupaten Bekasi 2020 programme. See its ``sources`` and ``assumptions``."""
    OWNER_ONLY_TWO_ATTEMPTS: Policy
    """A strict preset: owner only, two attempts, then held at the post office."""


def __getattr__(name: str) -> Policy:
    # Presets validate their area against the region tables, which load on first use: build
    # them when first asked for, not when the module is imported.
    if name in _PRESETS:
        built = _BUILT.get(name)
        if built is None:  # two threads may build it; setdefault keeps one for both
            built = _BUILT.setdefault(name, _PRESETS[name]())
        return built
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
