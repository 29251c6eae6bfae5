"""A seeded, day-by-day simulation of a delivery campaign under a policy.

What-if questions ("how long with ten couriers per office?", "what if one attempt in three
fails?") need an event log that looks like a real one. :func:`simulate` hands a batch over to
the courier, and then, working day by working day of the policy's calendar, plans each
office's routes for the day (one per courier, as many items as a courier carries, in walk
order: :mod:`adminduk_delivery.routing`), draws each attempt's outcome, and
follows the policy after a failure (retry, hold at the post office, return). Every event goes
through :func:`adminduk_delivery.shipments.apply`, so the log is legal by construction.

Same seed, same log.

>>> import datetime as dt
>>> from adminduk_delivery import policy, simulation, synthetic
>>> people = synthetic.population(300, regency="3216", seed=1)
>>> batch = synthetic.batch([r for r in people.residents if r.age(on=people.as_of) >= 17], seed=1)
>>> run = simulation.simulate(batch, policy=policy.BEKASI_2020, start=dt.date(2020, 3, 20),
...                           seed=7, couriers_per_office=1)
>>> r = run.batch.reconcile()
>>> r.balanced, r.open, run.finished is not None
(True, 0, True)
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Final, TypeVar

import attrs

from . import regions, routing
from ._convert import checked, date_value, mapping_of, real, real_number, whole_number
from .batches import Batch, TrackedEvent
from .errors import InvalidType, ValidationError
from .policy import NextAction, Policy, next_step
from .shipments import (
    FailureReason,
    Proof,
    Recipient,
    RecipientKind,
    Shipment,
    ShipmentEvent,
    ShipmentStatus,
    apply_all,
    check_transition,
)

T = TypeVar("T")

__all__ = [
    "CompletionForecast",
    "DayReport",
    "Outcomes",
    "Simulation",
    "couriers_for_target",
    "forecast_completion",
    "observed_outcomes",
    "simulate",
]

WIB: Final = dt.timezone(dt.timedelta(hours=7), "WIB")


def _reasons(value: object) -> tuple[tuple[FailureReason, float], ...]:
    wrong = ValidationError(
        "reasons are (FailureReason, weight) pairs, the weights finite, 0 or more and not all 0",
        field="reasons",
        code="type",
    )
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise wrong
    pairs = []
    for pair in value:
        if isinstance(pair, str | bytes) or not isinstance(pair, Sequence) or len(pair) != 2:
            raise wrong
        reason, weight = pair[0], real(pair[1])
        if not isinstance(reason, FailureReason) or weight is None:
            raise wrong
        if not (math.isfinite(weight) and weight >= 0):
            raise wrong
        pairs.append((reason, weight))
    if not pairs or sum(w for _r, w in pairs) <= 0:
        raise wrong
    return tuple(pairs)


def _probability(value: object, *, field: str) -> float:
    return real_number(value, field=field, minimum=0.0, maximum=1.0)


def _success(value: object) -> float:
    return _probability(value, field="success")


def _household_receives(value: object) -> float:
    return _probability(value, field="household_receives")


def _daily_pickup(value: object) -> float:
    return _probability(value, field="daily_pickup")


def _by_district(value: object) -> dict[str, float]:
    field, what = "success_by_district", "district codes to chances"
    if not isinstance(value, Mapping):
        raise InvalidType(f"{field} maps {what}", field=field)
    chances = _district_keys(mapping_of(value, _district_chance, field=field, what=what), field)
    return dict(sorted(chances.items()))  # the same model whatever the caller's order


def _district_keys(value: dict[str, T], field: str) -> dict[str, T]:
    """An option keyed by district: each key a current district's code ("321604" or
    "32.16.04") or name, made the compact code that a shipment's office is; a key that can
    name no office (a regency's code, a retired district's) is refused rather than never
    matched."""
    out: dict[str, T] = {}
    for key, item in value.items():
        code = regions.resolve(
            key, level=regions.RegionLevel.DISTRICT, field=field, current=True
        ).code
        if code in out:
            raise ValidationError(
                f"{field} names district {code} twice", field=field, code="duplicate"
            )
        out[code] = item
    return out


def _district_chance(value: object) -> float:
    return _probability(value, field="success_by_district")


@attrs.frozen(kw_only=True)
class Outcomes:
    """How attempts turn out in the simulation.

    Attributes:
        success: the chance that an attempt succeeds (per district in ``success_by_district``).
        reasons: failure reasons with their weights.
        household_receives: the share of successes received by a household member (in a
            policy's village-office areas, a village official receives every success; give
            those districts their own chance in ``success_by_district``).
        daily_pickup: the chance that a held item is collected on a given working day.
        success_by_district: per-district overrides of ``success``, by district (a code,
            compact or dotted, or a name of one district; kept by compact code).

    Raises:
        ValidationError: a chance that is not from 0 to 1 (code ``range``), reasons that are
            not (FailureReason, weight) pairs with finite weights of 0 or more, not all 0
            (code ``type``), a key of ``success_by_district`` that names no current district
            (as :func:`~adminduk_delivery.regions.resolve` says, or code ``level`` for a
            retired one), or one district twice (code ``duplicate``).
        InvalidType: a chance that is not a number, ``success_by_district`` that is not a
            mapping of codes (text) to chances.
    """

    success: float = attrs.field(default=0.82, converter=_success)
    reasons: tuple[tuple[FailureReason, float], ...] = attrs.field(
        default=(
            (FailureReason.RECIPIENT_ABSENT, 0.50),
            (FailureReason.ADDRESS_NOT_FOUND, 0.14),
            (FailureReason.ADDRESS_INCOMPLETE, 0.10),
            (FailureReason.PHONE_UNREACHABLE, 0.08),
            (FailureReason.MOVED, 0.10),
            (FailureReason.REFUSED, 0.03),
            (FailureReason.DECEASED, 0.02),
            (FailureReason.AREA_INACCESSIBLE, 0.03),
        ),
        converter=_reasons,
    )
    household_receives: float = attrs.field(default=0.35, converter=_household_receives)
    daily_pickup: float = attrs.field(default=0.2, converter=_daily_pickup)
    success_by_district: Mapping[str, float] = attrs.field(factory=dict, converter=_by_district)


@attrs.frozen(kw_only=True)
class DayReport:
    """What happened on one working day of the campaign."""

    day: dt.date
    routes: int
    out: int
    delivered: int
    failed: int
    collected: int
    returned: int


@attrs.frozen(kw_only=True)
class Simulation:
    """The result: the batch with every event folded in, the event log, the daily figures."""

    batch: Batch
    events: tuple[TrackedEvent, ...]
    days: tuple[DayReport, ...]
    finished: dt.date | None
    """The last working day on which something happened, if every item reached its end."""

    def records(self) -> list[dict[str, object]]:
        """One record per working day (the fields of :class:`DayReport`), for pandas.

        Returns:
            The records, in the order of the days.

        Raises:
            Nothing: the simulation has already run.

        >>> import datetime as dt
        >>> from adminduk_delivery import policy, synthetic
        >>> people = synthetic.population(100, regency="3216", seed=1)
        >>> run = simulate(synthetic.batch(people.residents, seed=1), policy=policy.BEKASI_2020,
        ...                start=dt.date(2020, 3, 20), seed=1)
        >>> sorted(run.records()[0])
        ['collected', 'day', 'delivered', 'failed', 'out', 'returned', 'routes']
        """
        return [attrs.asdict(day) for day in self.days]


_MINUTES_PER_STOP: Final = 3


def _one_office(_stop: routing.Stop) -> str:
    return "office"  # the simulation plans one office at a time


_TERMINAL: Final = frozenset(s for s in ShipmentStatus if s.is_terminal)


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=WIB)


class _Memo:
    """What the runs of a simulation (and the runs of a forecast) build again and again,
    built once: each shipment's stop, and the events and recipients, which are immutable
    values that many shipments share (every item handed over at 08:00 on the start day has
    the same event). Sharing them changes no result: events compare by value. Building them
    anew was most of a run's time, much of it in the garbage collector."""

    def __init__(self) -> None:
        self.stops: dict[str, routing.Stop] = {}
        self._events: dict[tuple[object, ...], ShipmentEvent] = {}
        self._recipients: dict[tuple[RecipientKind, frozenset[Proof]], Recipient] = {}

    def event(
        self,
        status: ShipmentStatus,
        at: dt.datetime,
        *,
        reason: FailureReason | None = None,
        office: str | None = None,
        recipient: Recipient | None = None,
    ) -> ShipmentEvent:
        # The time zone too: datetimes of one instant in two zones are equal, and the event
        # must keep the zone it was made with.
        key = (status, at, at.tzinfo, reason, office, recipient)
        found = self._events.get(key)
        if found is None:
            found = self._events[key] = ShipmentEvent(
                status=status, at=at, reason=reason, office=office, recipient=recipient
            )
        return found

    def recipient(self, kind: RecipientKind, proofs: frozenset[Proof]) -> Recipient:
        found = self._recipients.get((kind, proofs))
        if found is None:
            found = self._recipients[kind, proofs] = Recipient(kind=kind, proofs=proofs)
        return found


