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


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_earlier_spellings_hold_the_extraction_rules():
    """Every packaged earlier spelling is of a current code, alike its current name once
    abbreviations and numbers are written out, not a current name of its level in the same
    parent, and not shared by two codes of that parent (the rules of
    scripts/extract_former_spellings.py, checked on the committed table, which needs no
    archive)."""
    from adminduk_delivery import regions

    extract = _load("extract_former_spellings")
    data = resources.files("adminduk_delivery") / "_data"
    lines = (data / "spellings.tsv").read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines if not line.startswith("#")]
    assert len(rows) == 1381
    common = extract.common_words(regions.get(code).name for code in regions.codes())
    seen: dict[tuple[str, str], str] = {}
    for code, name, editions in rows:
        region = regions.get(code)
        assert not region.retired
        assert name in region.former_names
        assert extract._alike(name, region.name, common), (code, name)
        assert editions
        assert set(editions.split()) <= set(extract.EDITIONS.values())
        key, parent = extract._key(code, name), extract._parent(code)
        siblings = (
            regions.children(parent)
            if parent
            else [regions.get(c) for c in regions.codes("province")]
        )
        assert all(extract._key(s.code, s.name) != key for s in siblings), (code, name)
        assert seen.setdefault((parent, key), code) == code, (code, name)
