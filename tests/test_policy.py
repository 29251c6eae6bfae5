"""Delivery policy: explained decisions, next steps, fees, priorities, presets."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from adminduk_delivery import policy, regions, shipments, strategies
from adminduk_delivery.address import Address
from adminduk_delivery.documents import DocumentKind, DocumentRequest, Fulfilment
from adminduk_delivery.errors import ValidationError
from adminduk_delivery.nik import Sex
from adminduk_delivery.policy import BEKASI_2020, OWNER_ONLY_TWO_ATTEMPTS, NextAction, Rule
from adminduk_delivery.residents import Household, Resident
from adminduk_delivery.shipments import FailureReason, Proof, Recipient, RecipientKind, Shipment
from adminduk_delivery.shipments import ShipmentStatus as S

from .helpers import KK, NIK_F, NIK_M, home, make_document, wib

AS_OF = dt.date(2020, 3, 20)


def request(**changes):
    base = {"id": "R-1", "nik": NIK_F, "kind": DocumentKind.KTP_EL,
            "fulfilment": Fulfilment.DELIVER, "requested_on": AS_OF, "address": home()}  # fmt: skip
    return DocumentRequest(**{**base, **changes})


def test_eligible_request_lists_every_rule():
    """An allowed decision still reports every rule it checked."""
    decision = policy.delivery_eligibility(request(), policy=BEKASI_2020)
    assert decision.allowed
    assert [f.rule_id for f in decision.findings] == [
        "document_deliverable", "resident_chose_delivery", "address_in_area",
        "address_complete", "nik_active",
    ]  # fmt: skip
    assert all(f.message_id and f.message_en for f in decision.findings)
    assert "[ok] nik_active" in decision.explain()


@pytest.mark.parametrize(
    ("changes", "kwargs", "denied"),
    [
        ({"kind": DocumentKind.SURAT_PINDAH}, {}, ["document_deliverable"]),
        ({"fulfilment": Fulfilment.COLLECT, "address": None,
          "collect_at": __import__("adminduk_delivery").documents.CollectionPoint.DINAS}, {},
         ["resident_chose_delivery"]),
        ({"address": Address(village_code="3275011001", rt=1, rw=1)}, {}, ["address_in_area"]),
        ({"address": Address(village_code="3216202001")}, {}, ["address_complete"]),
        ({}, {"deactivated_niks": {NIK_F}}, ["nik_active"]),
    ],
)  # fmt: skip
def test_denials_name_their_rules(changes, kwargs, denied):
    """Each reason for a denial is a failed finding with its id."""
    decision = policy.delivery_eligibility(request(**changes), policy=BEKASI_2020, **kwargs)
    assert not decision.allowed
    assert [f.rule_id for f in decision.denials] == denied


def siti():
    return Resident(nik=NIK_F, name="Siti", sex=Sex.FEMALE, birth_date=dt.date(1990, 7, 1),
                    kk_number=KK)  # fmt: skip


def test_who_may_receive():
    """Owner; an adult household member (household programmes); a village official as
    fallback; proofs; the old card for replacements."""
    budi = Resident(nik=NIK_M, name="Budi", sex=Sex.MALE, birth_date=dt.date(2010, 7, 1),
                    kk_number=KK)  # fmt: skip
    adult = Resident(nik="3216200101800001", name="Agus", sex=Sex.MALE,
                     birth_date=dt.date(1980, 1, 1), kk_number=KK)  # fmt: skip
    house = Household(kk_number=KK, members=[siti(), budi, adult], address=home())
    docs = [make_document()]
    proofs = {Proof.ID_SHOWN, Proof.PHOTO}

    def decide(recipient, pol=BEKASI_2020, **kwargs):
        return policy.recipient_eligibility(docs, recipient, policy=pol, on=AS_OF,
                                            household=house, **kwargs)  # fmt: skip

    assert decide(Recipient(kind=RecipientKind.OWNER, nik=NIK_F, proofs=proofs)).allowed
    assert decide(
        Recipient(kind=RecipientKind.HOUSEHOLD_MEMBER, nik=adult.nik, proofs=proofs)
    ).allowed
    minor = decide(Recipient(kind=RecipientKind.HOUSEHOLD_MEMBER, nik=NIK_M, proofs=proofs))
    assert not minor.allowed
    assert "recipient_is_adult_household_member" in [f.rule_id for f in minor.denials]
    strict = attrs.evolve(OWNER_ONLY_TWO_ATTEMPTS, required_proofs=frozenset(proofs))
    assert not decide(Recipient(kind=RecipientKind.HOUSEHOLD_MEMBER, nik=adult.nik, proofs=proofs),
                      pol=strict).allowed  # fmt: skip
    official = Recipient(kind=RecipientKind.VILLAGE_OFFICIAL, proofs=proofs)
    fallback = attrs.evolve(BEKASI_2020, village_official_fallback=True)
    assert not decide(official, pol=fallback).allowed
    assert decide(official, pol=fallback, nobody_else=True).allowed
    no_photo = decide(Recipient(kind=RecipientKind.OWNER, proofs={Proof.ID_SHOWN}))
    assert [f.rule_id for f in no_photo.denials] == ["proof_taken"]
    replacement = [attrs.evolve(make_document(), replaces_card=True)]
    card = policy.recipient_eligibility(
        replacement,
        Recipient(kind=RecipientKind.OWNER, proofs=proofs),
        policy=BEKASI_2020,
        on=AS_OF,
    )
    assert [f.rule_id for f in card.denials] == ["old_card_surrendered"]


def shipment_after(*reasons: FailureReason) -> Shipment:
    s = Shipment(tracking_number="RR123456785ID", documents=[make_document()], address=home())
    hour = 8
    events = [shipments.ShipmentEvent(status=S.HANDED_OVER, at=wib(2020, 3, 20, hour))]
    for reason in reasons:
        events.append(
            shipments.ShipmentEvent(status=S.OUT_FOR_DELIVERY, at=wib(2020, 3, 20, hour + 1))
        )
        failed_at = wib(2020, 3, 20, hour + 2)
        events.append(shipments.ShipmentEvent(status=S.ATTEMPT_FAILED, at=failed_at, reason=reason))
        hour += 2
    return shipments.apply_all(s, events)


def test_after_a_failed_attempt():
    """Retry next working day, then hold at the post office; terminal reasons skip retries."""
    one = policy.next_step(shipment_after(FailureReason.RECIPIENT_ABSENT), policy=BEKASI_2020,
                           as_of=AS_OF)  # fmt: skip
    assert (one.action, one.due) == (
        NextAction.RETRY,
        dt.date(2020, 3, 21),
    )  # couriers work Saturdays
    two = policy.next_step(
        shipment_after(FailureReason.RECIPIENT_ABSENT, FailureReason.RECIPIENT_ABSENT),
        policy=BEKASI_2020, as_of=AS_OF,
    )  # fmt: skip
    assert two.action is NextAction.HOLD_AT_POST_OFFICE
    moved = policy.next_step(shipment_after(FailureReason.MOVED), policy=BEKASI_2020, as_of=AS_OF)
    assert moved.action is NextAction.RETURN
    assert moved.return_to is policy.ReturnTo.ISSUER
    refused = policy.next_step(
        shipment_after(FailureReason.REFUSED), policy=BEKASI_2020, as_of=AS_OF
    )
    assert refused.action is NextAction.HOLD_AT_POST_OFFICE
    assert {f.rule_id for f in refused.findings} >= {"terminal_reason", "attempts_remaining"}


def test_a_hold_runs_out():
    """A held item goes back after the policy's working days at the post office."""
    held = shipments.apply(
        shipment_after(FailureReason.RECIPIENT_ABSENT, FailureReason.RECIPIENT_ABSENT),
        shipments.ShipmentEvent(status=S.HELD_FOR_PICKUP, at=wib(2020, 3, 20, 14)),
    )
    waiting = policy.next_step(held, policy=BEKASI_2020, as_of=dt.date(2020, 3, 24))
    assert waiting.action is NextAction.NONE
    late = policy.next_step(held, policy=BEKASI_2020, as_of=dt.date(2020, 4, 10))
    assert late.action is NextAction.RETURN