def _outcome(
    shipment: Shipment,
    *,
    policy: Policy,
    model: Outcomes,
    rng: random.Random,
    when: dt.datetime,
    memo: _Memo,
    village_office: bool,
) -> ShipmentEvent:
    """One attempt's outcome, drawn from the model: a delivery (to the owner or a household
    member, or to a village official where ``village_office``: the address lies in the
    policy's village-office areas; with the policy's proofs) or a failure with a reason."""
    office = shipment.address.district_code
    if rng.random() < model.success_by_district.get(office, model.success):
        if village_office:
            kind = RecipientKind.VILLAGE_OFFICIAL
        elif rng.random() < model.household_receives:
            kind = RecipientKind.HOUSEHOLD_MEMBER
        else:
            kind = RecipientKind.OWNER
        proofs = policy.required_proofs
        if any(d.needs_old_card_surrendered for d in shipment.documents):
            proofs = proofs | {Proof.OLD_CARD_SURRENDERED}
        return memo.event(
            ShipmentStatus.DELIVERED, when, recipient=memo.recipient(kind, frozenset(proofs))
        )
    reasons = [r for r, _w in model.reasons]
    weights = [w for _r, w in model.reasons]
    return memo.event(ShipmentStatus.ATTEMPT_FAILED, when, reason=rng.choices(reasons, weights)[0])


