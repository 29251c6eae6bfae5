"""Batch analysis: how far along, where it fails, when it will be done, what it costs.

Everything here is a pure function of a batch (its documents and events) and a day. Results
are plain records (lists of dicts with stable keys and JSON-ready values) that
``pandas.DataFrame(records)`` takes as they are; :meth:`Summary.to_pandas` does that when
pandas is installed (the optional ``analysis`` extra). In a notebook a summary shows as a table.

>>> import datetime as dt
>>> from adminduk_delivery import analysis, policy, simulation, synthetic
>>> people = synthetic.population(400, regency="3216", seed=3)
>>> batch = synthetic.batch([r for r in people.residents if r.age(on=people.as_of) >= 17], seed=3)
>>> run = simulation.simulate(batch, policy=policy.BEKASI_2020, start=dt.date(2020, 3, 20),
...                           seed=3, couriers_per_office=1)
>>> s = analysis.summarize(run.batch, as_of=dt.date(2020, 4, 30), policy=policy.BEKASI_2020,
...                        handed_over=dt.date(2020, 3, 20))
>>> s.total == sum(row["documents"] for row in s.by_bucket)
True
>>> 0.5 < s.first_attempt_success_rate <= 1.0
True
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from typing import Any, Final

import attrs

from . import _html, regions
from ._convert import checked, date_value, real_number, reported_as, tuple_of, whole_number
from .batches import NOT_SHIPPED, STATES, Batch, Bucket
from .documents import DocumentKind
from .errors import InvalidType, MissingDependency, ValidationError
from .labels import Language, checked_language, label
from .policy import Policy
from .shipments import FailureReason, RecipientKind, ShipmentStatus
from .workdays import WorkCalendar

__all__ = [
    "SUMMARY_COLUMNS",
    "Forecast",
    "Summary",
    "couriers_needed",
    "event_records",
    "failure_reasons_by",
    "forecast",
    "merge",
    "open_items_by_office",
    "summarize",
]


def _rate(part: int, whole: int) -> float | None:
    return None if whole == 0 else round(part / whole, 4)


_BUCKET_COUNTS: Final = {b.value: "count" for b in Bucket}

SUMMARY_COLUMNS: Final[dict[str, dict[str, str]]] = {
    "by_bucket": {"bucket": "code", "label": "text", "documents": "count", "rate": "rate"},
    "by_state": {"state": "code", "label": "text", "documents": "count", "rate": "rate"},
    "by_district": {
        "district": "text", "name": "text", **_BUCKET_COUNTS, "documents": "count",
        "received_rate": "rate",
    },
    "by_village": {
        "village": "text", "district": "text", **_BUCKET_COUNTS, "documents": "count",
        "received_rate": "rate",
    },
    "by_kind": {
        "kind": "code", "label": "text", **_BUCKET_COUNTS, "documents": "count",
        "received_rate": "rate",
    },
    "attempts": {"attempts": "count", "shipments": "count"},
    "failure_reasons": {"reason": "code", "label": "text", "failures": "count", "share": "rate"},
    "ageing": {"working_days_open": "days", "documents": "count"},
    "recipients": {"recipient": "code", "label": "text", "documents": "count", "share": "rate"},
}  # fmt: skip
"""The columns of each table of a :class:`Summary`, in order, and what each holds: ``code``
(a bucket, state, document kind or failure reason value), ``text``, ``count`` (a whole
number, 0 or more), ``days`` (a whole number of working days, negative for a summary made
before the handover day) or ``rate`` (from 0 to 1, or ``None`` when there is nothing to
divide by). The bucket columns are named by :class:`~adminduk_delivery.batches.Bucket` values."""

_CODES: Final[dict[str, frozenset[str]]] = {
    "bucket": frozenset(b.value for b in Bucket),
    "state": STATES,
    "kind": frozenset(k.value for k in DocumentKind),
    "reason": frozenset(r.value for r in FailureReason),
    "recipient": frozenset(k.value for k in RecipientKind),
}
_SLA_COLUMNS: Final = ("due", "working_days", "on_time", "late", "open_overdue")


def _cell(kind: str, column: str, value: object) -> object:
    if kind == "count":
        return whole_number(value, field=column, maximum=10**12)
    if kind == "days":  # working days open: negative before the handover day
        return whole_number(value, field=column, minimum=-(10**6), maximum=10**6)
    if kind == "rate":
        return None if value is None else real_number(value, field=column, minimum=0, maximum=1)
    if not isinstance(value, str):
        raise InvalidType(f"{column} is text, got {type(value).__name__}", field=column)
    if kind == "code" and value not in _CODES[column]:
        raise ValidationError(f"{column} is not a {column} value", field=column, code="choice")
    return value


def _table(name: str, value: object) -> list[dict[str, Any]]:
    """The rows of the table ``name`` of a summary, each checked against its columns."""
    columns = SUMMARY_COLUMNS[name]
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        raise InvalidType(f"{name} is a list of rows", field=name)
    rows = []
    for row in value:
        if not isinstance(row, Mapping) or set(row) != set(columns):
            raise ValidationError(
                f"{name}: a row has the columns {', '.join(columns)}", field=name, code="columns"
            )
        rows.append(
            {
                column: reported_as(name, functools.partial(_cell, kind, column), row[column])
                for column, kind in columns.items()
            }
        )
    return rows


def _by_bucket_rows(value: object) -> list[dict[str, Any]]:
    return _table("by_bucket", value)


def _by_state_rows(value: object) -> list[dict[str, Any]]:
    return _table("by_state", value)


def _by_district_rows(value: object) -> list[dict[str, Any]]:
    return _table("by_district", value)


def _by_village_rows(value: object) -> list[dict[str, Any]]:
    return _table("by_village", value)


def _by_kind_rows(value: object) -> list[dict[str, Any]]:
    return _table("by_kind", value)


def _attempts_rows(value: object) -> list[dict[str, Any]]:
    return _table("attempts", value)


def _failure_reasons_rows(value: object) -> list[dict[str, Any]]:
    return _table("failure_reasons", value)


def _ageing_rows(value: object) -> list[dict[str, Any]]:
    return _table("ageing", value)


def _recipients_rows(value: object) -> list[dict[str, Any]]:
    return _table("recipients", value)


def _as_of(value: object) -> dt.date:
    return date_value(value, field="as_of")


def _summary_total(value: object) -> int:
    return whole_number(value, field="total", maximum=10**12)


def _first_success_rate(value: object) -> float | None:
    if value is None:
        return None
    return real_number(value, field="first_attempt_success_rate", minimum=0, maximum=1)


def _sla(value: object) -> dict[str, Any]:
    if not isinstance(value, Mapping) or set(value) != set(_SLA_COLUMNS):
        raise ValidationError(f"sla has {', '.join(_SLA_COLUMNS)}", field="sla", code="columns")
    due = value["due"]
    try:
        dt.date.fromisoformat(due)
    except (TypeError, ValueError):
        raise ValidationError("sla: due is an ISO date", field="sla", code="format") from None
    counts = {c: whole_number(value[c], field="sla", maximum=10**12) for c in _SLA_COLUMNS[1:]}
    return {"due": due, **counts}


def _cost(value: object) -> int:
    return whole_number(value, field="cost_to_dinas", maximum=10**15)


def _language(value: object) -> Language:
    return checked_language(value)


def _first_attempt(value: object) -> dict[str, int]:
    if not isinstance(value, Mapping) or set(value) not in ({"succeeded", "attempted"}, set()):
        raise ValidationError(
            "first_attempt has succeeded and attempted (or nothing)",
            field="first_attempt",
            code="columns",
        )
    return {c: whole_number(value[c], field="first_attempt", maximum=10**12) for c in value}


@attrs.frozen(kw_only=True)
class Summary:
    """A batch at one moment, as records.

    Attributes:
        as_of: the day of the summary.
        total: documents on the handover list.
        by_bucket, by_state, by_district, by_village, by_kind: counts and rates, one record
            per group.
        attempts: how many shipments needed 0, 1, 2, ... attempts.
        failure_reasons: reasons ranked by count.
        first_attempt_success_rate: delivered at the first attempt / attempted at least once.
        sla: the SLA's due date and how many documents were finished on time, late, or are
            open and overdue.
        ageing: open documents by working days since handover.
        cost_to_dinas: what the Dinas pays the courier under the policy's fee rule (rupiah).
        recipients: the received documents by who received them (the owner, a household
            member, a village official, someone else), ranked by count; empty in a summary
            written before the table existed.

    The tables' columns are :data:`SUMMARY_COLUMNS`. A summary is checked as it is built,
    so one read back from JSON holds what :func:`summarize` wrote.

    Raises:
        InvalidType: a field of the wrong type.
        ValidationError: a row without its table's columns (code ``columns``), a count below
            0 or a rate outside 0..1 (code ``range``), a code that is no value of its kind
            (code ``choice``), an SLA without its ISO due day (code ``format``), or counts
            that disagree (code ``inconsistent``): one ``by_bucket`` row per bucket in
            order, each table of documents adding up to ``total``, each group's
            ``documents`` its buckets' sum, ``ageing`` adding up to the open documents,
            and on time and late adding up to the received ones, as ``recipients`` does
            when it has rows.
    """

    as_of: dt.date = attrs.field(converter=_as_of)
    total: int = attrs.field(converter=_summary_total)
    by_bucket: list[dict[str, Any]] = attrs.field(converter=_by_bucket_rows)
    by_state: list[dict[str, Any]] = attrs.field(converter=_by_state_rows)
    by_district: list[dict[str, Any]] = attrs.field(converter=_by_district_rows)
    by_village: list[dict[str, Any]] = attrs.field(converter=_by_village_rows)
    by_kind: list[dict[str, Any]] = attrs.field(converter=_by_kind_rows)
    attempts: list[dict[str, Any]] = attrs.field(converter=_attempts_rows)
    failure_reasons: list[dict[str, Any]] = attrs.field(converter=_failure_reasons_rows)
    first_attempt_success_rate: float | None = attrs.field(converter=_first_success_rate)
    sla: dict[str, Any] = attrs.field(converter=_sla)
    ageing: list[dict[str, Any]] = attrs.field(converter=_ageing_rows)
    cost_to_dinas: int = attrs.field(converter=_cost)
    language: Language = attrs.field(default="id", converter=_language)
    first_attempt: dict[str, int] = attrs.field(factory=dict, converter=_first_attempt)
    """The counts behind :attr:`first_attempt_success_rate`: ``succeeded`` at the first
    attempt, ``attempted`` at least once (what :func:`merge` adds up)."""
    recipients: list[dict[str, Any]] = attrs.field(factory=list, converter=_recipients_rows)

    def __attrs_post_init__(self) -> None:
        buckets = {r["bucket"]: r["documents"] for r in self.by_bucket}
        if [r["bucket"] for r in self.by_bucket] != [b.value for b in Bucket]:
            raise ValidationError(
                "by_bucket has a row per bucket, in order", field="by_bucket", code="inconsistent"
            )
        for name in ("by_bucket", "by_state", "by_district", "by_village", "by_kind"):
            rows: list[dict[str, Any]] = getattr(self, name)
            if sum(r["documents"] for r in rows) != self.total or (
                name not in ("by_bucket", "by_state")
                and any(r["documents"] != sum(r[b.value] for b in Bucket) for r in rows)
            ):
                raise ValidationError(
                    f"{name} counts the {self.total:,} documents", field=name, code="inconsistent"
                )
        received = self.received
        if sum(r["documents"] for r in self.ageing) != buckets[Bucket.OPEN.value]:
            raise ValidationError(
                "ageing counts the open documents", field="ageing", code="inconsistent"
            )
        if self.recipients and sum(r["documents"] for r in self.recipients) != received:
            raise ValidationError(
                "recipients counts the received documents",
                field="recipients",
                code="inconsistent",
            )
        sla = self.sla
        if sla["on_time"] + sla["late"] != received or sla["open_overdue"] > buckets["open"]:
            raise ValidationError(
                "the SLA counts the received and open documents", field="sla", code="inconsistent"
            )
        first = self.first_attempt
        if first and first["succeeded"] > first["attempted"]:
            raise ValidationError(
                "first_attempt: succeeded is at most attempted",
                field="first_attempt",
                code="inconsistent",
            )

    @property
    def received(self) -> int:
        """The documents that reached a person: delivered or collected."""
        return sum(r["documents"] for r in self.by_bucket if Bucket(r["bucket"]).received)

    def __repr__(self) -> str:
        return (
            f"Summary(as_of={self.as_of.isoformat()}, total={self.total:,}, "
            f"received={self.received:,}, first_attempt_success={self.first_attempt_success_rate}, "
            f"sla_due={self.sla['due']}): str() or .report() for the report"
        )

    def __str__(self) -> str:
        return self.report()

    def report(self, language: Language | None = None) -> str:
        """The summary as a short text report for people, in Indonesian or English.

        Args:
            language: ``"id"`` or ``"en"``; default: the summary's own.

        Returns:
            The report, one fact per line.

        Raises:
            ValidationError: another language.
        """
        lang = checked_language(self.language if language is None else language)
        indonesian = lang == "id"
        buckets = {r["bucket"]: r["documents"] for r in self.by_bucket}
        lines = [
            f"Per {self.as_of.isoformat()}: {self.total:,} dokumen diserahterimakan"
            if indonesian
            else f"As of {self.as_of.isoformat()}: {self.total:,} documents handed over"
        ]
        for bucket in Bucket:
            count = buckets.get(bucket.value, 0)
            if count:
                lines.append(f"  {label(bucket, lang)}: {count:,} ({count / self.total:.1%})")
        rate = self.first_attempt_success_rate
        if rate is not None:
            first = "berhasil pada antaran pertama" if indonesian else "first-attempt success"
            lines.append(f"  {first}: {rate:.1%}")
        sla = self.sla
        if indonesian:
            lines.append(
                f"  SLA {sla['working_days']} hari kerja (batas {sla['due']}): "
                f"{sla['on_time']:,} tepat waktu, {sla['late']:,} terlambat, "
                f"{sla['open_overdue']:,} belum selesai melewati batas"
            )
        else:
            lines.append(
                f"  SLA {sla['working_days']} working days (due {sla['due']}): "
                f"{sla['on_time']:,} on time, {sla['late']:,} late, "
                f"{sla['open_overdue']:,} open past the due day"
            )
        if self.failure_reasons:
            top = ", ".join(
                f"{label(FailureReason(r['reason']), lang)} {r['failures']:,}"
                for r in self.failure_reasons[:3]
            )
            main = "alasan gagal utama" if indonesian else "main failure reasons"
            lines.append(f"  {main}: {top}")
        if self.recipients:
            shares = ", ".join(
                f"{label(RecipientKind(r['recipient']), lang)} {r['documents']:,}"
                for r in self.recipients
            )
            lines.append(f"  {'diterima oleh' if indonesian else 'received by'}: {shares}")
        rated = [r for r in self.by_district if r["received_rate"] is not None]
        if rated:
            worst = min(rated, key=lambda r: (r["received_rate"], r["name"]))
            lowest = "kecamatan terendah" if indonesian else "lowest district"
            lines.append(f"  {lowest}: {worst['name']} ({worst['received_rate']:.1%})")
        return "\n".join(lines)

    def records(self) -> dict[str, list[dict[str, Any]]]:
        """Every table, by name.

        Returns:
            ``by_bucket``, ``by_state``, ``by_district``, ``by_village``, ``by_kind``,
            ``attempts``, ``failure_reasons``, ``ageing`` and ``recipients``, each a list of
            dicts (one per row, for pandas or a CSV writer).

        Raises:
            Nothing: the tables are already built.
        """
        return {
            "by_bucket": self.by_bucket, "by_state": self.by_state,
            "by_district": self.by_district, "by_village": self.by_village,
            "by_kind": self.by_kind,
            "attempts": self.attempts, "failure_reasons": self.failure_reasons,
            "ageing": self.ageing, "recipients": self.recipients,
        }  # fmt: skip

    def to_pandas(self) -> dict[str, Any]:
        """Every table as a ``pandas.DataFrame`` (needs pandas: the ``analysis`` extra).

        Returns:
            The tables of :meth:`records`, by the same names, as data frames.

        Raises:
            MissingDependency: pandas is not installed (an ``ImportError`` too).
        """
        try:
            pd = importlib.import_module("pandas")  # optional: the analysis extra
        except ImportError as exc:
            message = "to_pandas needs pandas: pip install 'adminduk-delivery[analysis]'"
            raise MissingDependency(message, extra="analysis") from exc
        return {name: pd.DataFrame(rows) for name, rows in self.records().items()}

    def _repr_html_(self) -> str:
        head = (
            f"<p><b>{self.total:,}</b> documents on {self.as_of.isoformat()}; first-attempt "
            f"success {self.first_attempt_success_rate}; SLA due {self.sla['due']}; cost to "
            f"the Dinas Rp {self.cost_to_dinas:,}</p>"
        )
        return head + "".join(
            _html.table(rows, title=name.replace("_", " ")) for name, rows in self.records().items()
        )


def summarize(
    batch: Batch,
    *,
    as_of: dt.date,
    policy: Policy,
    handed_over: dt.date,
    language: Language = "id",
) -> Summary:
    """Summarize a batch as it stood at the end of ``as_of``.

    Args:
        batch: the batch with its events.
        as_of: the day of the summary; later events are ignored.
        policy: for the SLA (working days, calendar) and the fee rule.
        handed_over: the handover day, from which the SLA and ageing count.
        language: the language of the ``label`` column of the bucket, state, kind and
            failure-reason tables (``"id"`` or ``"en"``); the codes stay beside it.

    Returns:
        The :class:`Summary`.

    Raises:
        InvalidType: arguments of the wrong type.
        ValidationError: days so far apart that no calendar spans them (code ``range``).
    """
    batch = checked(batch, Batch, field="batch")
    as_of = date_value(as_of, field="as_of")
    policy = checked(policy, Policy, field="policy")
    handed_over = date_value(handed_over, field="handed_over")
    language = checked_language(language)
    shipments = {s.tracking_number: s.until(as_of) for s in batch.shipments}
    # The buckets are the reconciliation's, of the batch as it stood: the two cannot disagree.
    reconciliation = attrs.evolve(batch, shipments=tuple(shipments.values())).reconcile()
    total = reconciliation.total
    buckets: Counter[Bucket] = Counter()
    states: Counter[str] = Counter()
    districts: defaultdict[str, Counter[Bucket]] = defaultdict(Counter)
    villages: defaultdict[str, Counter[Bucket]] = defaultdict(Counter)
    kinds: defaultdict[str, Counter[Bucket]] = defaultdict(Counter)
    calendar: WorkCalendar = policy.calendar
    due = calendar.add_working_days(handed_over, policy.sla_working_days)
    on_time = late = overdue = 0
    ageing: Counter[int] = Counter()
    receivers: Counter[str] = Counter()
    waited = None
    for document, state in zip(batch.documents, reconciliation.documents, strict=True):
        shipment = shipments[state.tracking_number] if state.tracking_number else None
        bucket = state.bucket
        buckets[bucket] += 1
        states[state.state] += 1
        district = shipment.address.district_code if shipment else "unknown"
        districts[district][bucket] += 1
        village = shipment.address.village_code if shipment else "unknown"
        villages[village][bucket] += 1
        kinds[document.kind.value][bucket] += 1
        if bucket is Bucket.OPEN:
            if waited is None:
                waited = calendar.working_days_between(handed_over, as_of)
            ageing[waited] += 1
            overdue += as_of > due
        elif shipment is not None and bucket.received:
            last = shipment.events[-1]
            if last.recipient is not None:  # always, for a received status
                receivers[last.recipient.kind.value] += 1
            finished = last.at.date()
            if finished <= due:
                on_time += 1
            else:
                late += 1

    def bucket_rows(counter: Counter[Bucket], n: int) -> dict[str, Any]:
        done = sum(n for b, n in counter.items() if b.received)
        return {
            **{b.value: counter[b] for b in Bucket},
            "documents": n,
            "received_rate": _rate(done, n),
        }

    by_district = []
    for code in sorted(districts):
        counter = districts[code]
        name = regions.get(code).name if regions.exists(code) else code
        by_district.append({"district": code, "name": name,
                            **bucket_rows(counter, sum(counter.values()))})  # fmt: skip
    by_village = [
        {"village": code, "district": code[:6], **bucket_rows(c, sum(c.values()))}
        for code, c in sorted(villages.items())
    ]
    attempted = [s for s in shipments.values() if s.attempts]
    first_ok = sum(
        1 for s in attempted
        if s.status is ShipmentStatus.DELIVERED and s.attempts == 1
    )  # fmt: skip
    attempts = Counter(s.attempts for s in shipments.values())
    reasons = Counter(
        e.reason.value for s in shipments.values() for e in s.failed_attempts if e.reason
    )
    failures = sum(reasons.values())
    delivered_items = sum(len(s.documents) for s in shipments.values() if s.status.received)
    return Summary(
        as_of=as_of,
        total=total,
        by_bucket=[{"bucket": b.value, "label": label(b, language), "documents": buckets[b],
                    "rate": _rate(buckets[b], total)}
                   for b in Bucket],
        by_state=[{"state": k, "label": _state_label(k, language), "documents": v,
                   "rate": _rate(v, total)}
                  for k, v in sorted(states.items())],
        by_district=by_district,
        by_village=by_village,
        by_kind=[{"kind": k, "label": label(DocumentKind(k), language),
                  **bucket_rows(c, sum(c.values()))} for k, c in sorted(kinds.items())],
        attempts=[{"attempts": k, "shipments": attempts[k]} for k in sorted(attempts)],
        failure_reasons=[
            {"reason": r, "label": label(FailureReason(r), language), "failures": n,
             "share": _rate(n, failures)}
            for r, n in sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0]))
        ],
        first_attempt_success_rate=_rate(first_ok, len(attempted)),
        first_attempt={"succeeded": first_ok, "attempted": len(attempted)},
        sla={"due": due.isoformat(), "working_days": policy.sla_working_days,
             "on_time": on_time, "late": late, "open_overdue": overdue},
        ageing=[{"working_days_open": k, "documents": ageing[k]} for k in sorted(ageing)],
        cost_to_dinas=policy.fee.dinas_pays(delivered_items),
        language=language,
        recipients=_recipient_rows(receivers, language),
    )  # fmt: skip


def _recipient_rows(counts: Mapping[str, int], language: Language) -> list[dict[str, Any]]:
    """The ``recipients`` table of counts by recipient kind: most first, ties by kind."""
    received = sum(counts.values())
    return [
        {"recipient": kind, "label": label(RecipientKind(kind), language), "documents": n,
         "share": _rate(n, received)}
        for kind, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]  # fmt: skip


def _state_label(state: str, language: Language) -> str:
    if state == NOT_SHIPPED:
        return "belum dikirim" if language == "id" else "not shipped"
    return label(ShipmentStatus(state), language)


@attrs.frozen(kw_only=True)
class Forecast:
    """When the open items will be done: a most likely day and a range."""

    expected: dt.date
    earliest: dt.date
    latest: dt.date
    working_days: int


def _success_rate(value: object) -> float:
    rate = real_number(value, field="success_rate", minimum=0.0, maximum=1.0)
    if rate == 0:
        raise ValidationError("success_rate is in (0, 1]", field="success_rate", code="range")
    return rate


def _open_items(value: object) -> dict[str, int]:
    """Open items per office, checked (a single count is one office, ``"all"``)."""
    if not isinstance(value, Mapping):
        return {"all": whole_number(value, field="open_items")}
    items: dict[str, int] = {}
    for office, count in value.items():
        if not isinstance(office, str):
            raise InvalidType("open_items is keyed by office codes (strings)", field="open_items")
        items[office] = whole_number(count, field="open_items")
    return items


def _days_needed(open_items: int, capacity_per_day: int, success: float) -> int:
    if open_items <= 0:
        return 0
    # Each round delivers a share `success` of what is left; attempts go out at the daily
    # capacity: the total work is open / success attempts (a geometric series).
    attempts = open_items / max(success, 1e-6)
    return max(1, math.ceil(attempts / capacity_per_day))


def forecast(
    open_items: Mapping[str, int] | int,
    *,
    couriers: Mapping[str, int] | int,
    items_per_courier: int,
    success_rate: float,
    calendar: WorkCalendar,
    start: dt.date,
    spread: float = 0.1,
    retry_rounds: int = 1,
) -> Forecast:
    """When will the open items be done?

    Args:
        open_items: open items per office (or in all).
        couriers: couriers per office (or for every office).
        items_per_courier: items one courier carries a day.
        success_rate: the observed share of attempts that succeed.
        calendar: the couriers' working days.
        start: the day the forecast starts from (work begins the next working day).
        spread: the relative uncertainty of the success rate, for the range.
        retry_rounds: working days added for the re-attempts of the last day's failures
            (a policy's ``max_attempts - 1``; one by default).

    Returns:
        The day the slowest office finishes at the observed rate, and the range for a success
        rate ``spread`` better or worse.

    Raises:
        InvalidType: arguments of the wrong type.
        ValidationError: numbers out of range, or an office with open items and no couriers
            (code ``range``).
    """
    success_rate = _success_rate(success_rate)
    items = _open_items(open_items)
    if not isinstance(couriers, Mapping):
        couriers = whole_number(couriers, field="couriers")
    items_per_courier = whole_number(items_per_courier, field="items_per_courier", minimum=1)
    calendar = checked(calendar, WorkCalendar, field="calendar")
    start = date_value(start, field="start")
    spread = real_number(spread, field="spread", minimum=0.0, maximum=0.99)
    retry_rounds = whole_number(retry_rounds, field="retry_rounds", maximum=100)

    def slowest(rate: float) -> int:
        worst = 0
        for office, n in items.items():
            crew = (
                whole_number(couriers.get(office, 0), field="couriers")
                if isinstance(couriers, Mapping)
                else couriers
            )
            if n and crew <= 0:
                raise ValidationError(f"office {office} has open items and no couriers",
                                      field="couriers", code="range")  # fmt: skip
            if n:
                days = _days_needed(n, crew * items_per_courier, rate) + retry_rounds
                worst = max(worst, days)
        return worst

    expected = slowest(success_rate)
    fast = slowest(min(1.0, success_rate * (1 + spread)))
    slow = slowest(max(1e-6, success_rate * (1 - spread)))
    return Forecast(
        expected=calendar.add_working_days(start, expected),
        earliest=calendar.add_working_days(start, fast),
        latest=calendar.add_working_days(start, slow),
        working_days=expected,
    )


def couriers_needed(
    open_items: Mapping[str, int],
    *,
    target: dt.date,
    items_per_courier: int,
    success_rate: float,
    calendar: WorkCalendar,
    start: dt.date,
) -> dict[str, int]:
    """How many couriers each office needs to finish by ``target`` at the observed rate.

    Args:
        open_items: open items per office.
        target: the day to finish by.
        items_per_courier: items one courier carries a day.
        success_rate: the observed share of attempts that succeed, in (0, 1].
        calendar: the couriers' working days.
        start: the day the count starts from.

    Returns:
        Couriers per office, in office order.

    Raises:
        InvalidType: arguments of the wrong type.
        ValidationError: a target not after start, or numbers out of range (code ``range``).
    """
    items = _open_items(open_items)
    target = date_value(target, field="target")
    items_per_courier = whole_number(items_per_courier, field="items_per_courier", minimum=1)
    success_rate = _success_rate(success_rate)
    calendar = checked(calendar, WorkCalendar, field="calendar")
    start = date_value(start, field="start")
    days = calendar.working_days_between(calendar.add_working_days(start, 1),
                                         calendar.add_working_days(target, 1))  # fmt: skip
    if days <= 0:
        raise ValidationError("the target is not after start", field="target", code="range")
    return {
        office: math.ceil(n / success_rate / (days * items_per_courier)) if n else 0
        for office, n in sorted(items.items())
    }


def open_items_by_office(batch: Batch, *, as_of: dt.date) -> dict[str, int]:
    """Open items per office (district) at the end of ``as_of``.

    Args:
        batch: the batch.
        as_of: the day; later events are ignored.

    Returns:
        ``{district code: open items}``, in code order.

    Raises:
        InvalidType: arguments of the wrong type.
    """
    batch = checked(batch, Batch, field="batch")
    as_of = date_value(as_of, field="as_of")
    counts: Counter[str] = Counter()
    for shipment in batch.shipments:
        current = shipment.until(as_of)
        if not current.is_terminal:
            counts[current.address.district_code] += len(current.documents)
    return dict(sorted(counts.items()))


def _region_name(code: str) -> str:
    return regions.get(code).name if regions.exists(code) else code


def failure_reasons_by(
    batch: Batch, *, level: str = "district", language: Language = "id"
) -> list[dict[str, Any]]:
    """Failed attempts by reason per district (kecamatan) or village (desa/kelurahan).

    Args:
        batch: the batch with its events.
        level: ``"district"`` or ``"village"``.
        language: the language of the ``label`` column (``"id"`` or ``"en"``).

    Returns:
        One record per place and reason with failures: ``code``, ``name``, ``reason`` (the
        code), ``label`` (the reason in ``language``), ``failures``, ``share`` (of the place's
        failed attempts); by place code, then most failures first.

    Raises:
        InvalidType: ``batch`` is not a batch.
        ValidationError: another level (code ``choice``) or language.

    >>> from adminduk_delivery import simulation, synthetic, policy
    >>> import datetime as dt
    >>> people = synthetic.population(300, regency="3216", seed=1)
    >>> run = simulation.simulate(synthetic.batch(people.residents, seed=1),
    ...                           policy=policy.BEKASI_2020, start=dt.date(2020, 3, 20), seed=1)
    >>> row = failure_reasons_by(run.batch, level="district")[0]
    >>> sorted(row)
    ['code', 'failures', 'label', 'name', 'reason', 'share']
    """
    batch = checked(batch, Batch, field="batch")
    if not isinstance(level, str) or level not in ("district", "village"):
        raise ValidationError("level is district or village", field="level", code="choice")
    language = checked_language(language)
    width = 6 if level == "district" else 10
    counts: dict[str, Counter[FailureReason]] = {}
    for shipment in batch.shipments:
        code = shipment.address.village_code[:width]
        for event in shipment.failed_attempts:
            if event.reason is not None:
                counts.setdefault(code, Counter())[event.reason] += 1
    rows = []
    for code in sorted(counts):
        total = sum(counts[code].values())
        name = _region_name(code)
        for reason, n in sorted(counts[code].items(), key=lambda kv: (-kv[1], kv[0].value)):
            rows.append(
                {
                    "code": code,
                    "name": name,
                    "reason": reason.value,
                    "label": label(reason, language),
                    "failures": n,
                    "share": _rate(n, total),
                }
            )
    return rows


def event_records(batch: Batch, *, language: Language = "id") -> list[dict[str, Any]]:
    """The batch's event log as records (for pandas), oldest first per shipment, shipments
    by tracking number.

    Args:
        batch: the batch with its events.
        language: the language of the ``status_label`` and ``reason_label`` columns.

    Returns:
        One record per event: ``tracking_number``, ``at`` (timezone-aware), ``status``,
        ``status_label``, ``reason``, ``reason_label``, ``recipient`` (the recipient kind),
        ``office``, ``district``, ``village``, ``documents``; no NIK.

    Raises:
        InvalidType: ``batch`` is not a batch.
        ValidationError: an unknown language.
    """
    batch = checked(batch, Batch, field="batch")
    language = checked_language(language)
    rows = []
    for shipment in sorted(batch.shipments, key=lambda s: s.tracking_number):
        village = shipment.address.village_code
        for event in shipment.events:
            rows.append(
                {
                    "tracking_number": shipment.tracking_number,
                    "at": event.at,
                    "status": event.status.value,
                    "status_label": label(event.status, language),
                    "reason": None if event.reason is None else event.reason.value,
                    "reason_label": None if event.reason is None else label(event.reason, language),
                    "recipient": None if event.recipient is None else event.recipient.kind.value,
                    "office": event.office,
                    "district": village[:6],
                    "village": village,
                    "documents": len(shipment.documents),
                }
            )
    return rows


def _summed(
    tables: list[list[dict[str, Any]]], key: str, counts: tuple[str, ...]
) -> dict[Any, dict[str, Any]]:
    """Rows of several tables by ``key``, their ``counts`` columns added up (the other
    columns taken from the first row seen)."""
    merged: dict[Any, dict[str, Any]] = {}
    for table in tables:
        for row in table:
            known = merged.get(row[key])
            if known is None:
                merged[row[key]] = dict(row)
            else:
                for column in counts:
                    known[column] += row[column]
    return merged


_BUCKET_COLUMNS: Final = (*(b.value for b in Bucket), "documents")


def _with_received_rate(row: dict[str, Any]) -> dict[str, Any]:
    done = sum(row[b.value] for b in Bucket if b.received)
    row["received_rate"] = _rate(done, row["documents"])
    return row


def merge(summaries: Iterable[Summary]) -> Summary:
    """The summary of a whole batch from the summaries of its parts (partitions by regency,
    office or any other cut, made on one day under one policy): counts are added up and every
    rate and share recomputed, so that the merge equals :func:`summarize` of the whole (a
    property test splits generated batches at random and checks it). Merging is associative:
    summaries merge in any grouping, as a tree reduction does.

    A part must hold each shipment whole, with the listed documents it carries.

    Args:
        summaries: the parts' summaries (at least one), of the same day, SLA and language.

    Returns:
        The merged :class:`Summary`.

    Raises:
        ValidationError: no summaries (code ``empty``), or summaries of different days, SLA
            or languages (code ``mismatch``).
        InvalidType: something other than summaries.
    """
    parts = tuple_of(summaries, Summary, field="summaries")
    if not parts:
        raise ValidationError("merge needs at least one summary", field="summaries", code="empty")
    first = parts[0]
    for part in parts[1:]:
        if (part.as_of, part.language, part.sla["due"], part.sla["working_days"]) != (
            first.as_of, first.language, first.sla["due"], first.sla["working_days"]
        ):  # fmt: skip
            raise ValidationError(
                "summaries of different days, SLA or languages do not merge",
                field="summaries",
                code="mismatch",
            )
    total = sum(p.total for p in parts)
    buckets = _summed([p.by_bucket for p in parts], "bucket", ("documents",))
    states = _summed([p.by_state for p in parts], "state", ("documents",))
    failures = _summed([p.failure_reasons for p in parts], "reason", ("failures",))
    failed = sum(r["failures"] for r in failures.values())
    attempts = _summed([p.attempts for p in parts], "attempts", ("shipments",))
    ageing = _summed([p.ageing for p in parts], "working_days_open", ("documents",))
    succeeded = sum(p.first_attempt.get("succeeded", 0) for p in parts)
    attempted = sum(p.first_attempt.get("attempted", 0) for p in parts)
    sla = dict(first.sla)
    for column in ("on_time", "late", "open_overdue"):
        sla[column] = sum(p.sla[column] for p in parts)
    # A part written before the recipients table (none, though it received documents)
    # leaves the whole one unknown.
    known = all(p.recipients or not p.received for p in parts)
    receivers: Counter[str] = Counter()
    for part in parts:
        for row in part.recipients:
            receivers[row["recipient"]] += row["documents"]
    return Summary(
        as_of=first.as_of,
        total=total,
        by_bucket=[
            {**buckets[b.value], "rate": _rate(buckets[b.value]["documents"], total)}
            for b in Bucket
        ],
        by_state=[
            {**row, "rate": _rate(row["documents"], total)}
            for _state, row in sorted(states.items())
        ],
        by_district=[
            _with_received_rate(row)
            for _code, row in sorted(
                _summed([p.by_district for p in parts], "district", _BUCKET_COLUMNS).items()
            )
        ],
        by_village=[
            _with_received_rate(row)
            for _code, row in sorted(
                _summed([p.by_village for p in parts], "village", _BUCKET_COLUMNS).items()
            )
        ],
        by_kind=[
            _with_received_rate(row)
            for _kind, row in sorted(
                _summed([p.by_kind for p in parts], "kind", _BUCKET_COLUMNS).items()
            )
        ],
        attempts=[row for _n, row in sorted(attempts.items())],
        failure_reasons=[
            {**row, "share": _rate(row["failures"], failed)}
            for _reason, row in sorted(failures.items(), key=lambda kv: (-kv[1]["failures"], kv[0]))
        ],
        first_attempt_success_rate=_rate(succeeded, attempted),
        sla=sla,
        ageing=[row for _n, row in sorted(ageing.items())],
        cost_to_dinas=sum(p.cost_to_dinas for p in parts),
        language=first.language,
        first_attempt={"succeeded": succeeded, "attempted": attempted},
        recipients=_recipient_rows(receivers, first.language) if known else [],
    )
