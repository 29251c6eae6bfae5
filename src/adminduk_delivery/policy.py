"""Delivery policy: rules as data, decisions that explain themselves, and presets.

Programmes differ per regency, so a :class:`Policy` is a frozen object a Dinas builds (or
loads) rather than code. The decisions are pure functions of their inputs and return a
:class:`Decision`: allowed or not, plus **every** rule that was evaluated, each as a
:class:`Finding` with its id, outcome and message in Indonesian and English.

Rules are :class:`Rule` objects with readable ids; they compose with ``&`` (all must pass),
``|`` (one must pass) and ``~`` (must fail). A composite evaluates all its parts and reports
them all, so a denial always names the rules that failed.

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
>>> print(decision.denials[0].message_en)
surat_pindah is not delivered in this programme (collect it)
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Final, Generic, TypeVar

import attrs

from ._convert import frozenset_of
from .address import Address
from .documents import Document, DocumentKind, DocumentRequest, Fulfilment
from .errors import InvalidType, ValidationError
from .residents import Household, Resident
from .shipments import FailureReason, Proof, Recipient, RecipientKind, Shipment, ShipmentStatus
from .workdays import WorkCalendar

__all__ = [
    "BEKASI_2020",
    "OWNER_ONLY_TWO_ATTEMPTS",
    "AfterFailure",
    "Decision",
    "FeeKind",
    "FeeRule",
    "Finding",
    "NextAction",
    "NextStep",
    "Policy",
    "Priority",
    "RecipientRule",
    "ReturnTo",
    "Rule",
    "batch_cost",
    "delivery_eligibility",
    "next_step",
    "priority",
    "recipient_eligibility",
]

C = TypeVar("C")


# --------------------------------------------------------------------------------------------
# Rules and findings


@attrs.frozen(kw_only=True)
class Finding:
    """One evaluated rule: its id, whether it passed, and why, in two languages.

    Attributes:
        rule_id: the rule's id.
        passed: whether the rule held.
        message_id, message_en: the explanation in Indonesian and English.
        decisive: whether the outcome counted. An alternative of ``|`` that failed while
            another alternative held is reported with ``decisive=False``.
    """

    rule_id: str
    passed: bool
    message_id: str
    message_en: str
    decisive: bool = True


@attrs.frozen(kw_only=True)
class Decision:
    """An explained answer.

    Attributes:
        decision: which decision this is (``"delivery_eligibility"``, ...).
        allowed: the answer.
        findings: every rule evaluated, in evaluation order.
    """

    decision: str
    allowed: bool
    findings: tuple[Finding, ...]

    @property
    def denials(self) -> tuple[Finding, ...]:
        """The decisive findings that failed: at least one when not allowed, none when
        allowed."""
        return tuple(f for f in self.findings if not f.passed and f.decisive)

    def explain(self, language: str = "en") -> str:
        """One line per finding, ``[ok]`` or ``[NO]``, in ``"en"`` or ``"id"``."""
        lines = []
        for f in self.findings:
            message = f.message_id if language == "id" else f.message_en
            mark = "ok" if f.passed else ("NO" if f.decisive else "--")
            lines.append(f"[{mark}] {f.rule_id}: {message}")
        return "\n".join(lines)


Message = Callable[[C], tuple[str, str]]


class Rule(Generic[C]):
    """A named check on a context, with messages for passing and failing.

    Args:
        rule_id: a stable, readable id (``"document_deliverable"``).
        check: the predicate.
        passed: ``context -> (indonesian, english)`` message when it holds.
        failed: the same when it does not.
    """

    def __init__(
        self,
        rule_id: str,
        check: Callable[[C], bool],
        *,
        passed: Message[C],
        failed: Message[C],
    ) -> None:
        self.rule_id = rule_id
        self._check = check
        self._passed = passed
        self._failed = failed

    def __repr__(self) -> str:
        return f"Rule({self.rule_id!r})"

    def evaluate(self, context: C) -> tuple[bool, tuple[Finding, ...]]:
        """Evaluate, returning the outcome and the findings."""
        ok = bool(self._check(context))
        message_id, message_en = (self._passed if ok else self._failed)(context)
        finding = Finding(
            rule_id=self.rule_id, passed=ok, message_id=message_id, message_en=message_en
        )
        return ok, (finding,)

    def __and__(self, other: Rule[C]) -> Rule[C]:
        return _Composite("all", (self, other))

    def __or__(self, other: Rule[C]) -> Rule[C]:
        return _Composite("any", (self, other))

    def __invert__(self) -> Rule[C]:
        return _Composite("not", (self,))


class _Composite(Rule[C]):
    """``&``, ``|`` and ``~``: every part is evaluated and reported."""

    mode: str
    parts: tuple[Rule[C], ...]

    def __init__(self, mode: str, parts: tuple[Rule[C], ...]) -> None:
        flat: list[Rule[C]] = []
        for part in parts:
            if isinstance(part, _Composite) and part.mode == mode and mode != "not":
                flat.extend(part.parts)
            else:
                flat.append(part)
        self.mode = mode
        self.parts = tuple(flat)
        joiner = {"all": " & ", "any": " | "}.get(mode, "")
        rule_id = (
            ("~" + flat[0].rule_id)
            if mode == "not"
            else "(" + joiner.join(p.rule_id for p in flat) + ")"
        )
        super().__init__(rule_id, lambda _c: True, passed=_none, failed=_none)

    def evaluate(self, context: C) -> tuple[bool, tuple[Finding, ...]]:
        outcomes = [part.evaluate(context) for part in self.parts]
        findings = tuple(f for _ok, fs in outcomes for f in fs)
        oks = [ok for ok, _fs in outcomes]
        if self.mode == "all":
            return all(oks), findings
        if self.mode == "any":
            if any(oks):
                findings = tuple(
                    f if f.passed else attrs.evolve(f, decisive=False) for f in findings
                )
            return any(oks), findings
        return not oks[0], findings


def _none(_context: object) -> tuple[str, str]:
    return "", ""


def _decide(name: str, rule: Rule[C], context: C) -> Decision:
    ok, findings = rule.evaluate(context)
    if not ok and all(f.passed for f in findings):
        # A negated rule that held: name it as the denial.
        findings = (
            *findings,
            _finding(
                rule.rule_id, False, "aturan gabungan tidak terpenuhi", "the combined rule fails"
            ),
        )
    return Decision(decision=name, allowed=ok, findings=findings)


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


@attrs.frozen(kw_only=True)
class FeeRule:
    """The fee rule of a programme. Amounts are whole rupiah."""

    kind: FeeKind = FeeKind.FREE
    amount: int = 0

    def __attrs_post_init__(self) -> None:
        if isinstance(self.amount, bool) or not isinstance(self.amount, int) or self.amount < 0:
            raise ValidationError("amount is whole rupiah, 0 or more", field="amount", code="range")
        if self.kind is FeeKind.FREE and self.amount:
            raise ValidationError("a free programme has no amount", field="amount", code="range")

    def resident_pays(self, items: int) -> int:
        """What the resident pays at the door for ``items`` documents."""
        return self.amount * items if self.kind is FeeKind.CASH_ON_DELIVERY else 0

    def dinas_pays(self, items: int) -> int:
        """What the Dinas pays the courier for ``items`` documents."""
        return self.amount * items if self.kind is FeeKind.FLAT_PER_ITEM else 0


def _kinds(value: Iterable[DocumentKind]) -> frozenset[DocumentKind]:
    return frozenset_of(value, DocumentKind, field="deliverable_kinds")


def _area(value: Iterable[str]) -> tuple[str, ...]:
    from . import regions  # noqa: PLC0415 - regions is loaded by address anyway

    return tuple(sorted(regions.get(code).code for code in value))


def _proofs(value: Iterable[Proof]) -> frozenset[Proof]:
    return frozenset_of(value, Proof, field="required_proofs")


def _strings(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def _non_negative(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValidationError(
            f"{attribute.name} is a whole number, 0 or more", field=attribute.name, code="range"
        )


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

    name: str
    area: tuple[str, ...] = attrs.field(converter=_area)
    deliverable_kinds: frozenset[DocumentKind] = attrs.field(converter=_kinds)
    required_address_fields: frozenset[str] = frozenset({"rt", "rw"})
    require_phone: bool = False
    recipients: RecipientRule = RecipientRule.HOUSEHOLD
    min_recipient_age: int = attrs.field(default=17, validator=_non_negative)
    village_official_fallback: bool = False
    required_proofs: frozenset[Proof] = attrs.field(
        default=frozenset({Proof.ID_SHOWN}), converter=_proofs
    )
    max_attempts: int = attrs.field(default=2, validator=_non_negative)
    after_failure: AfterFailure = AfterFailure.HOLD_AT_POST_OFFICE
    hold_working_days: int = attrs.field(default=7, validator=_non_negative)
    return_to: ReturnTo = ReturnTo.ISSUER
    fee: FeeRule = attrs.field(factory=FeeRule)
    sla_working_days: int = attrs.field(default=14, validator=_non_negative)
    calendar: WorkCalendar = attrs.field(factory=WorkCalendar)
    elderly_age: int = attrs.field(default=60, validator=_non_negative)
    sources: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    assumptions: tuple[str, ...] = attrs.field(default=(), converter=_strings)

    def __attrs_post_init__(self) -> None:
        unknown = self.required_address_fields - {"house_number", "rt", "rw"}
        if unknown:
            raise ValidationError(
                f"unknown address fields: {sorted(unknown)}",
                field="required_address_fields",
                code="choice",
            )
        if self.max_attempts < 1:
            raise ValidationError("at least one attempt", field="max_attempts", code="range")

    def covers(self, address: Address) -> bool:
        """Whether an address lies in the programme's area."""
        return any(address.village_code.startswith(code) for code in self.area)

    def deadline(self, handed_over: dt.date) -> dt.date:
        """The SLA due date for a handover day."""
        return self.calendar.deadline(handed_over, self.sla_working_days)