def _crews(
    couriers_per_office: object, items_per_courier: object, max_days: object
) -> tuple[int | dict[str, int], int, int]:
    """The couriers (a number for every office, or a number per office), their load and the
    days of a simulation, checked."""
    crews: int | dict[str, int]
    if isinstance(couriers_per_office, Mapping):
        field = "couriers_per_office"
        crews = _district_keys(
            mapping_of(
                couriers_per_office,
                lambda crew: whole_number(crew, field=field),
                field=field,
                what="district codes to numbers",
            ),
            field,
        )
    else:
        crews = whole_number(couriers_per_office, field="couriers_per_office", minimum=1)
    return (
        crews,
        whole_number(items_per_courier, field="items_per_courier", minimum=1),
        whole_number(max_days, field="max_days", minimum=1, maximum=5_000),
    )


def simulate(
    batch: Batch,
    *,
    policy: Policy,
    start: dt.date,
    seed: int | random.Random,
    couriers_per_office: int | Mapping[str, int] = 10,
    items_per_courier: int = 150,
    outcomes: Outcomes | None = None,
    max_days: int = 250,
    progress: Callable[[int, dt.date], object] | None = None,
) -> Simulation:
    """Run a campaign from handover to the last item.

    Args:
        batch: the handover (shipments without events).
        policy: the programme's rules: calendar, attempts, holds, returns, proofs, and the
            village-office areas, where a village official receives.
        start: the handover day.
        seed: an int or a ``random.Random``; the same seed gives the same log.
        couriers_per_office: couriers per delivery office (one office per district), or a
            mapping from district (a code, compact or dotted, or a name of one district) to
            couriers; an office the mapping leaves out has none, and its items stay open.
        items_per_courier: what one courier carries in a day.
        outcomes: the outcome model (default :class:`Outcomes`).
        max_days: stop after this many working days.
        progress: called as ``progress(days_done, day)`` after each working day (a progress
            bar's update; the library prints nothing itself).

    Returns:
        The :class:`Simulation`: the batch with every event, the event log, the days, and the
        day the last item finished.

    Raises:
        InvalidType: arguments of the wrong type.
        ValidationError: shipments that already have events, settings out of range, or a
            key of ``couriers_per_office`` that names no current district (as
            :func:`~adminduk_delivery.regions.resolve` says, or code ``level`` for a retired
            one) or names a district twice (``duplicate``).
    """
    return _simulate(
        batch, policy=policy, start=start, seed=seed, couriers_per_office=couriers_per_office,
        items_per_courier=items_per_courier, outcomes=outcomes, max_days=max_days,
        progress=progress, keep_log=True, memo=_Memo(),
    )  # fmt: skip


