"""Sphinx configuration for the adminduk-delivery documentation."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import adminduk_delivery
from adminduk_delivery import analysis, plots, policy, shipments, simulation, synthetic

project = "adminduk-delivery"
author = "adminduk-delivery contributors"
copyright = "2026, adminduk-delivery contributors"
release = adminduk_delivery.__version__
version = release

extensions = [
    "myst_nb",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.doctest",
    "sphinxcontrib.mermaid",
]

# myst-nb reads Markdown (MyST) and notebooks, and executes the analysis notebook on build.
nb_execution_mode = "force"
nb_execution_raise_on_error = True
nb_execution_timeout = 300
exclude_patterns = ["_build", "_generated"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_typehints_format = "short"
autodoc_default_options = {"members": True, "undoc-members": False, "show-inheritance": True}
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_rtype = False
napoleon_use_ivar = True

html_theme = "furo"
html_title = "adminduk-delivery"
nitpicky = False


def _write_generated_pages() -> None:
    """Pages generated from the library's own tables, so that they cannot go stale."""
    out = Path(__file__).parent / "_generated"
    out.mkdir(exist_ok=True)
    diagram = "```{mermaid}\n" + shipments.lifecycle_mermaid() + "\n```\n"
    target = out / "lifecycle.md"
    if not target.exists() or target.read_text(encoding="utf-8") != diagram:
        target.write_text(diagram, encoding="utf-8")
    # The analysis notebook lives with the examples (CI runs it there); the docs render it.
    notebook = Path(__file__).parent.parent / "examples" / "bekasi_2020_analysis.ipynb"
    copy = Path(__file__).parent / "notebooks" / notebook.name
    copy.parent.mkdir(exist_ok=True)
    if notebook.exists() and (not copy.exists() or copy.read_bytes() != notebook.read_bytes()):
        copy.write_bytes(notebook.read_bytes())


def _draw_plots() -> None:
    """The plots of docs/analysis.md, drawn by the library from a simulated campaign of 5,000
    residents on every build (the PNG files are not kept in the repository)."""
    out = Path(__file__).parent / "_generated" / "plots"
    out.mkdir(parents=True, exist_ok=True)
    people = synthetic.population(5_000, regency="3216", seed=2020)
    adults = [r for r in people.residents if r.age(on=people.as_of) >= 17]
    start, midway = dt.date(2020, 3, 20), dt.date(2020, 3, 24)
    bekasi = policy.BEKASI_2020
    run = simulation.simulate(synthetic.batch(adults, seed=2020), policy=bekasi, start=start,
                              seed=2020, couriers_per_office=1)  # fmt: skip
    said = simulation.forecast_completion(run.batch.until(midway), policy=bekasi, start=midway,
                                          runs=10, seed=1, couriers_per_office=1)  # fmt: skip
    summary = analysis.summarize(run.batch, as_of=run.finished or midway, policy=bekasi,
                                 handed_over=start)  # fmt: skip
    figures = {
        "received_per_day": plots.received_per_day(run.batch, policy=bekasi, handed_over=start,
                                                   forecast=said),
        "received_by_district": plots.received_by_district(summary),
        "failure_reasons_by_district": plots.failure_reasons_by_district(run.batch,
                                                                         language="en"),
        "village_map": plots.village_map(summary),
    }  # fmt: skip
    for name, figure in figures.items():
        figure.savefig(out / f"{name}.png", dpi=90)


_write_generated_pages()
_draw_plots()