# --------------------------------------------------------------------------------------------
# Decision 1: may this request be delivered?


@attrs.frozen
class _RequestContext:
    request: DocumentRequest
    policy: Policy
    deactivated: frozenset[str]


def _missing(ctx: _RequestContext) -> list[str]:
    """The policy's required address fields that the request's address lacks (in the order of
    :func:`~adminduk_delivery.address.check_deliverable`)."""
    address = ctx.request.address
    required = ctx.policy.required_address_fields
    if address is None:
        return sorted(required)
    return [
        field
        for field, value in (("house_number", address.house_number), ("rt", address.rt),
                             ("rw", address.rw))
        if field in required and not value
    ]  # fmt: skip


_R_KIND: Final[Rule[_RequestContext]] = Rule(
    "document_deliverable",
    lambda c: c.request.kind in c.policy.deliverable_kinds,
    passed=lambda c: (
        f"{c.request.kind.value} dapat dikirim",
        f"{c.request.kind.value} may be delivered",
    ),
    failed=lambda c: (
        f"{c.request.kind.value} tidak dikirim dalam program ini (diambil)",
        f"{c.request.kind.value} is not delivered in this programme (collect it)",
    ),
)
_R_CHOICE: Final[Rule[_RequestContext]] = Rule(
    "resident_chose_delivery",
    lambda c: c.request.fulfilment is Fulfilment.DELIVER,
    passed=lambda c: ("penduduk memilih dikirim", "the resident chose delivery"),
    failed=lambda c: (
        f"penduduk memilih {c.request.fulfilment.value}",
        f"the resident chose {c.request.fulfilment.value}",
    ),
)
_R_AREA: Final[Rule[_RequestContext]] = Rule(
    "address_in_area",
    lambda c: c.request.address is not None and c.policy.covers(c.request.address),
    passed=lambda c: ("alamat di wilayah program", "the address is in the programme's area"),
    failed=lambda c: ("alamat di luar wilayah program", "the address is outside the area"),
)
_R_COMPLETE: Final[Rule[_RequestContext]] = Rule(
    "address_complete",
    lambda c: not _missing(c),
    passed=lambda c: ("alamat lengkap", "the address is complete"),
    failed=lambda c: (
        f"alamat kurang: {', '.join(_missing(c))}",
        f"the address lacks: {', '.join(_missing(c))}",
    ),
)
_R_NIK: Final[Rule[_RequestContext]] = Rule(
    "nik_active",
    lambda c: c.request.nik not in c.deactivated,
    passed=lambda c: ("NIK aktif", "the NIK is active"),
    failed=lambda c: ("NIK dinonaktifkan", "the NIK is deactivated"),
)