def _simulate(
    batch: Batch,
    *,
    policy: Policy,
    start: dt.date,
    seed: int | random.Random,
    couriers_per_office: int | Mapping[str, int],
    items_per_courier: int,
    outcomes: Outcomes | None,
    max_days: int,
    progress: Callable[[int, dt.date], object] | None,
    keep_log: bool,
    memo: _Memo,
) -> Simulation:
    """:func:`simulate`; without ``keep_log`` the event log is not kept (``events`` is
    empty), which a forecast, reading only where each shipment ended, does without: the
    log's objects were a third of a run's time, most of it in the garbage collector.
    ``memo`` holds the stops and events built so far (a forecast shares one among its
    runs)."""
    batch = checked(batch, Batch, field="batch")
    policy = checked(policy, Policy, field="policy")
    start = date_value(start, field="start")
    if not isinstance(seed, random.Random):
        seed = whole_number(seed, field="seed", maximum=2**63)
    rng = seed if isinstance(seed, random.Random) else random.Random(seed)
    if outcomes is not None:
        outcomes = checked(outcomes, Outcomes, field="outcomes")
    if progress is not None and not callable(progress):
        raise InvalidType("progress is a function of (days done, day)", field="progress")
    model = outcomes or Outcomes()
    couriers_per_office, items_per_courier, max_days = _crews(
        couriers_per_office, items_per_courier, max_days
    )
    latest = max((s.events[-1].at for s in batch.shipments if s.events), default=None)
    if latest is not None and latest.date() > start:
        raise ValidationError(
            "the batch has events after start: resume from the day of its last event",
            field="start",
            code="after_start",
        )
    calendar = policy.calendar
    # Each shipment as handed in, and its history and status as the run goes on: events are
    # checked one by one as shipments.apply checks them, and a Shipment with the history is
    # built only where a policy question needs one, and once at the end (building one per
    # event was a quarter of a forecast's time).
    shipments: dict[str, Shipment] = {}
    histories: dict[str, list[ShipmentEvent]] = {}
    statuses: dict[str, ShipmentStatus] = {}
    log: list[TrackedEvent] = []

    stops = memo.stops
    event = memo.event

    def stop_of(number: str) -> routing.Stop:
        """A shipment's stop, built once (its address does not change between attempts)."""
        found = stops.get(number)
        if found is None:
            found = stops[number] = routing.household_stop((shipments[number],))
        return found

    def to_village_office(number: str) -> bool:
        """Whether a shipment lies in the policy's village-office areas, where a village's
        shipments of the day go to its office as one stop (as dispatch plans them)."""
        return policy.village_office_serves(shipments[number].address)

    def current(number: str) -> Shipment:
        """The shipment with its history so far (the one handed in, if nothing happened)."""
        given, history = shipments[number], histories[number]
        return given if len(history) == len(given.events) else apply_all(given, history)

    # The shipments that reached a terminal status (kept here: asking each shipment every
    # day was a tenth of a forecast's time).
    ended: set[str] = set()
    # The shipments never out for delivery yet (re-attempts go out first).
    untried: set[str] = set()

    def record(number: str, happened: ShipmentEvent) -> None:
        history = histories[number]
        if happened in history:
            return  # a duplicate changes nothing (as with shipments.apply)
        check_transition(statuses[number], happened, last_at=history[-1].at if history else None)
        history.append(happened)
        status = statuses[number] = happened.status
        if status in _TERMINAL:
            ended.add(number)
        elif status is ShipmentStatus.OUT_FOR_DELIVERY:
            untried.discard(number)
        if keep_log:
            log.append(TrackedEvent(tracking_number=number, event=happened))

    next_day = calendar.add_working_days(start, 1)
    due: dict[str, dt.date] = {}
    for shipment in sorted(batch.shipments, key=lambda s: s.tracking_number):
        number = shipment.tracking_number
        shipments[number] = shipment
        histories[number] = list(shipment.events)
        status = statuses[number] = shipment.status
        if status in _TERMINAL:
            ended.add(number)
        if not any(e.status is ShipmentStatus.OUT_FOR_DELIVERY for e in shipment.events):
            untried.add(number)  # (shipment.attempts, without counting them all)
        last = shipment.events[-1].at if shipment.events else _at(start, 0)
        if status is ShipmentStatus.CREATED:
            record(number, event(ShipmentStatus.HANDED_OVER, _at(start, 8)))
        if status in (
            ShipmentStatus.CREATED,
            ShipmentStatus.HANDED_OVER,
            ShipmentStatus.IN_TRANSIT,
        ):
            at_office = event(
                ShipmentStatus.AT_DELIVERY_OFFICE,
                max(_at(start, 15), last),
                office=shipment.address.district_code,
            )
            record(number, at_office)
        elif status is ShipmentStatus.OUT_FOR_DELIVERY:
            # Out on the start day: its outcome is drawn as the day's others are.
            evening = max(_at(start, 17), last)
            record(
                number,
                _outcome(
                    shipment,
                    policy=policy,
                    model=model,
                    rng=rng,
                    when=evening,
                    memo=memo,
                    village_office=to_village_office(number),
                ),
            )
        if statuses[number] is ShipmentStatus.ATTEMPT_FAILED:
            evening = max(_at(start, 17), last)
            step = next_step(current(number), policy=policy, as_of=start)
            if step.action is NextAction.RETRY:
                due[number] = step.due or next_day
            elif step.action is NextAction.HOLD_AT_POST_OFFICE:
                record(number, event(ShipmentStatus.HELD_FOR_PICKUP, evening))
            else:
                reason = histories[number][-1].reason
                record(number, event(ShipmentStatus.RETURNING, evening, reason=reason))
        due.setdefault(number, next_day)
    reports: list[DayReport] = []
    day = start
    finished = None
    # The shipments still under way, by tracking number (the order of every daily pass, which
    # decides the order in which the seeded draws are made); finished ones drop out.
    active = list(shipments)
    waiting_statuses = (ShipmentStatus.AT_DELIVERY_OFFICE, ShipmentStatus.ATTEMPT_FAILED)
    for _ in range(max_days):
        day = calendar.add_working_days(day, 1)
        tomorrow = calendar.add_working_days(day, 1)
        morning, ten, eleven, evening = (_at(day, hour) for hour in (8, 10, 11, 17))
        out = delivered = failed = collected = returned = routes_out = 0
        active = [n for n in active if n not in ended]
        by_office: dict[str, list[str]] = {}
        for number in active:
            if statuses[number] in waiting_statuses and due.get(number, day) <= day:
                office = shipments[number].address.district_code
                by_office.setdefault(office, []).append(number)
        for office in sorted(by_office):
            couriers = (
                couriers_per_office.get(office, 0)
                if isinstance(couriers_per_office, Mapping)
                else couriers_per_office
            )
            room = couriers * items_per_courier
            # Re-attempts first, then new items, as far as the couriers can carry them.
            waiting = sorted(by_office[office], key=lambda n: (n in untried, n))
            chosen = []
            for number in waiting:
                items = len(shipments[number].documents)
                if items <= room:
                    room -= items
                    chosen.append(number)
            # The day's routes under the rule dispatch uses: a household's stop per shipment
            # and a stop at the office of each village-office village, each office running at
            # most its couriers' routes, the fullest kept (routing.plan's couriers limit),
            # each in walk order (see adminduk_delivery.routing).
            day_stops: list[routing.Stop] = []
            offices: list[Shipment] = []
            for number in chosen:
                if to_village_office(number):
                    offices.append(shipments[number])
                else:
                    day_stops.append(stop_of(number))
            if offices:
                day_stops.extend(routing.village_office_stops(offices, capacity=items_per_courier))
            day_plan = routing.plan(
                day_stops,
                capacity=items_per_courier,
                office_of=_one_office,
                couriers=couriers,
            )
            visits: list[tuple[int, str]] = []
            for route in day_plan.routes:
                routes_out += 1
                visits.extend(
                    (k, number)
                    for k, stop in enumerate(route.stops)
                    for number in stop.shipment_ids
                )
            for position, number in visits:
                out += 1
                minute = min(position * _MINUTES_PER_STOP + rng.randrange(0, 10), 8 * 60)
                record(number, event(ShipmentStatus.OUT_FOR_DELIVERY, morning))
                when = morning + dt.timedelta(minutes=20 + minute)
                outcome = _outcome(
                    shipments[number], policy=policy, model=model, rng=rng, when=when, memo=memo,
                    village_office=to_village_office(number),
                )  # fmt: skip
                record(number, outcome)
                if outcome.status is ShipmentStatus.DELIVERED:
                    delivered += 1
                    continue
                reason = outcome.reason
                failed += 1
                step = next_step(current(number), policy=policy, as_of=day)
                if step.action is NextAction.RETRY:
                    due[number] = step.due or tomorrow
                elif step.action is NextAction.HOLD_AT_POST_OFFICE:
                    record(number, event(ShipmentStatus.HELD_FOR_PICKUP, evening))
                else:
                    record(number, event(ShipmentStatus.RETURNING, evening, reason=reason))
        for number in active:
            status = statuses[number]
            if status is ShipmentStatus.HELD_FOR_PICKUP:
                held_since = histories[number][-1].at.date()
                if held_since < day and rng.random() < model.daily_pickup:
                    owner = memo.recipient(RecipientKind.OWNER, frozenset(policy.required_proofs))
                    record(number, event(ShipmentStatus.COLLECTED, eleven, recipient=owner))
                    collected += 1
                elif next_step(current(number), policy=policy, as_of=day).action is (
                    NextAction.RETURN
                ):
                    unclaimed = FailureReason.UNCLAIMED
                    record(number, event(ShipmentStatus.RETURNING, evening, reason=unclaimed))
            elif status is ShipmentStatus.RETURNING and histories[number][-1].at.date() < day:
                record(number, event(ShipmentStatus.RETURNED, ten))
                returned += 1
        reports.append(
            DayReport(
                day=day,
                routes=routes_out,
                out=out,
                delivered=delivered,
                failed=failed,
                collected=collected,
                returned=returned,
            )
        )
        if progress is not None:
            progress(len(reports), day)
        if ended.issuperset(active):
            finished = day
            break
    final = attrs.evolve(batch, shipments=[current(s.tracking_number) for s in batch.shipments])
    return Simulation(batch=final, events=tuple(log), days=tuple(reports), finished=finished)


