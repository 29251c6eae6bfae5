"""The packaged data is exactly what scripts/build_data.py builds from ../shared/data."""

from __future__ import annotations

import importlib.util
import os
from importlib import resources
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "build_data.py"
SOURCE = Path(os.environ.get("ADMINDUK_SOURCE_DATA") or ROOT.parent / "shared" / "data" / "wilayah")


def _load_script():
    spec = importlib.util.spec_from_file_location("build_data", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def built() -> dict[str, str]:
    if not SOURCE.is_dir() or not SCRIPT.is_file():
        if os.environ.get("ADMINDUK_REQUIRE_SOURCE_DATA"):
            pytest.fail(f"source data missing at {SOURCE} (ADMINDUK_REQUIRE_SOURCE_DATA is set)")
        pytest.skip("the upstream data in ../shared/data is not next to this checkout")
    return _load_script().build(SOURCE)


def test_packaged_files_match_a_fresh_build(built):
    """Every packaged file is byte-for-byte what the script writes today."""
    data = resources.files("adminduk_delivery") / "_data"
    for name, text in built.items():
        assert (data / name).read_text(encoding="utf-8") == text, name


def test_build_keeps_every_row(built):
    """No row of the source files is lost in the compact copy."""
    import csv

    with (SOURCE / "regions.csv").open(encoding="utf-8", newline="") as handle:
        source_codes = {row["code"] for row in csv.DictReader(handle)}
    body = [line for line in built["regions.tsv"].splitlines() if not line.startswith("#")]
    assert {line.split("\t")[0] for line in body} == source_codes
    hist = [line for line in built["historical.tsv"].splitlines() if not line.startswith("#")]
    assert len(hist) == 7878


def test_provenance_header_names_sources_and_licence():
    """The packaged files carry their sources, regulation and licence."""
    data = resources.files("adminduk_delivery") / "_data"
    header = (data / "regions.tsv").read_text(encoding="utf-8").split("\n", 20)[:15]
    text = "\n".join(header)
    assert "cahyadsn/wilayah" in text
    assert "300.2.2-2138" in text
    assert "MIT" in text
    notice = (data / "NOTICE").read_text(encoding="utf-8")
    assert "Cahya DSN" in notice