DELIVERY_ELIGIBILITY: Final = _R_KIND & _R_CHOICE & _R_AREA & _R_COMPLETE & _R_NIK
"""The rule behind :func:`delivery_eligibility`."""


def delivery_eligibility(
    request: DocumentRequest, *, policy: Policy, deactivated_niks: Iterable[str] = ()
) -> Decision:
    """May this request be fulfilled by delivery?

    Rules: ``document_deliverable`` (the kind is delivered in this programme),
    ``resident_chose_delivery``, ``address_in_area``, ``address_complete`` (the policy's
    required fields), ``nik_active`` (not in ``deactivated_niks``).
    """
    if not isinstance(request, DocumentRequest):
        raise InvalidType("request is a DocumentRequest", field="request")
    context = _RequestContext(request, policy, frozenset(deactivated_niks))
    return _decide("delivery_eligibility", DELIVERY_ELIGIBILITY, context)


# --------------------------------------------------------------------------------------------
# Decision 2: may this person receive it?


@attrs.frozen
class _DoorContext:
    documents: tuple[Document, ...]
    recipient: Recipient
    household: Household | None
    on: dt.date
    policy: Policy
    nobody_else: bool


def _owners(ctx: _DoorContext) -> set[str]:
    return {d.owner_nik for d in ctx.documents}