def test_fees_and_batch_cost():
    """Free in Bekasi; a flat fee per item paid by the Dinas elsewhere; withdrawn items free."""
    two = [make_document("a"), make_document("b")]
    s = Shipment(tracking_number="RR123456785ID", documents=two, address=home())
    assert policy.batch_cost([s], policy=BEKASI_2020) == 0
    assert policy.batch_cost([s], policy=OWNER_ONLY_TWO_ATTEMPTS) == 20_000
    cod = policy.FeeRule(kind=policy.FeeKind.CASH_ON_DELIVERY, amount=5_000)
    assert (cod.resident_pays(2), cod.dinas_pays(2)) == (10_000, 0)
    with pytest.raises(ValidationError):
        policy.FeeRule(kind=policy.FeeKind.FREE, amount=1)


def test_priorities():
    """Expired Suket, elderly, disabled, first KTP-el at 17."""
    old = attrs.evolve(siti(), birth_date=dt.date(1950, 1, 1), disabled=True)
    p = policy.priority(old, make_document(), policy=BEKASI_2020, as_of=AS_OF,
                        suket_expires=dt.date(2020, 1, 1))  # fmt: skip
    assert p.score == 3
    assert {f.rule_id for f in p.findings if f.passed} == {"expired_suket", "elderly", "disabled"}
    teen = attrs.evolve(siti(), birth_date=dt.date(2002, 6, 1))
    teen_priority = policy.priority(teen, make_document(), policy=BEKASI_2020, as_of=AS_OF)
    assert [f.rule_id for f in teen_priority.findings if f.passed] == ["first_ktp_at_17"]


