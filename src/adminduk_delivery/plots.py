"""Plots of a delivery batch for a Dinas audience (matplotlib: the ``plot`` extra).

Each function takes the batch (or a table of :mod:`~adminduk_delivery.analysis`) and returns a
``matplotlib.figure.Figure``; none writes a file or shows a window: save it with
``figure.savefig(path)`` where your application decides. Labels are Indonesian by default
(``language="en"`` for English), from the one label table of :mod:`~adminduk_delivery.labels`.

- :func:`received_per_day`: the cumulative share of documents received (delivered or
  collected) per working day, with the SLA's due day and, given a completion forecast, its
  P10-P90 band;
- :func:`received_by_district`: the received rate per district, with the counts, on an axis
  that shows the differences;
- :func:`failure_reasons_by_district`: failed attempts per district, by reason;
- :func:`village_map`: the villages (their packaged points) coloured by received rate.

matplotlib is imported when a function is first called, never by the rest of the library.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections import Counter
from typing import TYPE_CHECKING, Any, Final

from . import analysis, regions
from ._convert import checked, date_value
from .batches import Batch
from .errors import MissingDependency
from .labels import Language, checked_language, label
from .policy import Policy
from .shipments import FailureReason
from .simulation import CompletionForecast

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = [
    "failure_reasons_by_district",
    "received_by_district",
    "received_per_day",
    "village_map",
]

_TEXT: Final[dict[str, tuple[str, str]]] = {
    "received_title": (
        "Dokumen diterima per hari kerja",
        "Documents received per working day",
    ),
    "received_axis": ("dokumen diterima (kumulatif)", "documents received (cumulative)"),
    "day": ("hari", "day"),
    "sla": ("batas SLA", "SLA due"),
    "forecast": ("perkiraan selesai (P10-P90)", "forecast completion (P10-P90)"),
    "p50": ("perkiraan selesai (P50)", "forecast completion (P50)"),
    "district_title": ("Tingkat diterima per kecamatan", "Received rate by district"),
    "rate": ("diterima (%)", "received (%)"),
    "reasons_title": ("Alasan gagal antar per kecamatan", "Failed attempts by district, by reason"),
    "attempts": ("percobaan gagal", "failed attempts"),
    "map_title": ("Tingkat diterima per desa/kelurahan", "Received rate by village"),
    "lon": ("bujur", "longitude"),
    "lat": ("lintang", "latitude"),
}


def _text(key: str, language: Language) -> str:
    return _TEXT[key][0 if language == "id" else 1]


def _pyplot() -> Any:
    try:
        importlib.import_module("matplotlib")
    except ImportError as exc:
        raise MissingDependency(
            "plots need matplotlib: pip install 'adminduk-delivery[plot]'", extra="plot"
        ) from exc
    return importlib.import_module("matplotlib.figure")


def _figure(size: tuple[float, float]) -> Figure:
    figure_module = _pyplot()
    figure: Figure = figure_module.Figure(figsize=size, layout="constrained")
    return figure


def received_per_day(
    batch: Batch,
    *,
    policy: Policy,
    handed_over: dt.date,
    forecast: CompletionForecast | None = None,
    language: Language = "id",
) -> Figure:
    """The cumulative share of the batch's documents received (delivered or collected), day
    by day from the handover to the last event, with the SLA's due day and, given a
    completion forecast, its P10-P90 band and P50 line.

    Args:
        batch: the batch with its events.
        policy: the programme (for the SLA and its calendar).
        handed_over: the handover day.
        forecast: a :func:`~adminduk_delivery.simulation.forecast_completion` result.
        language: ``"id"`` or ``"en"``.

    Returns:
        The figure.

    Raises:
        MissingDependency: matplotlib is not installed.
        InvalidType: arguments of the wrong type.
        ValidationError: an unknown language.
    """
    batch = checked(batch, Batch, field="batch")
    policy = checked(policy, Policy, field="policy")
    start = date_value(handed_over, field="handed_over")
    language = checked_language(language)
    if forecast is not None:
        forecast = checked(forecast, CompletionForecast, field="forecast")
    received_on: Counter[dt.date] = Counter()
    last = start
    for shipment in batch.shipments:
        for event in shipment.events:
            last = max(last, event.at.date())
        final = shipment.events[-1] if shipment.events else None
        if final is not None and final.status.received:
            received_on[final.at.date()] += len(shipment.documents)
    total = max(1, len(batch.documents))
    days = [start]
    while days[-1] < last:
        days.append(days[-1] + dt.timedelta(days=1))
    shares, running = [], 0
    for day in days:
        running += received_on[day]
        shares.append(100 * running / total)
    figure = _figure((8, 4.5))
    num = importlib.import_module("matplotlib.dates").date2num  # dates as matplotlib's numbers
    axes = figure.add_subplot()
    axes.step(num(days), shares, where="post", color="#1f6f8b", linewidth=2)
    due = policy.calendar.add_working_days(start, policy.sla_working_days)
    axes.axvline(num(due), color="#b03a2e", linestyle="--", label=_text("sla", language))
    if forecast is not None and forecast.p10 is not None and forecast.p90 is not None:
        axes.axvspan(
            num(forecast.p10),
            num(forecast.p90 + dt.timedelta(days=1)),
            color="#f0b27a",
            alpha=0.35,
            label=_text("forecast", language),
        )
        if forecast.p50 is not None:
            axes.axvline(num(forecast.p50), color="#ca6f1e", label=_text("p50", language))
    axes.xaxis_date()
    axes.set_ylim(0, 100)
    axes.set_ylabel("%  " + _text("received_axis", language))
    axes.set_xlabel(_text("day", language))
    axes.set_title(_text("received_title", language))
    axes.grid(alpha=0.3)
    axes.legend(loc="lower right")
    figure.autofmt_xdate()
    return figure


def received_by_district(summary: analysis.Summary, *, language: Language = "id") -> Figure:
    """The received rate per district as horizontal bars, lowest first, each with its
    received and total documents; the axis spans the data (not 0-100%) so that the
    differences show.

    Args:
        summary: an :func:`~adminduk_delivery.analysis.summarize` result.
        language: ``"id"`` or ``"en"``.

    Returns:
        The figure.

    Raises:
        MissingDependency: matplotlib is not installed.
        InvalidType: ``summary`` is not a summary.
        ValidationError: an unknown language.
    """
    summary = checked(summary, analysis.Summary, field="summary")
    language = checked_language(language)
    rows = sorted(
        (r for r in summary.by_district if r["documents"]),
        key=lambda r: (r["received_rate"] or 0.0, r["name"]),
    )
    figure = _figure((8, max(3.0, 0.32 * len(rows) + 1.2)))
    axes = figure.add_subplot()
    rates = [100 * (r["received_rate"] or 0.0) for r in rows]
    names = [r["name"] for r in rows]
    axes.barh(names, rates, color="#1f6f8b")
    low = min(rates, default=0.0)
    floor = max(0.0, low - max(2.0, (100 - low) * 0.5))
    axes.set_xlim(floor, 100.0)
    for y, (rate, row) in enumerate(zip(rates, rows, strict=True)):
        received = row["delivered"] + row["collected"]
        axes.text(
            rate, y, f" {rate:.1f}%  ({received:,}/{row['documents']:,})", va="center", fontsize=8
        )
    axes.set_xlabel(_text("rate", language))
    axes.set_title(_text("district_title", language))
    axes.grid(axis="x", alpha=0.3)
    return figure


def failure_reasons_by_district(batch: Batch, *, language: Language = "id") -> Figure:
    """Failed attempts per district, stacked by reason (labels in ``language``), districts
    with the most failures first.

    Args:
        batch: the batch with its events.
        language: ``"id"`` or ``"en"``.

    Returns:
        The figure.

    Raises:
        MissingDependency: matplotlib is not installed.
        InvalidType: ``batch`` is not a batch.
        ValidationError: an unknown language.
    """
    batch = checked(batch, Batch, field="batch")
    language = checked_language(language)
    table = analysis.failure_reasons_by(batch, level="district", language=language)
    districts: dict[str, Counter[str]] = {}
    names: dict[str, str] = {}
    for row in table:
        districts.setdefault(row["code"], Counter())[row["reason"]] += row["failures"]
        names[row["code"]] = row["name"]
    order = sorted(districts, key=lambda c: (sum(districts[c].values()), names[c]))
    reasons = [r.value for r in FailureReason if any(d[r.value] for d in districts.values())]
    figure = _figure((9, max(3.0, 0.32 * len(order) + 1.5)))
    axes = figure.add_subplot()
    left = [0] * len(order)
    colours = importlib.import_module("matplotlib").colormaps["tab10"]
    for index, reason in enumerate(reasons):
        counts = [districts[c][reason] for c in order]
        axes.barh(
            [names[c] for c in order],
            counts,
            left=left,
            color=colours(index % 10),
            label=label(FailureReason(reason), language),
        )
        left = [a + b for a, b in zip(left, counts, strict=True)]
    axes.set_xlabel(_text("attempts", language))
    axes.set_title(_text("reasons_title", language))
    if reasons:
        axes.legend(fontsize=7, loc="lower right")
    axes.grid(axis="x", alpha=0.3)
    return figure


def village_map(summary: analysis.Summary, *, language: Language = "id") -> Figure:
    """The villages of the batch at their packaged points (the centre of each village's
    territory), coloured by received rate and sized by documents.

    Args:
        summary: an :func:`~adminduk_delivery.analysis.summarize` result.
        language: ``"id"`` or ``"en"``.

    Returns:
        The figure.

    Raises:
        MissingDependency: matplotlib is not installed.
        InvalidType: ``summary`` is not a summary.
        ValidationError: an unknown language.
    """
    summary = checked(summary, analysis.Summary, field="summary")
    language = checked_language(language)
    xs, ys, rates, sizes = [], [], [], []
    for row in summary.by_village:
        point = regions.point(row["village"])
        if point is None or not row["documents"]:
            continue
        ys.append(point[0])
        xs.append(point[1])
        rates.append(100 * (row["received_rate"] or 0.0))
        sizes.append(8 + 2 * row["documents"] ** 0.5)
    figure = _figure((7, 6))
    axes = figure.add_subplot()
    low = min(rates, default=0.0)
    shown = axes.scatter(
        xs, ys, c=rates, s=sizes, cmap="RdYlGn", vmin=max(0.0, low), vmax=100.0, alpha=0.85
    )
    figure.colorbar(shown, ax=axes, label=_text("rate", language))
    axes.set_xlabel(_text("lon", language))
    axes.set_ylabel(_text("lat", language))
    axes.set_title(_text("map_title", language))
    axes.set_aspect("equal", adjustable="datalim")
    return figure