def _is_owner(ctx: _DoorContext) -> bool:
    return ctx.recipient.kind is RecipientKind.OWNER and (
        ctx.recipient.nik is None or ctx.recipient.nik in _owners(ctx)
    )


def _member(ctx: _DoorContext) -> Resident | None:
    if ctx.household is None or ctx.recipient.nik is None:
        return None
    return ctx.household.member(ctx.recipient.nik)


def _eligible_member(ctx: _DoorContext) -> bool:
    member = _member(ctx)
    return (
        ctx.policy.recipients is RecipientRule.HOUSEHOLD
        and ctx.recipient.kind is RecipientKind.HOUSEHOLD_MEMBER
        and member is not None
        and member.age(on=ctx.on) >= ctx.policy.min_recipient_age
        and ctx.household is not None
        and all(ctx.household.member(o) is not None for o in _owners(ctx))
    )


def _official(ctx: _DoorContext) -> bool:
    return (
        ctx.policy.village_official_fallback
        and ctx.recipient.kind is RecipientKind.VILLAGE_OFFICIAL
        and ctx.nobody_else
    )


def _missing_proofs(ctx: _DoorContext) -> str:
    return ", ".join(sorted(p.value for p in ctx.policy.required_proofs - ctx.recipient.proofs))


def _needs_old_card(ctx: _DoorContext) -> bool:
    return any(d.needs_old_card_surrendered for d in ctx.documents)


_R_OWNER: Final[Rule[_DoorContext]] = Rule(
    "recipient_is_owner",
    _is_owner,
    passed=lambda c: ("penerima adalah pemilik dokumen", "the recipient owns the documents"),
    failed=lambda c: ("penerima bukan pemilik dokumen", "the recipient is not the owner"),
)
_R_MEMBER: Final[Rule[_DoorContext]] = Rule(
    "recipient_is_adult_household_member",
    _eligible_member,
    passed=lambda c: (
        f"anggota KK berusia minimal {c.policy.min_recipient_age} tahun",
        f"a household member aged {c.policy.min_recipient_age} or more",
    ),
    failed=lambda c: (
        "bukan anggota KK yang berhak menerima"
        if c.policy.recipients is RecipientRule.HOUSEHOLD
        else "program hanya menyerahkan kepada pemilik",
        "not a household member who may receive"
        if c.policy.recipients is RecipientRule.HOUSEHOLD
        else "the programme hands over to the owner only",
    ),
)
_R_OFFICIAL: Final[Rule[_DoorContext]] = Rule(
    "village_official_fallback",
    _official,
    passed=lambda c: ("aparat desa sebagai penerima pengganti", "a village official as fallback"),
    failed=lambda c: (
        "aparat desa tidak dapat menerima di sini",
        "a village official may not receive here",
    ),
)
_R_PROOF: Final[Rule[_DoorContext]] = Rule(
    "proof_taken",
    lambda c: c.policy.required_proofs <= c.recipient.proofs,
    passed=lambda c: ("bukti penyerahan lengkap", "the required proof was taken"),
    failed=lambda c: (
        "bukti kurang: " + _missing_proofs(c),
        "proof missing: " + _missing_proofs(c),
    ),
)
_R_OLD_CARD: Final[Rule[_DoorContext]] = Rule(
    "old_card_surrendered",
    lambda c: not _needs_old_card(c) or Proof.OLD_CARD_SURRENDERED in c.recipient.proofs,
    passed=lambda c: (
        "KTP lama diserahkan atau tidak diperlukan",
        "old card surrendered or not needed",
    ),
    failed=lambda c: ("KTP lama belum diserahkan", "the old card was not surrendered"),
)