def test_rules_compose():
    """&, | and ~ build composite rules that report every part."""
    yes = Rule("yes", lambda c: True, passed=lambda c: ("ya", "yes"), failed=lambda c: ("", ""))
    no = Rule("no", lambda c: False, passed=lambda c: ("", ""), failed=lambda c: ("tidak", "no"))
    assert (yes & no).evaluate(None)[0] is False
    assert (yes | no).evaluate(None)[0] is True
    assert (~no).evaluate(None)[0] is True
    ok, findings = (yes & (no | yes)).evaluate(None)
    assert ok
    assert [f.rule_id for f in findings] == ["yes", "no", "yes"]
    assert (yes & no).rule_id == "(yes & no)"


def test_presets_document_their_sources_and_assumptions():
    """Each preset says where its values come from and which are assumptions."""
    for preset in (BEKASI_2020, OWNER_ONLY_TWO_ATTEMPTS):
        assert preset.sources
        assert preset.assumptions
        assert all(regions.exists(code, include_retired=False) for code in preset.area)
    assert BEKASI_2020.fee.kind is policy.FeeKind.FREE
    assert DocumentKind.SURAT_PINDAH not in BEKASI_2020.deliverable_kinds
    assert OWNER_ONLY_TWO_ATTEMPTS.recipients is policy.RecipientRule.OWNER_ONLY
    assert BEKASI_2020.deadline(AS_OF) == dt.date(2020, 4, 7)


@given(req=strategies.document_requests(region="3216"), pol=strategies.policies(region="3216"),
       deactivated=st.booleans())  # fmt: skip
def test_decisions_are_pure_and_denials_explained(req, pol, deactivated):
    """Property: the same inputs give the same decision; every denial names a failed rule."""
    kwargs = {"deactivated_niks": {req.nik} if deactivated else set()}
    first = policy.delivery_eligibility(req, policy=pol, **kwargs)
    assert first == policy.delivery_eligibility(req, policy=pol, **kwargs)
    assert first.allowed == (not first.denials)
    assert len(first.findings) == 5