# --------------------------------------------------------------------------------------------
# Completion forecasts: replicated simulations from the batch as it stands


def observed_outcomes(batch: Batch, *, base: Outcomes | None = None) -> Outcomes:
    """The outcome model a forecast assumes: ``base`` (default :class:`Outcomes`) with the
    success rates of the attempts the batch has seen so far, overall and per district (an
    attempt is a delivery or a failed attempt; a district without attempts keeps the overall
    rate).

    Args:
        batch: the batch as it stands.
        base: the model to start from.

    Returns:
        The model.

    Raises:
        InvalidType: arguments of the wrong type.
    """
    batch = checked(batch, Batch, field="batch")
    model = checked(base, Outcomes, field="base") if base is not None else Outcomes()
    tried: dict[str, list[int]] = {}
    for shipment in batch.shipments:
        counts = tried.setdefault(shipment.address.district_code, [0, 0])
        for event in shipment.events:
            if event.status is ShipmentStatus.DELIVERED:
                counts[0] += 1
                counts[1] += 1
            elif event.status is ShipmentStatus.ATTEMPT_FAILED:
                counts[1] += 1
    succeeded = sum(c[0] for c in tried.values())
    attempts = sum(c[1] for c in tried.values())
    if not attempts:
        return model
    by_district = {d: c[0] / c[1] for d, c in sorted(tried.items()) if c[1]}
    return attrs.evolve(model, success=succeeded / attempts, success_by_district=by_district)