RECIPIENT_ELIGIBILITY: Final = (_R_OWNER | _R_MEMBER | _R_OFFICIAL) & _R_PROOF & _R_OLD_CARD
"""The rule behind :func:`recipient_eligibility`."""


def recipient_eligibility(
    shipment: Shipment | Sequence[Document],
    recipient: Recipient,
    *,
    policy: Policy,
    on: dt.date,
    household: Household | None = None,
    nobody_else: bool = False,
) -> Decision:
    """May ``recipient`` receive these documents at the door?

    Rules: one of ``recipient_is_owner``, ``recipient_is_adult_household_member`` (when the
    policy allows the household; the member must be on the owners' KK and old enough on
    ``on``) or ``village_official_fallback`` (when the policy allows it and ``nobody_else``
    can receive); and ``proof_taken`` (the policy's proofs) and ``old_card_surrendered``
    (for replacement cards).
    """
    documents = tuple(shipment.documents if isinstance(shipment, Shipment) else shipment)
    if not documents or not all(isinstance(d, Document) for d in documents):
        raise InvalidType("a shipment or a non-empty list of documents", field="shipment")
    if not isinstance(recipient, Recipient):
        raise InvalidType("recipient is a Recipient", field="recipient")
    context = _DoorContext(documents, recipient, household, on, policy, nobody_else)
    return _decide("recipient_eligibility", RECIPIENT_ELIGIBILITY, context)


# --------------------------------------------------------------------------------------------
# Decision 3: what next after a failed attempt?


class NextAction(enum.Enum):
    """The next step for a shipment after a failed attempt."""

    RETRY = "retry"
    HOLD_AT_POST_OFFICE = "hold_at_post_office"
    RETURN = "return"
    NONE = "none"
    """Nothing to decide: the shipment is not after a failure (or already finished)."""


@attrs.frozen(kw_only=True)
class NextStep:
    """What to do next with a shipment, by when, and why.

    Attributes:
        action: retry, hold, return, or none.
        due: the day the action is due (a working day of the policy's calendar).
        return_to: where a return goes.
        findings: the rules applied, with their messages.
    """

    action: NextAction
    due: dt.date | None
    return_to: ReturnTo | None
    findings: tuple[Finding, ...]


def _finding(rule_id: str, passed: bool, message_id: str, message_en: str) -> Finding:
    return Finding(rule_id=rule_id, passed=passed, message_id=message_id, message_en=message_en)