@given(docs=st.lists(strategies.documents(), min_size=1, max_size=3, unique_by=lambda d: d.id),
       recipient=strategies.recipients(), pol=strategies.policies(), on=st.dates())  # fmt: skip
def test_recipient_denials_are_explained(docs, recipient, pol, on):
    """Property: recipient decisions are pure and every denial names a failed rule."""
    decision = policy.recipient_eligibility(docs, recipient, policy=pol, on=on)
    assert decision == policy.recipient_eligibility(docs, recipient, policy=pol, on=on)
    assert decision.allowed == (not decision.denials)


@given(
    docs=st.lists(strategies.documents(), min_size=1, max_size=3, unique_by=lambda d: d.id),
    recipient=strategies.recipients(),
    pol=strategies.policies(region="1602"),
    where=strategies.addresses(region="1602"),
    on=st.dates(),
)
def test_a_village_official_receives_in_the_village_office_areas(docs, recipient, pol, where, on):
    """Property: ``village_office_area`` passes exactly for a village official at an address
    in the policy's village-office areas; there such an official may receive whenever the
    proofs and the old card allow, whatever else the policy says."""
    in_area = where.village_code.startswith(pol.village_office_areas)
    official = recipient.kind is RecipientKind.VILLAGE_OFFICIAL
    decision = policy.recipient_eligibility(docs, recipient, policy=pol, on=on, address=where)
    (finding,) = [f for f in decision.findings if f.rule_id == "village_office_area"]
    if not pol.village_office_areas:
        assert finding.outcome.value == "not_applicable"
    else:
        assert finding.outcome.value == ("passed" if official and in_area else "failed")
        assert finding.data == {"village": where.village_code}
    if official and in_area:
        others = {"proof_taken", "old_card_surrendered"}
        assert decision.allowed == all(
            f.outcome.value != "failed" for f in decision.findings if f.rule_id in others
        )
    without = policy.recipient_eligibility(docs, recipient, policy=pol, on=on)
    (unknown,) = [f for f in without.findings if f.rule_id == "village_office_area"]
    assert unknown.outcome.value == "not_applicable"


def test_village_office_areas_oki_2021():
    """Ogan Komering Ilir (2021): in its water areas Pos delivers to the village head
    (Bisnis.com, 27 January 2021)."""
    oki = attrs.evolve(BEKASI_2020, area=("1602",), village_office_areas=("16.02.18", "160214"))
    assert oki.village_office_areas == ("160214", "160218")  # canonical, sorted
    kades = Recipient(kind=RecipientKind.VILLAGE_OFFICIAL, proofs=oki.required_proofs)
    docs = [make_document()]
    water = Address(village_code="1602182001")
    inland = Address(village_code="1602051002")
    assert oki.village_office_serves(water)
    assert not oki.village_office_serves(inland)
    assert not BEKASI_2020.village_office_serves(water)
    with pytest.raises(ValidationError) as info:
        oki.village_office_serves("1602182001")
    assert info.value.code == "type"
    assert policy.recipient_eligibility(docs, kades, policy=oki, on=AS_OF, address=water).allowed
    assert not policy.recipient_eligibility(
        docs, kades, policy=oki, on=AS_OF, address=inland
    ).allowed
    sent = Shipment(tracking_number="RR123456785ID", documents=docs, address=water)
    assert policy.recipient_eligibility(sent, kades, policy=oki, on=AS_OF).allowed
    with pytest.raises(ValidationError) as info:
        policy.recipient_eligibility(sent, kades, policy=oki, on=AS_OF, address=inland)
    assert (info.value.field, info.value.code) == ("address", "conflict")
    # The same address given again is no conflict.
    assert policy.recipient_eligibility(sent, kades, policy=oki, on=AS_OF, address=water).allowed


