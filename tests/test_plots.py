"""Plots: figures returned, never written; labels in the reader's language."""

from __future__ import annotations

import datetime as dt

import pytest

from adminduk_delivery import analysis, policy, simulation, synthetic
from adminduk_delivery.errors import ValidationError

pytest.importorskip("matplotlib")

from adminduk_delivery import plots

START = dt.date(2020, 3, 20)


@pytest.fixture(scope="module")
def campaign():
    people = synthetic.population(600, regency="3216", seed=3)
    adults = [r for r in people.residents if r.age(on=people.as_of) >= 17]
    run = simulation.simulate(synthetic.batch(adults, seed=3), policy=policy.BEKASI_2020,
                              start=START, seed=3, couriers_per_office=1)  # fmt: skip
    summary = analysis.summarize(run.batch, as_of=run.finished, policy=policy.BEKASI_2020,
                                 handed_over=START)  # fmt: skip
    return run, summary


def _texts(figure):
    axes = figure.axes[0]
    texts = [axes.get_title(), axes.get_xlabel(), axes.get_ylabel()]
    texts += [t.get_text() for t in axes.get_yticklabels()]
    legend = axes.get_legend()
    if legend is not None:
        texts += [t.get_text() for t in legend.get_texts()]
    return texts


def test_received_per_day_has_the_sla_and_the_forecast(campaign, tmp_path):
    run, _summary = campaign
    midway = run.days[1].day
    standing = run.batch.until(midway)
    forecast = simulation.forecast_completion(standing, policy=policy.BEKASI_2020, start=midway,
                                              runs=4, couriers_per_office=1)  # fmt: skip
    figure = plots.received_per_day(run.batch, policy=policy.BEKASI_2020, handed_over=START,
                                    forecast=forecast)  # fmt: skip
    texts = _texts(figure)
    assert "batas SLA" in texts
    assert "perkiraan selesai (P10-P90)" in texts
    steps = list(figure.axes[0].lines[0].get_ydata())
    report = run.batch.reconcile()
    assert steps[-1] == pytest.approx(100 * (report.delivered + report.collected) / report.total)
    assert steps == sorted(steps)
    assert not list(tmp_path.iterdir())  # nothing written


def test_district_bars_show_counts_and_differences(campaign):
    _run, summary = campaign
    figure = plots.received_by_district(summary, language="en")
    axes = figure.axes[0]
    low, high = axes.get_xlim()
    assert high == 100.0
    assert low > 0.0  # the axis spans the data, so that 96% and 98% look different
    labels = [t.get_text() for t in axes.texts]
    assert all("%" in t and "/" in t for t in labels)
    assert axes.get_title() == "Received rate by district"


def test_failure_reasons_are_labelled_in_the_language(campaign):
    run, _summary = campaign
    indonesian = _texts(plots.failure_reasons_by_district(run.batch))
    assert "penerima tidak di tempat" in indonesian
    english = _texts(plots.failure_reasons_by_district(run.batch, language="en"))
    assert "recipient absent" in english
    assert not any("_" in t for t in indonesian + english)


def test_village_map_and_bad_language(campaign):
    _run, summary = campaign
    figure = plots.village_map(summary)
    assert figure.axes[0].collections[0].get_offsets().shape[0] > 10
    with pytest.raises(ValidationError):
        plots.village_map(summary, language="fr")  # type: ignore[arg-type]