@attrs.frozen(kw_only=True)
class CompletionForecast:
    """When a campaign will be done, from replicated seeded simulations.

    "Done" is every item at its end (delivered, collected, returned, withdrawn or recalled),
    held and returned items included, not the last delivery attempt.

    Attributes:
        p10, p50, p90: the completion day that 10%, 50% and 90% of the runs finished by
            (nearest rank; ``None`` where that many runs did not finish within
            ``max_days``).
        by_office: per office (district code): its (p10, p50, p90).
        finishes: each run's completion day (``None``: not done within ``max_days``), in run
            order.
        start: the day the runs start from.
        assumptions: what the runs assume, as data: couriers per office, items per courier,
            the success rate overall and per district (observed so far where the batch has
            attempts), the household share, the daily pickup chance, runs and seed.
    """

    p10: dt.date | None
    p50: dt.date | None
    p90: dt.date | None
    by_office: dict[str, tuple[dt.date | None, dt.date | None, dt.date | None]]
    finishes: tuple[dt.date | None, ...]
    start: dt.date
    assumptions: dict[str, object]

    def records(self) -> list[dict[str, object]]:
        """One record per office and one for the whole batch (``office`` = ``"all"``), with
        ``p10``, ``p50``, ``p90``: for pandas.

        Returns:
            The records, the whole batch's first, then the offices' in the forecast's order.

        Raises:
            Nothing: the forecast is already computed.
        """
        rows: list[dict[str, object]] = [
            {"office": "all", "p10": self.p10, "p50": self.p50, "p90": self.p90}
        ]
        rows += [
            {"office": office, "p10": p10, "p50": p50, "p90": p90}
            for office, (p10, p50, p90) in self.by_office.items()
        ]
        return rows