def next_step(shipment: Shipment, *, policy: Policy, as_of: dt.date) -> NextStep:
    """After a failed attempt: retry on the next working day while attempts remain, hold at
    the post office for the policy's working days, then return; a terminal reason (moved,
    deceased, refused, ...) skips the remaining attempts.

    Args:
        shipment: the shipment, with its history.
        policy: the programme.
        as_of: today, for a held item whose hold may have run out.
    """
    calendar = policy.calendar
    status = shipment.status
    findings: list[Finding] = []
    if status is ShipmentStatus.HELD_FOR_PICKUP:
        held_on = shipment.event_at(ShipmentStatus.HELD_FOR_PICKUP)
        assert held_on is not None
        until = calendar.add_working_days(held_on.date(), policy.hold_working_days)
        expired = as_of > until
        findings.append(
            _finding(
                "hold_period",
                not expired,
                f"disimpan di kantor pos sampai {until.isoformat()}",
                f"held at the post office until {until.isoformat()}",
            )
        )
        if expired:
            return NextStep(
                action=NextAction.RETURN,
                due=calendar.add_working_days(as_of, 1),
                return_to=policy.return_to,
                findings=tuple(findings),
            )
        return NextStep(action=NextAction.NONE, due=until, return_to=None, findings=tuple(findings))
    if status is not ShipmentStatus.ATTEMPT_FAILED:
        findings.append(
            _finding(
                "after_failure", True, "tidak ada kegagalan antar", "no failed attempt to act on"
            )
        )
        return NextStep(action=NextAction.NONE, due=None, return_to=None, findings=tuple(findings))
    last = shipment.events[-1]
    reason = last.reason or FailureReason.RECIPIENT_ABSENT
    failed_on = last.at.date()
    terminal = reason.terminal
    findings.append(
        _finding(
            "terminal_reason",
            not terminal,
            f"alasan: {reason.properties.label_id}"
            + (" (tidak diantar ulang)" if terminal else ""),
            f"reason: {reason.properties.label_en}"
            + (" (no further attempts)" if terminal else ""),
        )
    )
    attempts = shipment.attempts
    remaining = policy.max_attempts - attempts
    findings.append(
        _finding(
            "attempts_remaining",
            remaining > 0 and not terminal,
            f"percobaan {attempts} dari {policy.max_attempts}",
            f"attempt {attempts} of {policy.max_attempts}",
        )
    )
    next_day = calendar.add_working_days(failed_on, 1)
    if remaining > 0 and not terminal:
        return NextStep(
            action=NextAction.RETRY, due=next_day, return_to=None, findings=tuple(findings)
        )
    hold = policy.after_failure is AfterFailure.HOLD_AT_POST_OFFICE and reason not in (
        FailureReason.DECEASED,
        FailureReason.MOVED,
        FailureReason.AREA_CLEARED,
        FailureReason.DAMAGED,
        FailureReason.DUPLICATE_PRINT,
        FailureReason.UNCLAIMED,
    )
    findings.append(
        _finding(
            "after_failure",
            True,
            "disimpan di kantor pos untuk diambil" if hold else "dikembalikan",
            "held at the post office for pickup" if hold else "returned",
        )
    )
    if hold:
        return NextStep(
            action=NextAction.HOLD_AT_POST_OFFICE,
            due=next_day,
            return_to=None,
            findings=tuple(findings),
        )
    return NextStep(
        action=NextAction.RETURN, due=next_day, return_to=policy.return_to, findings=tuple(findings)
    )


# --------------------------------------------------------------------------------------------
# Fees and priorities


def batch_cost(shipments: Iterable[Shipment], *, policy: Policy) -> int:
    """What the Dinas pays the courier for these shipments, in rupiah (items x flat fee;
    zero for a free or cash-on-delivery programme). Withdrawn items are not charged."""
    items = sum(len(s.documents) for s in shipments if s.status is not ShipmentStatus.WITHDRAWN)
    return policy.fee.dinas_pays(items)


@attrs.frozen(kw_only=True)
class Priority:
    """How urgently a resident's document should go out, and why.

    Attributes:
        score: higher first; the number of priority rules that hold.
        findings: every priority rule, held or not.
    """

    score: int
    findings: tuple[Finding, ...]


def priority(
    resident: Resident,
    document: Document,
    *,
    policy: Policy,
    as_of: dt.date,
    suket_expires: dt.date | None = None,
) -> Priority:
    """Priority rules: an expired Suket with the card not yet delivered, elderly, disabled,
    first KTP-el at 17."""
    age = resident.age(on=as_of)
    rules = [
        (
            "expired_suket",
            suket_expires is not None
            and suket_expires < as_of
            and document.kind is DocumentKind.KTP_EL,
            (
                "Suket sudah habis masa berlaku, KTP-el belum diterima",
                "the Suket has expired and the card is not yet delivered",
            ),
        ),
        (
            "elderly",
            age >= policy.elderly_age,
            (f"lansia ({policy.elderly_age}+)", f"elderly ({policy.elderly_age}+)"),
        ),
        ("disabled", resident.disabled, ("penyandang disabilitas", "has a disability")),
        (
            "first_ktp_at_17",
            document.kind is DocumentKind.KTP_EL and not document.replaces_card and age == 17,
            ("KTP-el pertama (17 tahun)", "first KTP-el at 17"),
        ),
    ]
    findings = tuple(
        _finding(rule_id, bool(held), message_id, message_en)
        for rule_id, held, (message_id, message_en) in rules
    )
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
        if name not in _BUILT:
            _BUILT[name] = _PRESETS[name]()
        return _BUILT[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