@pytest.mark.parametrize(
    ("areas", "code"),
    [
        (("3216",), "outside_area"),
        (("160218", "321620"), "outside_area"),
        (("9999",), "region"),
        (("x",), "length"),
        ("1602", "type"),
    ],
)
def test_village_office_areas_lie_in_the_programme_area(areas, code):
    with pytest.raises(ValidationError) as info:
        attrs.evolve(BEKASI_2020, area=("1602",), village_office_areas=areas)
    assert info.value.field == "village_office_areas"
    assert info.value.code == code


def test_a_hold_is_counted_from_the_latest_hold():
    """Finding 2: an item held, re-attempted, failed and held again waits the policy's full
    hold from its second hold, not from its first."""
    first_hold = shipments.apply(
        shipment_after(FailureReason.RECIPIENT_ABSENT, FailureReason.RECIPIENT_ABSENT),
        shipments.ShipmentEvent(status=S.HELD_FOR_PICKUP, at=wib(2020, 3, 20, 14)),
    )
    again = shipments.apply_all(
        first_hold,
        [
            shipments.ShipmentEvent(status=S.OUT_FOR_DELIVERY, at=wib(2020, 4, 1, 9)),
            shipments.ShipmentEvent(
                status=S.ATTEMPT_FAILED, at=wib(2020, 4, 1, 10),
                reason=FailureReason.RECIPIENT_ABSENT,
            ),
            shipments.ShipmentEvent(status=S.HELD_FOR_PICKUP, at=wib(2020, 4, 1, 14)),
        ],
    )  # fmt: skip
    step = policy.next_step(again, policy=BEKASI_2020, as_of=dt.date(2020, 4, 2))
    assert step.action is NextAction.NONE
    assert step.due == BEKASI_2020.calendar.add_working_days(dt.date(2020, 4, 1), 7)
    (hold,) = step.findings
    assert hold.rule_id == "hold_period"
    assert hold.data == {"held_until": step.due.isoformat()}


@pytest.mark.parametrize(
    "written",
    [
        {NIK_F},
        ["3216 2041 0790 0003"],
        ("3216.2041.0790.0003",),
        [int(NIK_F)],
        frozenset({NIK_F}),
        iter([NIK_F]),
    ],
)
def test_deactivated_niks_match_in_any_notation(written):
    """Finding 3: a deactivated NIK written with spaces, dots or as an integer matches; the
    finding carries the matched entry masked."""
    check_deactivated(written)


def check_deactivated(written):
    decision = policy.delivery_eligibility(request(), policy=BEKASI_2020, deactivated_niks=written)
    assert not decision.allowed
    (denial,) = decision.denials
    assert denial.rule_id == "nik_active"
    assert denial.data == {"matched": "321620**********"}
    assert NIK_F not in repr(decision)


def test_deactivated_niks_from_a_pandas_column():
    """A column of a data frame, as text or as integers, is a list of NIKs (its truth, which
    an empty-list shortcut asked for, is an error in pandas)."""
    pd = pytest.importorskip("pandas")
    check_deactivated(pd.Series(["3216 2041 0790 0003", "3216200107900003"]))
    check_deactivated(pd.Series([int(NIK_F)]))
    empty = policy.delivery_eligibility(
        request(), policy=BEKASI_2020, deactivated_niks=pd.Series([], dtype=str)
    )
    assert empty.allowed


@pytest.mark.parametrize(("written", "code"), [(NIK_F, "type"), (["12345"], "length"), (5, "type")])
def test_deactivated_niks_refuse_a_bare_string(written, code):
    """Finding 3: one string is not a list of NIKs (it would be read digit by digit and fail
    open); an entry that is not a NIK is reported, not ignored."""
    with pytest.raises(ValidationError) as caught:
        policy.delivery_eligibility(request(), policy=BEKASI_2020, deactivated_niks=written)
    assert caught.value.code == code
    assert caught.value.field == "deactivated_niks"
    assert NIK_F not in str(caught.value)


