"""Every public function and every public method of a public class documents its arguments,
its result and its errors (Google style: ``Args:``, ``Returns:``, ``Raises:``; ``Args:`` only
where it takes arguments), so that a reader of the API reference never has to read the code
to learn what a call raises."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable, Iterator

import adminduk_delivery

SECTIONS = ("Args:", "Returns:", "Raises:")


def _public_modules() -> Iterator[object]:
    yield adminduk_delivery
    for info in pkgutil.walk_packages(adminduk_delivery.__path__, "adminduk_delivery."):
        if any(part.startswith("_") for part in info.name.split(".")[1:]):
            continue
        try:
            yield importlib.import_module(info.name)
        except ImportError:  # on_dask without the dask extra: checked where it is installed
            continue


def _public_callables() -> dict[str, Callable[..., object]]:
    """Each public function and public method of a public class, once, by its home name."""
    found: dict[str, Callable[..., object]] = {}
    for module in _public_modules():
        names = getattr(module, "__all__", None) or [n for n in dir(module) if n[0] != "_"]
        for name in names:
            value = getattr(module, name, None)
            home = getattr(value, "__module__", "") or ""
            if not home.startswith("adminduk_delivery"):
                continue
            if inspect.isfunction(value):
                found.setdefault(f"{home}.{name}", value)
            elif inspect.isclass(value):
                for attribute, member in vars(value).items():
                    function = getattr(member, "__func__", member)
                    if attribute[0] != "_" and inspect.isfunction(function):
                        found.setdefault(f"{home}.{value.__name__}.{attribute}", function)
    return found


def _missing_sections(function: Callable[..., object]) -> list[str]:
    doc = inspect.getdoc(function) or ""
    takes = [p for p in inspect.signature(function).parameters if p not in ("self", "cls")]
    return [s for s in SECTIONS if s not in doc and (s != "Args:" or takes)]


def test_the_walk_finds_the_api():
    """The walk sees the public API (otherwise the test below checks nothing)."""
    found = _public_callables()
    assert len(found) > 150
    assert "adminduk_delivery.nik.validate" in found
    assert "adminduk_delivery.workdays.WorkCalendar.add_working_days" in found
    assert _missing_sections(lambda value: value) == list(SECTIONS)


def test_every_public_function_documents_args_returns_and_raises():
    """Google-style sections in every public docstring."""
    missing = {
        name: lacking
        for name, function in _public_callables().items()
        if (lacking := _missing_sections(function))
    }
    assert not missing, missing
