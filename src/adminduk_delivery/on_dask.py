"""The national steps on Dask (the ``dask`` extra: dask and distributed).

A thin layer over :mod:`adminduk_delivery.national`: a Dask bag of regencies, one
:func:`~adminduk_delivery.national.regency_campaign` per regency inside the partitions (the
data are generated where they are used, never on the driver), and a tree reduction of the
results with :func:`~adminduk_delivery.national.combine`. Dask does the scheduling; this
module schedules nothing itself. Because each regency's stream comes from the national seed
and its code, and the combination is associative, the national result is the same for any
number of partitions or workers.

The rest of the library never imports this module or Dask.

.. code-block:: python

    from adminduk_delivery import on_dask

    bag = on_dask.regencies(20_000, seed=1, npartitions=64)   # (regency, documents) pairs
    results = on_dask.campaigns(bag, seed=1)                 # runs inside the partitions
    country = on_dask.combined(results).compute()            # a tree reduction
    country.summary.report("en")

See docs/national.md and ``examples/national.py`` for a run on a ``LocalCluster``.
"""

from __future__ import annotations

import gc
import importlib
from collections.abc import Iterable
from typing import Any

from . import national
from ._convert import whole_number
from .errors import MissingDependency

__all__ = ["campaigns", "combined", "prepared_workers", "regencies", "table"]


def _module(name: str) -> Any:
    try:
        return importlib.import_module(name)
    except ImportError as exc:
        raise MissingDependency(
            "the national steps on Dask need dask and distributed: "
            "pip install 'adminduk-delivery[dask]'",
            extra="dask",
        ) from exc


def _bag_module() -> Any:
    return _module("dask.bag")


_WORKER_GC_THRESHOLD = 10_000
"""The garbage collector's first threshold on a prepared worker (Python's default is 700):
net allocations between collections of the youngest generation."""


def _prepare_worker() -> int:
    """Load the library's reference data and tables in this process (one small campaign,
    simulated, touches them all), move every object alive now out of the garbage collector's
    reach (:func:`gc.freeze`), and collect less often (:data:`_WORKER_GC_THRESHOLD`).
    Returns how many objects were frozen."""
    first = next(iter(national.regency_sizes(1)))
    national.regency_campaign(first, 1, seed=0)
    gc.collect()
    gc.freeze()
    youngest, middle, oldest = gc.get_threshold()
    gc.set_threshold(max(youngest, _WORKER_GC_THRESHOLD), middle, oldest)
    return gc.get_freeze_count()


def prepared_workers() -> Any:
    """A worker plugin that readies each Dask worker for the national steps, for
    ``client.register_plugin(on_dask.prepared_workers())``.

    On each worker (and on any that joins later) it loads the library's reference data,
    which the first task would otherwise load, then freezes the garbage collector's view of
    the objects alive at that point (:func:`gc.freeze`): the worker's own and the reference
    tables; and it raises the collector's first threshold from Python's 700 to 10,000 net
    allocations. Python's garbage collector walks every live object on each full
    collection. A campaign makes hundreds of thousands of objects that live until its end,
    and with the defaults a full collection came every quarter of growth: in a worker
    process, which holds many objects of its own, the collections were about a sixth of the
    time, and in a regency of 80,000 documents a fifth. Frozen objects are never collected,
    which is what a worker's startup objects and the reference tables need. Reference
    counting still frees every object as soon as it is dropped; only reference cycles wait
    a little longer for a collection. Results are unchanged.

    This changes the worker process's garbage collector: use it on workers that run these
    steps, not on a shared process that must keep its own settings.

    Returns:
        A ``distributed.WorkerPlugin``.

    Raises:
        MissingDependency: distributed is not installed.
    """
    plugin_base = _module("distributed").WorkerPlugin

    class PreparedWorker(plugin_base):  # type: ignore[misc, valid-type]
        """Loads the reference data and freezes the objects alive after it."""

        name = "adminduk-delivery-prepared-worker"

        def setup(self, worker: Any) -> None:
            _prepare_worker()

    return PreparedWorker()


def regencies(
    total: int,
    *,
    seed: int,
    regencies: Iterable[str] | None = None,
    npartitions: int | None = None,
) -> Any:
    """A Dask bag of ``(regency code, documents)``, the documents shared by
    :func:`~adminduk_delivery.national.regency_sizes`, largest regencies spread over the
    partitions.

    Args:
        total: the national number of documents.
        seed: the national seed (not used here; taken so that a call reads as the run it
            starts).
        regencies: regency codes (default: all 514).
        npartitions: the bag's partitions (default: one per 8 regencies).

    Returns:
        A ``dask.bag.Bag``.

    Raises:
        MissingDependency: dask is not installed.
        ValidationError: bad counts or codes.
    """
    whole_number(seed, field="seed", maximum=2**63)
    sizes = national.regency_sizes(total, regencies=regencies)
    items = sorted(sizes.items(), key=lambda kv: (-kv[1], kv[0]))
    parts = npartitions or max(1, len(items) // 8)
    parts = whole_number(parts, field="npartitions", minimum=1, maximum=100_000)
    # Deal the regencies round-robin, largest first, so that partitions weigh about the same.
    dealt = [items[k::parts] for k in range(parts)]
    ordered = [item for part in dealt for item in part]
    return _bag_module().from_sequence(ordered, npartitions=min(parts, max(1, len(ordered))))


def _campaign(item: tuple[str, int], seed: int, kwargs: dict[str, Any]) -> national.RegencyResult:
    code, documents = item
    return national.regency_campaign(code, documents, seed=seed, **kwargs)


def campaigns(bag: Any, *, seed: int, **kwargs: Any) -> Any:
    """Each regency's campaign, run inside the partitions.

    Args:
        bag: a bag from :func:`regencies`.
        seed: the national seed.
        **kwargs: passed to :func:`~adminduk_delivery.national.regency_campaign`
            (``as_of``, ``simulate``, ``couriers_per_office``, ...).

    Returns:
        A bag of :class:`~adminduk_delivery.national.RegencyResult`.

    Raises:
        ValidationError: a bad seed.
    """
    whole_number(seed, field="seed", maximum=2**63)
    return bag.map(_campaign, seed=seed, kwargs=kwargs)


def _combine_chunk(results: Iterable[national.RegencyResult]) -> national.NationalResult:
    return national.combine(results)


def combined(results: Any, *, split_every: int = 8) -> Any:
    """The national result, by a tree reduction of the regencies' results (each partition
    combined, then the partial results in groups of ``split_every``).

    Args:
        results: a bag from :func:`campaigns`.
        split_every: how many partial results each step of the tree combines.

    Returns:
        A ``dask.bag.Item`` of :class:`~adminduk_delivery.national.NationalResult`
        (``.compute()`` it).

    Raises:
        ValidationError: a ``split_every`` below 2.
    """
    split_every = whole_number(split_every, field="split_every", minimum=2, maximum=10_000)
    return results.reduction(_combine_chunk, _combine_chunk, split_every=split_every)


def _records(results: Iterable[national.RegencyResult]) -> list[dict[str, Any]]:
    return [r.record() for r in results]


def table(results: Any) -> Any:
    """One record per regency (:meth:`~adminduk_delivery.national.RegencyResult.record`),
    as a bag; ``.compute()`` gives the list, in the bag's order.

    Args:
        results: a bag from :func:`campaigns`.

    Returns:
        A ``dask.bag.Bag`` of dicts.

    Raises:
        Nothing.
    """
    return results.map_partitions(_records)