def test_a_collect_request_is_refused_once_and_in_indonesian():
    """Finding 4: a collect request is refused for the choice alone (the address rules do not
    apply), in Indonesian words, and counted once."""
    from adminduk_delivery.documents import CollectionPoint

    collect = request(fulfilment=Fulfilment.COLLECT, address=None, collect_at=CollectionPoint.DINAS)
    decision = policy.delivery_eligibility(collect, policy=BEKASI_2020)
    assert [f.rule_id for f in decision.denials] == ["resident_chose_delivery"]
    assert decision.denials[0].message_id == "penduduk memilih diambil"
    outcomes = {f.rule_id: f.outcome for f in decision.findings}
    assert outcomes["address_in_area"] is policy.Outcome.NOT_APPLICABLE
    assert outcomes["address_complete"] is policy.Outcome.NOT_APPLICABLE
    both = policy.delivery_eligibility(
        request(kind=DocumentKind.SURAT_PINDAH, address=Address(village_code="3216202001")),
        policy=BEKASI_2020,
    )
    assert len(both.denials) == 2
    assert policy.denial_counts([decision, both, decision]) == {
        "resident_chose_delivery": 2,
        "document_deliverable": 1,
    }


def test_missing_address_fields_are_data():
    """The missing address fields are in the finding's data, as a tuple."""
    decision = policy.delivery_eligibility(
        request(address=Address(village_code="3216202001", house_number="7")), policy=BEKASI_2020
    )
    assert decision.reason.data == {"missing": ("rt", "rw")}
    assert decision.subject == "R-1"
    assert decision.policy == BEKASI_2020.name


def _english_enum_values():
    """Patterns for the enum values that are not words of their own Indonesian label."""
    import re

    from adminduk_delivery import labels

    values = {
        value
        for members in labels.LABELS.values()
        for value, (indonesian, _english) in members.items()
        if value.lower() not in indonesian.lower() and len(value) > 3
    }
    return [re.compile(rf"\b{re.escape(v)}\b") for v in sorted(values)]


_ENGLISH = _english_enum_values()


@given(req=strategies.document_requests(region="3216"), pol=strategies.policies(region="3216"),
       docs=st.lists(strategies.documents(), min_size=1, max_size=3, unique_by=lambda d: d.id),
       recipient=strategies.recipients(), reasons=st.lists(st.sampled_from(list(FailureReason)),
                                                            min_size=1, max_size=3))  # fmt: skip
def test_indonesian_messages_carry_no_english_enum_values(req, pol, docs, recipient, reasons):
    """Property: no Indonesian message of any decision contains an enum's English value."""
    findings = [
        *policy.delivery_eligibility(req, policy=pol).findings,
        *policy.recipient_eligibility(docs, recipient, policy=pol, on=AS_OF).findings,
        *policy.next_step(shipment_after(*reasons), policy=pol, as_of=AS_OF).findings,
    ]
    for finding in findings:
        for pattern in _ENGLISH:
            assert not pattern.search(finding.message_id), (finding.rule_id, finding.message_id)


def test_every_public_enum_has_both_labels():
    """One label table: every member of every public enum has an Indonesian and an English
    label."""
    import enum
    import importlib
    import pkgutil

    import adminduk_delivery
    from adminduk_delivery import labels

    seen = {}
    for module in pkgutil.iter_modules(adminduk_delivery.__path__):
        if module.name.startswith("_"):
            continue
        loaded = importlib.import_module(f"adminduk_delivery.{module.name}")
        for name in getattr(loaded, "__all__", ()):
            value = getattr(loaded, name)
            if isinstance(value, type) and issubclass(value, enum.Enum):
                seen.setdefault(value.__name__, value)
                assert seen[value.__name__] is value, f"two enums named {value.__name__}"
                for member in value:
                    for language in labels.LANGUAGES:
                        assert labels.label(member, language)
    assert set(seen) == set(labels.LABELS)