def _quantiles(
    values: list[dt.date | None],
) -> tuple[dt.date | None, dt.date | None, dt.date | None]:
    """Nearest-rank 10th, 50th and 90th percentiles; an unfinished run ranks last."""
    ranked = sorted(values, key=lambda d: (d is None, d or dt.date.min))
    n = len(ranked)
    picks = []
    for q in (0.1, 0.5, 0.9):
        index = max(0, -(-int(q * 100) * n // 100) - 1)
        picks.append(ranked[min(index, n - 1)])
    return picks[0], picks[1], picks[2]


def _office_finishes(batch: Batch) -> dict[str, dt.date | None]:
    """Each office's completion day in a simulated batch (``None`` when not done)."""
    done: dict[str, dt.date | None] = {}
    for shipment in batch.shipments:
        office = shipment.address.district_code
        if not shipment.is_terminal:
            done[office] = None
            continue
        if office in done and done[office] is None:
            continue
        finished = shipment.events[-1].at.date()
        current = done.get(office)
        done[office] = finished if current is None or finished > current else current
    return done


def forecast_completion(
    batch: Batch,
    *,
    policy: Policy,
    start: dt.date,
    runs: int = 20,
    seed: int = 0,
    couriers_per_office: int | Mapping[str, int] = 10,
    items_per_courier: int = 150,
    outcomes: Outcomes | None = None,
    max_days: int = 250,
    progress: Callable[[int, int], object] | None = None,
) -> CompletionForecast:
    """When will the batch be done? Percentiles of the completion day over ``runs`` seeded
    simulations from the batch as it stands (:func:`simulate` resumes it on ``start``).

    Unless ``outcomes`` is given, the runs assume the success rates observed so far
    (:func:`observed_outcomes`); the other rates are :class:`Outcomes`' defaults, stated in
    :attr:`CompletionForecast.assumptions`. The closed-form
    :func:`adminduk_delivery.analysis.forecast` remains the fast estimate of the last
    attempt; this one counts holds and returns, and gives a range.

    Args:
        batch: the batch, with its events up to ``start``.
        policy: the programme (calendar, attempts, holds, returns).
        start: the day the batch stands on (its events are not after it).
        runs: how many simulations (each seeded from ``seed`` and its number).
        seed: the forecast's seed: the same seed, the same forecast.
        couriers_per_office, items_per_courier, max_days: as for :func:`simulate`.
        outcomes: the outcome model (default: observed so far).
        progress: called as ``progress(done, runs)`` after each run (a progress bar's
            update; the library prints nothing itself).

    Returns:
        The :class:`CompletionForecast`.

    Raises:
        ValidationError: a bad number of runs, or what :func:`simulate` refuses.
        InvalidType: arguments of the wrong type.

    >>> import datetime as dt
    >>> from adminduk_delivery import policy, simulation, synthetic
    >>> people = synthetic.population(300, regency="3216", seed=1)
    >>> batch = synthetic.batch(people.residents, seed=1)
    >>> f = simulation.forecast_completion(batch, policy=policy.BEKASI_2020,
    ...                                    start=dt.date(2020, 3, 20), runs=10, seed=3,
    ...                                    couriers_per_office=1)
    >>> f.p10 <= f.p50 <= f.p90
    True
    >>> f.assumptions["couriers_per_office"], f.assumptions["runs"]
    (1, 10)
    """
    batch = checked(batch, Batch, field="batch")
    runs = whole_number(runs, field="runs", minimum=1, maximum=10_000)
    seed = whole_number(seed, field="seed", maximum=2**63)
    couriers_per_office, items_per_courier, max_days = _crews(
        couriers_per_office, items_per_courier, max_days
    )
    if progress is not None and not callable(progress):
        raise InvalidType("progress is a function of (done, total)", field="progress")
    model = (
        checked(outcomes, Outcomes, field="outcomes")
        if outcomes is not None
        else observed_outcomes(batch)
    )
    memo = _Memo()  # the runs share the stops and events they build
    finishes: list[dt.date | None] = []
    offices: dict[str, list[dt.date | None]] = {}
    for run in range(runs):
        result = _simulate(
            batch,
            policy=policy,
            start=start,
            seed=random.Random(f"{seed}:{run}"),
            couriers_per_office=couriers_per_office,
            items_per_courier=items_per_courier,
            outcomes=model,
            max_days=max_days,
            progress=None,
            keep_log=False,
            memo=memo,
        )
        done = _office_finishes(result.batch)
        days = [d for d in done.values() if d is not None]
        finishes.append(None if len(days) < len(done) else max(days, default=start))
        for office, day in done.items():
            offices.setdefault(office, []).append(day)
        if progress is not None:
            progress(run + 1, runs)
    p10, p50, p90 = _quantiles(finishes)
    assumptions: dict[str, object] = {
        "couriers_per_office": couriers_per_office
        if not isinstance(couriers_per_office, Mapping)
        else dict(couriers_per_office),
        "items_per_courier": items_per_courier,
        "success": round(model.success, 4),
        "success_by_district": {k: round(v, 4) for k, v in model.success_by_district.items()},
        "success_observed": outcomes is None and bool(model.success_by_district),
        "household_receives": model.household_receives,
        "daily_pickup": model.daily_pickup,
        "runs": runs,
        "seed": seed,
        "max_days": max_days,
    }
    return CompletionForecast(
        p10=p10,
        p50=p50,
        p90=p90,
        by_office={office: _quantiles(days) for office, days in sorted(offices.items())},
        finishes=tuple(finishes),
        start=start,
        assumptions=assumptions,
    )


def couriers_for_target(
    batch: Batch,
    *,
    target: dt.date,
    policy: Policy,
    start: dt.date,
    runs: int = 10,
    seed: int = 0,
    quantile: float = 0.9,
    max_couriers: int = 100,
    items_per_courier: int = 150,
    outcomes: Outcomes | None = None,
) -> int | None:
    """The fewest couriers per office with which the campaign is done by ``target`` in at
    least ``quantile`` of the runs (a binary search over :func:`forecast_completion`).

    Args:
        batch: the batch as it stands.
        target: the day it should be done by.
        policy, start, runs, seed, items_per_courier, outcomes: as for
            :func:`forecast_completion`.
        quantile: the share of runs that must be done by ``target``: 0.5 or 0.9.
        max_couriers: the most couriers per office to consider.

    Returns:
        The number of couriers per office, or ``None`` when even ``max_couriers`` do not
        make it.

    Raises:
        ValidationError: a quantile other than 0.5 or 0.9, or bad arguments.
        InvalidType: arguments of the wrong type.
    """
    target = date_value(target, field="target")
    if quantile not in (0.5, 0.9):
        raise ValidationError("quantile is 0.5 or 0.9", field="quantile", code="choice")
    max_couriers = whole_number(max_couriers, field="max_couriers", minimum=1, maximum=10_000)

    def in_time(couriers: int) -> bool:
        found = forecast_completion(
            batch, policy=policy, start=start, runs=runs, seed=seed,
            couriers_per_office=couriers, items_per_courier=items_per_courier,
            outcomes=outcomes,
        )  # fmt: skip
        day = found.p50 if quantile == 0.5 else found.p90
        return day is not None and day <= target

    if not in_time(max_couriers):
        return None
    low, high = 1, max_couriers
    while low < high:
        middle = (low + high) // 2
        if in_time(middle):
            high = middle
        else:
            low = middle + 1
    return low
