"""The package's layout rules (DESIGN.md), checked on its source: no module reaches into
another's private names.

A module's private names (a leading underscore) are its own. What several modules share lives
in a private module (``_convert``, ``_identifiers``, ``_region_words``...), whose names without
an underscore any module may import, or in a public function. ``routing/`` is one module of
the map, in several files.
"""

from __future__ import annotations

import ast
import pathlib

import adminduk_delivery

PACKAGE = pathlib.Path(adminduk_delivery.__file__).parent


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def _unit(module: str) -> str:
    """The module of DESIGN.md's map a file belongs to: a package's files are one."""
    return module.split("/", maxsplit=1)[0]


def _is_module(path: str) -> bool:
    return (PACKAGE / f"{path}.py").exists() or (PACKAGE / path / "__init__.py").exists()


def _imported_from(node: ast.ImportFrom, module: str) -> str | None:
    """The package path (``"routing/_model"``) an ``import from`` reads, or ``None`` for
    another distribution."""
    if node.level:
        parts = module.split("/")[:-1]
        parts = parts[: len(parts) - (node.level - 1)]
        return "/".join([*parts, *(node.module.split(".") if node.module else [])])
    if node.module and node.module.split(".")[0] == "adminduk_delivery":
        return "/".join(node.module.split(".")[1:])
    return None


def reaches(source: str, module: str) -> list[str]:
    """The private names of other modules that ``source`` (the text of ``module``, a path
    in the package without ``.py``) imports or reads as an attribute of an imported module."""
    tree = ast.parse(source)
    found: list[str] = []
    modules: dict[str, str] = {}  # a local name bound to a module of the package
    for node in ast.walk(tree):
        if not isinstance(node, ast.ImportFrom):
            continue
        origin = _imported_from(node, module)
        if origin is None:
            continue
        for alias in node.names:
            path = f"{origin}/{alias.name}".strip("/")
            if _is_module(path):
                modules[alias.asname or alias.name] = path
            elif _private(alias.name) and _unit(origin) != _unit(module):
                found.append(f"{origin}.{alias.name}")
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and _private(node.attr)
            and isinstance(node.value, ast.Name)
            and node.value.id in modules
        ):
            owner = modules[node.value.id]
            if _unit(owner) != _unit(module) and not _is_module(f"{owner}/{node.attr}"):
                found.append(f"{owner}.{node.attr}")
    return found


def test_no_module_reaches_into_another_modules_private_names():
    """Every file of the package, parsed: a private name of another module is a finding."""
    findings = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = path.relative_to(PACKAGE).with_suffix("").as_posix()
        findings += [f"{module}: {name}" for name in reaches(path.read_text("utf-8"), module)]
    assert findings == []


def test_the_check_finds_each_way_of_reaching():
    """The check is not blind: each form of reaching in is found, sharing is not."""
    source = (
        "from . import regions as _regions\n"
        "from .shipments import Shipment, _distinct\n"
        "from .routing import _search\n"
        "from adminduk_delivery.routing._model import _household_stop\n"
        "from ._convert import flag\n"
        "x = _regions._registry()\n"
        "y = _search._length\n"
    )
    assert sorted(reaches(source, "simulation")) == [
        "regions._registry",
        "routing/_model._household_stop",
        "routing/_search._length",
        "shipments._distinct",
    ]
    inside = "from adminduk_delivery.routing._model import _checked_point\n"
    assert reaches(inside, "routing/_distances") == []
